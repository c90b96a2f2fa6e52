// `legwork recover` as a script runs it: its own process over a LEGWORK_HOME whose journal holds
// what a crash leaves (an intent on disk, no result), the sandbox given as `legwork sandbox`'s line.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { Journal } from '../../core/executor/journal.ts';
import { newRunId } from '../../core/executor/executor.ts';
import { control, sandboxSuite } from '../helpers/sandbox.ts';
import { approve, cancelSteps, makePlan, ordersWithStatus } from '../executor/fixtures.ts';
import { BIN, ENTRY, legwork } from './cli-process.ts';

let sandbox!: RunningSandbox;
sandboxSuite((sb) => {
  sandbox = sb;
});

const PENDING = ordersWithStatus('pending')[4]!;
const DELIVERED = ordersWithStatus('delivered')[0]!;
let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'legwork-recover-cli-'));
});

const recover = () => legwork(ENTRY, ['recover', '--systems', JSON.stringify(sandbox.urls)], { LEGWORK_HOME: home });
const writes = async () => (await control(sandbox, 'GET', '/writes')).json.writes as { op: string; target: string }[];
const fileTicket = async (order: string, email: string) => (await control(sandbox, 'POST', '/tickets', { from: email, subject: 'Cancel', body: `Cancel ${order} please` })).json.id as number;

/** A run killed while its cancel was starting: run_opened, intent s2 (the cancel), nothing after. */
async function crashedRun(order: { order_id: string; customer: Parameters<typeof cancelSteps>[2] }): Promise<{ runId: string; ticketId: number }> {
  const ticketId = await fileTicket(order.order_id, order.customer.email);
  const plan = makePlan(ticketId, order.customer, cancelSteps(ticketId, order.order_id, order.customer, 'cli'), order.order_id);
  const journal = Journal.inHome(home);
  const runId = newRunId();
  await journal.create({ type: 'run_opened', run: runId, plan, approval: approve(plan) });
  await journal.append(runId, { type: 'intent', stepId: 's1' });
  await journal.append(runId, { type: 'result', stepId: 's1', ok: true, alreadyDone: false });
  await journal.append(runId, { type: 'intent', stepId: 's2' });
  return { runId, ticketId };
}

describe('legwork recover', () => {
  it('with nothing unfinished says so and exits 0', { timeout: 30_000 }, async () => {
    const res = await recover();
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/no unfinished runs/);
  });

  it('finishes a run a crash left open: each write once, one JSON line, the trace verifies; a second recover does nothing', { timeout: 120_000 }, async () => {
    const { runId, ticketId } = await crashedRun(PENDING);
    const res = await recover();
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([{ run: runId, outcome: 'completed', escalated: false, trace: path.join(home, 'traces', 'runs', runId) }]);
    expect((await writes()).map((w) => `${w.op} ${w.target}`)).toEqual([
      `cancel_pending_order ${PENDING.order_id}`,
      `crm_note ${PENDING.customer.user_id}`,
      `helpdesk_reply ${ticketId}`,
      `helpdesk_status ${ticketId}`,
    ]);
    const verified = await legwork(BIN, ['trace', 'verify', runId], { LEGWORK_HOME: home });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);

    const again = await recover();
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(await writes()).toHaveLength(4);
  });

  it('hands a run it cannot finish to a person: escalated, with the note in the helpdesk', { timeout: 120_000 }, async () => {
    // the crash came before the cancel landed, and since then the order has shipped: the cancel is refused
    const { runId, ticketId } = await crashedRun({ ...DELIVERED });
    const res = await recover();
    expect(res.code, res.stderr).toBe(0);
    const [line, ...more] = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(more).toEqual([]);
    expect(line).toMatchObject({ run: runId, outcome: 'escalated', escalated: true, noteOk: true, reason: expect.stringMatching(/cancel_pending_order \(s2\) failed/) });
    expect((await writes()).map((w) => `${w.op} ${w.target}`)).toEqual([`helpdesk_note ${ticketId}`]);
  });

  it('refuses a bad flag with exit 2', { timeout: 30_000 }, async () => {
    const res = await legwork(ENTRY, ['recover', '--ticket', '3'], { LEGWORK_HOME: home });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/Unknown option '--ticket'/);
  });
});
