// 窗口客户端: the signed-in window staff member's window — its queue (windowQueue subscription),
// call next / recall / transfer / no-show / start / finish, window status, accepting the case with its
// deadline. Every button is a real button; single-key shortcuts work outside form fields.
import './lib/base.css';
import './window.css';
import { connect, credentials, isError } from './lib/api.js';
import {
  CALL_NEXT, FINISH, ME, MY_WINDOWS, NO_SHOW, RECALL, SET_WINDOW_STATUS, START, TRANSFER, WAITING_TICKETS,
  WINDOW, WINDOW_CURRENT_TICKET, WINDOW_QUEUE_EVENTS,
} from './lib/documents.js';
import { h, mount, param } from './lib/dom.js';
import { formatDateTime, lang, languageSwitch, t } from './lib/i18n.js';
import { signInForm } from './lib/signin.js';

const T = {
  title: { zh: '窗口客户端', en: 'Window client' }, signOut: { zh: '退出', en: 'Sign out' },
  signInAs: { zh: '窗口工作人员登录', en: 'Window staff sign-in' },
  noWindow: { zh: '您没有在岗的窗口。', en: 'You hold no window.' },
  current: { zh: '当前办理', en: 'Current ticket' }, none: { zh: '暂无，按“叫号”叫下一位。', en: 'None: press Call next.' },
  callNext: { zh: '叫号', en: 'Call next' }, recall: { zh: '重呼', en: 'Recall' }, start: { zh: '开始办理', en: 'Start' },
  noShow: { zh: '过号', en: 'No-show' }, transfer: { zh: '转窗口', en: 'Transfer' }, finish: { zh: '办理完毕', en: 'Finish' },
  to: { zh: '转至窗口', en: 'To window' }, queue: { zh: '待叫号', en: 'Waiting' }, empty: { zh: '暂无等候', en: 'Nobody waiting' },
  status: { zh: '窗口状态', en: 'Window status' }, SERVING: { zh: '服务中', en: 'Serving' },
  BRIEF_ABSENCE: { zh: '请您稍候', en: 'Back shortly' }, SUSPENDED: { zh: '暂停服务', en: 'Suspended' },
  accept: { zh: '受理办件', en: 'Accept the case' }, outcome: { zh: '办理结果', en: 'Outcome' }, acceptNone: { zh: '不受理（咨询等）', en: 'No case (e.g. enquiry)' },
  acceptNew: { zh: '现在受理', en: 'Accept now' }, acceptLink: { zh: '关联已受理办件', en: 'Link an accepted case' },
  category: { zh: '办件类别', en: 'Category' }, applicant: { zh: '申请人', en: 'Applicant' }, serial: { zh: '办件流水号', en: 'Case number' },
  materials: { zh: '已收材料', en: 'Materials received' }, deadline: { zh: '办结期限', en: 'Deadline' },
  accepted: { zh: '已受理办件', en: 'Case accepted' }, item: { zh: '事项', en: 'Service' }, issued: { zh: '取号', en: 'Issued' },
  waitingCount: { zh: '本窗口可叫', en: 'Callable here' }, keys: { zh: '快捷键', en: 'Shortcuts' },
  done: { zh: '已办结', en: 'Done' },
};
const CATEGORIES = [
  ['INSTANT', '即办件', 'Instant'], ['PROMISED', '承诺件', 'Promised'], ['JOINT', '联办件', 'Joint'], ['SUPPLEMENT', '补办件', 'Supplement'],
  ['RETURNED', '退回件', 'Returned'], ['REPLY', '上报件', 'Reported'], ['APPROVAL', '审批件', 'Approval'], ['SPECIAL', '特别程序件', 'Special procedure'],
];
const KEYS = { n: 'callNext', r: 'recall', s: 'start', x: 'noShow', t: 'transfer', f: 'finish' };

const api = connect({ identity: 'person', onConnected: () => state.window && refresh() });
const state = { user: null, staff: null, window: null, ticket: null, queue: [], waitingCount: 0, message: null, lastCase: null, busy: false,
  draft: {}, transferTo: null };
