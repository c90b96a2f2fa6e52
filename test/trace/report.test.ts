// The lead's report over runs written to a real trace store: per playbook and per agent, the work
// Legwork did against what was left to a person, time saved against the baseline in use, cost per
// resolution with the LLM planner's cost and the agent's time, hand-over reasons ranked, a trend.
import { describe, expect, it } from 'vitest';
import { metricsReport } from '../../core/trace/report.ts';
import { storeIn, tempHome, writeSampleRun } from './fixtures.ts';

const baseline = (p: string) => ({ cancel_order: 6, return_items: 8 })[p] ?? 0;

describe('the lead metrics report', () => {
  it('answers per playbook, per agent and for everyone, with hand-over reasons and a trend', async () => {
    const ctx = storeIn(tempHome());
    await writeSampleRun(ctx, { ticketId: 1001, agent: 'ana', writes: { s1: 'auto', s2: 'approve' }, durationMs: 60_000, startAt: '2025-03-01T10:00:00.000Z' });
    await writeSampleRun(ctx, { ticketId: 1002, agent: 'ben', playbooks: ['return_items'], writes: { s1: 'auto' }, durationMs: 120_000, startAt: '2025-03-03T10:00:00.000Z' });
    // an LLM-planned run that failed at its second step and was handed over
    ctx.clock.set('2025-03-03T12:00:00.000Z');
    const w = await ctx.store.openRun({ ticketId: 1003, agent: 'ben', playbooks: ['return_items'], data: { planner: 'llm' } });
    const step = (id: string, action: string) => ({ id, playbook: 'return_items', system: 'orders', action, kind: 'write', params: {} });
    await w.append('plan', { plan: { ticketId: 1003, outcome: 'resolve', reason: 'r', steps: [step('s1', 'add_crm_note'), step('s2', 'return_delivered_order_items'), step('s3', 'reply_to_customer')], usage: { promptTokens: 900, completionTokens: 100, costUsd: 0.02, calls: 2 } } });
    await w.append('step_intent', { stepId: 's1', action: 'add_crm_note', kind: 'write', decision: { stepId: 's1', kind: 'auto', reason: 'p' } });
    await w.append('step_result', { stepId: 's1', ok: true });
    await w.append('step_intent', { stepId: 's2', action: 'return_delivered_order_items', kind: 'write', decision: { stepId: 's2', kind: 'approve', reason: 'p' } });
    await w.append('step_result', { stepId: 's2', ok: false, error: { code: 'system_error', message: '500', retryable: true } });
    await w.append('escalated', { reason: 'return delivered order items (s2) failed: 500', stepId: 's2', stepError: { code: 'system_error', message: '500' } });
    ctx.clock.advance(30_000);
    await w.finish('escalated');

    const runs = await ctx.store.listRuns({});
    expect(runs.ok).toBe(true);
    if (!runs.ok) return;
    const report = metricsReport(runs.data, { since: '2025-03-01', until: '2025-03-04', bucket: 'day', baseline, agentHourlyUsd: 60 });

    expect(report.all).toMatchObject({ runs: 3, resolved: 2, stepsByLegwork: 4, stepsByHand: 2, llmTokens: 1000, llmCostUsd: 0.02 });
    expect(report.all.autonomyRate).toBeCloseTo(3 / 5);
    // resolved: (6 − 1) + (8 − 2) minutes; cost: (0.02 + 3.5 agent minutes at $60/h) / 2
    expect(report.all.timeSavedMinutes).toBeCloseTo(11);
    expect(report.all.costPerResolutionUsd).toBeCloseTo((0.02 + 3.5) / 2);

    expect(report.byPlaybook.map((r) => [r.key, r.runs, r.resolved])).toEqual([['cancel_order', 1, 1], ['return_items', 2, 1]]);
    expect(report.byPlaybook[1]).toMatchObject({ stepsByLegwork: 2, stepsByHand: 2, timeSavedMinutes: 6 });
    expect(report.byAgent.map((r) => [r.key, r.runs, r.resolved, r.autonomyRate])).toEqual([['ana', 1, 1, 0.5], ['ben', 2, 1, 2 / 3]]);

    expect(report.handOverReasons).toEqual([{ reason: 'return delivered order items: system error', count: 1 }]);
    expect(report.trend.map((p) => [p.start, p.runs, p.resolved])).toEqual([['2025-03-01', 1, 1], ['2025-03-02', 0, 0], ['2025-03-03', 2, 1], ['2025-03-04', 0, 0]]);
    const weekly = metricsReport(runs.data, { since: null, until: '2025-03-04', bucket: 'week', baseline, agentHourlyUsd: 60 });
    // 1 March 2025 is a Saturday: its week starts on Monday 24 February, the next on 3 March
    expect(weekly.trend.map((p) => [p.start, p.runs])).toEqual([['2025-02-24', 1], ['2025-03-03', 2]]);
  });
});
