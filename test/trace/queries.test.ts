// Queries, the QA sample and the metrics over a small set of runs whose answers are known.
import { rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunListing } from '../../shared/trace.ts';
import { storeIn, tempHome, writeSampleRun, type SampleRunOptions } from './fixtures.ts';

const SET: Record<string, SampleRunOptions> = {
  A: { startAt: '2025-03-01T09:00:00Z', agent: 'ana', playbooks: ['cancel_order'], outcome: 'completed', writes: { s1: 'auto', s2: 'approve' }, durationMs: 120_000 },
  B: { startAt: '2025-03-02T12:00:00Z', agent: 'bo', playbooks: ['return_items'], outcome: 'escalated', writes: { s1: 'approve' }, durationMs: 300_000 },
  C: { startAt: '2025-03-03T08:00:00Z', agent: 'ana', playbooks: ['cancel_order', 'change_default_address'], outcome: 'completed', writes: { s1: 'auto', s2: 'auto' }, durationMs: 200_000 },
  D: { startAt: '2025-03-03T20:00:00Z', agent: 'bo', playbooks: ['cancel_order'], outcome: 'failed', writes: { s1: 'auto' }, durationMs: 60_000 },
  E: { startAt: '2025-03-04T10:00:00Z', agent: 'ana', playbooks: ['information'], writes: {}, unfinished: true },
};

async function knownSet() {
  const ctx = storeIn(tempHome());
  const ids: Record<string, string> = {};
  for (const [name, opts] of Object.entries(SET)) ids[name] = (await writeSampleRun(ctx, { ...opts, ticketId: 100 + name.charCodeAt(0) })).run;
  await ctx.store.setVerdict(ids.A!, { verdict: 'pass', reviewer: 'qa' });
  await ctx.store.setVerdict(ids.D!, { verdict: 'fail', reviewer: 'qa', comment: 'refund missing' });
  const names = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
  const list = async (q: Parameters<typeof ctx.store.listRuns>[0]) => {
    const r = await ctx.store.listRuns(q);
    if (!r.ok) throw new Error(r.error.message);
    return r.data.map((x: RunListing) => names[x.run]).join('');
  };
  return { ...ctx, ids, list };
}

