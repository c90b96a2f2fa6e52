// Desks: an admin makes a one-time enrollment code for a person's desk; the desk trades it for its
// place on the hub by registering its own ed25519 key (its trace key, which also signs its runs'
// heads). From then on each of its requests is signed with that key over the method, path, time,
// a nonce used once, and the body's sha256.
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { DEVICE_HEADERS, deviceMessage, type DeskView, type Enrolled } from '../shared/hub.ts';
import { normalizePublicKey } from '../core/trace/keys.ts';
import type { Db, Sql } from './db/db.ts';
import { HubError } from './errors.ts';
import { tokenHash, toUser, userByName, type HubUser } from './people.ts';

export interface HubDesk {
  id: number;
  name: string;
  publicKey: string;
  user: HubUser;
}

/** how far a desk's clock may be from the hub's */
export const CLOCK_SKEW_MS = 5 * 60_000;
const CODE_TTL_MS = 24 * 3_600_000;

export async function createEnrollment(db: Sql, userName: string, deskName: string): Promise<{ code: string; user: string; desk: string; expiresAt: string }> {
  const user = await userByName(db, userName);
  if (!user) throw new HubError(404, 'not_found', `no user named ${userName}`);
  const code = randomBytes(12).toString('base64url');
  const expiresAt = new Date(Date.now() + CODE_TTL_MS).toISOString();
  await db.query('INSERT INTO enrollments (code_hash, user_id, desk_name, expires_at) VALUES ($1, $2, $3, $4)', [tokenHash(code), user.id, deskName, expiresAt]);
  return { code, user: user.name, desk: deskName, expiresAt };
}

export async function enroll(db: Db, code: string, publicKey: string): Promise<Enrolled> {
  const key = normalizePublicKey(publicKey);
  if (!key) throw new HubError(400, 'invalid_input', 'the desk key is not an ed25519 public key');
  return db.transaction((tx) => claim(tx, code, key));
}

async function claim(db: Sql, code: string, key: string): Promise<Enrolled> {
  // used once: the update that marks it used is the one that may go on
  const claimed = (await db.query<{ user_id: number; desk_name: string }>('UPDATE enrollments SET used_at = now() WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id, desk_name', [tokenHash(code)]))[0];
  if (!claimed) throw new HubError(401, 'bad_code', 'this enrollment code is unknown, used already or expired: ask an admin for a new one');
  const desk = (await db.query<{ id: number }>('INSERT INTO desks (name, user_id, public_key) VALUES ($1, $2, $3) ON CONFLICT (public_key) DO NOTHING RETURNING id', [claimed.desk_name, claimed.user_id, key]))[0];
  if (!desk) throw new HubError(409, 'conflict', 'this desk key is enrolled already');
  await db.query('UPDATE enrollments SET desk_id = $1 WHERE code_hash = $2', [desk.id, tokenHash(code)]);
  const user = (await db.query<{ name: string; role: HubUser['role']; team: string }>('SELECT name, role, team FROM users WHERE id = $1', [claimed.user_id]))[0]!;
  return { deskId: desk.id, desk: claimed.desk_name, user };
}

/**
 * The desk that signed this request, or a 401 saying why not. A nonce is accepted once within the
 * clock window, so a captured request cannot be sent again.
 */
export async function verifyDeviceRequest(db: Sql, req: { method: string; pathWithQuery: string; header(name: string): string | undefined; body: Uint8Array }): Promise<HubDesk> {
  const deskId = Number(req.header(DEVICE_HEADERS.desk));
  const at = req.header(DEVICE_HEADERS.at) ?? '';
  const nonce = req.header(DEVICE_HEADERS.nonce) ?? '';
  const signature = req.header(DEVICE_HEADERS.signature) ?? '';
  if (!Number.isInteger(deskId) || !at || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce) || !signature) throw new HubError(401, 'unauthenticated', 'sign in, or sign the request with an enrolled desk key');
  if (!(Math.abs(Date.now() - Date.parse(at)) <= CLOCK_SKEW_MS)) throw new HubError(401, 'unauthenticated', `the request's time ${at} is more than 5 minutes from the hub's: check the desk's clock`);
  const row = (await db.query<{ id: number; name: string; public_key: string; uid: number; uname: string; role: HubUser['role']; team: string; upk: string | null }>(
    'SELECT d.id, d.name, d.public_key, u.id AS uid, u.name AS uname, u.role, u.team, u.public_key AS upk FROM desks d JOIN users u ON u.id = d.user_id WHERE d.id = $1',
    [deskId],
  ))[0];
  if (!row) throw new HubError(401, 'unknown_desk', `desk ${deskId} is not enrolled on this hub`);
  const bodyHash = createHash('sha256').update(req.body).digest('hex');
  if (!signatureValid(row.public_key, deviceMessage(req.method, req.pathWithQuery, at, nonce, bodyHash), signature)) {
    throw new HubError(401, 'bad_signature', `the request is not signed by desk ${row.name}'s key`);
  }
  // the nonce is kept and the desk marked seen in one statement (one round trip per request)
  const fresh = await db.query(
    `WITH n AS (INSERT INTO desk_nonces (desk_id, nonce) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING desk_id) UPDATE desks SET last_seen = now() WHERE id IN (SELECT desk_id FROM n) RETURNING id`,
    [deskId, nonce],
  );
  if (!fresh[0]) throw new HubError(401, 'replayed', 'this signed request was sent before: a replay is refused');
  if (Math.random() < 0.01) await db.query(`DELETE FROM desk_nonces WHERE at < now() - interval '10 minutes'`);
  return { id: row.id, name: row.name, publicKey: row.public_key, user: toUser({ id: row.uid, name: row.uname, role: row.role, team: row.team, public_key: row.upk }) };
}

export function signatureValid(publicKeyB64: string, message: string, signatureB64: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeyB64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' && verify(null, Buffer.from(message), key, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

export async function reportPolicy(db: Sql, deskId: number, p: { keyId: string | null; name: string | null; issuedAt: string | null }): Promise<void> {
  await db.query('UPDATE desks SET policy_key_id = $2, policy_name = $3, policy_issued_at = $4, policy_reported_at = now() WHERE id = $1', [deskId, p.keyId, p.name, p.issuedAt]);
}

export async function listDesks(db: Sql, team?: string): Promise<DeskView[]> {
  const rows = await db.query<{ id: number; name: string; uname: string; team: string; enrolled_at: Date; last_seen: Date | null; policy_key_id: string | null; policy_name: string | null; policy_issued_at: string | null; policy_reported_at: Date | null }>(
    `SELECT d.*, u.name AS uname, u.team FROM desks d JOIN users u ON u.id = d.user_id WHERE ($1::text IS NULL OR u.team = $1) ORDER BY d.name`,
    [team ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    user: r.uname,
    team: r.team,
    enrolledAt: iso(r.enrolled_at)!,
    lastSeen: iso(r.last_seen),
    policy: { keyId: r.policy_key_id, name: r.policy_name, issuedAt: r.policy_issued_at, reportedAt: iso(r.policy_reported_at) },
  }));
}

export const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
