// Browser mode's transport over real HTTP on loopback.
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveApi, type ApiServer } from '../../core/api/http-server.ts';
import { fakeService, PNG, PNG_HASH, TICKETS, type FakeService } from './fake-service.ts';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json(): unknown;
}

let server: ApiServer;
let service: FakeService;
let port: number;
let dir: string;

function send(pathAndQuery: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: pathAndQuery, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

function call(method: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send(`/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'legwork-api-'));
  const panel = path.join(dir, 'panel');
  mkdirSync(path.join(panel, 'assets'), { recursive: true });
  writeFileSync(path.join(panel, 'index.html'), '<!doctype html><title>Legwork</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(path.join(panel, 'assets', 'app.js'), 'console.log("panel");');
  writeFileSync(path.join(panel, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(dir, 'secret.txt'), 'TOP SECRET');
  symlinkSync(path.join(dir, 'secret.txt'), path.join(panel, 'assets', 'link.js'));
  service = fakeService();
  server = await serveApi(service, { panelDir: panel });
  port = Number(new URL(server.apiBase).port);
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('serveApi', () => {
  it('listens on loopback with a random 32-byte token that the panel URL carries in its fragment', () => {
    expect(server.apiBase).toBe(`http://127.0.0.1:${port}/api`);
    expect(Buffer.from(server.token, 'base64url')).toHaveLength(32);
    expect(server.url).toBe(`http://127.0.0.1:${port}/#token=${server.token}`);
  });

  it('answers a call with the token', async () => {
    const answer = await call('tickets.queue', { status: 'open' });
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ ok: true, data: TICKETS });
    expect(service.calls.at(-1)).toEqual({ method: 'tickets.queue', input: { status: 'open' }, caller: 'browser' });
  });

  it('refuses calls without the token or with a wrong one (401), and a token in the query for calls', async () => {
    const before = service.calls.length;
    const none = await send('/api/tickets.queue', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect(none.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await call('tickets.queue', {}, { authorization: `Bearer ${server.token.slice(1)}x` })).status).toBe(401);
    expect((await call('tickets.queue', {}, { authorization: 'Bearer ' })).status).toBe(401);
    const inQuery = await send(`/api/tickets.queue?token=${server.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(inQuery.status).toBe(401);
    expect((await send('/api/events')).status).toBe(401);
    expect((await send(`/blobs/${PNG_HASH}?token=nope`)).status).toBe(401);
    expect(service.calls.length).toBe(before);
  });

  it('refuses a foreign Host (DNS rebinding) or a foreign Origin with 403, even with the token', async () => {
    const before = service.calls.length;
    expect((await call('tickets.queue', {}, { host: `evil.example:${port}` })).status).toBe(403);
    expect((await call('tickets.queue', {}, { host: `127.0.0.1:${port + 1}` })).status).toBe(403);
    expect((await call('tickets.queue', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await call('tickets.queue', {}, { origin: 'null' })).status).toBe(403);
    expect((await call('tickets.queue', {}, { origin: `http://localhost:${port}` })).status).toBe(403);
    expect((await send('/', { headers: { host: 'attacker.test' } })).status).toBe(403);
    expect(service.calls.length).toBe(before);
    expect((await call('tickets.queue', {}, { origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await call('tickets.queue', {}, { host: `localhost:${port}`, origin: `http://localhost:${port}` })).status).toBe(200);
  });

  it('answers malformed JSON, a wrong content type and an oversized body with a clear invalid_input', async () => {
    const bad = await call('tickets.queue', '{"status": ');
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('not valid JSON') } });
    const form = await call('tickets.queue', 'status=open', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const huge = await call('policy.validate', { text: 'x'.repeat(5 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses an unknown method and input that does not parse, naming the field', async () => {
    const unknown = await call('tickets.delete', {});
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toEqual({ ok: false, error: { code: 'invalid_input', message: 'unknown method "tickets.delete"' } });
    const invalid = await call('tickets.open', { ticketId: -3 });
    expect(invalid.status).toBe(400);
    expect(invalid.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^tickets\.open: ticketId: /) } });
    expect((await send('/api/tickets.queue', { headers: { authorization: `Bearer ${server.token}` } })).status).toBe(405);
  });

  it('catches output that breaks the contract and errors thrown by the core, without a stack', async () => {
    const broken = await call('tickets.open', { ticketId: 7 });
    expect(broken.status).toBe(500);
    expect(broken.json()).toMatchObject({ ok: false, error: { code: 'invalid_output' } });
    const notFound = await call('run.get', { runId: 'r-9' });
    expect(notFound.status).toBe(404);
    expect(notFound.json()).toEqual({ ok: false, error: { code: 'not_found', message: 'run.get: no run r-9' } });
    const internal = await call('run.cancel', { runId: 'r-9' });
    expect(internal.status).toBe(500);
    expect(internal.body.toString()).not.toContain('/home/me');
  });

  it('streams core events over Server-Sent Events and unsubscribes when the stream closes', async () => {
    const run = { runId: 'r-1', ticketId: 7, mode: 'all' as const, status: 'running' as const, steps: [{ stepId: 's1', status: 'running' as const }] };
    const received = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: `/api/events?token=${server.token}` }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          if (text.includes(': connected')) {
            // an event that breaks the schema is dropped; the valid one arrives
            service.emit({ type: 'run.progress', run: { runId: 'r-1' } } as never);
            service.emit({ type: 'run.progress', run });
          }
          if (text.includes('data: ')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', (e) => (e.message.includes('aborted') || e.message.includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    const data = received.split('\n').filter((l) => l.startsWith('data: '));
    expect(data.map((l) => JSON.parse(l.slice('data: '.length)))).toEqual([{ type: 'run.progress', run }]);
    await vi.waitFor(() => expect(service.listenerCount()).toBe(0));
  });

  it('serves a stored screenshot as a private PNG with the token in the query, 404 for an unknown one', async () => {
    const blob = await send(`/blobs/${PNG_HASH}?token=${server.token}`);
    expect(blob.status).toBe(200);
    expect(blob.headers['content-type']).toBe('image/png');
    expect(blob.headers['cache-control']).toMatch(/^private/);
    expect(blob.body.equals(PNG)).toBe(true);
    expect((await send(`/blobs/${'0'.repeat(64)}?token=${server.token}`)).status).toBe(404);
    expect((await send(`/blobs/../secret.txt?token=${server.token}`)).status).not.toBe(200);
  });

  it('serves the panel with a strict CSP and nosniff, index.html for /', async () => {
    const index = await send('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body.toString()).toContain('<title>Legwork</title>');
    expect(index.headers['content-security-policy']).toBe(
      "default-src 'self'; img-src 'self' data:; connect-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'",
    );
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const js = await send('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body.toString()).toBe('console.log("panel");');
    expect((await send('/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await send('/assets/missing.js')).status).toBe(404);
    expect((await send('/queue')).body.toString()).toContain('<title>Legwork</title>');
  });

  it('refuses paths that lead outside the panel folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e%5c%2e%2e%5csecret.txt', '/assets/link.js', '/%00index.html', '/%E0%A4%A']) {
      const answer = await send(p);
      expect(answer.status, p).toBeGreaterThanOrEqual(400);
      expect(answer.body.toString(), p).not.toContain('TOP SECRET');
    }
  });
});
