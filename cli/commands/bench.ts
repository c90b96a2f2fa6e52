// `legwork bench`: the sandbox's own figures, so later benchmarks measure Legwork and not the sandbox.
// Targets (issue 2): all four systems seeded and listening in < 2 s; a page in < 20 ms p50 with faults off.
import { writeFileSync } from 'node:fs';
import { startSandbox } from '../../sandbox/server.ts';
import { signIn } from '../sandbox-client.ts';
import { UsageError } from '../usage.ts';
import type { SystemName } from '../../sandbox/domain/world.ts';
import { parseFlags } from '../args.ts';
import { measureOverhead, median } from '../bench/overhead.ts';

const ROUNDS = 200;

export async function benchCommand(args: string[]): Promise<void> {
  const flags = parseFlags(args, { json: { type: 'string' }, rounds: { type: 'string' }, latency: { type: 'string' } });
  const latency = Number(flags.latency ?? 0);
  if (!Number.isInteger(latency) || latency < 0 || latency > 2000) throw new UsageError('--latency must be a whole number of milliseconds from 0 to 2000');
  const rounds = Number(flags.rounds ?? 9);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 40) throw new UsageError('--rounds must be a whole number from 1 to 40');
  const t0 = performance.now();
  const sandbox = await startSandbox({ port: 0 });
  const startMs = performance.now() - t0;
  try {
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
      for (let i = 0; i < ROUNDS; i++) {
        const s = performance.now();
        const res = await fetch(sandbox.urls[system] + path, { headers: { cookie }, redirect: 'manual' });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${system} ${path} answered ${res.status}`);
        times.push(performance.now() - s);
      }
      results.push({ system, path, p50_ms: quantile(times, 0.5), p95_ms: quantile(times, 0.95) });
    }
    const allP50 = quantile(results.map((r) => r.p50_ms), 0.5);
    process.stderr.write(`legwork bench: run overhead, ${rounds} rounds of each write action${latency ? `, pages slowed by ${latency} ms` : ''}…\n`);
    // the sandbox answers in about a millisecond; --latency makes its pages as slow as real legacy tools
    if (latency) sandbox.faults.apply({ all: { latencyMs: latency } });
    const overhead = await measureOverhead(sandbox, rounds);
    const overallRatio = round(median(overhead.map((r) => r.ratio)));
    const figures = {
      sandbox_start_ms: round(startMs),
      page_ms_p50: round(allP50),
      pages: results.map((r) => ({ ...r, p50_ms: round(r.p50_ms), p95_ms: round(r.p95_ms) })),
      run_overhead_ratio: overallRatio,
      run_overhead: overhead,
      run_overhead_page_latency_ms: latency,
      rounds,
    };
    const rows = [
      ['sandbox start (seed + 5 listeners)', `${figures.sandbox_start_ms} ms`, '< 2000 ms'],
      ['page latency p50 (all pages)', `${figures.page_ms_p50} ms`, '< 20 ms'],
      ...figures.pages.map((r) => [`  ${r.system} ${r.path}`, `p50 ${r.p50_ms} ms, p95 ${r.p95_ms} ms`, '']),
      [`run overhead, median ratio over writes${latency ? ` (+${latency} ms/page)` : ''}`, `${overallRatio}×`, '≤ 1.2×'],
      ...overhead.map((r) => [`  ${r.action}`, `${r.legwork_ms_p50} vs ${r.bare_ms_p50} ms = ${r.ratio}×`, '']),
    ];
    for (const [what, value, target] of rows) process.stdout.write(`${what!.padEnd(44)} ${value!.padEnd(30)} ${target}\n`);
    if (flags.json) writeFileSync(flags.json, `${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await sandbox.close();
  }
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
