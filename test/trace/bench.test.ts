// The trace-query bench runs over real store files: its synthetic runs verify, and its queries
// answer from the index rebuilt from them (no timing is asserted here).
import { describe, expect, it } from 'vitest';
import { benchTraceQueries } from '../../cli/bench/trace-queries.ts';
import { storeIn, tempHome } from './fixtures.ts';

describe('benchTraceQueries', () => {
  it('generates runs that verify and reports every figure', { timeout: 120_000 }, async () => {
    const home = tempHome();
    const figures = await benchTraceQueries({ runs: 300, dir: home });
    expect(figures.trace_runs).toBe(300);
    for (const k of ['trace_query_ms_10k', 'trace_query_cold_ms_10k', 'trace_query_cold_max_ms_10k', 'trace_index_rebuild_ms_10k'] as const) {
      expect(figures[k]).toBeGreaterThanOrEqual(0);
    }
    expect(figures.trace_queries.find((q) => q.query === 'metrics per playbook, all runs')!.matched).toBe(300);
    expect(figures.trace_queries.find((q) => q.query === 'all runs, newest 50')!.matched).toBe(50);

    const { store } = storeIn(home);
    const listed = await store.listRuns({ limit: 3 });
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    for (const r of listed.data) expect(await store.verifyRun(r.run)).toMatchObject({ ok: true });
    const escalated = await store.listRuns({ outcome: 'escalated' });
    expect(escalated.ok && escalated.data.length).toBe(figures.trace_queries.find((q) => q.query === 'escalated')!.matched);
  });
});
