// Second approvals across desks. A desk asks (the plan, its hash, why); leads of the team hear it at
// once (ApprovalFeed → server-sent events) and decide with a decision signed by their lead key and
// bound to the request and the plan hash. A decision for another hash, a second decision, one
// signed by another key and one on an expired request are refused; the desk checks the signature
// again before it runs anything.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { decisionMessage, HubApprovalRequestInputSchema, SignedDecisionSchema, type HubApproval } from '../shared/hub.ts';
import { keyFingerprint } from '../core/trace/keys.ts';
import type { Db, Sql } from './db/db.ts';
import { iso, signatureValid, type HubDesk } from './desks.ts';
import { HubError, parseOr400 } from './errors.ts';
import type { HubUser } from './people.ts';
import { teamScope } from './runs/query.ts';

export const DEFAULT_APPROVAL_TTL_MS = 30 * 60_000;

export class ApprovalFeed extends EventEmitter<{ event: [{ type: 'approval.requested' | 'approval.decided'; approval: HubApproval }] }> {}

/**
 * Requests and decisions are announced with NOTIFY (sent when their transaction commits), so every
 * hub on the database — not only the one that took them — tells its connected leads.
 */
export const APPROVALS_CHANNEL = 'legwork_approvals';
type Announced = { type: 'approval.requested' | 'approval.decided'; id: string };
const announce = (db: Sql, a: Announced) => db.query('SELECT pg_notify($1, $2)', [APPROVALS_CHANNEL, JSON.stringify(a)]);

/** Passes what NOTIFY announced on to this hub's feed. */
export function relayApprovals(db: Db, feed: ApprovalFeed): Promise<() => Promise<void>> {
  return db.listen(APPROVALS_CHANNEL, (payload) => {
    void (async () => {
      const a = JSON.parse(payload) as Announced;
      const approval = await byId(db, a.id);
      if (approval) feed.emit('event', { type: a.type, approval });
    })().catch((e: unknown) => process.stderr.write(`hub: approval event: ${(e as Error).message}\n`));
  });
}

const COLUMNS = `a.id, d.name AS desk, u.name AS requester, a.team, a.ticket_id, a.subject, a.plan_hash, a.plan, a.why, a.steps, a.requested_at, a.expires_at, a.status, a.decision`;
const FROM = 'approvals a JOIN desks d ON d.id = a.desk_id JOIN users u ON u.id = a.requested_by';
interface Row {
  id: string;
  desk: string;
  requester: string;
  team: string;
  ticket_id: string;
  subject: string;
  plan_hash: string;
  plan: Record<string, unknown>;
  why: string;
  steps: HubApproval['steps'];
  requested_at: Date;
  expires_at: Date;
  status: HubApproval['status'];
  decision: string | null;
}
const toApproval = (r: Row): HubApproval => ({
  id: r.id,
  desk: r.desk,
  requestedBy: r.requester,
  team: r.team,
  ticketId: r.ticket_id,
  subject: r.subject,
  planHash: r.plan_hash,
  plan: r.plan,
  why: r.why,
  steps: r.steps,
  requestedAt: iso(r.requested_at)!,
  expiresAt: iso(r.expires_at)!,
  status: r.status === 'pending' && r.expires_at.getTime() <= Date.now() ? 'expired' : r.status,
  decision: r.decision ? JSON.parse(r.decision) : null,
});

async function byId(db: Sql, id: string, lock = false): Promise<HubApproval | undefined> {
  const r = (await db.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`, [id]))[0];
  return r && toApproval(r);
}

export async function requestApproval(db: Sql, desk: HubDesk, body: unknown, ttlMs = DEFAULT_APPROVAL_TTL_MS): Promise<HubApproval> {
  const input = parseOr400(HubApprovalRequestInputSchema, body, 'approval request');
  const id = `ar-${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
  await db.query(
    `INSERT INTO approvals (id, desk_id, requested_by, team, ticket_id, subject, plan_hash, plan, why, steps, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [id, desk.id, desk.user.id, desk.user.team, input.ticketId, input.subject, input.planHash, JSON.stringify(input.plan), input.why, JSON.stringify(input.steps), new Date(Date.now() + ttlMs).toISOString()],
  );
  await announce(db, { type: 'approval.requested', id });
  return (await byId(db, id))!;
}

export async function listApprovals(db: Sql, user: HubUser): Promise<HubApproval[]> {
  if (user.role !== 'lead' && user.role !== 'admin') throw new HubError(403, 'forbidden', 'only leads see approval requests');
  const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE ($1::text IS NULL OR a.team = $1) ORDER BY (a.status = 'pending') DESC, a.requested_at DESC LIMIT 200`, [teamScope(user)]);
  return rows.map(toApproval);
}

/** A request as its desk (or a lead of its team) sees it. */
export async function approvalFor(db: Sql, who: { desk?: HubDesk; user?: HubUser }, id: string): Promise<HubApproval> {
  const a = await byId(db, id);
  const mayRead = a && (who.desk ? a.desk === who.desk.name && a.requestedBy === who.desk.user.name : who.user && ['lead', 'admin'].includes(who.user.role) && (teamScope(who.user) === null || teamScope(who.user) === a.team));
  if (!a || !mayRead) throw new HubError(404, 'not_found', `no approval request ${id}`);
  return a;
}

export async function decideApproval(db: Db, lead: HubUser, id: string, body: unknown): Promise<HubApproval> {
  if (lead.role !== 'lead') throw new HubError(403, 'forbidden', 'only a lead gives second approvals');
  const d = parseOr400(SignedDecisionSchema, body, 'decision');
  if (d.requestId !== id) throw new HubError(400, 'wrong_request', `this decision is signed for request ${d.requestId}, not ${id}`);
  if (d.lead !== lead.name) throw new HubError(403, 'forbidden', `this decision is signed as ${d.lead}, and you are ${lead.name}`);
  if (!lead.publicKey) throw new HubError(409, 'no_lead_key', `lead ${lead.name} has no key on the hub yet: register it first`);
  if (d.keyId !== keyFingerprint(lead.publicKey) || !signatureValid(lead.publicKey, decisionMessage(d), d.signature)) {
    throw new HubError(403, 'bad_signature', `the decision is not signed by ${lead.name}'s lead key`);
  }
  if (!d.grant && !d.note.trim()) throw new HubError(400, 'invalid_input', 'say why it is declined: the agent reads it');
  const decided = await db.transaction(async (tx) => {
    const a = await byId(tx, id, true);
    if (!a || (teamScope(lead) !== null && a.team !== lead.team)) throw new HubError(404, 'not_found', `no approval request ${id}`);
    if (a.requestedBy === lead.name) throw new HubError(403, 'forbidden', 'a second approval must come from another person than the one who asked');
    if (a.status === 'expired') throw new HubError(410, 'expired', `request ${id} expired at ${a.expiresAt}; the agent asks again`);
    if (a.status !== 'pending') throw new HubError(409, 'already_decided', `request ${id} was already ${a.status} by ${a.decision?.lead ?? 'someone'}: a decision is given once`);
    if (a.planHash !== d.planHash) throw new HubError(409, 'wrong_plan_hash', `this decision is for plan ${d.planHash.slice(0, 12)}…, and the request is for plan ${a.planHash.slice(0, 12)}…: look at the request again`);
    await tx.query('UPDATE approvals SET status = $2, decided_by = $3, decision = $4 WHERE id = $1', [id, d.grant ? 'granted' : 'declined', lead.id, JSON.stringify(d)]);
    await announce(tx, { type: 'approval.decided', id });
    return (await byId(tx, id))!;
  });
  return decided;
}
