// People of the team signed in on the hub through this desk: a lead deciding second approvals, a
// QA reviewer. The hub's session token stays here in core, under a session id of this desk's own
// (what the panel holds); the panel never sees the hub's address or its token.
import { randomBytes } from 'node:crypto';
import { SessionViewSchema, type Role } from '../../shared/hub.ts';
import { fail, type Result } from '../../shared/errors.ts';
import { answerOf, type HubAnswer } from './client.ts';

export interface HubPerson {
  readonly name: string;
  readonly role: Role;
  readonly team: string;
  /** a request on the hub as this person (Bearer token); network failures throw */
  call(method: string, pathWithQuery: string, body?: unknown, opts?: { signal?: AbortSignal }): Promise<HubAnswer>;
  /** raw bytes (a screenshot), or null when the hub refuses */
  bytes(pathWithQuery: string): Promise<Buffer | null>;
  /** an open stream (server-sent events), for those who follow one */
  stream(pathWithQuery: string, signal: AbortSignal): Promise<Response>;
}

/** what a hub that cannot be reached means for the person at the desk */
export const unreachable = (hubUrl: string, e: unknown) => `the team hub (${new URL(hubUrl).host}) cannot be reached: ${(e as Error).message}`;

export class HubPeople {
  readonly #sessions = new Map<string, { person: HubPerson; until: number }>();
  readonly #closers = new Set<AbortController>();

  constructor(
    private readonly hubUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async signIn(name: string, password: string): Promise<Result<{ session: string; person: HubPerson }>> {
    let a: HubAnswer;
    try {
      a = await answerOf(await this.fetchImpl(new URL('/api/login', this.hubUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) }));
    } catch (e) {
      return fail('system_error', unreachable(this.hubUrl, e));
    }
    if (a.status !== 200) return fail(a.status === 401 || a.status === 400 ? 'invalid_input' : 'system_error', `the hub refused the sign-in: ${a.error?.message ?? `HTTP ${a.status}`}`);
    const s = SessionViewSchema.parse(a.body);
    const person = this.#person(s.user.name, s.user.role, s.user.team, s.token);
    const session = randomBytes(24).toString('base64url');
    this.#sessions.set(session, { person, until: Date.parse(s.expiresAt) });
    return { ok: true, data: { session, person } };
  }

  who(session: string): Result<HubPerson> {
    const s = this.#sessions.get(session);
    if (!s || s.until < Date.now()) {
      this.#sessions.delete(session);
      return fail('precondition_failed', 'sign in again on the team hub (the session ended)');
    }
    return { ok: true, data: s.person };
  }

  /** an AbortController that is aborted when the desk closes (for streams followed on a person's behalf) */
  closer(): AbortController {
    const c = new AbortController();
    this.#closers.add(c);
    c.signal.addEventListener('abort', () => this.#closers.delete(c));
    return c;
  }

  close(): void {
    for (const c of [...this.#closers]) c.abort();
    this.#sessions.clear();
  }

  #person(name: string, role: Role, team: string, token: string): HubPerson {
    const { hubUrl, fetchImpl } = this;
    const headers = (json: boolean) => ({ authorization: `Bearer ${token}`, ...(json ? { 'content-type': 'application/json' } : {}) });
    return {
      name,
      role,
      team,
      async call(method, pathWithQuery, body, opts = {}) {
        const res = await fetchImpl(new URL(pathWithQuery, hubUrl), {
          method,
          headers: headers(body !== undefined),
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        return answerOf(res);
      },
      async bytes(pathWithQuery) {
        const res = await fetchImpl(new URL(pathWithQuery, hubUrl), { headers: headers(false) });
        return res.ok ? Buffer.from(await res.arrayBuffer()) : null;
      },
      stream: (pathWithQuery, signal) => fetchImpl(new URL(pathWithQuery, hubUrl), { headers: { ...headers(false), accept: 'text/event-stream' }, signal }),
    };
  }
}
