// Sign-in form shared by the window client and the dashboard (signIn mutation → bearer token).
import { credentials, isError } from './api.js';
import { SIGN_IN } from './documents.js';
import { h } from './dom.js';
import { t } from './i18n.js';

const T = {
  title: { zh: '登录', en: 'Sign in' }, username: { zh: '用户名', en: 'Username' }, password: { zh: '密码', en: 'Password' },
  submit: { zh: '登录', en: 'Sign in' },
};

export function signInForm(api, onSignedIn, heading) {
  const error = h('div', { role: 'alert' });
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'card signin', 'aria-labelledby': 'signin-title', onSubmit: async (event) => {
    event.preventDefault();
    error.replaceChildren();
    try {
      const result = await api.mutate(SIGN_IN, { username: username.value.trim(), password: password.value });
      if (isError(result)) { error.replaceChildren(h('p', { class: 'alert' }, result.message)); return; }
      credentials.token = result.token;
      onSignedIn(result.user);
    } catch (err) {
      error.replaceChildren(h('p', { class: 'alert' }, err.message));
    }
  } },
  h('h2', { id: 'signin-title' }, heading || t(T.title)),
  h('label', { for: 'username' }, t(T.username)), username,
  h('label', { for: 'password' }, t(T.password)), password,
  error, h('p', {}, h('button', { type: 'submit' }, t(T.submit))));
  setTimeout(() => username.focus(), 0);
  return form;
}
