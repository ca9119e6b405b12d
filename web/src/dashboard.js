// 管理看板: today's live figures per hall (waiting, windows serving and paused, longest wait), the
// service-quality bulletin (服务质量通报) of a period with charts, its CSV/XLSX downloads, and
// drill-down from a window, department or staff row.
import './lib/base.css';
import './dashboard.css';
import { authHeaders, connect, credentials } from './lib/api.js';
import { barChart, lineChart } from './lib/charts.js';
import { BULLETIN, DRILL_STAFF, DRILL_WINDOW, LIVE_HALL, ME, WAITING_TICKETS } from './lib/documents.js';
import { h, mount, param } from './lib/dom.js';
import { addDays, formatPercent, lang, languageSwitch, localDate, t } from './lib/i18n.js';
import { signInForm } from './lib/signin.js';

const T = {
  title: { zh: '管理看板', en: 'Dashboard' }, signIn: { zh: '大厅管理人员登录', en: 'Hall office sign-in' }, signOut: { zh: '退出', en: 'Sign out' },
  live: { zh: '今日实时', en: 'Today, live' }, waiting: { zh: '等候人数', en: 'Waiting' }, serving: { zh: '服务中窗口', en: 'Windows serving' },
  beingServed: { zh: '正在办理', en: 'Being served' }, called: { zh: '已叫号未到', en: 'Called, not yet at the desk' },
  brief: { zh: '请您稍候', en: 'Back shortly' }, paused: { zh: '暂停服务窗口', en: 'Windows suspended' }, longest: { zh: '最长等候', en: 'Longest wait' },
  minutes: { zh: '分钟', en: ' min' }, bulletin: { zh: '服务质量通报', en: 'Service-quality bulletin' }, from: { zh: '起始日', en: 'From' }, to: { zh: '截止日', en: 'To' },
  show: { zh: '查询', en: 'Show' }, csv: { zh: '下载 CSV', en: 'Download CSV' }, xlsx: { zh: '下载 Excel', en: 'Download XLSX' },
  WINDOW: { zh: '按窗口', en: 'By window' }, DEPARTMENT: { zh: '按部门', en: 'By department' }, STAFF: { zh: '按人员', en: 'By staff' },
  satisfaction: { zh: '满意率', en: 'Satisfaction' }, ratingRate: { zh: '评价率', en: 'Rating rate' }, target: { zh: '目标', en: 'target' },
  cases: { zh: '办件量', en: 'Cases' }, completed: { zh: '办结量', en: 'Completed' }, overdue: { zh: '超时件', en: 'Overdue' },
  people: { zh: '服务人次', en: 'People served' }, ratings: { zh: '评价数', en: 'Ratings' }, praise: { zh: '表扬', en: 'Praise' },
  complaints: { zh: '投诉', en: 'Complaints' }, name: { zh: '对象', en: 'Subject' }, trend: { zh: '近六个月趋势', en: 'Six-month trend' },
  satByWindow: { zh: '各窗口满意率', en: 'Satisfaction by window' }, satByDept: { zh: '各部门满意率', en: 'Satisfaction by department' },
  rateByWindow: { zh: '各窗口评价率（红线为目标）', en: 'Rating rate by window (red: target)' }, overdueByWindow: { zh: '各窗口超时件', en: 'Overdue cases by window' },
  details: { zh: '明细', en: 'Details' }, drill: { zh: '查看', en: 'Open' }, staffNo: { zh: '工号', en: 'No.' }, missing: { zh: '请在地址中指定大厅（?hall=…）', en: 'Name the hall in the address (?hall=…)' },
  noAccess: { zh: '无权查看本厅通报', en: 'You may not read this hall’s bulletin' },
};

const hallId = param('hall');
const api = connect({ identity: 'person' });
const today = localDate();
const state = { user: null, live: [], from: `${today.slice(0, 8)}01`, to: today, tab: 'WINDOW', bulletin: {}, trend: null, drill: null, error: null };

function figure(name, value, { metric, cls = '', display } = {}) {
  return h('div', { class: `figure ${cls}`, dataset: { metric, value: typeof value === 'number' ? String(value) : undefined } },
    h('div', { class: 'value' }, display ?? value ?? '—'), h('div', { class: 'name' }, name));
}

