// QA over every desk's runs: a filtered list newest first (keyset pages, so the millionth row costs
// what the first does), one run with its events and screenshots, verdicts with the reviewer's
// identity, and the run as a bundle that verifies offline as a desk's export does.
import type { HubRun, HubRunQuery } from '../../shared/hub.ts';
import { HubRunQuerySchema, HubVerdictInputSchema } from '../../shared/hub.ts';
import type { TraceBundle } from '../../shared/trace.ts';
import { bytes, type Sql } from '../db/db.ts';
import { iso } from '../desks.ts';
import { HubError, parseOr400 } from '../errors.ts';
import type { HubUser } from '../people.ts';

const COLUMNS = `r.run_id, d.name AS desk, u.name AS uname, r.team, r.agent, r.ticket_id, r.playbooks, r.started_at, r.finished_at, r.duration_ms::float8 AS duration_ms, r.outcome, r.writes, r.auto_writes, r.escalated, r.verdict, r.received_at`;
const FROM = 'runs r JOIN desks d ON d.id = r.desk_id JOIN users u ON u.id = r.user_id';

interface Row {
  run_id: string;
  desk: string;
  uname: string;
  team: string;
  agent: string;
  ticket_id: string | null;
  playbooks: string[];
  started_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
  outcome: HubRun['outcome'];
  writes: number;
  auto_writes: number;
  escalated: boolean;
  verdict: HubRun['verdict'];
  received_at: Date;
}

const toRun = (r: Row): HubRun => ({
  run: r.run_id,
  desk: r.desk,
  user: r.uname,
  team: r.team,
  agent: r.agent,
  ticketId: r.ticket_id,
  playbooks: r.playbooks,
  startedAt: iso(r.started_at)!,
  finishedAt: iso(r.finished_at),
  durationMs: r.duration_ms,
  outcome: r.outcome,
  writes: r.writes,
  autoWrites: r.auto_writes,
  escalated: r.escalated,
  verdict: r.verdict,
  receivedAt: iso(r.received_at)!,
});

/** Who may read which runs: an admin every team's, everyone else their own team's. */
export function teamScope(user: HubUser): string | null {
  return user.role === 'admin' ? null : user.team;
}

export async function listRuns(db: Sql, user: HubUser, query: HubRunQuery): Promise<{ runs: HubRun[]; next: string | null }> {
  const q = parseOr400(HubRunQuerySchema, query, 'query');
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  const scope = teamScope(user);
  if (scope !== null) {
    if (q.team && q.team !== scope) throw new HubError(403, 'forbidden', `you may read the runs of team ${scope} only`);
    add('r.team = ?', scope);
  } else if (q.team) add('r.team = ?', q.team);
  if (q.since) add('r.started_at >= ?', new Date(q.since).toISOString());
  if (q.until) add('r.started_at < ?', untilBound(q.until));
  if (q.agent) add('r.agent = ?', q.agent);
  if (q.desk) {
    // by the desk's id, so the desk index gives its runs newest first (a subquery here makes
    // PostgreSQL sort all the team's runs)
    const ids = (await db.query<{ id: number }>('SELECT id FROM desks WHERE name = $1', [q.desk])).map((r) => r.id);
    if (ids.length === 0) return { runs: [], next: null };
    if (ids.length === 1) add('r.desk_id = ?', ids[0]);
    else add('r.desk_id = ANY(?::int[])', ids);
  }
  if (q.playbook) add('r.playbooks @> ARRAY[?]::text[]', q.playbook);
  if (q.outcome === 'running') where.push('r.outcome IS NULL');
  else if (q.outcome) add('r.outcome = ?', q.outcome);
  if (q.verdict === 'none') where.push('r.verdict IS NULL');
  else if (q.verdict) add('r.verdict = ?', q.verdict);
  if (q.sample !== undefined) {
    // a uniform draw from sha256(seed:run), compared on its first 48 bits
    params.push(q.seed, Math.floor(q.sample * 2 ** 48));
    where.push(`(r.escalated OR r.outcome = 'escalated' OR ('x' || substr(encode(sha256(convert_to($${params.length - 1} || ':' || r.run_id, 'UTF8')), 'hex'), 1, 12))::bit(48)::bigint < $${params.length}::bigint)`);
  }
  if (q.before) {
    const [at, run] = decodeCursor(q.before);
    params.push(at, run);
    where.push(`(r.started_at, r.run_id) < ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(q.limit + 1);
  const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.started_at DESC, r.run_id DESC LIMIT $${params.length}`, params);
  const page = rows.slice(0, q.limit).map(toRun);
  const last = rows.length > q.limit ? page.at(-1) : undefined;
  return { runs: page, next: last ? Buffer.from(JSON.stringify([last.startedAt, last.run])).toString('base64url') : null };
}

/** a date alone means the end of that day */
function untilBound(until: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(until) ? new Date(Date.parse(until) + 86_400_000).toISOString() : new Date(until).toISOString();
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string' && !Number.isNaN(Date.parse(v[0]))) return [v[0], v[1]];
  } catch {
    // refused below
  }
  throw new HubError(400, 'invalid_input', 'query: before is not a page cursor this hub gave');
}

