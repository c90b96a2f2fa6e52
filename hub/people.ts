// Users (roles agent, lead, qa, admin; passwords hashed with argon2id) and their sessions. A
// session token is random; only its sha256 is kept, with the time it expires.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { NewUserSchema, type NewUser, type Role, type SessionView, type UserView } from '../shared/hub.ts';
import { normalizePublicKey } from '../core/trace/keys.ts';
import type { Sql } from './db/db.ts';
import { HubError, parseOr400 } from './errors.ts';

export interface HubUser extends UserView {
  id: number;
  publicKey: string | null;
}

export const SESSION_COOKIE = 'legwork_hub_session';
const DEFAULT_SESSION_MS = 8 * 3_600_000;

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

interface UserRow {
  id: number;
  name: string;
  role: Role;
  team: string;
  public_key: string | null;
}
const USER_COLUMNS = 'u.id, u.name, u.role, u.team, u.public_key';
export const toUser = (r: UserRow): HubUser => ({ id: r.id, name: r.name, role: r.role, team: r.team, publicKey: r.public_key });

export async function addUser(db: Sql, input: NewUser): Promise<HubUser> {
  const u = parseOr400(NewUserSchema, input, 'user');
  const passwordHash = await hash(u.password);
  const rows = await db.query<UserRow>(
    `INSERT INTO users (name, role, team, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING id, name, role, team, public_key`,
    [u.name, u.role, u.team, passwordHash],
  );
  if (!rows[0]) throw new HubError(409, 'conflict', `there is already a user named ${u.name}`);
  return toUser(rows[0]);
}

export async function listUsers(db: Sql): Promise<UserView[]> {
  return (await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.name`)).map((r) => ({ name: r.name, role: r.role, team: r.team }));
}

export async function userByName(db: Sql, name: string): Promise<HubUser | undefined> {
  const r = (await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.name = $1`, [name]))[0];
  return r && toUser(r);
}

export async function logIn(db: Sql, name: string, password: string, ttlMs = DEFAULT_SESSION_MS): Promise<SessionView> {
  const row = (await db.query<UserRow & { password_hash: string }>(`SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE u.name = $1`, [name]))[0];
  // the same answer for an unknown name and a wrong password
  if (!row || !(await verify(row.password_hash, password))) throw new HubError(401, 'login_failed', 'wrong name or password');
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(Date.now() + ttlMs);
  await db.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [tokenHash(token), row.id, expires.toISOString()]);
  await db.query('DELETE FROM sessions WHERE expires_at < now()');
  return { token, expiresAt: expires.toISOString(), user: { name: row.name, role: row.role, team: row.team } };
}

export async function logOut(db: Sql, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash(token)]);
}

/** The user of a session token that has not expired, or undefined. */
export async function sessionUser(db: Sql, token: string): Promise<HubUser | undefined> {
  const r = (await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > now()`, [tokenHash(token)]))[0];
  return r && toUser(r);
}

/** A lead's (or admin's) ed25519 key, which their policies and approvals must be signed with. */
export async function setUserKey(db: Sql, name: string, publicKey: string): Promise<void> {
  const key = normalizePublicKey(publicKey);
  if (!key) throw new HubError(400, 'invalid_input', 'the key is not an ed25519 public key (PEM, or base64 SPKI DER)');
  const rows = await db.query('UPDATE users SET public_key = $2 WHERE name = $1 RETURNING id', [name, key]);
  if (!rows[0]) throw new HubError(404, 'not_found', `no user named ${name}`);
}
