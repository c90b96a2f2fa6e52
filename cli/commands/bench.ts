// `legwork bench`: the figures we decide from, each beside its target, in one run on the sandbox:
// the sandbox itself, run overhead (a whole resolution and each write action against a bare
// script), ticket → plan latency, a batch of corpus tickets end to end, trace queries at 10,000
// runs, and peak memory.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startSandbox, type RunningSandbox } from '../../sandbox/server.ts';
import { signIn } from '../sandbox-client.ts';
import { UsageError } from '../usage.ts';
import type { SystemName } from '../../sandbox/domain/world.ts';
import { parseFlags } from '../args.ts';
import { measureOverhead, median, round } from '../bench/overhead.ts';
import { measureResolution } from '../bench/resolution.ts';
import { measurePlanLatency, quantile } from '../bench/planning.ts';
import { chromiumProcesses, chromiumPssNow, memoryNow, PeakMemory, slope } from '../bench/memory.ts';
import { benchTraceQueries } from '../bench/trace-queries.ts';
import { benchHub } from '../bench/hub.ts';
import { startWorker, type LegworkWorker } from '../eval/workers.ts';
import { parseCorpus, runEval } from '../../core/eval/run-eval.ts';

const PAGE_ROUNDS = 200;
/** how fast a legacy tool's page answers, for the second overhead figure */
const LEGACY_LATENCY_MS = 100;
const PARTS = ['sandbox', 'overhead', 'actions', 'plan', 'batch', 'trace', 'hub'] as const;
type Part = (typeof PARTS)[number];
const DEFAULT_CORPUS = fileURLToPath(new URL('../../test/corpus/tickets.jsonl', import.meta.url));

type Row = [what: string, value: string, target: string];

