// Chinese first, English on request: the choice is kept per device and sent as Accept-Language.
const KEY = 'tingwu.lang';

export function lang() {
  const forced = new URLSearchParams(location.search).get('lang');
  if (forced === 'en' || forced === 'zh') return forced;
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh';
}

export function setLang(value) {
  localStorage.setItem(KEY, value);
  const url = new URL(location.href);
  url.searchParams.delete('lang');
  location.replace(url);
}

/** ``t({zh: '…', en: '…'})`` or ``t(dictionary, key)``. */
export function t(entry, key) {
  const value = key === undefined ? entry : entry[key];
  if (value === undefined) return key;
  return typeof value === 'string' ? value : value[lang()] ?? value.zh;
}

/** A button that switches between 中文 and English (put into every page's header). */
export function languageSwitch() {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'lang-switch';
  button.lang = lang() === 'zh' ? 'en' : 'zh';
  button.textContent = lang() === 'zh' ? 'English' : '中文';
  button.setAttribute('aria-label', lang() === 'zh' ? 'Switch to English' : '切换到中文');
  button.addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  return button;
}

const SHANGHAI = 'Asia/Shanghai';

/** Today's date in the hall's time zone (YYYY-MM-DD). */
export function localDate(moment = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: SHANGHAI }).format(moment);
}

export function addDays(isoDate, days) {
  const d = new Date(`${isoDate}T12:00:00+08:00`);
  d.setUTCDate(d.getUTCDate() + days);
  return localDate(d);
}

/** HH:MM in the hall's time zone. */
export function localTime(moment = new Date()) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: SHANGHAI, hour: '2-digit', minute: '2-digit', hour12: false }).format(moment);
}

export function formatDateTime(value) {
  if (!value) return '';
  return new Intl.DateTimeFormat(lang() === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: SHANGHAI, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(new Date(value));
}

export function formatPercent(value) {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}
