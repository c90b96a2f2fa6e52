// Crash recovery for real: a child process runs an approved 6-step plan against the sandbox and is
// SIGKILLed just before or just after a write touches its system; recoverRuns() then finishes the
// run. Every write lands exactly once (the sandbox's write log), and a second recovery does nothing.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { control } from '../helpers/sandbox.ts';
import { automationSuite, type Harness } from '../helpers/automation.ts';
import { Executor, newRunId } from '../../core/executor/executor.ts';
import { actionRegistry } from '../../core/executor/actions.ts';
import { addInternalNote, helpdeskActions } from '../../automations/systems/helpdesk/actions.ts';
import { crmActions } from '../../automations/systems/crm/actions.ts';
import { ordersActions } from '../../automations/systems/orders/actions.ts';
import { billingActions } from '../../automations/systems/billing/actions.ts';
import { approve, crashSteps, makePlan, ordersWithStatus, step, wire, type Wiring } from './fixtures.ts';
import type { CrashChildConfig } from './crash-child.ts';

let sandbox!: RunningSandbox;
let h!: Harness;
automationSuite((sb, harness) => {
  sandbox = sb;
  h = harness;
});

const PENDING = ordersWithStatus('pending')[1]!;
const CHILD = path.join(import.meta.dirname, 'crash-child.ts');

let home: string;
let w: Wiring;
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'legwork-recover-'));
  w = wire({ runner: h.runner, home, evidenceDir: h.evidenceDir });
});

const writes = async () => (await control(sandbox, 'GET', '/writes')).json.writes as { op: string; target: string }[];
const fileTicket = async () =>
  (await control(sandbox, 'POST', '/tickets', { from: PENDING.customer.email, subject: 'Cancel', body: `Cancel ${PENDING.order_id} please` })).json.id as number;
