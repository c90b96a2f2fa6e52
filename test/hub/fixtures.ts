// A hub on either engine (PGlite, or a throw-away PostgreSQL server), people signed in, desks
// enrolled with homes of their own, and finished runs written as a desk writes them.
import { afterAll, beforeAll } from 'vitest';
import { generateKeyPairSync, sign } from 'node:crypto';
import { openDb, type Db } from '../../hub/db/db.ts';
import { startHub, type HubServer, type StartHubOptions } from '../../hub/server.ts';
import { addUser } from '../../hub/people.ts';
import { enrollDesk, hubClientFor, type HubClient } from '../../core/hub/client.ts';
import { decisionMessage, type ApprovalDecisionBody, type Role } from '../../shared/hub.ts';
import { keyFingerprint } from '../../core/trace/keys.ts';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { Clock, storeIn, tempHome, writeSampleRun, type SampleRunOptions } from '../trace/fixtures.ts';
import type { TraceStore } from '../../core/trace/store.ts';

export const ENGINES = ['pglite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];
export const PASSWORD = 'correct horse battery';

let server: Promise<TestPostgres> | undefined;
/** one PostgreSQL server per test file, started on first use */
function postgres(): Promise<TestPostgres> {
  return (server ??= startTestPostgres());
}
afterAll(async () => {
  if (server) await (await server).stop();
});

export async function freshDb(engine: Engine): Promise<Db> {
  return engine === 'postgres' ? openDb({ database: await (await postgres()).newDatabase() }) : openDb({});
}

export interface TestHub {
  hub: HubServer;
  db: Db;
  admin: string;
  call(token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** adds a person and signs them in; returns their session token */
  person(name: string, role: Role, team?: string): Promise<string>;
  desk(user: string, name?: string): Promise<TestDesk>;
}

export interface TestDesk {
  home: string;
  client: HubClient;
  store: TraceStore;
  clock: Clock;
  run(opts?: SampleRunOptions): Promise<{ run: string; shots: string[] }>;
}

/** A hub for the describe block (started in beforeAll, closed in afterAll). */
export function useHub(engine: Engine, opts: Omit<StartHubOptions, 'db'> = {}): () => TestHub {
  let t: TestHub | undefined;
  beforeAll(async () => {
    const db = await freshDb(engine);
    const hub = await startHub({ ...opts, db });
    const call: TestHub['call'] = async (token, method, path, body) => {
      const res = await fetch(hub.url + path, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // kept as text
      }
      return { status: res.status, body: parsed };
    };
    const person: TestHub['person'] = async (name, role, team = 'north') => {
      await addUser(db, { name, role, team, password: PASSWORD });
      const res = await call(null, 'POST', '/api/login', { name, password: PASSWORD });
      if (res.status !== 200) throw new Error(`login of ${name}: ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    };
    const admin = await person('root', 'admin', 'ops');
    const desk: TestHub['desk'] = async (user, name = `${user}-desk`) => {
      const code = await call(admin, 'POST', '/api/enrollments', { user, desk: name });
      if (code.status !== 201) throw new Error(`enrollment code: ${JSON.stringify(code.body)}`);
      const home = tempHome();
      await enrollDesk(home, hub.url, code.body.code);
      const ctx = storeIn(home, new Clock(new Date(Date.now() - 3_600_000).toISOString()));
      return {
        home,
        client: (await hubClientFor(home))!,
        store: ctx.store,
        clock: ctx.clock,
        run: (o = {}) => writeSampleRun(ctx, { agent: user, ...o }),
      };
    };
    t = { hub, db, admin, call, person, desk };
  }, 120_000);
  afterAll(async () => {
    await t?.hub.close();
    await t?.db.close();
  });
  return () => t!;
}

/** A lead's ed25519 key pair: the public half as base64 SPKI DER (what the hub keeps), PEM too. */
export function leadKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const b64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return {
    publicKey: b64,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    keyId: keyFingerprint(b64),
    signDecision(d: ApprovalDecisionBody) {
      return { ...d, keyId: keyFingerprint(b64), signature: sign(null, Buffer.from(decisionMessage(d)), privateKey).toString('base64') };
    },
  };
}

export async function bundleOf(desk: TestDesk, run: string) {
  const b = await desk.store.bundleOf(run);
  if (!b.ok) throw new Error(b.error.message);
  return b.data;
}
