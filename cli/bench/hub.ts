// The hub under a team's load: simulated desks (each enrolled, with its own ed25519 key) upload
// finished runs' signed bundles, a share of the uploads cut half-way and sent again as the desk's
// uploader does; then every run is counted (lost, duplicated). QA list/filter queries over seeded
// synthetic rows on PostgreSQL; the hub process's RSS throughout. The hub runs as its own process
// (`legwork hub`) on PostgreSQL, so its RSS is its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { HubClient } from '../../core/hub/client.ts';
import { makeEvent } from '../../core/trace/chain.ts';
import { signHead, type TraceKey } from '../../core/trace/keys.ts';
import { DEVICE_HEADERS, deviceMessage } from '../../shared/hub.ts';
import type { TraceBundle, TraceEvent } from '../../shared/trace.ts';
import { openDb, type Db } from '../../hub/db/db.ts';
import { migrate } from '../../hub/db/migrations.ts';
import { addUser } from '../../hub/people.ts';
import { createEnrollment } from '../../hub/desks.ts';
import { startScratchPostgres, type ScratchPostgres } from '../../hub/db/scratch-postgres.ts';
import { quantile } from './planning.ts';
import { round } from './overhead.ts';
import { rssMb } from './memory.ts';

export interface HubBenchOptions {
  desks: number;
  runsPerDesk: number;
  /** share of uploads cut half-way (then sent again) */
  cut: number;
  qaRows: number;
  /** a PostgreSQL URL; default a scratch cluster */
  database?: string;
  /** screenshot bytes per run */
  shotBytes?: number;
  say?: (line: string) => void;
}

const PASSWORD = 'bench-password-1';
const LEGWORK = fileURLToPath(new URL('../../bin/legwork.js', import.meta.url));

function deskKey(): TraceKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'), sign: (m) => sign(null, Buffer.from(m), privateKey).toString('base64') };
}

/** A finished run as a desk's trace store would export it: run_started … run_finished, one screenshot, signed head. */
function makeBundle(key: TraceKey, run: string, agent: string, shot: Buffer, now: Date): TraceBundle {
  const at = (ms: number) => new Date(now.getTime() - 60_000 + ms).toISOString();
  const shotHash = createHash('sha256').update(shot).digest('hex');
  const events: TraceEvent[] = [];
  let prev = '';
  const add = (type: Parameters<typeof makeEvent>[3], data: Record<string, unknown>, ms: number) => {
    const e = makeEvent(run, events.length, at(ms), type, data, prev);
    prev = e.hash;
    events.push(e);
  };
  add('run_started', { ticketId: 1000 + (events.length % 97), agent, playbooks: ['cancel_order'] }, 0);
  add('plan', { plan: { steps: [{ id: 's1', kind: 'write', playbook: 'cancel_order', action: 'cancel_pending_order' }] } }, 1_000);
  add('step_intent', { stepId: 's1', action: 'cancel_pending_order', kind: 'write', decision: { kind: 'auto' } }, 2_000);
  add('step_result', { stepId: 's1', ok: true, evidence: { screenshots: { after: shotHash } }, blobs: [shotHash] }, 5_000);
  add('run_finished', { outcome: 'completed' }, 50_000);
  const head = signHead(key, { run, count: events.length, lastHash: prev, outcome: 'completed', signedAt: at(50_001) });
  return { format: 'legwork-trace-bundle', version: 1, run, exportedAt: now.toISOString(), events, head, publicKey: key.publicKey, blobs: { [shotHash]: shot.toString('base64') }, reviews: [] };
}

/** Sends half of a signed upload and drops the connection. */
function cutUpload(hubUrl: string, deskId: number, key: TraceKey, body: Buffer): Promise<void> {
  const at = new Date().toISOString();
  const nonce = randomBytes(16).toString('base64url');
  const signature = key.sign(deviceMessage('POST', '/api/runs', at, nonce, createHash('sha256').update(body).digest('hex')));
  return new Promise((resolve) => {
    const req = httpRequest(`${hubUrl}/api/runs`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': body.length, [DEVICE_HEADERS.desk]: deskId, [DEVICE_HEADERS.at]: at, [DEVICE_HEADERS.nonce]: nonce, [DEVICE_HEADERS.signature]: signature },
    });
    req.on('error', () => resolve());
    req.write(body.subarray(0, body.length >> 1), () => {
      req.destroy();
      resolve();
    });
  });
}