describe('queries over runs', () => {
  it('filter by date range, agent, playbook, outcome, verdict, ticket, newest first', async () => {
    const { list } = await knownSet();
    expect(await list({})).toBe('EDCBA');
    expect(await list({ since: '2025-03-02', until: '2025-03-03' })).toBe('DCB'); // a date-only until takes in its whole day
    expect(await list({ since: '2025-03-02T12:00:01Z', until: '2025-03-03T20:00:00Z' })).toBe('C');
    expect(await list({ agent: 'ana' })).toBe('ECA');
    expect(await list({ playbook: 'cancel_order' })).toBe('DCA');
    expect(await list({ playbook: 'change_default_address', agent: 'ana' })).toBe('C');
    expect(await list({ outcome: 'escalated' })).toBe('B');
    expect(await list({ outcome: 'running' })).toBe('E');
    expect(await list({ verdict: 'fail' })).toBe('D');
    expect(await list({ verdict: 'none' })).toBe('ECB');
    expect(await list({ ticketId: 100 + 'C'.charCodeAt(0) })).toBe('C');
    expect(await list({ limit: 2 })).toBe('ED');
  });

  it('refuse a malformed query as data', async () => {
    const { store } = await knownSet();
    expect(await store.listRuns({ since: 'last tuesday' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await store.listRuns({ outcome: 'done' as never })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answer the same from an index rebuilt from the run files, or rebuilt because it was lost', async () => {
    const { store, list, home } = await knownSet();
    // the index hears of a run when it opens and when it finishes: an unfinished run's counts come
    // from its files only on a rebuild, so compare finished runs in full and the rest by id
    const view = async (s: typeof store) => {
      const r = await s.listRuns({});
      if (!r.ok) throw new Error(r.error.message);
      return r.data.map((x) => (x.outcome ? x : { run: x.run, outcome: null, verdict: x.verdict }));
    };
    const before = await view(store);
    rmSync(store.index.file);
    const fresh = storeIn(home);
    expect(await view(fresh.store)).toEqual(before);
    expect(await fresh.store.rebuildIndex()).toBe(5);
    expect(await view(fresh.store)).toEqual(before);
    // a damaged index line is skipped, the rest still answers; a rebuild heals it
    writeFileSync(store.index.file, 'garbage\n', { flag: 'a' });
    expect(await list({ verdict: 'fail' })).toBe('D');
    expect(store.index.skipped).toBe(1);
  });

  it('see runs another process writes after the index was loaded', async () => {
    const { store, home, clock, list } = await knownSet();
    expect(await list({})).toBe('EDCBA');
    const other = storeIn(home, clock);
    const { run } = await writeSampleRun(other, { startAt: '2025-03-05T10:00:00Z', agent: 'cy' });
    const r = await store.listRuns({ agent: 'cy' });
    expect(r.ok && r.data.map((x) => x.run)).toEqual([run]);
  });

  it('draw a QA sample: every escalation and a seeded share of the rest', async () => {
    const { store, ids } = await knownSet();
    const sample = async (share: number, seed: string) => {
      const r = await store.sampleForQa({}, { share, seed });
      if (!r.ok) throw new Error(r.error.message);
      return r.data.map((x) => x.run).sort();
    };
    expect(await sample(0, 'x')).toEqual([ids.B]);
    expect(await sample(1, 'x')).toEqual(Object.values(ids).sort());
    const half = await sample(0.5, 'week-10');
    expect(half).toContain(ids.B);
    expect(await sample(0.5, 'week-10')).toEqual(half);
    // a larger share keeps every run a smaller one drew (the draw is per run)
    const more = await sample(0.8, 'week-10');
    for (const r of half) expect(more).toContain(r);
  });
});

describe('metrics per playbook', () => {
  it('count runs, outcomes, autonomy, median time and time saved against the baseline', async () => {
    const { store } = await knownSet();
    const r = await store.metrics({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const by = Object.fromEntries(r.data.map((m) => [m.playbook, m]));
    expect(r.data.map((m) => m.playbook)).toEqual(['cancel_order', 'return_items', 'change_default_address', 'information', 'all']);
    // cancel_order: A (2 writes, 1 auto), C's s1 (auto), D (auto); completed A and C
    expect(by.cancel_order).toEqual({
      playbook: 'cancel_order', runs: 3, completed: 2, escalated: 0, writes: 4, autoWrites: 3, autonomyRate: 0.75,
      medianRunMs: 120_000, baselineMinutes: 6,
      // A: 6 min − 120 s; C: 6 min − half of its 200 s (it had two playbooks)
      timeSavedMs: 240_000 + 260_000,
    });
    expect(by.change_default_address).toMatchObject({ runs: 1, completed: 1, writes: 1, autoWrites: 1, autonomyRate: 1, timeSavedMs: 240_000 - 100_000 });
    expect(by.return_items).toMatchObject({ runs: 1, completed: 0, escalated: 1, autonomyRate: 0, medianRunMs: 300_000, timeSavedMs: 0 });
    expect(by.information).toMatchObject({ runs: 1, completed: 0, writes: 0, autonomyRate: null, medianRunMs: null });
    expect(by.all).toMatchObject({ runs: 5, completed: 2, escalated: 1, writes: 6, autoWrites: 4, medianRunMs: 160_000, timeSavedMs: 640_000 });
    expect(by.all!.autonomyRate).toBeCloseTo(4 / 6);

    const custom = await store.metrics({ agent: 'ana' }, { cancel_order: 10 });
    const cancel = custom.ok ? custom.data.find((m) => m.playbook === 'cancel_order') : undefined;
    expect(cancel).toMatchObject({ runs: 2, baselineMinutes: 10, timeSavedMs: 480_000 + 500_000 });
  });

  it('count a step journalled twice (recovery) once, and auto only if every intent was', async () => {
    const ctx = storeIn(tempHome());
    const w = await ctx.store.openRun({ ticketId: 5, agent: 'ana', playbooks: ['exchange_items'] });
    await w.append('step_intent', { stepId: 's1', kind: 'write', decision: { kind: 'auto' } });
    await w.append('step_intent', { stepId: 's1', kind: 'write', decision: { kind: 'auto' } });
    await w.append('step_intent', { stepId: 's2', kind: 'write', decision: { kind: 'auto' } });
    await w.append('step_intent', { stepId: 's2', kind: 'write', decision: { kind: 'approve' } });
    await w.append('step_intent', { stepId: 'r1', kind: 'read', decision: { kind: 'auto' } });
    await w.finish('completed');
    expect(w.summary()).toMatchObject({ writes: 2, autoWrites: 1, writesByPlaybook: { exchange_items: { writes: 2, autoWrites: 1 } } });
  });
});

describe('the trace as the executor and the policy use it', () => {
  it('ends a run when run_finished is appended through the plain TraceSink, and merges a second run_started', async () => {
    const ctx = storeIn(tempHome());
    const w = await ctx.store.openRun({ runId: 'run-1', ticketId: 0, agent: 'ana', playbooks: [] });
    const sink: import('../../shared/trace.ts').TraceSink = w;
    await sink.append('run_started', { ticketId: 1042, planner: 'offline', agent: 'ana', mode: 'all' });
    await sink.append('plan', { plan: { steps: [{ id: 's1', playbook: 'cancel_order', kind: 'write' }, { id: 's2', playbook: 'return_items', kind: 'write' }] } });
    ctx.clock.advance(30_000);
    const last = await sink.append('run_finished', { outcome: 'completed', durationMs: 29_000 });
    expect(last).toMatchObject({ type: 'run_finished', data: { outcome: 'completed', durationMs: 29_000 } });
    expect(await ctx.store.verifyRun('run-1')).toMatchObject({ ok: true, head: { outcome: 'completed' } });
    expect(await ctx.store.listRuns({})).toMatchObject({ ok: true, data: [{ run: 'run-1', ticketId: 1042, playbooks: ['cancel_order', 'return_items'], outcome: 'completed', durationMs: 30_000 }] });
    await expect(sink.append('run_finished', { outcome: 'failed' })).rejects.toThrow(/finished/);
    const other = await ctx.store.openRun({ ticketId: 1, agent: 'ana', playbooks: [] });
    await expect(other.append('run_finished', {})).rejects.toThrow(/outcome/);
  });

  it('counts the auto writes of an agent in the last hour for rate limits, across processes', async () => {
    const ctx = storeIn(tempHome(), undefined);
    ctx.clock.set('2025-03-01T10:00:00Z');
    const w = await ctx.store.openRun({ ticketId: 1, agent: 'ana', playbooks: ['cancel_order'] });
    await w.append('step_intent', { stepId: 's1', action: 'cancel_pending_order', kind: 'write', decision: { kind: 'auto' } });
    ctx.clock.advance(20 * 60_000);
    await w.append('step_intent', { stepId: 's2', action: 'adjust_charge', kind: 'write', decision: { kind: 'approve' } });
    await w.append('step_intent', { stepId: 's3', action: 'get_order_details', kind: 'read', decision: { kind: 'auto' } });
    await w.append('step_intent', { stepId: 's4', action: 'adjust_charge', kind: 'write', decision: { kind: 'auto' } });
    // while the run is open, this process counts its steps
    expect(ctx.store.recentAutoRuns('ana').map((r) => r.action)).toEqual(['cancel_pending_order', 'adjust_charge']);
    expect(ctx.store.recentAutoRuns('bo')).toEqual([]);
    await w.finish('completed');
    // another process, 50 minutes later: only the step of the last hour, from the index
    const later = storeIn(ctx.home);
    later.clock.set('2025-03-01T11:10:00Z');
    expect(later.store.recentAutoRuns('ana')).toEqual([{ agent: 'ana', action: 'adjust_charge', at: '2025-03-01T10:20:00.000Z' }]);
  });
});
