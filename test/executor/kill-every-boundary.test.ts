// Issue 5's crash proof: Legwork runs an approved 7-step plan over all four systems (5 writes in
// orders, CRM and helpdesk) in a child process, which is SIGKILLed at every step boundary — before
// and after each write touches its system, before each read — and once more between the trace's
// signed end and the journal's `closed`. A fresh Legwork over the same LEGWORK_HOME then
// recovers, and the sandbox's control endpoint shows every write exactly once; the run completed;
// its trace (the real TraceStore) verifies with a signed head and keeps every event that was on
// disk before the kill.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import type { Plan } from '../../shared/plan.ts';
import { Legwork } from '../../core/legwork.ts';
import { Journal } from '../../core/executor/journal.ts';
import { TraceStore } from '../../core/trace/store.ts';
import { sandboxSystems } from '../../cli/systems.ts';
import { control, sandboxSuite } from '../helpers/sandbox.ts';
import { makePlan, ordersWithStatus, step } from './fixtures.ts';
import type { BoundaryChildConfig } from './boundary-child.ts';

let sandbox!: RunningSandbox;
sandboxSuite((sb) => {
  sandbox = sb;
});

const ORDER = ordersWithStatus('pending')[3]!;
const CHILD = path.join(import.meta.dirname, 'boundary-child.ts');

function boundaryPlan(ticketId: number): Plan {
  const { order_id: orderId, customer } = ORDER;
  return makePlan(
    ticketId,
    customer,
    [
      step('s1', 'get_order_details', 'orders', 'read', { order_id: orderId }),
      step('s2', 'cancel_pending_order', 'orders', 'write', { order_id: orderId, reason: 'no longer needed' }),
      step('s3', 'get_order_payments', 'billing', 'read', { order_id: orderId }),
      step('s4', 'add_crm_note', 'crm', 'write', { user_id: customer.user_id, body: `Cancelled ${orderId} (ticket #${ticketId}).` }),
      step('s5', 'add_internal_note', 'helpdesk', 'write', { ticket_id: ticketId, body: `Cancelled ${orderId}; refund to the original payment method.` }),
      step('s6', 'reply_to_customer', 'helpdesk', 'write', { ticket_id: ticketId, body: `Hi ${customer.name}, your order ${orderId} is cancelled.` }),
      step('s7', 'set_ticket_status', 'helpdesk', 'write', { ticket_id: ticketId, status: 'solved' }),
    ],
    orderId,
  );
}
/** what each write step leaves in the sandbox's write log */
const OP: Record<string, string> = { s2: 'cancel_pending_order', s4: 'crm_note', s5: 'helpdesk_note', s6: 'helpdesk_reply', s7: 'helpdesk_status' };
const STEP_IDS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7'];
const ACTION_OF = Object.fromEntries(boundaryPlan(1).steps.map((s) => [s.id, s.action]));

let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'legwork-boundary-'));
});

const writes = async () => (await control(sandbox, 'GET', '/writes')).json.writes as { op: string; target: string }[];
const fileTicket = async () =>
  (await control(sandbox, 'POST', '/tickets', { from: ORDER.customer.email, subject: 'Cancel', body: `Cancel ${ORDER.order_id} please` })).json.id as number;
const journal = () => Journal.inHome(home);
const journalTail = async (runId: string) => {
  const { records } = await journal().read(runId);
  const last = records.at(-1)!;
  return `${last.type}${'stepId' in last ? ` ${last.stepId}` : ''}`;
};
const eventsFile = (runId: string) => path.join(TraceStore.forHome(home).runDir(runId), 'events.jsonl');