async function liveFigures(id) {
  const { hall } = await api.query(LIVE_HALL, { hall: id });
  const lists = await Promise.all(hall.windows.map((w) => api.query(WAITING_TICKETS, { window: w.id, first: 100 })));
  const waiting = new Map();
  for (const list of lists) for (const ticket of list.waitingTickets) waiting.set(ticket.id, ticket);
  const oldest = Math.min(...[...waiting.values()].map((tk) => Date.parse(tk.issuedAt)));
  return {
    hall, waiting: waiting.size,
    beingServed: hall.windows.filter((w) => w.currentTicket?.status === 'SERVING').length,
    called: hall.windows.filter((w) => w.currentTicket?.status === 'CALLED').length,
    serving: hall.windows.filter((w) => w.status === 'SERVING').length,
    brief: hall.windows.filter((w) => w.status === 'BRIEF_ABSENCE').length,
    paused: hall.windows.filter((w) => w.status === 'SUSPENDED').length,
    longest: waiting.size ? Math.max(0, Math.round((Date.now() - oldest) / 60000)) : 0,
  };
}

async function loadLive() {
  const main = await liveFigures(hallId);
  const subs = await Promise.all(main.hall.subHalls.map((s) => liveFigures(s.id)));
  state.live = [main, ...subs];
}

async function loadBulletin() {
  state.error = null;
  const scopes = ['HALL', 'WINDOW', 'DEPARTMENT', 'STAFF'];
  try {
    const answers = await Promise.all(scopes.map((groupBy) => api.query(BULLETIN, { hall: hallId, from: state.from, to: state.to, groupBy })));
    state.bulletin = Object.fromEntries(answers.map((a, i) => [scopes[i], a.serviceBulletin]));
    const months = [5, 4, 3, 2, 1, 0].map((back) => {
      const d = new Date(`${state.to.slice(0, 7)}-15T12:00:00+08:00`);
      d.setUTCMonth(d.getUTCMonth() - back);
      const first = `${localDate(d).slice(0, 8)}01`;
      const next = new Date(`${first}T12:00:00+08:00`); next.setUTCMonth(next.getUTCMonth() + 1);
      return { label: first.slice(0, 7), from: first, to: addDays(localDate(next), -1) };
    });
    const trend = await Promise.all(months.map((m) => api.query(BULLETIN, { hall: hallId, from: m.from, to: m.to, groupBy: 'HALL' })));
    state.trend = { labels: months.map((m) => m.label), rows: trend.map((a) => a.serviceBulletin.rows[0]) };
  } catch (err) {
    state.error = err.message;
  }
}

async function download(format) {
  const query = new URLSearchParams({ hallId, from: state.from, to: state.to, groupBy: state.tab.toLowerCase() });
  const response = await fetch(`/exports/bulletin.${format}?${query}`, { headers: authHeaders('person') });
  if (!response.ok) { state.error = (await response.json()).message; render(); return; }
  const blob = await response.blob();
  const link = h('a', { href: URL.createObjectURL(blob), download: `bulletin-${state.from}-${state.to}-${state.tab.toLowerCase()}.${format}` });
  document.body.append(link);
  link.click();
  link.remove();
}

/** A bulletin row's identity: rows are new objects after every reload, a drill-down stays open across them. */
const rowKey = (row) => `${row.subjectKind}:${row.subjectId ?? row.subjectName}`;
const drilled = (row) => !!state.drill && rowKey(state.drill.row) === rowKey(row);

async function drill(row) {
  if (drilled(row)) { state.drill = null; render(); return; }
  let detail = null;
  if (row.subjectId && row.subjectKind === 'WINDOW') detail = (await api.query(DRILL_WINDOW, { id: row.subjectId })).node;
  if (row.subjectId && row.subjectKind === 'STAFF') detail = (await api.query(DRILL_STAFF, { id: row.subjectId })).node;
  state.drill = { row, detail };
  render();
  document.querySelector('[data-testid=drill]')?.scrollIntoView({ block: 'center' });
}

function drillRow(row, detail) {
  const parts = [
    `${t(T.people)} ${row.peopleServed}`, `${t(T.completed)} ${row.completedCases}`, `${t(T.ratings)} ${row.ratings}`,
    `${t(T.praise)} ${row.praise}`, `${t(T.complaints)} ${row.complaints}`,
    `${t(T.satisfaction)} ${row.satisfaction.numerator}/${row.satisfaction.denominator}`, `${t(T.ratingRate)} ${row.ratingRate.numerator}/${row.ratingRate.denominator}`,
  ];
  if (detail?.staff && Array.isArray(detail.staff)) parts.push(detail.staff.map((s) => `${s.roleLabel} ${s.staff.name}（${s.staff.staffNumber}）`).join('、'), detail.statusLabel);
  if (detail?.staffNumber) parts.push(`${t(T.staffNo)} ${detail.staffNumber}`, detail.department.name, detail.statusLabel, detail.windows.map((w) => `${w.window.number} ${w.roleLabel}`).join('、'));
  return h('tr', { class: 'drill', dataset: { testid: 'drill' } }, h('td', { colspan: 7 }, parts.filter(Boolean).join(' · ')));
}