const app = document.getElementById('app');

function topbar() {
  return h('header', { class: 'topbar' }, h('h1', {}, state.window ? `${t(T.title)} · ${state.window.number} ${state.window.name}` : t(T.title)),
    state.staff ? h('span', { class: 'who' }, `${state.staff.name}（${state.staff.staffNumber}）`) : null,
    state.user ? h('button', { type: 'button', class: 'secondary', onClick: signOut }, t(T.signOut)) : null, languageSwitch());
}

function signOut() {
  credentials.token = '';
  location.reload();
}

function button(action, label, handler, { disabled = false, cls = '' } = {}) {
  const key = Object.entries(KEYS).find(([, a]) => a === action)?.[0];
  return h('button', { type: 'button', class: cls, disabled, dataset: { action }, 'aria-keyshortcuts': key ? key.toUpperCase() : undefined, onClick: handler },
    label, key ? h('kbd', { 'aria-hidden': 'true' }, key.toUpperCase()) : null);
}

function render() {
  if (!state.user) { mount(app, topbar(), h('main', { class: 'page' }, signInForm(api, onSignedIn, t(T.signInAs)))); return; }
  if (!state.window) { mount(app, topbar(), h('main', { class: 'page' }, h('p', { class: 'alert' }, t(T.noWindow)))); return; }
  const w = state.window;
  const ticket = state.ticket;
  const live = ticket && ['CALLED', 'SERVING'].includes(ticket.status);
  const message = h('div', { role: 'alert', id: 'message' }, state.message ? h('p', { class: state.message.ok ? 'notice' : 'alert' }, state.message.text) : null);
  mount(app, topbar(), h('main', { class: 'page' },
    message,
    h('section', { class: 'card', 'aria-labelledby': 'status-title' },
      h('h2', { id: 'status-title' }, t(T.status), ' ', h('span', { class: `status-pill status-${w.status}`, dataset: { testid: 'window-status' } }, t(T[w.status]))),
      h('div', { class: 'status-buttons', role: 'group', 'aria-label': t(T.status) },
        ['SERVING', 'BRIEF_ABSENCE', 'SUSPENDED'].map((s) => h('button', { type: 'button', class: 'secondary', 'aria-pressed': String(w.status === s), dataset: { status: s }, onClick: () => setStatus(s) }, t(T[s]))))),
    h('div', { class: 'wc' },
      h('section', { class: 'card current', 'aria-labelledby': 'current-title' },
        h('h2', { id: 'current-title' }, t(T.current)),
        ticket ? [
          h('p', { class: 'number', dataset: { testid: 'current-number' } }, ticket.number),
          h('p', { class: 'meta' }, `${ticket.statusLabel} · ${ticket.item.name} · ${t(T.issued)} ${formatDateTime(ticket.issuedAt)}`),
        ] : h('p', {}, t(T.none)),
        h('div', { class: 'actions' },
          button('callNext', t(T.callNext), callNext, { cls: 'big', disabled: state.busy || w.status !== 'SERVING' || live }),
          button('recall', t(T.recall), () => act(RECALL), { cls: 'secondary', disabled: !ticket || ticket.status !== 'CALLED' }),
          button('start', t(T.start), () => act(START), { cls: 'secondary', disabled: !ticket || ticket.status !== 'CALLED' }),
          button('noShow', t(T.noShow), () => act(NO_SHOW), { cls: 'secondary', disabled: !ticket || ticket.status !== 'CALLED' }),
          button('transfer', t(T.transfer), toggleTransfer, { cls: 'secondary', disabled: !live })),
        live && state.transferring ? transferForm(w) : null,
        ticket?.status === 'SERVING' ? finishForm(ticket) : null,
        state.lastCase ? h('p', { class: 'notice case-result', dataset: { testid: 'case-result' } },
          `${t(T.accepted)} ${state.lastCase.serialNumber}（${state.lastCase.categoryLabel}）`,
          state.lastCase.deadlineOn ? ` · ${t(T.deadline)} ${state.lastCase.deadlineOn}` : '') : null),
      h('section', { class: 'card', 'aria-labelledby': 'queue-title' },
        h('h2', { id: 'queue-title' }, t(T.queue), ` (${state.waitingCount})`),
        state.queue.length ? h('ul', { class: 'queue-list', dataset: { testid: 'queue' } }, state.queue.map((q) =>
          h('li', {}, h('strong', {}, q.number), h('span', {}, q.item.name), h('span', {}, formatDateTime(q.issuedAt))))) : h('p', {}, t(T.empty)),
        h('p', { class: 'meta' }, `${t(T.keys)}: N ${t(T.callNext)} · R ${t(T.recall)} · S ${t(T.start)} · X ${t(T.noShow)} · T ${t(T.transfer)} · F ${t(T.finish)}`)))));
}

