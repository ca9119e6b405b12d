// 取号机: choose an item, take a ticket, see the number and the people ahead. A citizen who booked
// (预约) enters their 预约码 instead and gets the appointment's ticket (checkInAppointment: a Y ticket,
// called ahead of on-site tickets). Outside the hall's public service hours (Hall.serviceHours) the
// kiosk refuses and says when the hall next opens; a refusal from the server (its message, and for
// HallClosedError its nextOpening) is shown as it comes.
import './lib/base.css';
import './kiosk.css';
import { connect, isError } from './lib/api.js';
import { CHECK_IN_APPOINTMENT, KIOSK, SERVICE_HOURS, TAKE_TICKET } from './lib/documents.js';
import { h, mount, param } from './lib/dom.js';
import { addDays, lang, languageSwitch, localDate, localTime, t } from './lib/i18n.js';

const T = {
  title: { zh: '自助取号', en: 'Take a ticket' }, choose: { zh: '请选择要办理的事项', en: 'Choose your service' },
  your: { zh: '您的号码', en: 'Your number' }, ahead: { zh: (n) => `前面还有 ${n} 人等候`, en: (n) => `${n} ${n === 1 ? 'person' : 'people'} ahead of you` },
  watch: { zh: '请留意叫号屏和语音提示', en: 'Watch the calling screen' }, back: { zh: '返回', en: 'Back' },
  hours: { zh: '今日服务时间', en: "Today's hours" }, closedToday: { zh: '今日不对外服务', en: 'Closed today' },
  refused: { zh: '现在不在服务时间内，暂停取号。', en: 'The hall is closed now: no tickets.' },
  next: { zh: '下次开放', en: 'Next opening' }, noNext: { zh: '近期无开放时间，请咨询大厅。', en: 'No opening soon: please ask the hall.' },
  missing: { zh: '请在地址中指定大厅（?hall=…）', en: 'Name the hall in the address (?hall=…)' },
  days: { zh: '个工作日', en: ' working days' }, instant: { zh: '即办', en: 'instant' },
  booked: { zh: '已预约？请签到取号', en: 'Booked? Check in here' },
  codeLabel: { zh: '预约码（6位数字）', en: 'Appointment code (6 digits)' },
  checkIn: { zh: '签到取号', en: 'Check in' }, clear: { zh: '清除', en: 'Clear' }, del: { zh: '退格', en: 'Delete' },
  codeNeeded: { zh: '请输入6位预约码', en: 'Enter your 6-digit appointment code' },
  checkedIn: { zh: '预约签到成功', en: 'Checked in' }, slot: { zh: '预约时段', en: 'Your slot' },
  priority: { zh: '预约号优先叫号', en: 'Appointment tickets are called first' },
};
const fn = (entry, ...args) => (lang() === 'en' ? entry.en : entry.zh)(...args);
const hallId = param('hall');
const api = connect();
const state = { hall: null, slip: null, appointment: null, error: null, refusal: null, code: '', checkInError: null, busy: false };
let backTimer = null;

