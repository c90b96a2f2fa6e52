// Browser mode's transport: the core's API on loopback HTTP for the panel in a Chromium app window.
// Listens on 127.0.0.1 only, on a free port; every request must name this server in its Host
// (DNS-rebinding defence) and, when it has an Origin, come from this server's own origin; every
// API, event and blob request must carry the random token (a Bearer header; `?token=` only for
// EventSource and <img>, which cannot set headers) or the session cookie. The panel's own files are
// public build output and need no token. The app window Legwork opens gets a one-time code in its
// URL (its command line is readable through `ps`): `GET /?code=…` trades it, once and within a
// minute, for an httpOnly SameSite=Strict cookie holding the token, and the code is dead. A panel
// opened by hand from the headless line gets the token in the URL fragment (`#token=`, never sent).
//
//   POST /api/<method>      JSON body → ApiResponse (dispatch: parsed input, checked output)
//   GET  /api/events        Server-Sent Events, one `data:` line per ApiEvent, heartbeat comments
//   GET  /blobs/<sha256>    a stored screenshot, image/png
//   GET  /, /<file>         the panel (panelDir), index.html for `/`
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiEventSchema, type ApiResponse } from '../../shared/api.ts';
import { dispatch, failure, type ApiService } from './handlers.ts';
import { PANEL_HEADERS } from './panel-headers.ts';
import { readStaticFile } from './static-files.ts';

export interface ServeOptions {
  /** 0 (default): a free port */
  port?: number;
  /** the built panel (dist/panel); without it only the API is served */
  panelDir?: string;
  /** largest accepted request body (default 4 MiB: a signed policy is up to 1 M characters) */
  maxBodyBytes?: number;
  /** how often an idle event stream gets a comment line (default 15 s) */
  heartbeatMs?: number;
}

