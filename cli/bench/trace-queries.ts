// Trace queries at 10,000 runs (issue 5's target: < 200 ms). Synthetic runs are written straight to
// files (chained, with signed heads, but without the fsyncs of the live path); the index is then
// rebuilt from those files and every query goes through the real TraceStore.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PLAYBOOKS } from '../../shared/plan.ts';
import type { RunOutcome, TraceEvent, TraceEventType, TraceQuery } from '../../shared/trace.ts';
import { makeEvent } from '../../core/trace/chain.ts';
import { loadOrCreateTraceKey, signHead } from '../../core/trace/keys.ts';
import { TraceStore } from '../../core/trace/store.ts';
import { median } from './overhead.ts';
import { seededRandom as prng } from '../../sandbox/domain/random.ts';

export interface TraceQueryFigures {
  /**
   * median over the typical queries on a store that has loaded its index (the app and QA screen
   * keep it loaded: load once, filter in memory) — the figure against the < 200 ms target
   */
  trace_query_ms_10k: number;
  /** the same queries, each from a freshly opened store that first reads the index: one CLI call */
  trace_query_cold_ms_10k: number;
  /** the slowest of the typical queries, cold */
  trace_query_cold_max_ms_10k: number;
  /** rebuilding the index from the run files */
  trace_index_rebuild_ms_10k: number;
  trace_runs: number;
  /** the queries and what each returned, cold and warm */
  trace_queries: { query: string; matched: number; cold_ms: number; warm_ms: number }[];
}

const AGENTS = ['ana', 'bo', 'cy', 'dee', 'eli', 'fay', 'gus', 'hal'];
const OUTCOMES: RunOutcome[] = ['completed', 'completed', 'completed', 'completed', 'escalated', 'asked', 'failed', 'cancelled'];
const DAY = 86_400_000;
const START = Date.parse('2025-01-01T00:00:00Z');


/** Writes `runs` finished runs (and QA reviews for a fifth of them) under `root`, spread over 90 days. */
export async function generateRuns(root: string, keyFile: string, runs: number): Promise<void> {
  const key = await loadOrCreateTraceKey(keyFile);
  const rand = prng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  mkdirSync(path.join(root, 'runs'), { recursive: true });
  mkdirSync(path.join(root, 'reviews'), { recursive: true });
  for (let i = 0; i < runs; i++) {
    const run = `bench-${String(i).padStart(6, '0')}`;
    const startedAt = START + Math.floor(rand() * 90 * DAY);
    const playbooks = rand() < 0.15 ? [pick(PLAYBOOKS), pick(PLAYBOOKS)] : [pick(PLAYBOOKS)];
    const outcome = pick(OUTCOMES);
    const agent = pick(AGENTS);
    const events: TraceEvent[] = [];
    let t = startedAt;
    const add = (type: TraceEventType, data: Record<string, unknown>) => {
      t += Math.floor(rand() * 20_000);
      events.push(makeEvent(run, events.length, new Date(t).toISOString(), type, data, events.at(-1)?.hash ?? ''));
    };
    add('run_started', { ticketId: 1000 + i, agent, playbooks, planner: 'offline' });
    const steps = playbooks.flatMap((playbook, p) => [
      { id: `s${p * 2 + 1}`, playbook, system: 'orders', action: 'get_order_details', kind: 'read' },
      { id: `s${p * 2 + 2}`, playbook, system: 'orders', action: 'cancel_pending_order', kind: 'write' },
    ]);
    add('plan', { plan: { steps } });
    const decisions = steps.map((s) => ({ stepId: s.id, kind: s.kind === 'read' || rand() < 0.6 ? 'auto' : 'approve', reason: 'policy' }));
    add('decisions', { decisions });
    add('approved', { approver: agent, planHash: 'ab'.repeat(32) });
    for (const [n, s] of steps.entries()) {
      add('step_intent', { stepId: s.id, action: s.action, kind: s.kind, decision: decisions[n] });
      add('step_result', { stepId: s.id, ok: !(outcome === 'failed' && n === steps.length - 1) });
    }
    if (outcome === 'escalated') add('escalated', { note: 'handed over' });
    add('run_finished', { outcome, durationMs: t - startedAt });
    const head = signHead(key, { run, count: events.length, lastHash: events.at(-1)!.hash, outcome, signedAt: new Date(t).toISOString() });
    const dir = path.join(root, 'runs', run);
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'events.jsonl'), events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    writeFileSync(path.join(dir, 'head.json'), JSON.stringify(head));
    if (rand() < 0.2) {
      const verdict = rand() < 0.8 ? 'pass' : rand() < 0.5 ? 'fail' : 'needs_follow_up';
      writeFileSync(path.join(root, 'reviews', `${run}.jsonl`), `${JSON.stringify({ run, verdict, comment: '', reviewer: 'qa', at: new Date(t + DAY).toISOString() })}\n`);
    }
  }
}

