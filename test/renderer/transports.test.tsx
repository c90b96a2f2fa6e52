// @vitest-environment jsdom
// The panel's two transports, seen from outside: the HTTP client against a real loopback server
// speaking browser mode's protocol, the Electron client over a bridge object; answers that do not
// match the contract become a clear error on screen instead of a crash.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { App } from '../../renderer/src/App.tsx';
import { ApiCallError } from '../../renderer/src/api/envelope.ts';
import { createElectronClient } from '../../renderer/src/api/electron-client.ts';
import { createHttpClient, takeTokenFromLocation } from '../../renderer/src/api/http-client.ts';
import { queue, run } from './fixtures.ts';

afterEach(cleanup);

const TOKEN = 'tok-123';
let server: Server;
let base = '';
const seen: { url: string; auth: string | undefined; body: unknown }[] = [];

const readBody = async (req: IncomingMessage) => {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text ? JSON.parse(text) : null;
};

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    seen.push({ url: req.url ?? '', auth: req.headers.authorization, body });
    const answer = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return answer(401, { ok: false, error: { code: 'invalid_input', message: 'missing or wrong token' } });
    if (req.url === '/api/tickets.queue') return answer(200, { ok: true, data: queue });
    if (req.url === '/api/tickets.open') return answer(404, { ok: false, error: { code: 'not_found', message: 'no ticket #9' } });
    if (req.url === '/api/runs.list') return answer(200, { ok: true, data: [{ runId: 7 }] });
    res.writeHead(500);
    res.end('oops');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiCallError);
  return error as ApiCallError;
};

describe('HTTP client (browser mode)', () => {
  it('posts JSON with the bearer token and parses the answer with the contract', async () => {
    const client = createHttpClient({ apiBase: `${base}/`, token: TOKEN, fetch: globalThis.fetch });
    expect(await client.call('tickets.queue', { status: 'new' })).toEqual(queue);
    expect(seen.at(-1)).toEqual({ url: '/api/tickets.queue', auth: `Bearer ${TOKEN}`, body: { status: 'new' } });
    expect(client.blobUrl('ab12')).toBe(`${base}/blobs/ab12?token=${TOKEN}`);
  });

  it('turns error envelopes, contract mismatches and non-JSON answers into ApiCallErrors', async () => {
    const client = createHttpClient({ apiBase: base, token: TOKEN, fetch: globalThis.fetch });
    const notFound = await failure(client.call('tickets.open', { ticketId: 9 }));
    expect([notFound.code, notFound.message]).toEqual(['not_found', 'no ticket #9']);
    const bad = await failure(client.call('runs.list', {}));
    expect(bad.code).toBe('invalid_output');
    expect(bad.message).toMatch(/runs.list: the core's answer does not match the contract at 0.runId/);
    expect((await failure(client.call('settings.get', {}))).message).toMatch(/HTTP 500 without a JSON answer/);
    const wrongToken = createHttpClient({ apiBase: base, token: 'nope', fetch: globalThis.fetch });
    expect((await failure(wrongToken.call('tickets.queue', {}))).message).toBe('missing or wrong token');
  });

  it('takes the token from the page URL and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/?token=secret-1&x=1#top');
    expect(takeTokenFromLocation(window)).toBe('secret-1');
    expect(window.location.href).not.toContain('secret-1');
    expect(`${window.location.pathname}${window.location.search}${window.location.hash}`).toBe('/?x=1#top');
    expect(takeTokenFromLocation(window)).toBeNull();
    // browser mode's form: in the fragment, which never reaches a server
    window.history.replaceState(null, '', '/#token=secret-2');
    expect(takeTokenFromLocation(window)).toBe('secret-2');
    expect(window.location.href).not.toContain('secret-2');
  });
});

describe('Electron client', () => {
  it('unwraps envelopes, drops events that do not parse, and shows bad data as an error', async () => {
    const pushed: ((event: unknown) => void)[] = [];
    let unsubscribed = 0;
    const client = createElectronClient({
      call: async (method) => (method === 'tickets.list' ? { ok: true, data: { tickets: [{ id: 'not-a-number' }] } } : { ok: false, error: { code: 'internal', message: 'boom' } }),
      on: (listener) => {
        pushed.push(listener);
        return () => unsubscribed++;
      },
    });
    const got: string[] = [];
    const off = client.on((e) => got.push(e.type));
    pushed[0]!({ type: 'run.progress', run: run([]) });
    pushed[0]!({ type: 'run.progress', run: { runId: '' } });
    pushed[0]!('garbage');
    expect(got).toEqual(['run.progress']);
    off();
    expect(unsubscribed).toBe(1);

    render(<App api={client} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/tickets.list: the core's answer does not match the contract/);
  });
});