async function pageLatency(sandbox: RunningSandbox): Promise<{ figures: Record<string, unknown>; rows: Row[] }> {
  const orders = Object.values(sandbox.world.retail.data.orders);
  const someOrder = orders[0]!.order_id.slice(1);
  const pendingOrder = orders.find((o) => o.status === 'pending')!.order_id.slice(1);
  const deliveredOrder = orders.find((o) => o.status === 'delivered')!.order_id.slice(1);
  const someUser = Object.keys(sandbox.world.retail.data.users)[0]!;
  const pages: [SystemName, string][] = [
    ['helpdesk', '/tickets'],
    ['helpdesk', '/tickets/1001'],
    ['crm', `/customers?q=${encodeURIComponent('Smith')}`],
    ['crm', `/customers/${someUser}`],
    ['orders', `/orders/${someOrder}`],
    ['orders', '/orders?page=3'],
    ['orders', `/orders/${pendingOrder}/items`],
    ['orders', `/orders/${deliveredOrder}/exchange`],
    ['orders', '/products'],
    ['billing', `/customers/${someUser}`],
    ['billing', `/payments/${someOrder}`],
  ];
  const results = [];
  for (const [system, path] of pages) {
    const cookie = await signIn(sandbox.urls[system], sandbox.credentials[system]);
    const times: number[] = [];
    for (let i = 0; i < PAGE_ROUNDS; i++) {
      const s = performance.now();
      const res = await fetch(sandbox.urls[system] + path, { headers: { cookie }, redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${system} ${path} answered ${res.status}`);
      times.push(performance.now() - s);
    }
    results.push({ system, path, p50_ms: round(quantile(times, 0.5)), p95_ms: round(quantile(times, 0.95)) });
  }
  const p50 = round(quantile(results.map((r) => r.p50_ms), 0.5));
  return {
    figures: { page_ms_p50: p50, pages: results },
    rows: [['page latency p50 (all pages)', `${p50} ms`, '< 20 ms'], ...results.map((r) => [`  ${r.system} ${r.path}`, `p50 ${r.p50_ms} ms, p95 ${r.p95_ms} ms`, ''] as Row)],
  };
}

/** The desk at rest after work: garbage collected where the flag allows, then a moment's quiet. */
async function idleMemory(): Promise<number | null> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 2_000));
  const m = memoryNow();
  return m.chromium === null ? null : Math.round(m.core + m.chromium);
}

export async function benchCommand(args: string[]): Promise<void> {
  const flags = parseFlags(args, {
    json: { type: 'string' },
    rounds: { type: 'string' },
    latency: { type: 'string' },
    only: { type: 'string' },
    tickets: { type: 'string' },
    batch: { type: 'string' },
    concurrency: { type: 'string' },
    'hub-desks': { type: 'string' },
    'hub-runs': { type: 'string' },
    'hub-qa-rows': { type: 'string' },
    'hub-database': { type: 'string' },
  });
  const latency = Number(flags.latency ?? 0);
  if (!Number.isInteger(latency) || latency < 0 || latency > 2000) throw new UsageError('--latency must be a whole number of milliseconds from 0 to 2000');
  const rounds = Number(flags.rounds ?? 5);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 40) throw new UsageError('--rounds must be a whole number from 1 to 40');
  const batchSize = Number(flags.batch ?? 100);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) throw new UsageError('--batch must be a whole number from 1 to 1000');
  const concurrency = Number(flags.concurrency ?? 2);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new UsageError('--concurrency must be a whole number from 1 to 16');
  const only = new Set<Part>(flags.only ? (flags.only.split(',').map((p) => p.trim()) as Part[]) : PARTS);
  for (const p of only) if (!PARTS.includes(p)) throw new UsageError(`--only takes ${PARTS.join(', ')}; not "${p}"`);
  const corpusFile = flags.tickets ?? DEFAULT_CORPUS;
  const corpus = only.has('plan') || only.has('batch') ? parseCorpus(readFileSync(corpusFile, 'utf8')).tickets : [];

  const memory = new PeakMemory();
  const figures: Record<string, unknown> = {};
  const rows: Row[] = [];
  const say = (what: string) => process.stderr.write(`legwork bench: ${what}…\n`);

  const t0 = performance.now();
  const needsSandbox = only.has('sandbox') || only.has('overhead') || only.has('actions');
  const sandbox = needsSandbox ? await startSandbox({ port: 0 }) : undefined;
  if (sandbox) figures.sandbox_start_ms = round(performance.now() - t0);
  if (sandbox) rows.push(['sandbox start (seed + 5 listeners)', `${figures.sandbox_start_ms} ms`, '< 2000 ms']);
  if (sandbox) try {
    if (only.has('sandbox')) {
      say('page latency');
      const pages = await pageLatency(sandbox);
      Object.assign(figures, pages.figures);
      rows.push(...pages.rows);
    }
    // the sandbox answers in about a millisecond; --latency makes its pages as slow as real legacy tools
    if (latency) sandbox.faults.apply({ all: { latencyMs: latency } });
    figures.run_overhead_page_latency_ms = latency;
    if (only.has('overhead')) {
      say(`run overhead of a 6-step resolution, ${rounds} rounds each side`);
      const r = await measureResolution(sandbox, rounds);
      Object.assign(figures, r);
      rows.push([`run overhead: ${r.run_steps}-step resolution over ${r.run_systems} systems${latency ? ` (+${latency} ms/page)` : ''}`, `${r.run_legwork_ms_p50} vs ${r.run_bare_ms_p50} ms = ${r.run_overhead_ratio}×`, latency ? '—' : '≤ 1.25× (issue 16)']);
      rows.push(['  added per write step (Legwork − bare, median)', `${r.run_added_ms_per_write} ms`, latency ? '—' : '≤ 60 ms (issue 16)']);
      rows.push(['  CPU time (core + Chromium), Legwork vs bare', `${r.run_legwork_cpu_ms_p50} vs ${r.run_bare_cpu_ms_p50} ms, +${r.run_added_cpu_ms_per_write} ms per write`, '—']);
      if (latency !== LEGACY_LATENCY_MS) {
        say(`the same with pages slowed to ${LEGACY_LATENCY_MS} ms, as legacy tools answer`);
        sandbox.faults.apply({ all: { latencyMs: LEGACY_LATENCY_MS } });
        const slow = await measureResolution(sandbox, rounds);
        sandbox.faults.apply({ all: { latencyMs: latency } });
        figures.run_overhead_ratio_latency100 = slow.run_overhead_ratio;
        figures.run_added_ms_per_write_latency100 = slow.run_added_ms_per_write;
        figures.run_added_cpu_ms_per_write_latency100 = slow.run_added_cpu_ms_per_write;
        rows.push([`  the same, pages +${LEGACY_LATENCY_MS} ms`, `${slow.run_legwork_ms_p50} vs ${slow.run_bare_ms_p50} ms = ${slow.run_overhead_ratio}×`, '≤ 1.10× (issue 16)']);
      } else {
        figures.run_overhead_ratio_latency100 = r.run_overhead_ratio;
      }
    }
    if (only.has('actions')) {
      say(`run overhead of each write action, ${rounds} rounds each side`);
      const overhead = await measureOverhead(sandbox, rounds);
      figures.run_overhead_actions = overhead;
      figures.run_overhead_actions_ratio_p50 = round(median(overhead.map((r) => r.ratio)));
      rows.push([`run overhead, median over write actions`, `${figures.run_overhead_actions_ratio_p50}×`, '≤ 1.2× (issue 3)']);
      rows.push(...overhead.map((r) => [`  ${r.action}`, `${r.legwork_ms_p50} vs ${r.bare_ms_p50} ms = ${r.ratio}×`, ''] as Row));
    }
    if (latency) sandbox.faults.apply({ all: { latencyMs: 0 } });
  } finally {
    await sandbox.close();
  }

  if (only.has('plan')) {
    say(`ticket → plan latency over ${corpus.length} corpus tickets (offline planner, reads through the pages)`);
    const worker: LegworkWorker = await startWorker({ planner: 'offline' });
    try {
      const p = await measurePlanLatency(worker, corpus.map((c) => c.ticket));
      Object.assign(figures, p);
      rows.push([`plan latency over ${p.plan_tickets} tickets`, `p50 ${p.plan_latency_ms_p50} ms, p95 ${p.plan_latency_ms_p95} ms`, 'p50 < 1000 ms (issue 4)']);
    } finally {
      await worker.close();
    }
  }

  if (only.has('batch')) {
    const batch = corpus.slice(0, batchSize);
    say(`a batch of ${batch.length} corpus tickets end to end, ${concurrency} at a time`);
    const workers: LegworkWorker[] = [];
    try {
      for (let i = 0; i < concurrency; i++) workers.push(await startWorker({ planner: 'offline' }));
      const during = new PeakMemory();
      // the desk's memory after each ticket (core + Chromium): its growth per run
      const growth: [number, number][] = [];
      let done = 0;
      let renderersMax = 0;
      let pssMax = 0;
      const result = await runEval(batch, workers, () => {
        const m = memoryNow();
        growth.push([++done, m.core + (m.chromium ?? 0)]);
        renderersMax = Math.max(renderersMax, chromiumProcesses().renderer ?? 0);
        pssMax = Math.max(pssMax, chromiumPssNow() ?? 0);
      });
      const peak = during.stop();
      const idle = await idleMemory();
      figures.batch100_wall_s = result.wall_s;
      figures.batch_size = batch.length;
      figures.batch_concurrency = concurrency;
      figures.batch_correct = result.correct;
      figures.batch_wrong_write = result.wrong_write;
      figures.core_rss_mb_peak = peak.core_rss_mb_peak;
      figures.chromium_rss_mb_peak = peak.chromium_rss_mb_peak;
      figures.chromium_renderers_max = renderersMax;
      figures.chromium_pss_mb_peak = Math.round(pssMax);
      figures.desk_rss_mb_idle = idle;
      // the first tickets warm caches up (code, the seed's pages): growth is counted after them
      figures.desk_mb_per_100_runs = round(slope(growth.slice(Math.min(10, growth.length >> 2))) * 100);
      rows.push([`batch of ${batch.length} tickets end to end (${concurrency} at a time)`, `${result.wall_s} s, ${result.correct} correct, ${result.wrong_write} wrong writes`, '≤ 180 s (issue 16)']);
      rows.push(['  peak RSS over the batch, core process', `${peak.core_rss_mb_peak} MB (${concurrency} Legworks + sandboxes)`, '≤ 250 MB (issue 16)']);
      rows.push(['  peak RSS over the batch, Chromium', peak.chromium_rss_mb_peak === null ? 'n/a' : `${peak.chromium_rss_mb_peak} MB (${concurrency} browsers, ≤ ${renderersMax} renderers)`, '≤ 1500 MB (issue 16)']);
      rows.push(['  the same counted once where shared (PSS, after each ticket)', `${Math.round(pssMax)} MB`, '—']);
      rows.push([`  desk RSS idle after the batch (core + Chromium)`, idle === null ? 'n/a' : `${idle} MB`, '≤ 200 MB (issue 16)']);
      rows.push(['  desk memory growth', `${figures.desk_mb_per_100_runs} MB per 100 runs`, '≈ 0 (issue 16)']);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  }

  if (only.has('trace')) {
    say('trace queries at 10,000 runs');
    const t = await benchTraceQueries({ runs: 10_000 });
    Object.assign(figures, t);
    rows.push(['trace queries at 10,000 runs (index loaded)', `${t.trace_query_ms_10k} ms`, '< 200 ms (issue 5)']);
    rows.push(['  the same, each from a fresh store reading the index', `${t.trace_query_cold_ms_10k} ms`, '< 200 ms']);
  }

  if (only.has('hub')) {
    const count = (flag: string | undefined, fallback: number, max: number, name: string) => {
      const n = Number(flag ?? fallback);
      if (!Number.isInteger(n) || n < 0 || n > max) throw new UsageError(`--${name} must be a whole number from 0 to ${max}`);
      return n;
    };
    const desks = count(flags['hub-desks'], 200, 2000, 'hub-desks');
    const runsPerDesk = count(flags['hub-runs'], 50, 1000, 'hub-runs');
    const qaRows = count(flags['hub-qa-rows'], 1_000_000, 10_000_000, 'hub-qa-rows');
    say(`Legwork Hub: ${desks} desks × ${runsPerDesk} runs, QA queries over ${qaRows.toLocaleString('en')} rows, on PostgreSQL`);
    const h = await benchHub({ desks, runsPerDesk, cut: 0.1, qaRows, ...(flags['hub-database'] ? { database: flags['hub-database'] } : {}), say });
    Object.assign(figures, h);
    rows.push([`hub upload: ${desks} desks × ${runsPerDesk} runs (10 % cut, sent again)`, `${h.hub_upload_runs_per_s} runs/s`, '— (issue 15)']);
    rows.push(['  run end → visible in QA', `p50 ${h.hub_run_end_to_qa_ms_p50} ms, p95 ${h.hub_run_end_to_qa_ms_p95} ms`, '— (issue 15)']);
    rows.push([`  ${h.hub_upload_cut} uploads cut half-way: lost, duplicated`, `${h.hub_upload_lost} lost, ${h.hub_upload_duplicated} duplicated`, '0, 0 (issue 15)']);
    if ('hub_qa_ms_p95' in h) rows.push([`hub QA list/filter over ${qaRows.toLocaleString('en')} runs`, `p50 ${h.hub_qa_ms_p50} ms, p95 ${h.hub_qa_ms_p95} ms`, 'p95 < 200 ms (issue 15)']);
    rows.push(['  hub RSS, peak under that load', `${h.hub_rss_mb_peak} MB`, '— (issue 15)']);
  }

  const mem = memory.stop();
  figures.bench_core_rss_mb_peak = mem.core_rss_mb_peak;
  figures.bench_chromium_rss_mb_peak = mem.chromium_rss_mb_peak;
  rows.push(['peak RSS over the whole bench, core process', `${mem.core_rss_mb_peak} MB`, '—'], ['peak RSS over the whole bench, Chromium (together)', mem.chromium_rss_mb_peak === null ? 'n/a' : `${mem.chromium_rss_mb_peak} MB`, '—']);
  figures.rounds = rounds;

  for (const [what, value, target] of rows) process.stdout.write(`${what.padEnd(56)} ${value.padEnd(40)} ${target}\n`);
  if (flags.json) writeFileSync(flags.json, `${JSON.stringify(figures, null, 2)}\n`);
}
