// The executor against the real sandbox in real Chromium: approved plans run exactly once, only as
// approved, step by step when asked; a failed step stops the run and hands the ticket over.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import type { Step } from '../../shared/plan.ts';
import type { Decision } from '../../shared/decision.ts';
import { control } from '../helpers/sandbox.ts';
import { automationSuite, type Harness } from '../helpers/automation.ts';
import { Executor, runPlan } from '../../core/executor/executor.ts';
import type { ProgressEvent } from '../../core/executor/types.ts';
import { approve, cancelSteps, makePlan, ordersWithStatus, step, wire, type Customer, type Wiring } from './fixtures.ts';

let sandbox!: RunningSandbox;
let h!: Harness;
automationSuite((sb, harness) => {
  sandbox = sb;
  h = harness;
});

const PENDING = ordersWithStatus('pending')[0]!;
const DELIVERED = ordersWithStatus('delivered')[0]!;

let home: string;
let w: Wiring;
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'legwork-exec-'));
  w = wire({ runner: h.runner, home, evidenceDir: h.evidenceDir });
});

const writes = async () => (await control(sandbox, 'GET', '/writes')).json.writes as { op: string; target: string; args: any }[];
const ticketOf = async (id: number) => (await control(sandbox, 'GET', '/state/extras')).json.helpdesk.tickets.find((t: any) => t.id === id);
const orderOf = async (id: string) => (await control(sandbox, 'GET', '/state')).json.orders[id];
const fileTicket = async (c: Customer, order: string) =>
  (await control(sandbox, 'POST', '/tickets', { from: c.email, subject: 'Cancel my order', body: `Please cancel ${order}, thanks` })).json.id as number;
