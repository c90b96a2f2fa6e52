// A desk's finished run arrives as its signed bundle. Nothing is stored until all of it checks out:
// it parses, it is finished (a signed head), the chain is whole, the head is signed by the key of
// the desk that sends it, and every screenshot it refers to is there and matches its hash. Then
// the run, its events and its blobs go in one transaction. Sending the same run again (same run
// id, same head) is answered as stored, and stores nothing twice. Every refusal is recorded for
// admins.
import { TraceBundleSchema, RunIdSchema, type TraceBundle, type TraceEvent } from '../../shared/trace.ts';
import { canonicalJson } from '../../shared/plan.ts';
import type { Uploaded } from '../../shared/hub.ts';
import { referencedBlobs, verifyOpenedBundle } from '../../core/trace/bundle.ts';
import { sha256Hex, parseEventValue } from '../../core/trace/chain.ts';
import { keyFingerprint } from '../../core/trace/keys.ts';
import { summarizeRun } from '../../core/trace/summary.ts';
import type { Db, Sql } from '../db/db.ts';
import type { HubDesk } from '../desks.ts';
import { HubError } from '../errors.ts';

export async function ingestBundle(db: Db, desk: HubDesk, body: Uint8Array): Promise<Uploaded> {
  let bundle: TraceBundle | undefined;
  try {
    bundle = parseBundle(body);
    return await storeVerified(db, desk, bundle);
  } catch (e) {
    if (e instanceof HubError && e.code !== 'internal') await recordRejection(db, desk.id, bundle?.run ?? null, e.message, (e as RefusedBundle).problems ?? []);
    throw e;
  }
}

class RefusedBundle extends HubError {
  constructor(
    status: 400 | 403 | 409 | 422,
    code: string,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(status, code, message);
  }
}

function parseBundle(body: Uint8Array): TraceBundle {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch (e) {
    throw new RefusedBundle(400, 'malformed_bundle', `the upload is not JSON: ${(e as Error).message}`);
  }
  const parsed = TraceBundleSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RefusedBundle(400, 'malformed_bundle', `the upload is not a trace bundle: ${issue?.path.join('.') || 'bundle'} ${issue?.message ?? ''}`.trim());
  }
  if (!RunIdSchema.safeParse(parsed.data.run).success) throw new RefusedBundle(400, 'malformed_bundle', `"${parsed.data.run.slice(0, 80)}" is not a run id`);
  return parsed.data;
}

async function storeVerified(db: Db, desk: HubDesk, bundle: TraceBundle): Promise<Uploaded> {
  if (bundle.head === null) throw new RefusedBundle(422, 'unfinished_run', `run ${bundle.run} has no signed head: only finished runs are uploaded`);
  const opened = { bundle, blob: (h: string) => (Object.hasOwn(bundle.blobs, h) ? Buffer.from(bundle.blobs[h]!, 'base64') : undefined) };
  const report = await verifyOpenedBundle(opened, [desk.publicKey]);
  const headKey = (bundle.head as { publicKey?: unknown }).publicKey;
  if (report.problems.some((p) => p.code === 'untrusted_key') || bundle.publicKey !== desk.publicKey) {
    const signer = typeof headKey === 'string' ? keyFingerprint(headKey) : 'no key';
    throw new RefusedBundle(403, 'foreign_bundle', `run ${bundle.run} is signed by key ${signer}, not by desk ${desk.name}'s key ${keyFingerprint(desk.publicKey)}: a desk uploads only its own runs`, report.problems.map((p) => p.message));
  }
  if (!report.ok) throw new RefusedBundle(422, 'tampered_bundle', `run ${bundle.run} does not verify: ${report.problems[0]!.message}${report.problems.length > 1 ? ` (and ${report.problems.length - 1} more)` : ''}`, report.problems.map((p) => p.message));

  const events = bundle.events.map((e, i) => parseEventValue(i + 1, e).event!) as TraceEvent[];
  const summary = summarizeRun(bundle.run, events);
  const headHash = sha256Hex(canonicalJson(bundle.head));
  const hashes = referencedBlobs(bundle.events);
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO runs (run_id, head_hash, head, public_key, desk_id, user_id, team, agent, ticket_id, playbooks, started_at, finished_at, duration_ms, outcome, writes, auto_writes, heals, errors, escalated, event_count)
       SELECT $1, $2, $3, $4, d.id, u.id, u.team, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17 FROM desks d JOIN users u ON u.id = d.user_id WHERE d.id = $18
       ON CONFLICT (run_id) DO NOTHING RETURNING run_id`,
      [
        bundle.run, headHash, JSON.stringify(bundle.head), desk.publicKey,
        summary.agent || desk.user.name, summary.ticketId === null ? null : String(summary.ticketId), summary.playbooks,
        summary.startedAt || new Date().toISOString(), summary.finishedAt, summary.durationMs, summary.outcome,
        summary.writes, summary.autoWrites, summary.heals, summary.errors, summary.escalated, events.length, desk.id,
      ],
    );
    if (!inserted[0]) return alreadyThere(tx, desk, bundle.run, headHash, events.length, hashes.length);
    await tx.query('INSERT INTO events (run_id, seq, body) SELECT $1, s.seq, s.body FROM unnest($2::int[], $3::text[]) AS s(seq, body)', [bundle.run, events.map((e) => e.seq), bundle.events.map((e) => JSON.stringify(e))]);
    for (const hash of hashes) {
      const bytes = opened.blob(hash)!;
      await tx.query('INSERT INTO blobs (sha256, size, bytes) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [hash, bytes.length, bytes]);
    }
    if (hashes.length) await tx.query('INSERT INTO run_blobs (run_id, sha256) SELECT $1, unnest($2::text[])', [bundle.run, hashes]);
    return { run: bundle.run, headHash, stored: true, events: events.length, blobs: hashes.length };
  });
}

async function alreadyThere(tx: Sql, desk: HubDesk, run: string, headHash: string, events: number, blobs: number): Promise<Uploaded> {
  const have = (await tx.query<{ head_hash: string; desk_id: number }>('SELECT head_hash, desk_id FROM runs WHERE run_id = $1', [run]))[0];
  if (have && have.head_hash === headHash && have.desk_id === desk.id) return { run, headHash, stored: false, events, blobs };
  throw new RefusedBundle(409, 'run_conflict', `run ${run} is on the hub already ${have?.desk_id === desk.id ? 'with another head' : 'from another desk'}; it is not replaced`);
}

async function recordRejection(db: Sql, deskId: number | null, run: string | null, reason: string, problems: string[]): Promise<void> {
  await db.query('INSERT INTO rejections (desk_id, run_id, reason, problems) VALUES ($1, $2, $3, $4)', [deskId, run, reason, JSON.stringify(problems.slice(0, 50))]);
}

export { recordRejection };