function toggleTransfer() {
  state.transferring = !state.transferring;
  render();
  document.getElementById(state.transferring ? 'transfer-to' : 'current-title')?.focus();
}

function transferForm(w) {
  const select = h('select', { id: 'transfer-to', onChange: (e) => { state.transferTo = e.target.value; } },
    w.hall.windows.filter((o) => o.id !== w.id).map((o) => h('option', { value: o.id, selected: o.id === state.transferTo }, `${o.number} ${o.name}`)));
  return h('form', { class: 'transfer', onSubmit: (e) => { e.preventDefault(); act(TRANSFER, { toWindowId: select.value }); } },
    h('label', { for: 'transfer-to' }, t(T.to)), select, h('p', {}, h('button', { type: 'submit', class: 'secondary' }, t(T.transfer))));
}

/** The finish form: what was typed survives the re-renders that live queue events cause. */
function finishForm(ticket) {
  if (state.draft.ticketId !== ticket.id) {
    state.draft = { ticketId: ticket.id, mode: 'new', category: (ticket.item.promisedLimitDays ?? 1) === 0 ? 'INSTANT' : 'PROMISED',
      applicant: '', serial: '', materials: new Set(ticket.item.materials || []) };
  }
  const d = state.draft;
  const mode = h('select', { id: 'finish-mode' }, [['new', T.acceptNew], ['link', T.acceptLink], ['none', T.acceptNone]]
    .map(([v, label]) => h('option', { value: v, selected: d.mode === v }, t(label))));
  const category = h('select', { id: 'case-category', onChange: (e) => { d.category = e.target.value; } },
    CATEGORIES.map(([v, zh, en]) => h('option', { value: v, selected: v === d.category }, lang() === 'en' ? en : zh)));
  const applicant = h('input', { id: 'applicant-name', autocomplete: 'off', value: d.applicant, onInput: (e) => { d.applicant = e.target.value; } });
  const serial = h('input', { id: 'case-serial', autocomplete: 'off', value: d.serial, onInput: (e) => { d.serial = e.target.value; } });
  const materials = (ticket.item.materials || []).map((m, i) => h('label', { for: `material-${i}` },
    h('input', { type: 'checkbox', id: `material-${i}`, value: m, checked: d.materials.has(m),
      onChange: (e) => { if (e.target.checked) d.materials.add(m); else d.materials.delete(m); } }), m));
  const newFields = h('div', { class: 'new-case' },
    h('label', { for: 'case-category' }, t(T.category)), category,
    h('label', { for: 'applicant-name' }, t(T.applicant)), applicant,
    h('fieldset', { class: 'materials' }, h('legend', {}, t(T.materials)), materials));
  const linkFields = h('div', { class: 'link-case' }, h('label', { for: 'case-serial' }, t(T.serial)), serial);
  const show = () => { newFields.hidden = d.mode !== 'new'; linkFields.hidden = d.mode !== 'link'; };
  mode.addEventListener('change', () => { d.mode = mode.value; show(); });
  show();
  return h('form', { class: 'finish', 'aria-labelledby': 'finish-title', onSubmit: (e) => {
    e.preventDefault();
    const input = {};
    if (mode.value === 'new') {
      input.acceptCase = { hallId: state.window.hall.id, itemCode: ticket.item.code, category: category.value, applicantName: applicant.value.trim(),
        windowId: state.window.id, suppliedMaterials: [...newFields.querySelectorAll('input[type=checkbox]:checked')].map((c) => c.value) };
    } else if (mode.value === 'link') input.caseSerialNumber = serial.value.trim();
    act(FINISH, input);
  } },
  h('fieldset', {}, h('legend', { id: 'finish-title' }, t(T.accept)), h('label', { for: 'finish-mode' }, t(T.outcome)), mode, newFields, linkFields),
  h('p', {}, h('button', { type: 'submit', class: 'big', dataset: { action: 'finish' }, 'aria-keyshortcuts': 'F' }, t(T.finish), h('kbd', { 'aria-hidden': 'true' }, 'F'))));
}