const journalLines = (runId: string) =>
  readFileSync(w.journal.file(runId), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

async function cancelPlan(tag = 'run') {
  const ticketId = await fileTicket(PENDING.customer, PENDING.order_id);
  return makePlan(ticketId, PENDING.customer, cancelSteps(ticketId, PENDING.order_id, PENDING.customer, tag), PENDING.order_id);
}

describe('running an approved plan', () => {
  it('runs a 5-step plan across orders, CRM and helpdesk, each write landing exactly once, with evidence in the trace', async () => {
    const plan = await cancelPlan();
    const events: ProgressEvent[] = [];
    const res = await runPlan(w.deps, plan, approve(plan), { onProgress: (e) => events.push(e) });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const run = res.data;
    expect(run.outcome).toBe('completed');
    expect(run.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done', 'done']);

    expect((await writes()).map((x) => `${x.op} ${x.target}`)).toEqual([
      `cancel_pending_order ${PENDING.order_id}`,
      `crm_note ${PENDING.customer.user_id}`,
      `helpdesk_reply ${plan.ticketId}`,
      `helpdesk_status ${plan.ticketId}`,
    ]);
    expect((await orderOf(PENDING.order_id)).status).toBe('cancelled');
    expect((await ticketOf(plan.ticketId)).status).toBe('solved');

    // progress: started/finished per step, finished events carry screenshot hashes for the writes
    expect(events.filter((e) => e.type === 'step_started').map((e) => (e as any).stepId)).toEqual(['s1', 's2', 's3', 's4', 's5']);
    const finished = events.filter((e): e is Extract<ProgressEvent, { type: 'step_finished' }> => e.type === 'step_finished');
    expect(finished[1]!.report.screenshots?.before).toMatch(/^[0-9a-f]{64}$/);
    expect(events.at(-1)).toMatchObject({ type: 'run_finished', outcome: 'completed' });

    // the trace: the run in order, each screenshot stored by its hash, an intact chain
    const trace = w.trace(run.runId);
    expect(trace.events().map((e) => e.type)).toEqual([
      'run_started',
      'plan',
      'approved',
      ...Array<string[]>(5).fill(['step_intent', 'step_result']).flat(),
      'run_finished',
    ]);
    const results = trace.events().filter((e) => e.type === 'step_result');
    for (const r of results.slice(1)) {
      const shots = (r.data.evidence as any).screenshots;
      expect(shots.before && shots.after).toBeTruthy();
      expect(trace.hasBlob(shots.before) && trace.hasBlob(shots.after)).toBe(true);
    }
    expect(trace.events().find((e) => e.type === 'step_intent' && e.data.stepId === 's2')!.data.decision).toMatchObject({ kind: 'approve' });
    expect(trace.chainIntact()).toBe(true);

    // the journal: opened, intent before result for each step, closed
    const journal = journalLines(run.runId);
    expect(journal.map((r) => `${r.type}${r.stepId ? ` ${r.stepId}` : ''}`)).toEqual([
      'run_opened',
      ...['s1', 's2', 's3', 's4', 's5'].flatMap((s) => [`intent ${s}`, `result ${s}`]),
      'closed',
    ]);
    expect(journal.at(-1)).toMatchObject({ outcome: 'completed' });
    expect(await w.journal.unclosed()).toEqual([]);

    // the same approved plan again: every write is found done, none lands twice
    const again = await runPlan(w.deps, plan, approve(plan));
    expect(again.ok && again.data.steps.map((s) => s.status)).toEqual(['done', 'already_done', 'already_done', 'already_done', 'already_done']);
    expect(await writes()).toHaveLength(4);
  });

  it('a plan that asks the customer ends as asked, not completed, once the question went out', async () => {
    const cancel = await cancelPlan('ask');
    const plan = { ...cancel, outcome: 'ask' as const, steps: cancel.steps.filter((s) => s.action === 'reply_to_customer') };
    const res = await runPlan(w.deps, plan, approve(plan));
    expect(res.ok && res.data.outcome).toBe('asked');
    expect((await writes()).map((x) => x.op)).toEqual(['helpdesk_reply']);
    expect(w.trace(res.ok ? res.data.runId : '').events().at(-1)).toMatchObject({ type: 'run_finished', data: { outcome: 'asked' } });
  });

  it('refuses a plan changed after its approval, and a step added to it, before anything runs', async () => {
    const plan = await cancelPlan();
    const approval = approve(plan);
    const changed = structuredClone(plan);
    changed.steps[1]!.params.reason = 'ordered by mistake';
    const added = { ...structuredClone(plan), steps: [...plan.steps, step('s6', 'assign_ticket', 'helpdesk', 'write', { ticket_id: plan.ticketId, assignee: 'Ben Okafor' })] };
    const executor = new Executor(w.deps);
    for (const p of [changed, added]) {
      const res = await executor.start(p, approval);
      expect(res.ok ? 'ran' : res.error.code).toBe('precondition_failed');
    }
    expect((await executor.start(plan, { ...approval, planHash: 'nope' })).ok).toBe(false);
    expect(await writes()).toEqual([]);
    expect(await w.journal.runIds()).toEqual([]);
  });

  it('refuses a step whose action or parameters its connector would not accept', async () => {
    const plan = await cancelPlan();
    const bad = { ...plan, steps: [...plan.steps.slice(0, 1), step('s2', 'cancel_pending_order', 'orders', 'write', { order_id: PENDING.order_id, reason: 'because' })] };
    const res = await new Executor(w.deps).start(bad, approve(bad));
    expect(res.ok ? 'ran' : res.error.code).toBe('invalid_input');
    expect(res.ok ? '' : res.error.message).toMatch(/s2 \(cancel_pending_order\)/);
    const wrongSystem = { ...plan, steps: [step('s1', 'cancel_pending_order', 'billing', 'write', { order_id: PENDING.order_id, reason: 'no longer needed' })] };
    expect((await new Executor(w.deps).start(wrongSystem, approve(wrongSystem))).ok).toBe(false);
    expect(await writes()).toEqual([]);
  });

  it('step by step: next() runs one step, a skipped step never runs, cancel stops before the next one', async () => {
    const plan = await cancelPlan();
    const res = await new Executor(w.deps).start(plan, approve(plan), { mode: 'step' });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const run = res.data;
    expect((await run.next())?.stepId).toBe('s1');
    expect(await writes()).toEqual([]);
    expect(run.skip('s3').ok).toBe(true);
    expect(run.skip('s1').ok).toBe(false);
    expect(run.skip('nope').ok).toBe(false);
    expect(await run.next()).toMatchObject({ stepId: 's2', status: 'done' });
    expect(await run.next()).toMatchObject({ stepId: 's4', status: 'done' });
    run.cancel();
    const summary = await run.done;
    expect(summary.outcome).toBe('cancelled');
    expect(summary.steps.map((s) => s.status)).toEqual(['done', 'done', 'skipped', 'done', 'pending']);
    expect(summary.steps[2]!.reason).toMatch(/agent/);
    expect((await writes()).map((x) => x.op)).toEqual(['cancel_pending_order', 'helpdesk_reply']);
    expect(await run.next()).toBeUndefined();
    expect(journalLines(run.runId).slice(-2).map((r) => r.type)).toEqual(['cancel', 'closed']);
    expect(w.trace(run.runId).events().filter((e) => e.type === 'step_skipped').map((e) => e.data.stepId)).toEqual(['s3']);
    // a cancelled run is closed: recovery leaves it alone
    expect(await new Executor(w.deps).recoverRuns()).toEqual([]);
  });
});

describe('the policy at execution time', () => {
  const decided = (kinds: Record<string, Decision['kind']>) => (s: Step): Decision => ({ stepId: s.id, kind: kinds[s.id] ?? 'approve', reason: `policy says ${kinds[s.id] ?? 'approve'}` });

  it('a write the policy blocks since the approval does not run, and the run stops there and is handed over', async () => {
    const plan = await cancelPlan();
    const approval = approve(plan, { decisions: plan.steps.filter((s) => s.kind === 'write').map((s) => ({ stepId: s.id, kind: 'approve', reason: 'approve' })) });
    const res = await runPlan({ ...w.deps, decideAtRun: decided({ s3: 'blocked' }) }, plan, approval);
    expect(res.ok && res.data.outcome).toBe('escalated');
    if (!res.ok) return;
    expect(res.data.steps.map((s) => s.status)).toEqual(['done', 'done', 'skipped', 'pending', 'pending']);
    expect(res.data.steps[2]).toMatchObject({ decision: { kind: 'blocked' }, reason: expect.stringMatching(/does not allow/) });
    expect((await writes()).map((x) => x.op)).toEqual(['cancel_pending_order', 'helpdesk_note']);
  });

  it('a step the approver knew is done by hand is skipped and the run goes on; a second approval is required where the policy asks for one', async () => {
    const plan = await cancelPlan();
    const decisions: Decision[] = [
      { stepId: 's3', kind: 'suggest', reason: 'CRM notes are written by hand' },
      { stepId: 's5', kind: 'second_approval', reason: 'closing needs a lead' },
    ];
    const policy = decided({ s3: 'suggest', s5: 'second_approval' });
    const withoutSecond = await runPlan({ ...w.deps, decideAtRun: policy }, plan, approve(plan, { decisions }));
    expect(withoutSecond.ok && withoutSecond.data.steps.map((s) => s.status)).toEqual(['done', 'done', 'skipped', 'done', 'skipped']);
    expect((await writes()).map((x) => x.op)).toEqual(['cancel_pending_order', 'helpdesk_reply']);

    const withSecond = await runPlan({ ...w.deps, decideAtRun: policy }, plan, approve(plan, { decisions, secondApprover: 'Chloe Martin' }));
    expect(withSecond.ok && withSecond.data.steps.map((s) => s.status)).toEqual(['done', 'already_done', 'skipped', 'already_done', 'done']);
    expect((await writes()).map((x) => x.op)).toEqual(['cancel_pending_order', 'helpdesk_reply', 'helpdesk_status']);
  });
});

describe('a failed step', () => {
  async function failingPlan() {
    const c = DELIVERED.customer;
    const ticketId = await fileTicket(c, DELIVERED.order_id);
    return makePlan(
      ticketId,
      c,
      [
        step('s1', 'add_crm_note', 'crm', 'write', { user_id: c.user_id, body: `Customer asks to cancel ${DELIVERED.order_id}.` }),
        step('s2', 'cancel_pending_order', 'orders', 'write', { order_id: DELIVERED.order_id, reason: 'no longer needed' }),
        step('s3', 'reply_to_customer', 'helpdesk', 'write', { ticket_id: ticketId, body: 'Your order is cancelled.' }),
      ],
      DELIVERED.order_id,
    );
  }

  it('stops the run and leaves an internal note on the ticket with what was read, what ran, what failed and what to do', async () => {
    const plan = await failingPlan();
    const res = await runPlan(w.deps, plan, approve(plan));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.data.outcome).toBe('escalated');
    expect(res.data.steps.map((s) => s.status)).toEqual(['done', 'failed', 'pending']);
    expect(res.data.steps[1]!.error?.code).toBe('precondition_failed');
    expect(res.data.escalation).toMatchObject({ noteOk: true });
    expect((await writes()).map((x) => x.op)).toEqual(['crm_note', 'helpdesk_note']);

    const note = (await ticketOf(plan.ticketId)).messages.find((m: any) => m.kind === 'note');
    expect(note.body).toContain(`#${plan.ticketId}`);
    expect(note.body).toContain(`order ${DELIVERED.order_id}: pending`); // what was read
    expect(note.body).toMatch(/s1 add_crm_note \(crm\).*: done/);
    expect(note.body).toMatch(/s2 cancel_pending_order \(orders\).*FAILED precondition_failed/);
    expect(note.body).toMatch(/evidence: before sha256:[0-9a-f]{64}/);
    expect(note.body).toMatch(/Not run:\n- s3 reply_to_customer/);
    expect(note.body).toMatch(/Recommended resolution: orders refused cancel_pending_order/);

    const escalated = w.trace(res.data.runId).events().find((e) => e.type === 'escalated')!;
    expect(escalated.data).toMatchObject({ ticketId: plan.ticketId, stepId: 's2', to: 'Team lead', note: { ok: true }, stepError: { code: 'precondition_failed' } });
    expect(journalLines(res.data.runId).map((r) => r.type).slice(-3)).toEqual(['escalation_intent', 'escalation_result', 'closed']);
  });

  it('when the hand-over note cannot be written either, that is kept in the trace and the journal', async () => {
    const plan = await failingPlan();
    await control(sandbox, 'POST', '/faults', { helpdesk: { errorRate: 1 } });
    const res = await runPlan(w.deps, plan, approve(plan));
    expect(res.ok && res.data.outcome).toBe('escalated');
    if (!res.ok) return;
    expect(res.data.escalation).toMatchObject({ noteOk: false, error: { code: 'system_error' } });
    const escalated = w.trace(res.data.runId).events().find((e) => e.type === 'escalated')!;
    expect(escalated.data).toMatchObject({ note: { ok: false, error: { code: 'system_error' } } });
    expect(escalated.data.body).toMatch(/precondition_failed/);
    expect(journalLines(res.data.runId).find((r) => r.type === 'escalation_result')).toMatchObject({ ok: false, error: { code: 'system_error' } });
    expect((await writes()).map((x) => x.op)).toEqual(['crm_note']);
  });
});
