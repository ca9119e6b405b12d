// The pages' one door to Tingwu: urql for queries and mutations over HTTP, graphql-ws
// (graphql-transport-ws) for subscriptions; both send the caller's language and credential.
import { Client, fetchExchange } from '@urql/core';
import { createClient as createWsClient } from 'graphql-ws';
import { lang } from './i18n.js';

const KEYS = {
  token: 'tingwu.token', // a signed-in person's bearer token (window client, dashboard)
  device: 'tingwu.deviceCredential', // a device's credential (rating pad), sent as is
  deviceHeader: 'tingwu.deviceCredentialHeader', // the header it goes in (default X-Device-Token, R1)
};

export const credentials = {
  get token() { return localStorage.getItem(KEYS.token) || ''; },
  set token(value) { value ? localStorage.setItem(KEYS.token, value) : localStorage.removeItem(KEYS.token); },
  get device() { return localStorage.getItem(KEYS.device) || ''; },
  set device(value) { value ? localStorage.setItem(KEYS.device, value) : localStorage.removeItem(KEYS.device); },
  get deviceHeader() { return localStorage.getItem(KEYS.deviceHeader) || 'X-Device-Token'; },
  set deviceHeader(value) { value ? localStorage.setItem(KEYS.deviceHeader, value) : localStorage.removeItem(KEYS.deviceHeader); },
};

/** The headers of every request: language, and the person's token or the device's credential. */
export function authHeaders(identity) {
  const headers = { 'Accept-Language': lang() };
  if (identity === 'device' && credentials.device) {
    headers[credentials.deviceHeader] = credentials.device;
  }
  // A rating pad may also hold the window's staff token, to read the case it is asked to rate.
  if ((identity === 'person' || (identity === 'device' && credentials.deviceHeader !== 'Authorization')) && credentials.token) {
    headers.Authorization = `Bearer ${credentials.token}`;
  }
  return headers;
}

export class ApiError extends Error {}

/**
 * A connection to Tingwu for one page. ``identity``: 'anonymous', 'person' (bearer token from
 * sign-in) or 'device' (the rating pad's configured credential).
 */
export function connect({ identity = 'anonymous', onConnected } = {}) {
  const client = new Client({
    url: '/graphql',
    exchanges: [fetchExchange],
    requestPolicy: 'network-only',
    preferGetMethod: false,
    fetchOptions: () => ({ headers: authHeaders(identity) }),
  });
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  let ws = null;
  const socket = () => {
    ws ??= createWsClient({
      url: wsUrl,
      lazy: false,
      keepAlive: 5000,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: async (retries) => new Promise((r) => setTimeout(r, Math.min(500 * 2 ** retries, 4000))),
      connectionParams: () => authHeaders(identity),
      on: {
        connected: () => onConnected?.(),
        closed: () => document.body.classList.add('offline'),
        opened: () => document.body.classList.remove('offline'),
      },
    });
    return ws;
  };

  return {
    /** The data of a query; throws ApiError with the server's message on errors. */
    async query(document, variables = {}) {
      const result = await client.query(document, variables).toPromise();
      if (result.error) throw new ApiError(result.error.graphQLErrors?.[0]?.message || result.error.message);
      return result.data;
    },
    /** A mutation's result union (its __typename says success or which error). */
    async mutate(document, variables = {}) {
      const result = await client.mutation(document, variables).toPromise();
      if (result.error) throw new ApiError(result.error.graphQLErrors?.[0]?.message || result.error.message);
      return Object.values(result.data)[0];
    },
    /**
     * Subscribe; ``next`` gets each event's data. A subscription that ends (the server went away and
     * closed it) is made again once the socket is back: a hall screen never stops listening.
     */
    subscribe(document, variables, next) {
      let active = true;
      let stop = null;
      const again = () => { if (active) setTimeout(run, 1000); };
      const run = () => {
        stop = socket().subscribe({ query: document, variables }, {
          next: (message) => message.data && next(Object.values(message.data)[0]),
          error: (err) => { console.warn('subscription error', err); again(); },
          complete: again,
        });
      };
      run();
      return () => { active = false; stop?.(); };
    },
    start() { socket(); },
  };
}

export function isError(result) {
  return result && typeof result.code === 'string' && typeof result.message === 'string';
}