function show(text, ok = false) { state.message = text ? { text, ok } : null; }

function keep(ticket) {
  state.ticket = ticket;
}

async function run(document, variables) {
  state.busy = true;
  try {
    const result = await api.mutate(document, variables);
    if (isError(result)) { show(result.message); return null; }
    show(null);
    return result;
  } catch (err) {
    show(err.message);
    return null;
  } finally {
    state.busy = false;
  }
}

async function callNext() {
  const result = await run(CALL_NEXT, { input: { windowId: state.window.id } });
  if (result) { keep(result.ticket); state.lastCase = null; }
  await loadQueue();
  render();
  document.querySelector('[data-action=callNext]')?.focus();
}

async function act(document, extra = {}) {
  if (!state.ticket) return;
  const result = await run(document, { input: { ticketId: state.ticket.id, ...extra } });
  if (result) {
    state.transferring = false;
    keep(result.ticket);
    if (document === FINISH) { state.lastCase = result.case; show(`${t(T.done)}：${result.ticket.number}`, true); }
  }
  await loadQueue();
  render();
}

async function setStatus(status) {
  const result = await run(SET_WINDOW_STATUS, { input: { windowId: state.window.id, status } });
  if (result) Object.assign(state.window, result.window);
  await loadQueue();
  render();
}

async function loadQueue() {
  const data = await api.query(WAITING_TICKETS, { window: state.window.id, first: 50 });
  state.queue = data.waitingTickets;
  state.waitingCount = state.queue.length;
}

async function refresh() {
  const data = await api.query(WINDOW, { window: state.window.id });
  state.window = data.node;
  // The ticket the window has called or is serving (after a reload, or called from another desk).
  const current = (await api.query(WINDOW_CURRENT_TICKET, { window: state.window.id })).node?.currentTicket;
  if (current || ['CALLED', 'SERVING'].includes(state.ticket?.status)) state.ticket = current;
  await loadQueue();
  render();
}

async function onSignedIn(user) {
  state.user = user;
  if (user.staffId) {
    const data = await api.query(MY_WINDOWS, { staff: user.staffId });
    state.staff = data.node;
  }
  const chosen = param('window') || state.staff?.windows?.[0]?.window?.id;
  if (chosen) {
    state.window = { id: chosen };
    await refresh();
    api.subscribe(WINDOW_QUEUE_EVENTS, { window: chosen }, async (event) => {
      if (event.kind === 'window_status' && event.concernsThisWindow) state.window.status = event.windowStatus;
      await loadQueue();
      render();
    });
  }
  document.body.dataset.ready = 'true';
  render();
}

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || !state.window) return;
  if (event.target.closest('input, select, textarea')) return;
  const action = KEYS[event.key.toLowerCase()];
  const target = action && document.querySelector(`[data-action=${action}]`);
  if (target && !target.disabled) { event.preventDefault(); target.click(); }
});

async function main() {
  document.title = t(T.title);
  if (credentials.token) {
    try {
      const me = (await api.query(ME)).me;
      if (me) { await onSignedIn(me); return; }
    } catch { /* signed out below */ }
    credentials.token = '';
  }
  render();
  document.body.dataset.ready = 'true';
}
main();