async function startHubProcess(database: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [LEGWORK, 'hub', '--port', '0', '--database', database], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  // the hub writes only what went wrong: shown, so a failed bench says why
  child.stderr!.on('data', (d) => process.stderr.write(String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /"url":"([^"]+)"/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the hub exited (${code}) before it listened`)));
  });
  return { child, url };
}

async function login(url: string, name: string): Promise<string> {
  const res = await fetch(`${url}/api/login`, { method: 'POST', body: JSON.stringify({ name, password: PASSWORD }) });
  return ((await res.json()) as { token: string }).token;
}

export async function benchHub(opts: HubBenchOptions) {
  const say = opts.say ?? (() => undefined);
  let scratch: ScratchPostgres | undefined;
  let database = opts.database;
  if (!database) {
    say('starting a scratch PostgreSQL cluster');
    scratch = await startScratchPostgres();
    database = await scratch.newDatabase();
  }
  const db = await openDb({ database });
  let hub: { child: ChildProcess; url: string } | undefined;
  try {
    await migrate(db);
    await addUser(db, { name: 'bench-admin', role: 'admin', team: 'ops', password: PASSWORD });
    await addUser(db, { name: 'bench-qa', role: 'qa', team: 'team-0', password: PASSWORD });
    hub = await startHubProcess(database);
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(rssMb(hub!.child.pid!)), 200);
    try {
      const upload = await uploadLoad(db, hub.url, opts, say);
      const qa = await qaQueries(db, hub.url, opts.qaRows, say);
      return { ...upload, ...qa, hub_rss_mb_peak: round(Math.max(0, ...rss)), hub_engine: 'postgres' as const };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    hub?.child.kill('SIGTERM');
    if (hub) await new Promise((r) => hub!.child.once('exit', r));
    await db.close();
    await scratch?.stop();
  }
}

/** Tries `work` up to 12 times, backing off from 100 ms to 5 s; the last error is thrown with its cause. */
async function retried<T>(work: () => Promise<T>, onRetry: () => void): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (attempt >= 11) throw new Error(`${(e as Error).message}${(e as Error).cause ? ` (${String((e as Error).cause)})` : ''}`);
      onRetry();
      await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** attempt)));
    }
  }
}