/** One run the user may read, or 404 (another team's run is not said to exist). */
export async function runFor(db: Sql, user: HubUser, run: string): Promise<HubRun> {
  const scope = teamScope(user);
  const row = (await db.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.run_id = $1 AND ($2::text IS NULL OR r.team = $2)`, [run, scope]))[0];
  if (!row) throw new HubError(404, 'not_found', `no run ${run}`);
  return toRun(row);
}

export async function runDetail(db: Sql, user: HubUser, run: string) {
  const summary = await runFor(db, user, run);
  const events = (await db.query<{ body: string }>('SELECT body FROM events WHERE run_id = $1 ORDER BY seq', [run])).map((r) => JSON.parse(r.body) as unknown);
  const head = JSON.parse((await db.query<{ head: string }>('SELECT head FROM runs WHERE run_id = $1', [run]))[0]!.head) as unknown;
  const blobs = (await db.query<{ sha256: string }>('SELECT sha256 FROM run_blobs WHERE run_id = $1 ORDER BY sha256', [run])).map((r) => r.sha256);
  return { run: summary, events, head, blobs, reviews: await reviewsOf(db, run) };
}

async function reviewsOf(db: Sql, run: string) {
  const rows = await db.query<{ verdict: 'pass' | 'fail' | 'needs_follow_up'; comment: string; name: string; at: Date }>(
    'SELECT v.verdict, v.comment, u.name, v.at FROM reviews v JOIN users u ON u.id = v.reviewer_id WHERE v.run_id = $1 ORDER BY v.at, v.id',
    [run],
  );
  return rows.map((r) => ({ verdict: r.verdict, comment: r.comment, reviewer: r.name, at: iso(r.at)! }));
}

/** A screenshot or evidence file, to a user who may read a run that refers to it. */
export async function blobFor(db: Sql, user: HubUser, sha256: string): Promise<Buffer> {
  const row = (await db.query<{ bytes: Uint8Array }>(
    `SELECT b.bytes FROM blobs b WHERE b.sha256 = $1 AND EXISTS (SELECT 1 FROM run_blobs rb JOIN runs r ON r.run_id = rb.run_id WHERE rb.sha256 = b.sha256 AND ($2::text IS NULL OR r.team = $2))`,
    [sha256, teamScope(user)],
  ))[0];
  if (!row) throw new HubError(404, 'not_found', `no blob ${sha256}`);
  return bytes(row.bytes);
}

export async function recordVerdict(db: Sql, user: HubUser, run: string, input: unknown) {
  if (!['qa', 'lead', 'admin'].includes(user.role)) throw new HubError(403, 'forbidden', 'only QA reviewers, leads and admins record verdicts');
  const v = parseOr400(HubVerdictInputSchema, input, 'verdict');
  await runFor(db, user, run);
  const at = (await db.query<{ at: Date }>('INSERT INTO reviews (run_id, verdict, comment, reviewer_id) VALUES ($1, $2, $3, $4) RETURNING at', [run, v.verdict, v.comment, user.id]))[0]!.at;
  await db.query('UPDATE runs SET verdict = $2, verdict_at = $3 WHERE run_id = $1', [run, v.verdict, at]);
  return { run, verdict: v.verdict, comment: v.comment, reviewer: user.name, at: iso(at)! };
}

/** The run as the desk signed it, with its blobs and the hub's reviews: `legwork trace verify --key` checks it offline. */
export async function exportBundle(db: Sql, user: HubUser, run: string): Promise<TraceBundle> {
  const detail = await runDetail(db, user, run);
  const publicKey = (await db.query<{ public_key: string }>('SELECT public_key FROM runs WHERE run_id = $1', [run]))[0]!.public_key;
  const blobs: Record<string, string> = {};
  for (const r of await db.query<{ sha256: string; bytes: Uint8Array }>('SELECT b.sha256, b.bytes FROM run_blobs rb JOIN blobs b ON b.sha256 = rb.sha256 WHERE rb.run_id = $1', [run])) {
    blobs[r.sha256] = bytes(r.bytes).toString('base64');
  }
  return { format: 'legwork-trace-bundle', version: 1, run, exportedAt: new Date().toISOString(), events: detail.events, head: detail.head, publicKey, blobs, reviews: detail.reviews };
}
