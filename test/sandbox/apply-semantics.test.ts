// The gold actions of train tasks applied through POST /apply produce exactly the state the
// independent reference computes, amounts compared in cents.
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { control, sandboxForTest } from '../helpers/sandbox.ts';
import { freshRetailState, trainTasks } from '../helpers/retail-data.ts';
import { applyReference, inCents } from './reference.ts';

const WRITES = new Set([
  'cancel_pending_order',
  'modify_pending_order_items',
  'modify_pending_order_address',
  'modify_pending_order_payment',
  'return_delivered_order_items',
  'exchange_delivered_order_items',
  'modify_user_address',
]);

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await sandboxForTest();
});
afterAll(() => sandbox.close());

describe('POST /apply with the gold actions of train tasks', () => {
  const tasks = trainTasks();
  // Every train task with at least one write: well over the 100 the issue asks for.
  const withWrites = tasks.map((t, i) => ({ ...t, index: i })).filter((t) => t.actions.some((a) => WRITES.has(a.name)));

  it('covers at least 100 tasks and every write operation the tasks use', () => {
    expect(withWrites.length).toBeGreaterThanOrEqual(100);
    const used = new Set(withWrites.flatMap((t) => t.actions.map((a) => a.name)));
    for (const name of ['cancel_pending_order', 'modify_pending_order_items', 'modify_pending_order_address', 'modify_pending_order_payment', 'return_delivered_order_items', 'exchange_delivered_order_items']) {
      expect(used).toContain(name);
    }
  });

  it('matches the reference in every order and customer the task touched', { timeout: 240_000 }, async () => {
    const mismatches: string[] = [];
    let applied = 0;
    let refused = 0;
    for (const task of withWrites) {
      await control(sandbox, 'POST', '/reset');
      const expected = freshRetailState();
      for (const action of task.actions) {
        if (!WRITES.has(action.name)) continue;
        const ref = applyReference(expected, action);
        const { json } = await control(sandbox, 'POST', '/apply', action);
        // Some gold actions are refused in the benchmark too (e.g. a gift card that cannot cover the
        // difference); the gold state is then the state without them. Both must agree.
        if (ref.ok !== json.ok) mismatches.push(`task ${task.index} ${action.name}: sandbox ${JSON.stringify(json)}, reference ${JSON.stringify(ref)}`);
        applied += 1;
        if (!ref.ok) refused += 1;
      }
      const { json: state } = await control(sandbox, 'GET', '/state');
      const touchedOrders = new Set(task.actions.map((a) => a.kwargs.order_id as string).filter(Boolean));
      for (const id of touchedOrders) {
        if (!isDeepStrictEqual(inCents(state.orders[id]), inCents(expected.orders[id]))) mismatches.push(`task ${task.index} order ${id} differs`);
      }
      if (!isDeepStrictEqual(inCents(state.users[task.user_id]), inCents(expected.users[task.user_id]))) {
        mismatches.push(`task ${task.index} user ${task.user_id} differs`);
      }
    }
    expect(mismatches).toEqual([]);
    // a refusal is the exception, not a way for both sides to agree on nothing
    expect(refused / applied).toBeLessThan(0.05);
  });

  it('leaves every other record untouched (full-state comparison on a sample of tasks)', { timeout: 60_000 }, async () => {
    for (const task of withWrites.filter((_, i) => i % 50 === 0)) {
      await control(sandbox, 'POST', '/reset');
      const expected = freshRetailState();
      for (const action of task.actions) {
        if (!WRITES.has(action.name)) continue;
        applyReference(expected, action);
        await control(sandbox, 'POST', '/apply', action);
      }
      const { json: state } = await control(sandbox, 'GET', '/state');
      expect(inCents({ users: state.users, orders: state.orders, products: state.products })).toEqual(inCents(expected));
    }
  });
});
