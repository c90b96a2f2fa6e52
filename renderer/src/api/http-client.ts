// Browser mode's transport: calls are `POST {apiBase}/api/<method>` with a bearer token, events come
// over Server-Sent Events, screenshots from `/blobs/<hash>`. The token arrives once in the page URL;
// without one (the app window Legwork opens), the session cookie authorizes every request.
import { API_METHODS, type ApiClient, type ApiEvent, type ApiMethod } from '../../../shared/api.ts';
import { ApiCallError, Listeners, unwrapResponse } from './envelope.ts';

export interface HttpClientOptions {
  /** origin (and optional path prefix) of the core's API, e.g. "http://127.0.0.1:41234" */
  apiBase: string;
  /** null: no token, the server's httpOnly session cookie is sent instead */
  token: string | null;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
}

const EVENT_TYPES: ApiEvent['type'][] = ['proposal.read', 'run.progress'];

export function createHttpClient(options: HttpClientOptions): ApiClient {
  const base = options.apiBase.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const Source = options.EventSource ?? globalThis.EventSource;
  const tokenQuery = options.token === null ? '' : `?token=${encodeURIComponent(options.token)}`;
  const listeners = new Listeners();
  let source: EventSource | null = null;

  const openEvents = (): void => {
    if (source || !Source) return;
    source = new Source(`${base}/api/events${tokenQuery}`);
    const onMessage = (message: MessageEvent): void => {
      let raw: unknown;
      try {
        raw = JSON.parse(String(message.data));
      } catch {
        console.warn('legwork: ignored an event that is not JSON');
        return;
      }
      listeners.emit(raw);
    };
    // the server may send plain `data:` messages or name them by type; both are read
    source.addEventListener('message', onMessage);
    for (const type of EVENT_TYPES) source.addEventListener(type, onMessage as EventListener);
  };

  return {
    async call(method, input) {
      if (!API_METHODS.includes(method as ApiMethod)) throw new ApiCallError('invalid_input', `unknown method ${String(method)}`);
      let response: Response;
      try {
        response = await doFetch(`${base}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(options.token === null ? {} : { authorization: `Bearer ${options.token}` }) },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        throw new ApiCallError('system_error', `cannot reach Legwork's core: ${error instanceof Error ? error.message : String(error)}`);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ApiCallError(response.ok ? 'invalid_output' : 'system_error', `${method}: HTTP ${response.status} without a JSON answer`);
      }
      return unwrapResponse(method, body);
    },
    on(listener) {
      const off = listeners.add(listener);
      openEvents();
      return () => {
        off();
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
    blobUrl(hash) {
      return `${base}/blobs/${encodeURIComponent(hash)}${tokenQuery}`;
    },
  };
}

/**
 * Reads the API token from the page URL's `token` query parameter and removes it from the address
 * bar (history.replaceState), so it is not left in the history or shown on screen. Null when absent.
 */
export function takeTokenFromLocation(win: Pick<Window, 'location' | 'history'>): string | null {
  const url = new URL(win.location.href);
  // browser mode puts it in the fragment (never sent to a server, nor in a Referer); a query works too
  const fragment = /(?:^#|&)token=/.test(url.hash) ? new URLSearchParams(url.hash.slice(1)) : null;
  const token = fragment?.get('token') ?? url.searchParams.get('token');
  if (!token) return null;
  url.searchParams.delete('token');
  fragment?.delete('token');
  const hash = fragment ? (fragment.toString() ? `#${fragment}` : '') : url.hash;
  win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${hash}`);
  return token;
}
