// Train tasks done by a person at the pages: for each chosen task the sandbox is reset, every gold
// action is carried out through OrderTrack in a real Chromium, and the resulting state (users and
// orders, amounts in cents) must equal what the independent reference of the semantics computes.
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { launchChromium, signedInPage } from '../helpers/browser.ts';
import { control, sandboxForTest } from '../helpers/sandbox.ts';
import { freshRetailState, trainTasks, type Task } from '../helpers/retail-data.ts';
import { applyActionViaPages, expressibleOnPages, ORDER_WRITES, type Catalog } from '../helpers/order-pages.ts';
import { applyReference, inCents } from './reference.ts';

type Indexed = Task & { index: number };

/** A modify or exchange that "changes" an item into the identical item. */
function pairsItemWithItself(a: { kwargs: Record<string, unknown> }): boolean {
  const news = a.kwargs.new_item_ids as string[] | undefined;
  return Boolean(news && (a.kwargs.item_ids as string[]).some((id, i) => id === news[i]));
}

/**
 * The choice, deterministic: walking the train tasks in order, the first two tasks that use each of
 * the six writes, then every 25th task, up to 18. A task is left out only when one of its gold
 * actions has no way through the pages (`expressibleOnPages` says why); every left-out task is
 * counted with its reason below, none silently.
 */
function chooseTasks() {
  const all: Indexed[] = trainTasks().map((t, index) => ({ ...t, index }));
  const excluded: { index: number; reason: string }[] = [];
  const eligible: Indexed[] = [];
  for (const t of all) {
    const reasons = t.actions.map((a) => expressibleOnPages(a)).filter((r): r is string => r !== true);
    if (reasons.length) excluded.push({ index: t.index, reason: reasons[0]! });
    else eligible.push(t);
  }
  const chosen = new Map<number, Indexed>();
  for (const name of ORDER_WRITES) {
    eligible.filter((t) => t.actions.some((a) => a.name === name)).slice(0, 2).forEach((t) => chosen.set(t.index, t));
  }
  // and the first exchange and modify that pair an item with the identical item
  for (const name of ['exchange_delivered_order_items', 'modify_pending_order_items']) {
    const t = eligible.find((t) => t.actions.some((a) => a.name === name && pairsItemWithItself(a)));
    if (t) chosen.set(t.index, t);
  }
  for (let i = 0; i < eligible.length && chosen.size < 20; i += 25) chosen.set(eligible[i]!.index, eligible[i]!);
  return { chosen: [...chosen.values()].sort((a, b) => a.index - b.index), excluded, eligible: eligible.length, total: all.length };
}

const { chosen, excluded, eligible, total } = chooseTasks();

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;
let catalog: Catalog;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([sandboxForTest(), launchChromium()]);
  // one signed-in context for every task: a reset changes the data, not the sessions
  page = await signedInPage(browser, sandbox, 'orders');
  catalog = (await control(sandbox, 'GET', '/state')).json.products;
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('train tasks through the pages', () => {
  it('chooses at least 12 tasks covering all six writes, and says what it leaves out', () => {
    expect(chosen.length).toBeGreaterThanOrEqual(12);
    const used = new Set(chosen.flatMap((t) => t.actions.map((a) => a.name)));
    for (const name of ORDER_WRITES) expect(used).toContain(name);
    // every train task's gold actions can be done at the pages, an item "changed" into itself included
    expect(excluded).toEqual([]);
    const reasons = [...new Set(excluded.map((e) => e.reason))];
    expect(chosen.some((t) => t.actions.some(pairsItemWithItself))).toBe(true);
    expect(eligible + excluded.length).toBe(total);
    console.info(
      `tasks via pages: ${chosen.length} chosen (${chosen.map((t) => t.index).join(', ')}); ` +
        `${excluded.length} of ${total} train tasks not expressible at the pages: ` +
        reasons.map((r) => `${excluded.filter((e) => e.reason === r).length} × ${r}`).join('; '),
    );
  });

  it.each(chosen.map((t) => [t.index, t] as const))('task %i: the pages reach the reference state', { timeout: 60_000 }, async (_index, task) => {
    await control(sandbox, 'POST', '/reset');
    const expected = freshRetailState();
    for (const action of task.actions) {
      const ref = applyReference(expected, action);
      const viaPages = await applyActionViaPages(page, action, catalog);
      expect(viaPages.ok, `${action.name} ${JSON.stringify(action.kwargs)}: pages ${JSON.stringify(viaPages)}, reference ${JSON.stringify(ref)}`).toBe(ref.ok);
    }
    const { users, orders } = (await control(sandbox, 'GET', '/state')).json;
    for (const id of new Set(task.actions.map((a) => a.kwargs.order_id as string))) {
      expect(inCents(orders[id]), `order ${id}`).toEqual(inCents(expected.orders[id]));
    }
    expect(inCents(users[task.user_id])).toEqual(inCents(expected.users[task.user_id]));
    expect(isDeepStrictEqual(inCents({ users, orders }), inCents({ users: expected.users, orders: expected.orders }))).toBe(true);
  });
});