export interface ApiServer {
  /** the panel's address with the token in its fragment: what a person opens by hand (headless mode) */
  url: string;
  /** the panel's address with a fresh one-time code (no token): what the app window opens */
  handoverUrl(): string;
  /** `http://127.0.0.1:<port>/api`: calls are POST `${apiBase}/<method>`, events GET `${apiBase}/events` */
  apiBase: string;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const BLOB_PATH = /^\/blobs\/([0-9a-f]{64})$/;
export const SESSION_COOKIE = 'legwork_session';
/** how long a one-time code can wait for the app window to use it */
const CODE_TTL_MS = 60_000;
const METHOD_PATH = /^\/api\/([A-Za-z0-9_.-]{1,100})$/;

export async function serveApi(service: ApiService, opts: ServeOptions = {}): Promise<ApiServer> {
  const token = randomBytes(32).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? 4 * 1024 * 1024;
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const streams = new Set<ServerResponse>();
  /** one-time codes not used yet → when they stop working */
  const codes = new Map<string, number>();
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, failure('internal', `request failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(PANEL_HEADERS)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    const refusal = foreignRequest(req, port);
    if (refusal) return sendJson(res, 403, failure('invalid_input', refusal));

    const method = METHOD_PATH.exec(url.pathname);
    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      if (!authorized(req, url, true)) return unauthorized(res);
      return openEventStream(req, res);
    }
    if (method) {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      if (!authorized(req, url, false)) return unauthorized(res);
      return call(req, res, method[1]!);
    }
    if (url.pathname.startsWith('/api/')) return sendJson(res, 404, failure('invalid_input', `no such API path: ${url.pathname.slice(0, 120)}`));
    const blob = BLOB_PATH.exec(url.pathname);
    if (blob || url.pathname.startsWith('/blobs/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET');
      if (!authorized(req, url, true)) return unauthorized(res);
      if (!blob) return sendJson(res, 404, failure('invalid_input', 'a blob is named by its lowercase sha256'));
      const bytes = await service.blob(blob[1]!);
      if (!bytes) return sendJson(res, 404, failure('not_found', 'no such blob'));
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'private, max-age=31536000, immutable', 'content-length': bytes.byteLength });
      res.end(req.method === 'HEAD' ? undefined : bytes);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET');
    if (url.searchParams.has('code')) return tradeCode(res, url.searchParams.get('code') ?? '');
    return servePanel(req, res, url.pathname);
  }

  /** A one-time code for the session cookie; the code is spent whatever happens next. */
  function tradeCode(res: ServerResponse, code: string): void {
    const until = codes.get(code);
    codes.delete(code);
    if (until === undefined || until < Date.now()) return sendText(res, 403, 'This link was already used or has expired. Close this window and start Legwork again.');
    res.writeHead(303, {
      location: '/',
      'set-cookie': `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      'cache-control': 'no-store',
      'content-length': 0,
    });
    res.end();
  }

  function authorized(req: IncomingMessage, url: URL, queryAllowed: boolean): boolean {
    const header = req.headers.authorization;
    const given = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : queryAllowed ? url.searchParams.get('token') : null;
    if (given !== null && given !== undefined) return sameSecret(given, token);
    const cookie = sessionCookie(req.headers.cookie);
    return cookie !== null && sameSecret(cookie, token);
  }

  async function call(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return sendJson(res, 415, failure('invalid_input', 'the body must be JSON (content-type: application/json)'));
    const body = await readBody(req, maxBody);
    if (body === 'too_large') return sendJson(res, 413, failure('invalid_input', `the body is larger than ${maxBody} bytes`), true);
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (e) {
      return sendJson(res, 400, failure('invalid_input', `the body is not valid JSON: ${(e as Error).message}`));
    }
    const answer = await dispatch(service, method, input, 'browser');
    sendJson(res, answer.ok ? 200 : statusOf(answer.error.code), answer);
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = service.events.on((event) => {
      const parsed = ApiEventSchema.safeParse(event);
      if (parsed.success) res.write(`data: ${JSON.stringify(parsed.data)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
    heartbeat.unref();
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  async function servePanel(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (!opts.panelDir) return sendText(res, 404, 'The panel is not built: no files in the panel folder.');
    const file = await readStaticFile(opts.panelDir, pathname);
    if (!file.found) return file.refused ? sendText(res, 403, 'Refused.') : sendText(res, 404, 'Not found.');
    const isHtml = file.contentType.startsWith('text/html');
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.body.byteLength, 'cache-control': isHtml ? 'no-store' : 'private, max-age=3600' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${HOST}:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    handoverUrl() {
      const code = randomBytes(32).toString('base64url');
      codes.set(code, Date.now() + CODE_TTL_MS);
      return `${origin}/?code=${code}`;
    },
    apiBase: `${origin}/api`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Why a request does not come from this server's own pages (null when it does). */
export function foreignRequest(req: Pick<IncomingMessage, 'headers'>, port: number): string | null {
  const host = req.headers.host;
  const ownHosts = [`${HOST}:${port}`, `localhost:${port}`];
  if (!host || !ownHosts.includes(host.toLowerCase())) return `the Host header must be ${ownHosts.join(' or ')}`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host.toLowerCase()}`) return `requests from origin ${origin.slice(0, 100)} are refused`;
  return null;
}

/** The session cookie's value in a Cookie header (null when absent). */
function sessionCookie(header: string | undefined): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function statusOf(code: string): number {
  if (code === 'invalid_input') return 400;
  if (code === 'not_found') return 404;
  if (code === 'internal' || code === 'invalid_output') return 500;
  return 422;
}

/** The body, or 'too_large' (the rest is read and dropped, so the refusal can still be sent). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve('too_large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: ApiResponse<unknown>, closeAfter = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), ...(closeAfter ? { connection: 'close' } : {}) });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('allow', allow);
  sendJson(res, 405, failure('invalid_input', `use ${allow}`));
}

function unauthorized(res: ServerResponse): void {
  res.setHeader('www-authenticate', 'Bearer');
  sendJson(res, 401, failure('invalid_input', 'a valid token is required'));
}