async function uploadLoad(db: Db, url: string, opts: HubBenchOptions, say: (l: string) => void) {
  say(`enrolling ${opts.desks} desks`);
  const desks: { client: HubClient; key: TraceKey; deskId: number; agent: string }[] = [];
  for (let i = 0; i < opts.desks; i++) {
    const agent = `agent-${i}`;
    await addUser(db, { name: agent, role: 'agent', team: `team-${i % 10}`, password: PASSWORD });
    const code = await createEnrollment(db, agent, `desk-${i}`);
    const key = deskKey();
    const res = await fetch(`${url}/api/enroll`, { method: 'POST', body: JSON.stringify({ code: code.code, publicKey: key.publicKey }) });
    const deskId = ((await res.json()) as { deskId: number }).deskId;
    desks.push({ client: new HubClient(url, deskId, key), key, deskId, agent });
  }
  const qa = await login(url, 'bench-admin');
  const total = opts.desks * opts.runsPerDesk;
  say(`${total} runs from ${opts.desks} desks (${Math.round(opts.cut * 100)} % of uploads cut half-way and sent again)`);
  const visible: number[] = [];
  let cuts = 0;
  let resent = 0;
  let qaRetried = 0;
  const t0 = performance.now();
  await Promise.all(
    desks.map(async (d, i) => {
      for (let n = 0; n < opts.runsPerDesk; n++) {
        const run = `bench-${i}-${n}-${randomBytes(3).toString('hex')}`;
        const body = Buffer.from(JSON.stringify(makeBundle(d.key, run, d.agent, randomBytes(opts.shotBytes ?? 16_384), new Date())));
        // the run ends now: the desk's uploader sends it
        const ended = performance.now();
        if (Math.random() < opts.cut) {
          cuts++;
          await cutUpload(url, d.deskId, d.key, body);
        }
        // as the desk's uploader does: sent again after a refused connection or a reset, backing off (capped)
        await retried(async () => {
          const a = await d.client.request('POST', '/api/runs', body);
          if (a.status !== 201 && a.status !== 200) throw new Error(a.error?.message ?? `HTTP ${a.status}`);
        }, () => resent++);
        // visible in QA: the reviewer's query finds it (asked again after a connection error, never after a 404)
        const status = await retried(async () => {
          const seen = await fetch(`${url}/api/runs/${run}`, { headers: { authorization: `Bearer ${qa}` } });
          await seen.arrayBuffer();
          return seen.status;
        }, () => qaRetried++);
        if (status !== 200) throw new Error(`run ${run} not visible in QA after its upload was acknowledged`);
        visible.push(performance.now() - ended);
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  const [c] = await db.query<{ runs: number; distinct_runs: number; events: number; links: number }>(
    `SELECT count(*)::int AS runs, count(DISTINCT run_id)::int AS distinct_runs, (SELECT count(*) FROM events WHERE run_id LIKE 'bench-%')::int AS events, (SELECT count(*) FROM run_blobs WHERE run_id LIKE 'bench-%')::int AS links FROM runs WHERE run_id LIKE 'bench-%'`,
  );
  return {
    hub_upload_desks: opts.desks,
    hub_upload_runs: total,
    hub_upload_runs_per_s: round(total / wall),
    hub_run_end_to_qa_ms_p50: round(quantile(visible, 0.5)),
    hub_run_end_to_qa_ms_p95: round(quantile(visible, 0.95)),
    hub_upload_cut: cuts,
    hub_upload_resent_after_error: resent,
    hub_qa_lookup_retried_after_error: qaRetried,
    hub_upload_lost: total - c!.distinct_runs,
    hub_upload_duplicated: c!.runs - c!.distinct_runs + (c!.events - c!.runs * 5) + (c!.links - c!.runs),
  };
}

// the reviewer is of team-0: agents 0, 10, 20… and their desks
const QA_FILTERS = ['', 'agent=agent-10', 'playbook=return_items', 'outcome=escalated', 'verdict=fail', 'since=2026-01-10&until=2026-01-12', 'agent=agent-20&outcome=completed&verdict=none', 'desk=desk-30'];

async function qaQueries(db: Db, url: string, rows: number, say: (l: string) => void) {
  if (rows <= 0) return {};
  say(`seeding ${rows.toLocaleString('en')} synthetic runs for the QA queries`);
  const t = performance.now();
  await db.query(
    `INSERT INTO runs (run_id, head_hash, head, public_key, desk_id, user_id, team, agent, ticket_id, playbooks, started_at, finished_at, duration_ms, outcome, writes, auto_writes, heals, errors, escalated, event_count, verdict)
     SELECT 'seed-' || g, md5(g::text), '{}', 'k', d.id, d.user_id, 'team-' || ((d.id - 1) % 10), 'agent-' || (d.id - 1), (g % 5000)::text,
       ARRAY[(ARRAY['cancel_order','return_items','exchange_items','change_items','billing_discrepancy','information'])[1 + abs(hashtext(g || 'p')) % 6]],
       timestamptz '2026-01-01' + (g * interval '9 seconds'), timestamptz '2026-01-01' + (g * interval '9 seconds') + interval '90 seconds', 90000,
       (ARRAY['completed','completed','completed','escalated','asked','failed'])[1 + abs(hashtext(g || 'o')) % 6], 2, 1, 0, 0, (g % 11 = 0), 12,
       (ARRAY[NULL,NULL,NULL,'pass','fail','needs_follow_up'])[1 + abs(hashtext(g || 'v')) % 6]
     FROM generate_series(1, $1::int) AS g JOIN desks d ON d.id = 1 + g % (SELECT count(*) FROM desks)`,
    [rows],
  );
  await db.query('ANALYZE runs');
  const seedS = round((performance.now() - t) / 1000);
  // a QA reviewer of one team, as they use it: the first page of each filter, and the next page
  const token = await login(url, 'bench-qa');
  const times: number[] = [];
  const per: Record<string, number> = {};
  for (const f of QA_FILTERS) {
    const mine: number[] = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      const res = await fetch(`${url}/api/runs?limit=50&${f}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { next: string | null };
      if (res.status !== 200) throw new Error(`QA query ${f} answered ${res.status}`);
      mine.push(performance.now() - s);
      if (body.next && i === 0) {
        const s2 = performance.now();
        await (await fetch(`${url}/api/runs?limit=50&${f}&before=${body.next}`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();
        mine.push(performance.now() - s2);
      }
    }
    per[f || '(no filter)'] = round(quantile(mine, 0.95));
    times.push(...mine);
  }
  return { hub_qa_rows: rows, hub_qa_seed_s: seedS, hub_qa_ms_p50: round(quantile(times, 0.5)), hub_qa_ms_p95: round(quantile(times, 0.95)), hub_qa_ms_p95_by_filter: per };
}
