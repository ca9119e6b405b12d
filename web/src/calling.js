// 叫号屏: the calls of a hall as they happen (callingScreen subscription), resynced from the
// callingScreen query at start and after every reconnection; waiting counts per item; a notice line;
// the call spoken by the browser (zh-CN) where the hall's screen is set up with ?speak=1.
import './lib/base.css';
import './calling.css';
import { connect } from './lib/api.js';
import { CALLING_SCREEN, CALLING_SCREEN_EVENTS, HALL_SCREEN, WAITING_TICKETS, WINDOW_QUEUE_EVENTS } from './lib/documents.js';
import { h, mount, param } from './lib/dom.js';
import { lang, languageSwitch, localDate, localTime, t } from './lib/i18n.js';

const T = {
  nowCalling: { zh: '正在叫号', en: 'Now calling' },
  pleaseGo: { zh: (w) => `请到 ${w} 号窗口`, en: (w) => `Please go to window ${w}` },
  recent: { zh: '最近叫号', en: 'Recent calls' }, number: { zh: '号码', en: 'Ticket' }, window: { zh: '窗口', en: 'Window' },
  waiting: { zh: '等候人数', en: 'Waiting' }, item: { zh: '事项', en: 'Service' }, people: { zh: '人数', en: 'People' },
  noCalls: { zh: '今日暂无叫号', en: 'No calls yet today' }, noWaiting: { zh: '暂无等候', en: 'Nobody waiting' },
  recalled: { zh: '重呼', en: 'again' }, speakOn: { zh: '启用语音播报', en: 'Enable announcements' },
  speakOff: { zh: '语音播报已开启', en: 'Announcements on' },
  hours: { zh: '今日服务时间', en: "Today's hours" }, closed: { zh: '今日不对外服务', en: 'Closed today' },
  phone: { zh: '咨询电话', en: 'Enquiries' }, missing: { zh: '请在地址中指定大厅（?hall=…）', en: 'Name the hall in the address (?hall=…)' },
};
const fn = (entry, ...args) => (lang() === 'en' ? entry.en : entry.zh)(...args);

const hallId = param('hall');
const LAST = Math.max(1, Math.min(Number(param('last') || 8), 20));
const state = { hall: null, calls: [], waiting: [], speak: param('speak') === '1' && localStorage.getItem('tingwu.speak') !== 'off', flash: false };
const api = connect({ onConnected: () => resync() });

function render() {
  const app = document.getElementById('app');
  const latest = state.calls[0];
  const hall = state.hall;
  const hours = hall?.serviceHours;
  const notice = param('notice') || [
    hours ? (hours.open ? `${t(T.hours)} ${hours.public.map((s) => `${s.start}–${s.end}`).join('  ')}` : t(T.closed)) : '',
    hall?.phone ? `${t(T.phone)} ${hall.phone}` : '',
  ].filter(Boolean).join('　　');
  mount(app, h('div', { class: 'screen' },
    h('header', {},
      h('h1', {}, hall ? (lang() === 'en' && hall.nameEnShort ? hall.nameEnShort : hall.name) : ''),
      speechButton(),
      h('div', { class: 'clock', 'aria-label': 'time' }, localTime()), languageSwitch()),
    h('div', { class: 'body' },
      h('section', { class: `now-calling${state.flash ? ' flash' : ''}`, 'aria-live': 'assertive', 'aria-atomic': 'true', dataset: { testid: 'now-calling' } },
        h('div', { class: 'label' }, t(T.nowCalling)),
        latest ? [
          h('div', { class: 'number', dataset: { testid: 'now-number' } }, latest.ticketNumber),
          h('div', { class: 'to' }, fn(T.pleaseGo, latest.windowNumber)),
          latest.itemName ? h('div', { class: 'item' }, latest.itemName) : null,
        ] : h('div', { class: 'empty' }, t(T.noCalls))),
      h('section', { class: 'recent' }, h('h2', {}, t(T.recent)),
        h('table', { dataset: { testid: 'recent-calls' } },
          h('thead', {}, h('tr', {}, h('th', {}, t(T.number)), h('th', {}, t(T.window)))),
          h('tbody', {}, state.calls.slice(0, LAST).map((c) => h('tr', { dataset: { ticket: c.ticketNumber, ticketId: c.ticketId } },
            h('td', { class: 'num' }, c.ticketNumber, c.kind === 'recalled' ? h('span', { class: 'again' }, t(T.recalled)) : null),
            h('td', {}, c.windowNumber)))))),
      h('section', { class: 'waiting' }, h('h2', {}, t(T.waiting)),
        state.waiting.length ? h('table', { dataset: { testid: 'waiting' } },
          h('thead', {}, h('tr', {}, h('th', {}, t(T.item)), h('th', {}, t(T.people)))),
          h('tbody', {}, state.waiting.map(([name, count]) => h('tr', {}, h('td', { class: 'item-name' }, name), h('td', { class: 'count' }, count)))))
          : h('p', { class: 'empty' }, t(T.noWaiting)))),
    h('div', { class: 'ticker', role: 'status' }, notice)));
}

