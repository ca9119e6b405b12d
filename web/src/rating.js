// 评价器: the pad facing the citizen at one window. Idle: the staff on duty (photo, name, 工号). When a
// case finishes at the window (windowQueue event), the five levels with their tags; one tap rates (the
// tag becomes the rating's comment); a thank-you; back to idle.
// The device's credential (?credential=… once, or the setup form) is kept in this device's localStorage
// and sent with every request and in the websocket's connection_init.
import './lib/base.css';
import './rating.css';
import { connect, credentials, isError } from './lib/api.js';
import { RATING_TICKET, SUBMIT_RATING, WINDOW, WINDOW_QUEUE_EVENTS } from './lib/documents.js';
import { avatar, h, mount, param } from './lib/dom.js';
import { lang, languageSwitch, t } from './lib/i18n.js';

const T = {
  title: { zh: '评价器', en: 'Rating pad' }, onDuty: { zh: '为您服务', en: 'Serving you' },
  idleHint: { zh: '办理完毕后，请为本次服务评价', en: 'Please rate our service when your case is done' },
  rate: { zh: '请您为本次服务评价', en: 'How was our service?' },
  thanks: { zh: '感谢您的评价！', en: 'Thank you for your rating!' },
  already: { zh: '本次服务已评价，感谢！', en: 'Already rated. Thank you!' },
  staffNo: { zh: '工号', en: 'No.' }, window: { zh: '窗口', en: 'Window' },
  setup: { zh: '评价器设置', en: 'Rating pad set-up' }, windowId: { zh: '窗口 ID', en: 'Window ID' },
  credential: { zh: '设备凭证', en: 'Device credential' }, header: { zh: '凭证请求头', en: 'Credential header' },
  save: { zh: '保存', en: 'Save' }, nobody: { zh: '本窗口暂无人员在岗', en: 'Nobody on this window' },
  caseOf: { zh: '办件', en: 'Case' },
};
export const LEVELS = [
  { level: 'VERY_SATISFIED', zh: '非常满意', en: 'Very satisfied', tags: [['办事效率高', 'Quick'], ['服务态度好', 'Courteous'], ['一次办成', 'Done in one visit']] },
  { level: 'SATISFIED', zh: '满意', en: 'Satisfied', tags: [['服务热情', 'Friendly'], ['解释清楚', 'Clear explanations'], ['流程顺畅', 'Smooth process']] },
  { level: 'BASICALLY_SATISFIED', zh: '基本满意', en: 'Fairly satisfied', tags: [['等候时间长', 'Long wait'], ['指引不够清楚', 'Unclear guidance'], ['材料要求多', 'Many documents']] },
  { level: 'DISSATISFIED', zh: '不满意', en: 'Dissatisfied', tags: [['态度冷淡', 'Unfriendly'], ['多次跑动', 'Several visits'], ['办理慢', 'Slow']] },
  { level: 'VERY_DISSATISFIED', zh: '非常不满意', en: 'Very dissatisfied', tags: [['推诿扯皮', 'Passed around'], ['未能办成', 'Not done'], ['服务态度差', 'Rude']] },
];
const IDLE_AFTER_THANKS_MS = Number(param('thanksMs') || 5000);
const RATING_TIMEOUT_MS = 90000;

// A credential handed over in the address is stored and taken out of the address at once.
if (param('credential') || param('token')) {
  if (param('credential')) credentials.device = param('credential');
  if (param('credentialHeader')) credentials.deviceHeader = param('credentialHeader');
  if (param('token')) credentials.token = param('token'); // the window staff's token: reads the case to rate
  const url = new URL(location.href);
  for (const key of ['credential', 'credentialHeader', 'token']) url.searchParams.delete(key);
  history.replaceState(null, '', url);
}
const windowId = param('window') || localStorage.getItem('tingwu.rating.window');
if (param('window')) localStorage.setItem('tingwu.rating.window', param('window'));

const api = connect({ identity: 'device', onConnected: () => loadWindow() });
const state = { mode: 'idle', window: null, pending: null, result: null };
let idleTimer = null;

const label = (entry) => (lang() === 'en' ? entry.en : entry.zh);

function bar() {
  return h('div', { class: 'bar' }, h('span', {}, state.window ? `${t(T.window)} ${state.window.number} · ${state.window.name}` : t(T.title)), languageSwitch());
}

function onDuty() {
  const w = state.window;
  if (!w) return [];
  const people = w.responsible?.staff ? [w.responsible.staff] : w.staff.filter((s) => s.role === 'A').map((s) => s.staff);
  return people;
}