/** 2026-11-23 → 11月23日（周一）/ Mon 23 Nov. */
function formatDay(isoDate) {
  const day = new Date(`${isoDate}T12:00:00+08:00`);
  return new Intl.DateTimeFormat(lang() === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', month: lang() === 'en' ? 'short' : 'long', day: 'numeric', weekday: 'short' }).format(day);
}

/** An ISO moment → 11月23日周一 08:30 (the hall's time zone). */
function formatMoment(iso) {
  const moment = new Date(iso);
  return `${formatDay(localDate(moment))} ${localTime(moment)}`;
}

const spans = (hours) => hours.public.map((s) => `${s.start}–${s.end}`).join('  ');

/** Open now, by the hall's public spans of today (Asia/Shanghai). */
function openNow(hours) {
  const now = localTime();
  return hours.open && hours.public.some((s) => s.start <= now && now < s.end);
}

/** The next public span that starts after now, looking two weeks ahead. */
async function nextOpening() {
  const today = localDate();
  const now = localTime();
  for (let i = 0; i < 14; i += 1) {
    const date = addDays(today, i);
    const hours = (await api.query(SERVICE_HOURS, { hall: hallId, date })).hall.serviceHours;
    const span = hours.open && hours.public.find((s) => i > 0 || s.start > now);
    if (span) return `${formatDay(date)} ${span.start}`;
  }
  return null;
}

function render() {
  const hall = state.hall;
  const hours = hall?.serviceHours;
  let body;
  if (state.refusal) {
    body = h('section', { class: 'card refusal', dataset: { testid: 'refusal' } }, h('p', { class: 'alert', role: 'alert' }, state.refusal.message),
      h('p', {}, state.refusal.next ? `${t(T.next)}：${state.refusal.next}` : t(T.noNext)),
      h('button', { type: 'button', onClick: reset }, t(T.back)));
  } else if (state.slip) {
    const s = state.slip;
    body = h('section', { class: 'slip', role: 'status', dataset: { testid: 'slip' } },
      h('div', {}, t(T.your)), h('div', { class: 'number', dataset: { testid: 'slip-number' } }, s.number),
      h('div', { class: 'item' }, s.item.name),
      state.appointment ? h('p', { class: 'booked', dataset: { testid: 'appointment' } }, `${t(T.checkedIn)} · ${t(T.slot)} `
        + `${localTime(new Date(state.appointment.slotStart))}–${localTime(new Date(state.appointment.slotEnd))}`,
      h('br'), t(T.priority)) : null,
      h('p', { class: 'ahead', dataset: { testid: 'ahead', ahead: s.waitingAhead ?? 0 } }, fn(T.ahead, s.waitingAhead ?? 0)),
      h('p', { class: 'watch' }, t(T.watch)), h('button', { type: 'button', onClick: reset }, t(T.back)));
  } else {
    body = h('div', { class: 'choose' },
      h('section', { 'aria-labelledby': 'choose-title' },
        h('h2', { id: 'choose-title' }, t(T.choose)),
        state.error ? h('p', { class: 'alert', role: 'alert' }, state.error) : null,
        h('div', { class: 'items' }, (hall?.serviceItems || []).map((item) => h('button', { type: 'button', dataset: { item: item.code }, disabled: state.busy, onClick: () => take(item) },
          item.name, h('small', {}, `${item.department.name} · ${item.promisedLimitDays === 0 ? t(T.instant) : item.promisedLimitDays != null ? `${item.promisedLimitDays}${t(T.days)}` : item.typeLabel}`))))),
      checkInCard());
  }
  mount(document.getElementById('app'), h('div', { class: 'kiosk' },
    h('header', {}, h('h1', {}, hall ? `${hall.name} · ${t(T.title)}` : t(T.title)), languageSwitch()),
    h('main', {}, hours ? h('p', { class: 'hours' }, hours.open ? `${t(T.hours)} ${spans(hours)}` : t(T.closedToday)) : null, body)));
}

/** 预约签到: the 预约码 typed on the kiosk's own keypad (a touch screen has no keyboard) or a keyboard. */
function checkInCard() {
  const input = h('input', { id: 'appointment-code', name: 'code', inputmode: 'numeric', autocomplete: 'off', maxlength: '6',
    pattern: '[0-9]{6}', value: state.code, 'aria-describedby': state.checkInError ? 'check-in-error' : null,
    onInput: (event) => { state.code = event.target.value.replace(/\D/g, '').slice(0, 6); event.target.value = state.code; clearError(); } });
  // A new code typed: the last refusal goes (without re-rendering the field being typed in).
  const clearError = () => {
    if (!state.checkInError) return;
    state.checkInError = null;
    document.getElementById('check-in-error')?.remove();
    input.removeAttribute('aria-describedby');
  };
  const press = (key) => {
    state.code = key === 'clear' ? '' : key === 'del' ? state.code.slice(0, -1) : (state.code + key).slice(0, 6);
    input.value = state.code;
    clearError();
  };
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'del'];
  return h('section', { class: 'card check-in', 'aria-labelledby': 'check-in-title', dataset: { testid: 'check-in' } },
    h('h2', { id: 'check-in-title' }, t(T.booked)),
    h('form', { onSubmit: (event) => { event.preventDefault(); checkIn(); } },
      h('label', { for: 'appointment-code' }, t(T.codeLabel)), input,
      state.checkInError ? h('p', { class: 'alert', role: 'alert', id: 'check-in-error', dataset: { testid: 'check-in-error' } }, state.checkInError) : null,
      h('div', { class: 'keypad' }, keys.map((key) => h('button', { type: 'button', class: key.length > 1 ? 'key-edit' : null, dataset: { key },
        onClick: () => press(key) }, key === 'clear' ? t(T.clear) : key === 'del' ? t(T.del) : key))),
      h('button', { type: 'submit', class: 'primary', disabled: state.busy }, t(T.checkIn))));
}

function reset() {
  clearTimeout(backTimer);
  Object.assign(state, { slip: null, appointment: null, error: null, refusal: null, code: '', checkInError: null });
  render();
}

async function checkIn() {
  const code = state.code.trim();
  if (!/^\d{6}$/.test(code)) { state.checkInError = t(T.codeNeeded); render(); document.getElementById('appointment-code')?.focus(); return; }
  state.busy = true;
  state.checkInError = null;
  try {
    const result = await api.mutate(CHECK_IN_APPOINTMENT, { input: { hallId, code } });
    if (isError(result)) {
      state.checkInError = result.message; // the server's message (Chinese, or English with the switch)
    } else {
      state.slip = result.ticket;
      state.appointment = result.appointment;
      state.code = '';
      backTimer = setTimeout(reset, 20000);
    }
  } catch (error) {
    state.checkInError = error.message;
  } finally {
    state.busy = false;
  }
  render();
  if (state.checkInError) document.getElementById('appointment-code')?.focus();
}

async function take(item) {
  state.error = null;
  const hours = (await api.query(SERVICE_HOURS, { hall: hallId, date: localDate() })).hall.serviceHours;
  if (!openNow(hours)) {
    state.refusal = { message: t(T.refused), next: await nextOpening() };
    render();
    backTimer = setTimeout(reset, 20000);
    return;
  }
  const result = await api.mutate(TAKE_TICKET, { input: { hallId, itemCode: item.code } });
  if (isError(result)) {
    state.refusal = result.__typename === 'HallClosedError'
      ? { message: result.message, next: result.nextOpening ? formatMoment(result.nextOpening) : null } : null;
    state.error = state.refusal ? null : result.message;
  } else {
    state.slip = result.ticket;
  }
  render();
  backTimer = setTimeout(reset, 20000);
}

async function main() {
  document.title = t(T.title);
  if (!hallId) { mount(document.getElementById('app'), h('main', { class: 'page' }, h('p', { class: 'alert' }, t(T.missing)))); return; }
  state.hall = (await api.query(KIOSK, { hall: hallId, date: localDate() })).hall;
  render();
  document.body.dataset.ready = 'true';
}
main();