/** The queries a QA lead and the metrics page make. */
const TYPICAL: { name: string; query: TraceQuery; metrics?: boolean }[] = [
  { name: 'all runs, newest 50', query: { limit: 50 } },
  { name: 'last 7 days', query: { since: '2025-03-25', until: '2025-03-31' } },
  { name: 'one agent', query: { agent: 'cy' } },
  { name: 'one playbook', query: { playbook: 'return_items' } },
  { name: 'escalated', query: { outcome: 'escalated' } },
  { name: 'failed QA', query: { verdict: 'fail' } },
  { name: 'not reviewed, one playbook, a month', query: { verdict: 'none', playbook: 'cancel_order', since: '2025-02-01', until: '2025-02-28' } },
  { name: 'metrics per playbook, all runs', query: {}, metrics: true },
];

export async function benchTraceQueries(opts: { runs?: number; dir?: string } = {}): Promise<TraceQueryFigures> {
  const runs = opts.runs ?? 10_000;
  const home = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'legwork-trace-bench-'));
  try {
    const root = path.join(home, 'traces');
    const keyFile = path.join(home, 'keys', 'trace-ed25519.pem');
    await generateRuns(root, keyFile, runs);
    const open = () => new TraceStore(root, { keyFile });
    let t0 = performance.now();
    const indexed = await open().rebuildIndex();
    const rebuildMs = performance.now() - t0;
    if (indexed !== runs) throw new Error(`the index holds ${indexed} runs, not ${runs}`);

    const answer = async (store: TraceStore, q: (typeof TYPICAL)[number]): Promise<number> => {
      const r = q.metrics ? await store.metrics(q.query) : await store.listRuns(q.query);
      if (!r.ok) throw new Error(r.error.message);
      return q.metrics ? (r.data as { runs: number }[]).at(-1)!.runs : r.data.length;
    };
    const warmStore = open();
    await answer(warmStore, TYPICAL[0]!);
    const rows = [];
    for (const q of TYPICAL) {
      const cold: number[] = [];
      const warm: number[] = [];
      let matched = 0;
      for (let i = 0; i < 5; i++) {
        const store = open();
        t0 = performance.now();
        matched = await answer(store, q);
        cold.push(performance.now() - t0);
        t0 = performance.now();
        await answer(warmStore, q);
        warm.push(performance.now() - t0);
      }
      rows.push({ query: q.name, matched, cold_ms: round(median(cold)), warm_ms: round(median(warm)) });
    }
    return {
      trace_query_ms_10k: round(median(rows.map((r) => r.warm_ms))),
      trace_query_cold_ms_10k: round(median(rows.map((r) => r.cold_ms))),
      trace_query_cold_max_ms_10k: Math.max(...rows.map((r) => r.cold_ms)),
      trace_index_rebuild_ms_10k: Math.round(rebuildMs),
      trace_runs: runs,
      trace_queries: rows,
    };
  } finally {
    if (!opts.dir) rmSync(home, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