function rowsTable(bulletin) {
  const head = [t(T.name), t(T.cases), t(T.overdue), t(T.satisfaction), t(T.ratingRate), t(T.ratings), ''];
  return h('table', { dataset: { testid: 'bulletin-rows' } },
    h('thead', {}, h('tr', {}, head.map((c, i) => h('th', { class: i && i < 6 ? 'num' : '' }, c)))),
    h('tbody', {}, bulletin.rows.flatMap((row) => {
      const tr = h('tr', { dataset: { subject: row.subjectName } },
        h('td', {}, row.subjectName), h('td', { class: 'num' }, row.cases), h('td', { class: 'num' }, row.overdueCases),
        h('td', { class: 'num' }, formatPercent(row.satisfaction.value)), h('td', { class: 'num' }, formatPercent(row.ratingRate.value)),
        h('td', { class: 'num' }, row.ratings),
        h('td', {}, h('button', { type: 'button', class: 'secondary', 'aria-expanded': String(drilled(row)), onClick: () => drill(row) }, t(T.drill))));
      return drilled(row) ? [tr, drillRow(row, state.drill.detail)] : [tr];
    })));
}

function render() {
  const app = document.getElementById('app');
  const top = h('header', { class: 'topbar' }, h('h1', {}, t(T.title)),
    state.user ? h('span', { class: 'who' }, state.user.displayName) : null,
    state.user ? h('button', { type: 'button', class: 'secondary', onClick: () => { credentials.token = ''; location.reload(); } }, t(T.signOut)) : null, languageSwitch());
  if (!state.user) { mount(app, top, h('main', { class: 'page' }, signInForm(api, onSignedIn, t(T.signIn)))); return; }
  const b = state.bulletin;
  const hallRow = b.HALL?.rows?.[0];
  const target = b.HALL?.ratingRateTarget;
  const pct = (v) => formatPercent(v);
  const live = h('section', { class: 'card', 'aria-labelledby': 'live-title' }, h('h2', { id: 'live-title' }, t(T.live)),
    state.live.map((f) => h('div', { class: 'live-hall', dataset: { hall: f.hall.id } }, h('h3', {}, f.hall.name), h('div', { class: 'figures' },
      figure(t(T.waiting), f.waiting, { metric: 'waiting' }), figure(t(T.beingServed), f.beingServed, { metric: 'beingServed' }),
      figure(t(T.called), f.called, { metric: 'called' }), figure(t(T.serving), f.serving, { metric: 'serving', cls: 'good' }),
      figure(t(T.brief), f.brief, { metric: 'brief' }), figure(t(T.paused), f.paused, { metric: 'paused', cls: f.paused ? 'bad' : '' }),
      figure(t(T.longest), f.longest, { metric: 'longest', display: `${f.longest}${t(T.minutes)}` })))));
  const fromInput = h('input', { type: 'date', id: 'from', value: state.from });
  const toInput = h('input', { type: 'date', id: 'to', value: state.to });
  const period = h('form', { class: 'period', onSubmit: async (e) => { e.preventDefault(); state.from = fromInput.value; state.to = toInput.value; state.drill = null; await loadBulletin(); render(); } },
    h('div', {}, h('label', { for: 'from' }, t(T.from)), fromInput), h('div', {}, h('label', { for: 'to' }, t(T.to)), toInput),
    h('button', { type: 'submit' }, t(T.show)),
    h('button', { type: 'button', class: 'secondary', dataset: { export: 'csv' }, onClick: () => download('csv') }, t(T.csv)),
    h('button', { type: 'button', class: 'secondary', dataset: { export: 'xlsx' }, onClick: () => download('xlsx') }, t(T.xlsx)));
  const summary = hallRow ? h('div', { class: 'figures', dataset: { testid: 'bulletin-summary' } },
    figure(t(T.people), hallRow.peopleServed, { metric: 'peopleServed' }), figure(t(T.cases), hallRow.cases, { metric: 'cases' }),
    figure(t(T.completed), hallRow.completedCases, { metric: 'completedCases' }),
    figure(t(T.overdue), hallRow.overdueCases, { metric: 'overdueCases', cls: hallRow.overdueCases ? 'bad' : '' }),
    figure(t(T.ratings), hallRow.ratings, { metric: 'ratings' }),
    h('div', { class: `figure ${hallRow.satisfaction.value != null ? 'good' : ''}`, dataset: { metric: 'satisfaction', value: String(hallRow.satisfaction.value) } }, h('div', { class: 'value' }, pct(hallRow.satisfaction.value)), h('div', { class: 'name' }, t(T.satisfaction))),
    h('div', { class: `figure ${hallRow.ratingRate.meetsTarget === false ? 'bad' : 'good'}`, dataset: { metric: 'ratingRate', value: String(hallRow.ratingRate.value) } },
      h('div', { class: 'value' }, pct(hallRow.ratingRate.value)), h('div', { class: 'name' }, `${t(T.ratingRate)}（${t(T.target)} ${pct(target)}）`)),
    figure(t(T.complaints), hallRow.complaints, { metric: 'complaints' })) : null;
  const win = b.WINDOW?.rows || [];
  const charts = b.WINDOW ? h('div', { class: 'charts' },
    h('figure', {}, h('figcaption', {}, t(T.satByWindow)), barChart({ title: t(T.satByWindow), rows: win.map((r) => ({ label: r.subjectName, value: r.satisfaction.value })), max: 1, format: pct, color: '#1c7c3a' })),
    h('figure', {}, h('figcaption', {}, t(T.satByDept)), barChart({ title: t(T.satByDept), rows: (b.DEPARTMENT?.rows || []).map((r) => ({ label: r.subjectName, value: r.satisfaction.value })), max: 1, format: pct, color: '#1c7c3a' })),
    h('figure', {}, h('figcaption', {}, t(T.rateByWindow)), barChart({ title: t(T.rateByWindow), rows: win.map((r) => ({ label: r.subjectName, value: r.ratingRate.value, color: r.ratingRate.meetsTarget === false ? '#b3261e' : '#0b5cad' })), max: 1, target, format: pct })),
    h('figure', {}, h('figcaption', {}, t(T.overdueByWindow)), barChart({ title: t(T.overdueByWindow), rows: win.map((r) => ({ label: r.subjectName, value: r.overdueCases })), color: '#b3261e' })),
    state.trend ? h('figure', {}, h('figcaption', {}, t(T.trend)), lineChart({ title: t(T.trend), labels: state.trend.labels, format: pct, series: [
      { name: t(T.satisfaction), color: '#1c7c3a', points: state.trend.rows.map((r) => r?.satisfaction.value ?? null) },
      { name: t(T.ratingRate), color: '#0b5cad', points: state.trend.rows.map((r) => r?.ratingRate.value ?? null) },
    ] })) : null) : null;
  const tabs = h('div', { class: 'tabs', role: 'tablist' }, ['WINDOW', 'DEPARTMENT', 'STAFF'].map((tab) =>
    h('button', { type: 'button', role: 'tab', class: 'secondary', 'aria-selected': String(state.tab === tab), onClick: () => { state.tab = tab; state.drill = null; render(); } }, t(T[tab]))));
  mount(app, top, h('main', { class: 'page' }, live,
    h('section', { class: 'card', 'aria-labelledby': 'bulletin-title' }, h('h2', { id: 'bulletin-title' }, `${t(T.bulletin)} · ${b.HALL?.hall?.name || ''}`),
      period, state.error ? h('p', { class: 'alert', role: 'alert' }, state.error) : null, summary),
    charts ? h('section', { class: 'card' }, charts) : null,
    b[state.tab] ? h('section', { class: 'card', 'aria-labelledby': 'details-title' }, h('h2', { id: 'details-title' }, t(T.details)), tabs, rowsTable(b[state.tab])) : null));
}

async function onSignedIn(user) {
  state.user = user;
  await Promise.all([loadLive(), loadBulletin()]);
  render();
  document.body.dataset.ready = 'true';
  setInterval(async () => { await loadLive(); render(); }, 30000);
}

async function main() {
  document.title = t(T.title);
  if (!hallId) { mount(document.getElementById('app'), h('main', { class: 'page' }, h('p', { class: 'alert' }, t(T.missing)))); return; }
  if (credentials.token) {
    try {
      const me = (await api.query(ME)).me;
      if (me) { await onSignedIn(me); return; }
    } catch { /* sign in again */ }
    credentials.token = '';
  }
  render();
  document.body.dataset.ready = 'true';
}
main();
