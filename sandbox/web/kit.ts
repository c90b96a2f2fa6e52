// The legacy-app kit: what makes each sandbox system behave like an old back-office web app —
// a login with session cookies, a CSRF token on every form, server-rendered pages without stable
// ids, confirmation pages before writes — and the fault switches that make it misbehave.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { randomBytes } from 'node:crypto';
import { timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { World, SystemName } from '../domain/world.ts';
import { DomainError } from '../domain/errors.ts';
import { seededRandom } from '../domain/random.ts';
import type { FaultBoard } from './faults.ts';
import { STYLES } from './styles.ts';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;
export type Form = Record<string, string | string[]>;

export interface Session {
  sid: string;
  user: string | null;
  csrf: string;
  requests: number;
  flash: { kind: 'ok' | 'error'; text: string } | null;
}

export interface Credentials {
  username: string;
  password: string;
}

export interface LegacyAppOptions {
  system: SystemName;
  brand: string;
  world: World;
  faults: FaultBoard;
  credentials: Credentials;
  nav: [label: string, href: string][];
  /** seed for the fault dice, so a run with faults is reproducible */
  seed?: number;
}

/** Per-request helpers for rendering in the current layout variant. */
export interface View {
  layout: 'standard' | 'variant';
  /** a fresh element id: ids are not stable across renders, as in many old apps */
  id(): string;
  /** the class name of a UI part, renamed in the variant layout */
  cls(part: string): string;
  /** columns (or buttons) in this layout's order: the variant reorders them */
  arrange<T>(items: T[]): T[];
}

export interface Env {
  Variables: { session: Session; view: View; form: Form; app: LegacyApp };
}
export type Ctx = Context<Env>;

export const MAX_BODY_BYTES = 64 * 1024;

/** An HTTP error shown as an error page. */
export class PageError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 500,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

export class LegacyApp {
  readonly hono = new Hono<Env>();
  private readonly sessions = new Map<string, Session>();
  private readonly dice: () => number;
  readonly cookieName: string;

  constructor(readonly opts: LegacyAppOptions) {
    this.dice = seededRandom(opts.seed ?? hash(opts.system));
    this.cookieName = `${opts.system}_session`;
    const app = this.hono;
    app.use(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: async (c) => {
          const res = await this.errorPage(c as Ctx, new PageError(413, 'Request too large', `The form sent is larger than ${MAX_BODY_BYTES / 1024} KiB.`));
          // the rest of the body is never read, so the connection cannot be reused
          res.headers.set('connection', 'close');
          return res;
        },
      }),
    );
    app.use(this.injectFaults());
    app.get('/favicon.ico', (c) => c.body(null, 204));
    app.use(this.loadSession());
    app.get('/login', (c) => this.loginPage(c));
    app.post('/login', (c) => this.login(c));
    app.post('/logout', (c) => {
      this.sessions.delete(c.var.session.sid);
      deleteCookie(c, this.cookieName, { path: '/' });
      return c.redirect('/login');
    });
    app.notFound((c) => this.errorPage(c as Ctx, new PageError(404, 'Page not found', `There is no page at ${new URL(c.req.url).pathname}.`)));
    app.onError((err, c) => this.errorPage(c as Ctx, err));
  }

  get system(): SystemName {
    return this.opts.system;
  }

  get world(): World {
    return this.opts.world;
  }

  get faults() {
    return this.opts.faults.get(this.opts.system);
  }

  /** The "writes are down" fault: a 500 before a write to the records is done (reads, notes and replies still work). */
  private refuseWrite(): void {
    const rate = this.faults.errorOnWriteRate;
    if (rate > 0 && this.dice() < rate) throw new PageError(500, 'Internal Server Error', 'The server could not save your change.');
  }

  /** Applies a write through the shared domain layer; may then fail with a 500 (the "it happened but the page broke" fault). */
  write(name: string, kwargs: Record<string, unknown>): void {
    this.refuseWrite();
    this.world.write(this.system, name, kwargs);
    if (this.dice() < this.faults.errorAfterWriteRate) {
      throw new PageError(500, 'Internal Server Error', 'The server encountered an error while processing your request.');
    }
  }

  /** Records a write of the helpdesk or CRM (not a benchmark operation) in the write log, with the same after-write fault. */
  recordWrite(op: string, target: string, args: object): void {
    this.world.log(this.system, op, target, args);
    if (this.dice() < this.faults.errorAfterWriteRate) {
      throw new PageError(500, 'Internal Server Error', 'The server encountered an error while processing your request.');
    }
  }

  flash(c: Ctx, text: string, kind: 'ok' | 'error' = 'ok'): void {
    c.var.session.flash = { kind, text };
  }

  // ---- rendering ---------------------------------------------------------------------------

  page(c: Ctx, title: string, body: Html, status: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 500 = 200) {
    const s = c.var.session;
    const v = c.var.view;
    const flash = s.flash;
    s.flash = null;
    const path = new URL(c.req.url).pathname;
    const popup = s.user && c.req.method === 'GET' && this.dice() < this.faults.popupRate ? this.popup(v) : '';
    const nav = v.arrange(this.opts.nav);
    const header = html`<header class="${v.cls('topbar')}">
      <span class="${v.cls('brand')}">${this.opts.brand}</span>
      ${s.user
        ? html`<nav aria-label="Main" class="${v.cls('nav')}">${nav.map(
            ([label, href]) => html`<a href="${href}" ${path.startsWith(href) ? raw('aria-current="page"') : ''}>${label}</a>`,
          )}</nav>
          <form method="post" action="/logout" class="${v.cls('signout')}">${csrfField(c)}<span>${s.user}</span> <button type="submit">Sign out</button></form>`
        : ''}
    </header>`;
    const doc = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${this.opts.brand}</title><style>${raw(STYLES)}</style></head>
<body class="${v.cls('app')} layout-${v.layout}">
${header}
<main class="${v.cls('main')}">
${flash ? html`<div role="${flash.kind === 'error' ? 'alert' : 'status'}" class="${v.cls(`flash-${flash.kind}`)}">${flash.text}</div>` : ''}
<h1>${title}</h1>
${body}
</main>
${popup}
</body></html>`;
    return c.html(doc, status);
  }

  errorPage(c: Ctx, err: unknown) {
    const e =
      err instanceof PageError
        ? err
        : err instanceof DomainError
          ? new PageError(err.code === 'not_found' ? 404 : err.code === 'conflict' ? 409 : 400, errorTitle(err.code), err.message)
          : new PageError(500, 'Internal Server Error', 'The server encountered an error while processing your request.');
    if (e.status === 500 && !(err instanceof PageError)) console.error(`[${this.system}]`, err);
    if (!c.var.session) return c.html(`<!doctype html><title>${e.status}</title><h1>${e.title}</h1><p>${escapeText(e.message)}</p>`, e.status);
    return this.page(
      c,
      e.title,
      html`<p role="alert" class="${c.var.view.cls('error')}">${e.message}</p><p><a href="javascript:history.back()">Go back</a> · <a href="/">Home</a></p>`,
      e.status,
    );
  }

  private popup(v: View) {
    const id = v.id();
    return html`<div class="${v.cls('overlay')}" id="${id}">
  <div role="dialog" aria-modal="true" aria-labelledby="${id}-t" class="${v.cls('overlay-box')}">
    <h2 id="${id}-t">Scheduled maintenance</h2>
    <p>${this.opts.brand} will be unavailable on Sunday from 02:00 to 04:00 EST. Please save your work.</p>
    <button type="button" onclick="document.getElementById('${id}').remove()">Dismiss</button>
  </div>
</div>`;
  }

  // ---- login -------------------------------------------------------------------------------

  private loginPage(c: Ctx) {
    const v = c.var.view;
    const u = v.id();
    const p = v.id();
    const expired = c.req.query('expired') === '1';
    const failed = c.req.query('failed') === '1';
    const next = safeNext(c.req.query('next'));
    return this.page(
      c,
      'Sign in',
      html`${expired ? html`<p role="alert" class="${v.cls('error')}">Your session has expired. Please sign in again.</p>` : ''}
      ${failed ? html`<p role="alert" class="${v.cls('error')}">Wrong username or password.</p>` : ''}
      <form method="post" action="/login" class="${v.cls('login')}">
        ${csrfField(c)}<input type="hidden" name="next" value="${next}">
        <p><label for="${u}">Username</label> <input id="${u}" name="username" autocomplete="username" required></p>
        <p><label for="${p}">Password</label> <input id="${p}" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">Sign in</button></p>
      </form>`,
      expired || failed ? 401 : 200,
    );
  }

  private login(c: Ctx) {
    const f = c.var.form;
    const { username, password } = this.opts.credentials;
    const next = safeNext(one(f, 'next'));
    if (!sameSecret(one(f, 'username'), username) || !sameSecret(one(f, 'password'), password)) {
      return c.redirect(`/login?failed=1&next=${encodeURIComponent(next)}`);
    }
    // a new session id and CSRF token at login: tokens from before are stale now
    this.sessions.delete(c.var.session.sid);
    const session = this.newSession(c);
    session.user = username;
    return c.redirect(next);
  }

  // ---- middleware --------------------------------------------------------------------------

  private injectFaults(): MiddlewareHandler<Env> {
    return async (c, next) => {
      const f = this.faults;
      const delay = f.latencyMs + (f.jitterMs ? Math.floor(this.dice() * f.jitterMs) : 0);
      if (delay > 0) await sleep(delay);
      c.set('app', this);
      c.set('view', makeView(f.layout));
      if (f.errorRate > 0 && this.dice() < f.errorRate) {
        return c.html('<!doctype html><title>500 Internal Server Error</title><h1>Internal Server Error</h1><p>The server encountered an internal error and was unable to complete your request.</p>', 500);
      }
      await next();
    };
  }

  private loadSession(): MiddlewareHandler<Env> {
    return async (c, next) => {
      const sid = getCookie(c, this.cookieName);
      const url = new URL(c.req.url);
      const isLogin = url.pathname === '/login';
      let session = sid ? this.sessions.get(sid) : undefined;
      if (!session) {
        // Only the login page makes a session. Anything else without a live one goes to sign in,
        // and leaves the cookie alone: a late request with an old id must not clobber a new login.
        if (!isLogin) {
          c.set('session', { sid: '', user: null, csrf: '', requests: 0, flash: null });
          return c.redirect(c.req.method === 'GET' ? `/login?next=${encodeURIComponent(url.pathname + url.search)}` : '/login?expired=1', c.req.method === 'GET' ? 302 : 303);
        }
        session = this.newSession(c);
      }
      c.set('session', session);
      if (session.user && !isLogin) {
        session.requests += 1;
        const limit = this.faults.expireAfter;
        if (limit > 0 && session.requests > limit) {
          this.sessions.delete(session.sid);
          return c.redirect(`/login?expired=1&next=${encodeURIComponent(c.req.method === 'GET' ? url.pathname + url.search : url.pathname)}`);
        }
      }
      if (c.req.method === 'POST') {
        const form = await readForm(c);
        c.set('form', form);
        const token = one(form, '_csrf');
        if (!token || !sameSecret(token, session.csrf)) {
          throw new PageError(403, 'Security check failed', 'The form has expired or its security token is invalid. Reload the page and submit it again.');
        }
      } else {
        c.set('form', {});
      }
      if (!session.user && !isLogin) {
        if (c.req.method === 'GET') return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
        throw new PageError(401, 'Not signed in', 'Sign in first.');
      }
      await next();
    };
  }

  private newSession(c: Ctx): Session {
    const session: Session = { sid: token(), user: null, csrf: token(), requests: 0, flash: null };
    this.sessions.set(session.sid, session);
    // kept for a working day, like the "remember me" of many back-office tools
    setCookie(c, this.cookieName, session.sid, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 8 * 60 * 60 });
    return session;
  }
}

// ---- helpers shared by the four apps ---------------------------------------------------------

export function csrfField(c: Ctx) {
  return html`<input type="hidden" name="_csrf" value="${c.var.session.csrf}">`;
}

/** A confirmation page: the write happens only when its form is submitted. */
export function confirmPage(
  c: Ctx,
  opts: { title: string; question: string; rows: [string, Html | string][]; action: string; fields: Form; confirmLabel: string; backHref: string },
) {
  const v = c.var.view;
  const hidden = Object.entries({ ...opts.fields, confirm: 'yes' }).flatMap(([k, val]) =>
    (Array.isArray(val) ? val : [val]).map((x) => html`<input type="hidden" name="${k}" value="${x}">`),
  );
  const buttons = v.arrange([
    html`<button type="submit" class="${v.cls('primary')}">${opts.confirmLabel}</button>`,
    html`<a href="${opts.backHref}" class="${v.cls('button-link')}">Go back</a>`,
  ]);
  return c.var.app.page(
    c,
    opts.title,
    html`<section aria-label="Confirmation" class="${v.cls('confirm')}">
      <p><strong>${opts.question}</strong></p>
      <table class="${v.cls('kv')}"><tbody>${opts.rows.map(([k, val]) => html`<tr><th scope="row">${k}</th><td>${val}</td></tr>`)}</tbody></table>
      <form method="post" action="${opts.action}">${csrfField(c)}${hidden}<p class="${v.cls('actions')}">${buttons}</p></form>
    </section>`,
  );
}

/** Server-side pagination: a page of rows and the links to move between pages. */
export function paginate<T>(c: Ctx, rows: T[], perPage = 20) {
  const pages = Math.max(1, Math.ceil(rows.length / perPage));
  const requested = Number.parseInt(c.req.query('page') ?? '1', 10);
  const page = Number.isFinite(requested) ? Math.min(Math.max(1, requested), pages) : 1;
  const url = new URL(c.req.url);
  const link = (p: number) => {
    url.searchParams.set('page', String(p));
    return `${url.pathname}?${url.searchParams.toString()}`;
  };
  const v = c.var.view;
  const nav = html`<nav aria-label="Pagination" class="${v.cls('pager')}">
    ${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">Previous</a>` : ''}
    <span>Page ${page} of ${pages} (${rows.length} results)</span>
    ${page < pages ? html`<a href="${link(page + 1)}" rel="next">Next</a>` : ''}
  </nav>`;
  return { rows: rows.slice((page - 1) * perPage, page * perPage), nav, page, pages };
}

/** A data table whose columns the variant layout reorders. */
export function table<T>(c: Ctx, label: string, columns: [header: string, cell: (row: T) => Html | string | number][], rows: T[], empty = 'Nothing to show.') {
  const v = c.var.view;
  if (rows.length === 0) return html`<p class="${v.cls('empty')}">${empty}</p>`;
  const cols = v.arrange(columns);
  return html`<table aria-label="${label}" class="${v.cls('grid')}">
    <thead><tr>${cols.map(([h]) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${rows.map((r) => html`<tr>${cols.map(([, cell]) => html`<td>${cell(r)}</td>`)}</tr>`)}</tbody>
  </table>`;
}

/** A labelled form field with a fresh id. */
export function field(c: Ctx, label: string, input: (id: string) => Html) {
  const id = c.var.view.id();
  return html`<p class="${c.var.view.cls('field')}"><label for="${id}">${label}</label> ${input(id)}</p>`;
}

export function one(form: Form, key: string): string {
  const v = form[key];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

export function many(form: Form, key: string): string[] {
  const v = form[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function required(form: Form, key: string, label: string): string {
  const v = one(form, key).trim();
  if (!v) throw new PageError(400, 'Missing information', `${label} is required.`);
  return v;
}

async function readForm(c: Ctx): Promise<Form> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data')) {
    throw new PageError(400, 'Bad request', 'Forms must be sent as application/x-www-form-urlencoded.');
  }
  let body: Awaited<ReturnType<typeof c.req.parseBody>>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new PageError(400, 'Bad request', 'The form could not be read.');
  }
  const form: Form = {};
  for (const [k, v] of Object.entries(body)) {
    const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    form[k] = values.length === 1 ? (values[0] as string) : values;
  }
  return form;
}

function makeView(layout: 'standard' | 'variant'): View {
  const salt = layout === 'variant' ? 'x' : '';
  return {
    layout,
    id: () => `f${randomBytes(4).toString('hex')}`,
    cls: (part) => (layout === 'variant' ? `${salt}${part.replace(/-/g, '_')}_v2` : part),
    arrange: (items) => (layout === 'variant' ? [...items].reverse() : items),
  };
}

function token(): string {
  return randomBytes(18).toString('base64url');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A path on this app to go to after sign-in; anything a browser would resolve elsewhere (`//x`, `/\x`) is `/`. */
function safeNext(next: string | undefined): string {
  if (!next?.startsWith('/')) return '/';
  const base = 'http://app.invalid';
  const url = URL.parse(next, base);
  return url?.origin === base ? url.pathname + url.search + url.hash : '/';
}

function errorTitle(code: DomainError['code']): string {
  return code === 'not_found' ? 'Not found' : code === 'conflict' ? 'Not allowed' : 'Invalid request';
}

function escapeText(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function hash(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}