function speechButton() {
  if (param('speak') !== '1' || !('speechSynthesis' in window)) return null;
  return h('button', {
    type: 'button', 'aria-pressed': state.speak ? 'true' : 'false',
    onClick: () => { state.speak = !state.speak; localStorage.setItem('tingwu.speak', state.speak ? 'on' : 'off'); if (state.speak) say(''); render(); },
  }, state.speak ? t(T.speakOff) : t(T.speakOn));
}

function say(text) {
  if (!state.speak || !('speechSynthesis' in window)) return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = 'zh-CN';
  utterance.rate = 0.9;
  window.speechSynthesis.speak(utterance);
}

function onCall(call) {
  window.__lastCallAt = Date.now();
  state.calls = [call, ...state.calls.filter((c) => !(c.ticketId === call.ticketId && c.callCount === call.callCount))].slice(0, 20);
  state.flash = true;
  render();
  setTimeout(() => { state.flash = false; }, 3000);
  // Spoken twice, as halls do: 请A001号到A03号窗口办理.
  say(call.text);
  say(call.text);
  refreshWaiting();
}

let waitingTimer = null;
function refreshWaiting() {
  clearTimeout(waitingTimer);
  waitingTimer = setTimeout(loadWaiting, 300);
}

async function loadWaiting() {
  if (!state.hall) return;
  // A ticket can be callable at several windows: count each once, by its item.
  const lists = await Promise.all(state.hall.windows.map((w) => api.query(WAITING_TICKETS, { window: w.id, first: 100 }).catch(() => null)));
  const seen = new Map();
  for (const list of lists) for (const ticket of list?.waitingTickets || []) seen.set(ticket.id, ticket.item.name);
  const counts = new Map();
  for (const name of seen.values()) counts.set(name, (counts.get(name) || 0) + 1);
  state.waiting = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  render();
}

/** Start and every reconnection: the calls so far come from the query (nothing missed while away). */
async function resync() {
  window.__resyncs = (window.__resyncs || 0) + 1;
  try {
    const [screen, calls] = await Promise.all([
      api.query(HALL_SCREEN, { hall: hallId, date: localDate() }),
      api.query(CALLING_SCREEN, { hall: hallId, last: 20 }),
    ]);
    state.hall = screen.hall;
    state.calls = calls.callingScreen;
    document.title = `${state.hall?.name || ''} · ${t(T.nowCalling)}`;
    render();
    await loadWaiting();
  } catch (err) {
    console.warn('resync failed', err);
  }
}

async function main() {
  if (!hallId) {
    mount(document.getElementById('app'), h('main', { class: 'page' }, h('p', { class: 'alert' }, t(T.missing))));
    return;
  }
  render();
  await resync();
  api.subscribe(CALLING_SCREEN_EVENTS, { hall: hallId }, onCall);
  // Tickets taken, transferred or finished change the waiting counts: any window's queue events tell.
  if (state.hall?.windows?.length) api.subscribe(WINDOW_QUEUE_EVENTS, { window: state.hall.windows[0].id }, (e) => { if (e.kind !== 'called' && e.kind !== 'recalled') refreshWaiting(); });
  setInterval(() => { const clock = document.querySelector('.clock'); if (clock) clock.textContent = localTime(); }, 10000);
  setInterval(loadWaiting, 30000);
  document.body.dataset.ready = 'true';
}
main();
