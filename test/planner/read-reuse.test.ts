// A pick re-composes the plan from what the proposal read (no page is read again while the reads
// are fresh and nothing ran since), and catalogue searches are kept a while across tickets.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { sandboxForTest, control } from '../helpers/sandbox.ts';
import { pendingOrder } from '../e2e/harness.ts';
import { Legwork, type ReadSeen } from '../../core/legwork.ts';
import { sandboxSystems } from '../../cli/systems.ts';
import { CATALOGUE_KEPT_MS, CatalogueCache, ReadLog, REPLAN_FROM_READS_MS } from '../../core/read-log.ts';
import type { ReadTool } from '../../shared/plan.ts';

/** A ReadTool over fixed answers, counting what it is asked. */
function counted(answers: Record<string, unknown>) {
  const asked: string[] = [];
  const tool: ReadTool = async (_system, action, input) => {
    asked.push(`${action} ${JSON.stringify(input)}`);
    return action in answers ? { ok: true, data: answers[action] } : { ok: false, error: { code: 'not_found', message: 'no such thing' } };
  };
  return { tool, asked };
}

describe('reads kept for a re-plan and the catalogue', () => {
  it('answers a catalogue search again from memory for a while, and only that', async () => {
    let now = 1_000_000;
    const inner = counted({ find_products: { products: [] }, get_order_details: { order_id: '#W1' } });
    const read = new CatalogueCache(() => now).tool(inner.tool);
    await read('orders', 'find_products', { q: 'kettle' });
    await read('orders', 'find_products', { q: 'kettle' });
    await read('orders', 'get_order_details', { order_id: '#W1' });
    await read('orders', 'get_order_details', { order_id: '#W1' });
    expect(inner.asked).toEqual(['find_products {"q":"kettle"}', 'get_order_details {"order_id":"#W1"}', 'get_order_details {"order_id":"#W1"}']);
    now += CATALOGUE_KEPT_MS + 1;
    await read('orders', 'find_products', { q: 'kettle' });
    expect(inner.asked.filter((a) => a.startsWith('find_products'))).toHaveLength(2);
  });

  it('replays a proposal\'s reads while fresh; after a run (stale) or when old, reads again', async () => {
    const first = counted({ get_order_details: { order_id: '#W1' } });
    const log = new ReadLog();
    await log.tool(first.tool)('orders', 'get_order_details', { order_id: '#W1' });
    const again = counted({ get_order_details: { order_id: '#W1' }, get_user_details: { user_id: 'u' } });
    const replay = log.replaying(again.tool);
    expect(await replay('orders', 'get_order_details', { order_id: '#W1' })).toEqual({ ok: true, data: { order_id: '#W1' } });
    await replay('crm', 'get_user_details', { user_id: 'u' });
    expect(again.asked).toEqual(['get_user_details {"user_id":"u"}']);
    await log.replaying(again.tool, Date.now() + REPLAN_FROM_READS_MS + 1)('orders', 'get_order_details', { order_id: '#W1' });
    log.stale();
    await log.replaying(again.tool)('orders', 'get_order_details', { order_id: '#W1' });
    expect(again.asked.filter((a) => a.startsWith('get_order_details'))).toHaveLength(2);
  });
});

describe('a pick at the desk, over the sandbox pages', () => {
  let sandbox: RunningSandbox;
  let legwork: Legwork;
  beforeAll(async () => {
    sandbox = await sandboxForTest();
    legwork = await Legwork.open({ home: mkdtempSync(path.join(os.tmpdir(), 'legwork-replan-')), systems: sandboxSystems(sandbox.urls), agent: 'ana', notice: () => undefined });
  }, 120_000);
  afterAll(async () => {
    await legwork?.close();
    await sandbox?.close();
  });

  /** A cancellation giving both of the policy's reasons: the agent picks one. */
  const fileCancel = async (o: { orderId: string; email: string; name: string }) =>
    (await control(sandbox, 'POST', '/tickets', { from: o.email, subject: `Cancel ${o.orderId}`, body: `Hi,\n\nPlease cancel order ${o.orderId}. I ordered it by mistake, and honestly I no longer need it either.\n\nThanks,\n${o.name}` })).json.id as number;
  const reasonChoice = (p: Awaited<ReturnType<Legwork['propose']>>) => (p.ok ? p.data.plan.choices.find((c) => c.about === 'reason') : undefined);

  it('re-composes from the same reads (no page read), and once a run started, reads the systems again', async () => {
    const a = await pendingOrder(sandbox);
    const b = await pendingOrder(sandbox, [a.orderId]);
    const [ta, tb] = [await fileCancel(a), await fileCancel(b)];
    const seen: ReadSeen[] = [];
    const pa = await legwork.propose(ta, (r) => seen.push(r));
    const choice = reasonChoice(pa);
    expect(choice, 'the plan offers the reason as a choice').toBeDefined();
    expect(seen.length).toBeGreaterThan(2);
    const option = choice!.options.find((o) => o.label === 'no longer needed')!;

    const reread: ReadSeen[] = [];
    const picked = await legwork.choose(ta, pa.ok ? pa.data.planHash : '', choice!.id, option.id, (r) => reread.push(r));
    expect(reread).toEqual([]);
    expect(picked.ok && picked.data.plan.steps.find((s) => s.action === 'cancel_pending_order')?.params.reason).toBe('no longer needed');

    // b proposed; then a run (a's) starts: b's pick reads the pages again
    const pb = await legwork.propose(tb);
    const run = await legwork.approve(ta, picked.ok ? picked.data.planHash : '', { secondApprover: 'lena' });
    expect(run.ok).toBe(true);
    await (run.ok && run.data.done);
    const cb = reasonChoice(pb)!;
    const rereadB: ReadSeen[] = [];
    const pickedB = await legwork.choose(tb, pb.ok ? pb.data.planHash : '', cb.id, cb.options[0]!.id, (r) => rereadB.push(r));
    expect(pickedB.ok).toBe(true);
    expect(rereadB.length).toBeGreaterThan(2);
    expect((await control(sandbox, 'GET', '/state')).json.orders[a.orderId]).toMatchObject({ status: 'cancelled', cancel_reason: 'no longer needed' });
  }, 180_000);
});
