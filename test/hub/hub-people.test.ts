// People, sessions, roles and desks on the hub, on PGlite and on a real PostgreSQL server.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { DEVICE_HEADERS } from '../../shared/hub.ts';
import { migrate } from '../../hub/db/migrations.ts';
import { logIn } from '../../hub/people.ts';
import { ENGINES, freshDb, PASSWORD, useHub } from './fixtures.ts';

describe.each(ENGINES)('hub people and desks on %s', (engine) => {
  const t = useHub(engine);

  it('answers nothing without a session or a desk signature', async () => {
    const { call } = t();
    for (const [method, path] of [['GET', '/api/runs'], ['GET', '/api/desks'], ['GET', '/api/approvals'], ['GET', '/api/metrics'], ['GET', '/api/policies/current'], ['POST', '/api/runs'], ['GET', `/api/blobs/${'a'.repeat(64)}`]] as const) {
      const res = await call(null, method, path);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    }
    expect((await call('not-a-session-token', 'GET', '/api/runs')).status).toBe(401);
  });

  it('signs people in with their password, refuses a wrong one, and ends sessions when they expire', async () => {
    const { call, person } = t();
    const token = await person('ana', 'agent');
    expect((await call(token, 'GET', '/api/me')).body).toEqual({ name: 'ana', role: 'agent', team: 'north' });
    const wrong = await call(null, 'POST', '/api/login', { name: 'ana', password: 'wrong password!' });
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'login_failed' } } });
    expect((await call(null, 'POST', '/api/login', { name: 'nobody', password: PASSWORD })).status).toBe(401);
    // the password is kept as an argon2id hash, never as given
    const stored = await t().db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE name = $1', ['ana']);
    expect(stored[0]!.password_hash).toMatch(/^\$argon2id\$/);
    // a session that lives 1 s works, then is refused
    const short = await logIn(t().db, 'ana', PASSWORD, 1_000);
    expect((await call(short.token, 'GET', '/api/me')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await call(short.token, 'GET', '/api/me'))).toMatchObject({ status: 401, body: { error: { message: /expired/ } } });
    expect((await call(token, 'GET', '/api/me')).status).toBe(200);
  });

  it('lets only an admin add people and make enrollment codes', async () => {
    const { call, person, admin } = t();
    const lead = await person('lena', 'lead');
    expect((await call(lead, 'POST', '/api/users', { name: 'x1', role: 'admin', password: PASSWORD })).status).toBe(403);
    expect((await call(lead, 'POST', '/api/enrollments', { user: 'lena', desk: 'd' })).status).toBe(403);
    const made = await call(admin, 'POST', '/api/users', { name: 'quinn', role: 'qa', team: 'north', password: PASSWORD });
    expect(made).toMatchObject({ status: 201, body: { name: 'quinn', role: 'qa', team: 'north' } });
    expect((await call(admin, 'POST', '/api/users', { name: 'quinn', role: 'qa', password: PASSWORD })).status).toBe(409);
    const bad = await call(admin, 'POST', '/api/users', { name: 'q2', role: 'boss', password: PASSWORD });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } });
    expect(bad.body.error.message).toMatch(/role/);
  });

  it('enrolls a desk once per code, and takes a desk request only with its own signature, once', async () => {
    const { call, person, admin, desk, hub } = t();
    await person('bo', 'agent');
    const d = await desk('bo');
    const me = await d.client.request('GET', '/api/me');
    expect(me).toMatchObject({ status: 200, body: { name: 'bo', role: 'agent', desk: 'bo-desk' } });

    const code = (await call(admin, 'POST', '/api/enrollments', { user: 'bo', desk: 'second' })).body.code as string;
    const key = 'MCowBQYDK2VwAyEA' + randomBytes(32).toString('base64');
    expect((await call(null, 'POST', '/api/enroll', { code, publicKey: key })).status).toBe(201);
    const again = await call(null, 'POST', '/api/enroll', { code, publicKey: 'MCowBQYDK2VwAyEA' + randomBytes(32).toString('base64') });
    expect(again).toMatchObject({ status: 401, body: { error: { code: 'bad_code' } } });

    // a signed request sent again (same nonce) is refused
    const headers: Record<string, string> = {};
    const spy: typeof fetch = async (input, init) => {
      Object.assign(headers, init?.headers as Record<string, string>);
      return fetch(input, init);
    };
    const { HubClient } = await import('../../core/hub/client.ts');
    const { loadOrCreateTraceKey } = await import('../../core/trace/keys.ts');
    const key2 = await loadOrCreateTraceKey(`${d.home}/keys/trace-ed25519.pem`);
    const recording = new HubClient(hub.url, d.client.deskId, key2, spy);
    expect((await recording.request('GET', '/api/me')).status).toBe(200);
    const replay = await fetch(`${hub.url}/api/me`, { headers });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as any).error.code).toBe('replayed');

    // signed by another key, or by a desk the hub does not know
    const forged = await fetch(`${hub.url}/api/me`, { headers: { ...headers, [DEVICE_HEADERS.nonce]: randomBytes(16).toString('base64url') } });
    expect(((await forged.json()) as any).error.code).toBe('bad_signature');
    const unknown = await fetch(`${hub.url}/api/me`, { headers: { ...headers, [DEVICE_HEADERS.desk]: '99999' } });
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as any).error.code).toBe('unknown_desk');
  });

  it('keeps one schema version history: migrating again applies nothing', async () => {
    const db = await freshDb(engine);
    try {
      expect(await migrate(db)).toEqual([1, 2]);
      expect(await migrate(db)).toEqual([]);
      expect(await db.query('SELECT version FROM schema_migrations')).toEqual([{ version: 1 }, { version: 2 }]);
    } finally {
      await db.close();
    }
  });
});