function render() {
  const app = document.getElementById('app');
  const people = onDuty();
  let stage;
  if (state.mode === 'rate') {
    const { ticket } = state.pending;
    stage = [
      h('h1', { id: 'rate-title' }, t(T.rate)),
      h('p', { class: 'case-line' }, `${t(T.caseOf)} ${ticket.case.serialNumber} · ${ticket.case.item?.name || ticket.item.name} · ${ticket.case.staff?.name || ''}`),
      h('div', { class: 'levels', role: 'group', 'aria-labelledby': 'rate-title', dataset: { testid: 'levels' } }, LEVELS.map((entry) =>
        h('div', { class: `level level-${entry.level}` },
          h('button', { type: 'button', dataset: { level: entry.level }, onClick: () => rate(entry.level, null) }, label(entry)),
          h('div', { class: 'tags' }, entry.tags.map(([zh, en]) =>
            h('button', { type: 'button', dataset: { level: entry.level, tag: zh }, onClick: () => rate(entry.level, zh) }, lang() === 'en' ? en : zh)))))),
    ];
  } else if (state.mode === 'thanks') {
    stage = [h('p', { class: 'thanks', role: 'status', dataset: { testid: 'thanks' } }, state.result === 'already' ? t(T.already) : t(T.thanks))];
  } else if (state.mode === 'error') {
    stage = [h('p', { class: 'alert', role: 'alert' }, state.result)];
  } else {
    stage = [
      h('h1', {}, t(T.onDuty)),
      people.length ? h('div', { class: 'duty', dataset: { testid: 'on-duty' } }, people.map((s) => h('div', { class: 'person' },
        avatar(s, 180), h('span', { class: 'name' }, s.name), h('span', { class: 'number' }, `${t(T.staffNo)} ${s.staffNumber}`),
        s.department ? h('span', {}, s.department.name) : null))) : h('p', {}, t(T.nobody)),
      h('p', { class: 'hint' }, t(T.idleHint)),
    ];
  }
  mount(app, h('div', { class: 'pad', dataset: { mode: state.mode } }, bar(), h('main', { class: 'stage' }, stage)));
}

function toIdle(after) {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => { state.mode = 'idle'; state.pending = null; render(); }, after);
}

async function rate(level, tag) {
  if (state.mode !== 'rate') return;
  const { ticket } = state.pending;
  state.mode = 'sending';
  try {
    const result = await api.mutate(SUBMIT_RATING, { input: {
      serialNumber: ticket.case.serialNumber, staffNumber: ticket.case.staff.staffNumber, level, channel: 'DEVICE', comment: tag,
    } });
    if (isError(result)) { state.mode = 'error'; state.result = result.message; } else { state.mode = 'thanks'; state.result = result.alreadyRated ? 'already' : 'ok'; }
  } catch (err) {
    state.mode = 'error';
    state.result = err.message;
  }
  render();
  toIdle(IDLE_AFTER_THANKS_MS);
}

async function onQueueEvent(event) {
  if (event.kind === 'finished' && event.concernsThisWindow && event.ticketId) {
    const { ticket } = await api.query(RATING_TICKET, { id: event.ticketId });
    if (ticket?.case?.staff) {
      state.pending = { ticket };
      state.mode = 'rate';
      render();
      toIdle(RATING_TIMEOUT_MS); // no tap: the platform's default rating applies later
      return;
    }
  }
  if (['started', 'called', 'window_status'].includes(event.kind) && state.mode === 'idle') await loadWindow();
}

async function loadWindow() {
  try {
    const data = await api.query(WINDOW, { window: windowId });
    state.window = data.node;
    if (state.mode === 'idle') render();
  } catch (err) {
    console.warn(err);
  }
}

function setupForm() {
  const win = h('input', { id: 'window-id', value: windowId || '' });
  const cred = h('input', { id: 'credential', value: credentials.device, autocomplete: 'off' });
  const header = h('input', { id: 'credential-header', value: credentials.deviceHeader });
  mount(document.getElementById('app'), h('main', { class: 'page setup' }, h('form', { class: 'card', onSubmit: (e) => {
    e.preventDefault();
    localStorage.setItem('tingwu.rating.window', win.value.trim());
    credentials.device = cred.value.trim();
    credentials.deviceHeader = header.value.trim();
    location.search = `?window=${encodeURIComponent(win.value.trim())}`;
  } }, h('h1', {}, t(T.setup)), h('label', { for: 'window-id' }, t(T.windowId)), win,
  h('label', { for: 'credential' }, t(T.credential)), cred, h('label', { for: 'credential-header' }, t(T.header)), header,
  h('p', {}, h('button', { type: 'submit' }, t(T.save))))));
}

async function main() {
  document.title = t(T.title);
  if (!windowId || param('setup') === '1') { setupForm(); return; }
  await loadWindow();
  render();
  api.subscribe(WINDOW_QUEUE_EVENTS, { window: windowId }, onQueueEvent);
  document.body.dataset.ready = 'true';
}
main();
