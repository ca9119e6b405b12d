// The hall faces' landing page: each hall with links to its five screens.
import './lib/base.css';
import { connect } from './lib/api.js';
import { HALLS } from './lib/documents.js';
import { h, mount } from './lib/dom.js';
import { languageSwitch, t } from './lib/i18n.js';

const T = {
  title: { zh: '厅务 · 大厅页面', en: 'Tingwu · hall screens' },
  intro: { zh: '为每个大厅打开叫号屏、取号机、窗口客户端、评价器和管理看板。窗口页面需在窗口客户端登录后选择。', en: 'Open the calling screen, ticket kiosk, window client, rating pad and dashboard of each hall.' },
  calling: { zh: '叫号屏', en: 'Calling screen' }, kiosk: { zh: '取号机', en: 'Ticket kiosk' },
  window: { zh: '窗口客户端', en: 'Window client' }, dashboard: { zh: '管理看板', en: 'Dashboard' },
  rating: { zh: '评价器', en: 'Rating pad' },
};

async function main() {
  const api = connect();
  document.title = t(T.title);
  const app = document.getElementById('app');
  const list = h('ul', { class: 'hall-list' });
  mount(app, h('header', { class: 'topbar' }, h('h1', {}, t(T.title)), languageSwitch()),
    h('main', { class: 'page' }, h('p', {}, t(T.intro)), h('section', { class: 'card' }, list)));
  const data = await api.query(HALLS, { first: 100 });
  for (const { node } of data.halls.edges) {
    const q = `hall=${encodeURIComponent(node.id)}`;
    list.append(h('li', {}, h('strong', {}, node.name), ' ',
      h('a', { href: `calling.html?${q}` }, t(T.calling)), ' · ', h('a', { href: `kiosk.html?${q}` }, t(T.kiosk)), ' · ',
      h('a', { href: `dashboard.html?${q}` }, t(T.dashboard)), ' · ', h('a', { href: `window.html` }, t(T.window)), ' · ',
      h('a', { href: `rating.html` }, t(T.rating))));
  }
}
main();