const journalTypes = (runId: string) =>
  readFileSync(w.journal.file(runId), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .map((r) => `${r.type}${r.stepId ? ` ${r.stepId}` : ''}`);

/** Runs the child until it stops at `stopAt`, then kills it with SIGKILL. */
async function runAndKill(cfg: Omit<CrashChildConfig, 'flag' | 'urls' | 'credentials' | 'home' | 'evidenceDir'>): Promise<void> {
  const flag = path.join(home, 'stopped.flag');
  const full: CrashChildConfig = { ...cfg, flag, urls: sandbox.urls, credentials: sandbox.credentials, home, evidenceDir: mkdtempSync(path.join(os.tmpdir(), 'legwork-child-ev-')) };
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, LEGWORK_CRASH_CHILD: JSON.stringify(full) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const deadline = Date.now() + 30_000;
  while (!existsSync(flag)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the child did not stop where asked (exit ${child.exitCode}): ${stderr.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  expect(readFileSync(flag, 'utf8')).not.toMatch(/^finished/);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

const WRITES = [
  { stepId: 's2', action: 'cancel_pending_order', op: 'cancel_pending_order' },
  { stepId: 's4', action: 'add_crm_note', op: 'crm_note' },
  { stepId: 's5', action: 'reply_to_customer', op: 'helpdesk_reply' },
  { stepId: 's6', action: 'set_ticket_status', op: 'helpdesk_status' },
];

describe('recovering a run killed with SIGKILL', () => {
  for (const at of WRITES) {
    for (const phase of ['before', 'after'] as const) {
      it(`killed ${phase} ${at.action} (${at.stepId}) touches its system: recovery finishes the run, every write lands once`, async () => {
        const ticketId = await fileTicket();
        const plan = makePlan(ticketId, PENDING.customer, crashSteps(ticketId, PENDING.order_id, PENDING.customer, `${at.stepId}-${phase}`), PENDING.order_id);
        expect(plan.steps.map((s) => s.action)).toEqual(['get_order_details', 'cancel_pending_order', 'get_order_payments', 'add_crm_note', 'reply_to_customer', 'set_ticket_status']);
        const runId = newRunId();
        await runAndKill({ plan, approval: approve(plan), runId, stopAt: { action: at.action, phase } });

        // the crash: the intent is on disk, its result is not; the write landed only when killed after it
        expect(journalTypes(runId).at(-1)).toBe(`intent ${at.stepId}`);
        expect((await writes()).filter((x) => x.op === at.op)).toHaveLength(phase === 'after' ? 1 : 0);
        expect(await w.journal.unclosed()).toEqual([runId]);
        // a kill in the middle of a journal write leaves a torn last line: recovery must cope
        if (phase === 'before') appendFileSync(w.journal.file(runId), '{"type":"result","stepId":"s');

        const executor = new Executor(w.deps);
        const [summary, ...others] = await executor.recoverRuns();
        expect(others).toEqual([]);
        expect(summary).toMatchObject({ runId, outcome: 'completed' });
        const killed = summary!.steps.find((s) => s.stepId === at.stepId)!;
        expect(killed).toMatchObject({ status: phase === 'after' ? 'already_done' : 'done', recovered: true });
        expect(summary!.steps.every((s) => s.status === 'done' || s.status === 'already_done')).toBe(true);

        expect((await writes()).map((x) => x.op)).toEqual(WRITES.map((x) => x.op));
        const state = (await control(sandbox, 'GET', '/state')).json;
        expect(state.orders[PENDING.order_id].status).toBe('cancelled');

        // the trace continues the child's chain: every step has a result, the run is finished
        const trace = w.trace(runId);
        expect(trace.chainIntact()).toBe(true);
        const results = trace.events().filter((e) => e.type === 'step_result').map((e) => e.data.stepId);
        expect(new Set(results)).toEqual(new Set(plan.steps.map((s) => s.id)));
        expect(trace.events().at(-1)).toMatchObject({ type: 'run_finished', data: { outcome: 'completed' } });

        // a second recovery finds nothing to do
        expect(await executor.recoverRuns()).toEqual([]);
        expect(await writes()).toHaveLength(WRITES.length);
      }, 90_000);
    }
  }
});

describe('recovering a write no check can settle', () => {
  it('hands the run to a person with outcome_unknown and never runs that write again', async () => {
    // a note write without an alreadyDone check, as some real system's action may be
    const unchecked = { ...addInternalNote, id: 'add_internal_note_unchecked', alreadyDone: undefined };
    const actions = actionRegistry([...helpdeskActions, ...crmActions, ...ordersActions, ...billingActions, unchecked]);
    const deps = { ...w.deps, actions };
    const ticketId = await fileTicket();
    const plan = makePlan(
      ticketId,
      PENDING.customer,
      [
        step('s1', 'add_internal_note_unchecked', 'helpdesk', 'write', { ticket_id: ticketId, body: 'Customer called about the cancellation.' }),
        step('s2', 'set_ticket_status', 'helpdesk', 'write', { ticket_id: ticketId, status: 'solved' }),
      ],
      PENDING.order_id,
    );
    const approval = approve(plan);
    // the state a crash leaves: intent on disk, the write landed, no result
    const runId = newRunId();
    await w.journal.create({ type: 'run_opened', run: runId, plan, approval });
    await w.journal.append(runId, { type: 'intent', stepId: 's1' });
    expect((await h.runner.run(unchecked, plan.steps[0]!.params)).ok).toBe(true);

    const [summary] = await new Executor(deps).recoverRuns();
    expect(summary).toMatchObject({ runId, outcome: 'escalated', escalation: { noteOk: true } });
    expect(summary!.steps.map((s) => [s.status, s.error?.code])).toEqual([
      ['failed', 'outcome_unknown'],
      ['pending', undefined],
    ]);
    // one note from the write itself, one hand-over note; s2 never ran
    expect((await writes()).map((x) => x.op)).toEqual(['helpdesk_note', 'helpdesk_note']);
    const ticket = (await control(sandbox, 'GET', '/state/extras')).json.helpdesk.tickets.find((t: any) => t.id === ticketId);
    expect(ticket.messages.filter((m: any) => m.kind === 'note')[1].body).toMatch(/No check can tell whether add_internal_note_unchecked took effect/);
    expect(ticket.status).not.toBe('solved');
    expect(await new Executor(deps).recoverRuns()).toEqual([]);
  });

  it('a crash while the hand-over note was being written: recovery writes the same note once', async () => {
    const ticketId = await fileTicket();
    const plan = makePlan(ticketId, PENDING.customer, crashSteps(ticketId, PENDING.order_id, PENDING.customer, 'note'), PENDING.order_id);
    const runId = newRunId();
    await w.journal.create({ type: 'run_opened', run: runId, plan, approval: approve(plan) });
    await w.journal.append(runId, { type: 'intent', stepId: 's1' });
    await w.journal.append(runId, { type: 'result', stepId: 's1', ok: false, alreadyDone: false, error: { code: 'system_error', message: 'orders failed', retryable: true } });
    const body = `Hand-over of run ${runId}: orders failed.`;
    await w.journal.append(runId, { type: 'escalation_intent', reason: 'orders failed', body });
    // it landed before the crash
    expect((await h.runner.run(addInternalNote, { ticket_id: ticketId, body })).ok).toBe(true);

    const [summary] = await new Executor(w.deps).recoverRuns();
    expect(summary).toMatchObject({ outcome: 'escalated', escalation: { noteOk: true } });
    expect((await writes()).map((x) => x.op)).toEqual(['helpdesk_note']);
    expect(journalTypes(runId).slice(-2)).toEqual(['escalation_result', 'closed']);
  });
});