/** Runs the child until it stops where asked (SIGKILLed there) or finishes; gives the run id. */
async function runChild(ticketId: number, plan: Plan, killAt: BoundaryChildConfig['killAt']): Promise<string> {
  const flag = path.join(home, 'child.flag');
  const cfg: BoundaryChildConfig = { home, urls: sandbox.urls, ticketId, plan, killAt, flag };
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, LEGWORK_BOUNDARY_CHILD: JSON.stringify(cfg) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const deadline = Date.now() + 60_000;
  while (!existsSync(flag) || readFileSync(flag, 'utf8') === '') {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the child did not reach ${JSON.stringify(killAt)} (exit ${child.exitCode}): ${stderr.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const said = readFileSync(flag, 'utf8');
  if (killAt) {
    expect(said, 'the child finished instead of stopping').not.toMatch(/^finished/);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
  } else {
    expect(said).toMatch(/^finished \S+ completed$/);
    expect(await exited).toBe(0);
  }
  const runs = await journal().runIds();
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

/** A fresh Legwork over the same home finishes the run; a second recovery finds nothing. */
async function recover() {
  const legwork = await Legwork.open({ home, systems: sandboxSystems(sandbox.urls), agent: 'Ana Ruiz', timeoutMs: 8_000 });
  try {
    const first = await legwork.recover();
    const second = await legwork.recover();
    return { first, second };
  } finally {
    await legwork.close();
  }
}

/** Everything the issue's Done-when asks, after recovery. */
async function expectRecovered(runId: string, plan: Plan, beforeKill: Buffer, first: Awaited<ReturnType<typeof recover>>['first'], second: unknown[]) {
  expect(first.map((s) => s.runId)).toEqual([runId]);
  const summary = first[0]!;
  expect(summary.outcome, JSON.stringify(summary)).toBe('completed');
  expect(summary.steps.map((s) => s.status).every((s) => s === 'done' || s === 'already_done')).toBe(true);
  expect(second).toEqual([]);
  expect(await journal().unclosed()).toEqual([]);

  // 0 duplicated side effects, none missing, nothing else
  expect((await writes()).map((w) => w.op)).toEqual(Object.values(OP));
  expect((await control(sandbox, 'GET', '/state')).json.orders[ORDER.order_id].status).toBe('cancelled');

  // the trace verifies with a signed head, and no committed event was lost
  const store = TraceStore.forHome(home);
  const report = await store.verifyRun(runId);
  expect(report, JSON.stringify(report.problems)).toMatchObject({ ok: true, finished: true });
  expect(report.head).toMatchObject({ outcome: 'completed' });
  const after = readFileSync(eventsFile(runId));
  expect(after.subarray(0, beforeKill.length).equals(beforeKill), 'the events on disk before the kill are a prefix of the trace').toBe(true);
  const read = await store.readRun(runId);
  if (!read.ok) throw new Error(read.error.message);
  const results = read.data.events.filter((e) => e.type === 'step_result' && e.data.ok === true).map((e) => e.data.stepId);
  expect(new Set(results)).toEqual(new Set(plan.steps.map((s) => s.id)));
  expect(read.data.events.at(-1)).toMatchObject({ type: 'run_finished', data: { outcome: 'completed' } });
}

describe('SIGKILL at every step boundary of a 7-step, 4-system run, then recovery', () => {
  for (const stepId of STEP_IDS) {
    const write = OP[stepId];
    // a read's "after" leaves the disk as its "before" does (intent, no result, nothing changed): one kill covers both
    for (const phase of write ? (['before', 'after'] as const) : (['before'] as const)) {
      it(`killed ${phase} ${stepId} (${ACTION_OF[stepId]}${write ? ', a write' : ', a read'}) touches its system`, { timeout: 90_000 }, async () => {
        const ticketId = await fileTicket();
        const plan = boundaryPlan(ticketId);
        const runId = await runChild(ticketId, plan, { action: ACTION_OF[stepId]!, phase });

        // where it died: the step's intent is the journal's last record; the write landed only when killed after it
        expect(await journalTail(runId)).toBe(`intent ${stepId}`);
        const landed = (await writes()).map((w) => w.op);
        const index = STEP_IDS.indexOf(stepId);
        const expectedBefore = STEP_IDS.slice(0, phase === 'after' ? index + 1 : index).flatMap((s) => (OP[s] ? [OP[s]] : []));
        expect(landed).toEqual(expectedBefore);
        const beforeKill = readFileSync(eventsFile(runId));
        expect(beforeKill.toString('utf8')).toContain(`"stepId":"${stepId}"`);
        expect(existsSync(path.join(path.dirname(eventsFile(runId)), 'head.json'))).toBe(false);

        const { first, second } = await recover();
        await expectRecovered(runId, plan, beforeKill, first, second);
        const killed = first[0]!.steps.find((s) => s.stepId === stepId)!;
        expect(killed).toMatchObject({ recovered: true, status: write && phase === 'after' ? 'already_done' : 'done' });
      });
    }
  }

  it('killed after the trace signed the run’s end, before the journal closed it', { timeout: 90_000 }, async () => {
    const ticketId = await fileTicket();
    const plan = boundaryPlan(ticketId);
    const runId = await runChild(ticketId, plan, null);
    // the journal as that kill leaves it: every record is fsynced in order, so it is the finished journal without `closed`
    const text = readFileSync(journal().file(runId), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(JSON.parse(lines.at(-1)!).type).toBe('closed');
    writeFileSync(journal().file(runId), `${lines.slice(0, -1).join('\n')}\n`);
    expect(await journal().unclosed()).toEqual([runId]);
    const beforeKill = readFileSync(eventsFile(runId));

    const { first, second } = await recover();
    await expectRecovered(runId, plan, beforeKill, first, second);
    // nothing ran again, and the finished trace was left as signed
    expect(first[0]!.steps.every((s) => s.status === 'done' && !s.recovered)).toBe(true);
    expect(readFileSync(eventsFile(runId)).equals(beforeKill)).toBe(true);
    expect(first[0]!.traceErrors).toEqual([expect.stringMatching(/run_finished: the trace takes no more events/)]);
  });
});
