// Orders connector (OrderTrack) through the real runtime, against the sandbox in real Chromium.
// Reads must equal the sandbox's own state; each write must leave exactly the state POST /apply of
// the same benchmark action leaves, land once, and never twice, also with each fault switch on.
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { control } from '../helpers/sandbox.ts';
import { automationSuite, type Harness } from '../helpers/automation.ts';
import { freshRetailState, trainTasks } from '../helpers/retail-data.ts';
import { applyReference, inCents } from '../sandbox/reference.ts';
import {
  cancelPendingOrder,
  exchangeDeliveredOrderItems,
  getOrderDetails,
  getProductDetails,
  findProducts,
  listCustomerOrders,
  modifyPendingOrderAddress,
  modifyPendingOrderItems,
  modifyPendingOrderPayment,
  orders,
  returnDeliveredOrderItems,
} from '../../automations/systems/orders/actions.ts';
import type { ActionDefinition } from '../../automations/runtime/action.ts';
import type { ActionOutcome } from '../../automations/runtime/runner.ts';
import { deliveredOn } from '../../sandbox/domain/deliveries.ts';

type Json = any;

/** The order as the page shows it: the state's order, with the delivery date the sandbox derives for a delivered one. */
const withDelivery = (order: Json): Json => {
  const day = deliveredOn(order, new Date());
  return day ? { ...order, delivered_on: day } : order;
};

let sandbox!: RunningSandbox;
let h!: Harness;
automationSuite((sb, harness) => {
  sandbox = sb;
  h = harness;
});

const ACTIONS: Record<string, ActionDefinition<any, any>> = {
  cancel_pending_order: cancelPendingOrder,
  modify_pending_order_address: modifyPendingOrderAddress,
  modify_pending_order_items: modifyPendingOrderItems,
  modify_pending_order_payment: modifyPendingOrderPayment,
  return_delivered_order_items: returnDeliveredOrderItems,
  exchange_delivered_order_items: exchangeDeliveredOrderItems,
};

const seed = freshRetailState();
const firstOrder = (pred: (o: Json) => boolean) => Object.values(seed.orders).filter(pred).map((o: Json) => o.order_id as string).sort()[0]!;
const PENDING = firstOrder((o) => o.status === 'pending');
const DELIVERED = firstOrder((o) => o.status === 'delivered');
const CANCELLED = firstOrder((o) => o.status === 'cancelled');
const PROCESSED = firstOrder((o) => o.status === 'processed');

/** For each write, the first gold action of a train task that works on the seed state. */
const FIRST_OF_EACH = Object.keys(ACTIONS).map((name) => {
  for (const task of trainTasks()) {
    for (const action of task.actions) {
      if (action.name === name && applyReference(freshRetailState(), action).ok) return action as { name: string; kwargs: Json };
    }
  }
  throw new Error(`no train action for ${name}`);
});
const gold = (name: string) => FIRST_OF_EACH.find((a) => a.name === name)!;

async function state(): Promise<{ users: Json; orders: Json; products: Json }> {
  return (await control(sandbox, 'GET', '/state')).json;
}
async function writes(): Promise<Json[]> {
  return (await control(sandbox, 'GET', '/writes')).json.writes;
}
const codeOf = (res: ActionOutcome<unknown>) => (res.ok ? 'ok' : res.error.code);
const why = (res: ActionOutcome<unknown>) => (res.ok ? 'ok' : `${res.error.code}: ${res.error.message}`);

async function expectNothingWritten(before: Json) {
  expect(await writes()).toEqual([]);
  expect(inCents(await state())).toEqual(inCents(before));
}

describe('orders reads', () => {
  it.each([
    ['pending', PENDING],
    ['delivered', DELIVERED],
    ['cancelled', CANCELLED],
    ['processed', PROCESSED],
  ])('get_order_details of a %s order equals the order in GET /state', async (_status, orderId) => {
    const res = await h.runner.run(getOrderDetails, { order_id: orderId });
    expect(res.ok, why(res)).toBe(true);
    if (!res.ok) return;
    expect(inCents(res.output)).toEqual(inCents(withDelivery((await state()).orders[orderId])));
  });

  it('get_order_details reads cancellation, return and exchange details once the order has them', async () => {
    for (const name of ['cancel_pending_order', 'return_delivered_order_items', 'exchange_delivered_order_items']) {
      const action = gold(name);
      expect((await control(sandbox, 'POST', '/apply', action)).json).toEqual({ ok: true });
      const res = await h.runner.run(getOrderDetails, { order_id: action.kwargs.order_id.slice(1) });
      expect(res.ok, why(res)).toBe(true);
      if (res.ok) expect(inCents(res.output)).toEqual(inCents(withDelivery((await state()).orders[action.kwargs.order_id])));
    }
  });

  it('get_product_details equals the product in GET /state', async () => {
    const products = (await state()).products;
    for (const productId of [seed.orders[PENDING].items[0].product_id, '6858788497']) {
      const res = await h.runner.run(getProductDetails, { product_id: productId });
      expect(res.ok, why(res)).toBe(true);
      if (res.ok) expect(inCents(res.output)).toEqual(inCents(products[productId]));
    }
  });

  it('find_products: the catalogue\'s products whose name holds the words, as in GET /state; none → an empty list', async () => {
    const products = (await state()).products as Record<string, { product_id: string; name: string }>;
    const expected = Object.values(products).filter((p) => p.name.toLowerCase().includes('water')).map((p) => ({ product_id: p.product_id, name: p.name }));
    expect(expected.length).toBeGreaterThan(0);
    const res = await h.runner.run(findProducts, { q: 'water' });
    expect(res.ok && res.output.products.sort((a, b) => a.product_id.localeCompare(b.product_id))).toEqual(expected.sort((a, b) => a.product_id.localeCompare(b.product_id)));
    const none = await h.runner.run(findProducts, { q: 'hovercraft' });
    expect(none.ok && none.output.products).toEqual([]);
  });

  it('list_customer_orders by customer ID and by email: exactly that customer\'s orders with status and total', async () => {
    const userId = seed.orders[PENDING].user_id as string;
    const user = seed.users[userId];
    const expected = [...user.orders].sort().map((id: string) => {
      const o = seed.orders[id];
      return { order_id: id, status: o.status, total: Math.round(o.items.reduce((s: number, it: Json) => s + Math.round(it.price * 100), 0)) / 100 };
    });
    for (const input of [{ user_id: userId }, { email: user.email.toUpperCase() }]) {
      const res = await h.runner.run(listCustomerOrders, input);
      expect(res.ok, why(res)).toBe(true);
      if (res.ok) expect(inCents(res.output)).toEqual(inCents(expected));
    }
  });

  it('unknown order or product → not_found; malformed ids → invalid_input', async () => {
    expect(codeOf(await h.runner.run(getOrderDetails, { order_id: '#W0000000' }))).toBe('not_found');
    expect(codeOf(await h.runner.run(getProductDetails, { product_id: '1' }))).toBe('not_found');
    expect(codeOf(await h.runner.run(listCustomerOrders, { user_id: 'nobody_at_all_0000' }))).toBe('not_found');
    expect(codeOf(await h.runner.run(getOrderDetails, { order_id: 'order 12' }))).toBe('invalid_input');
    expect(codeOf(await h.runner.run(listCustomerOrders, {}))).toBe('invalid_input');
  });
});

describe('orders writes', () => {
  it.each(FIRST_OF_EACH.map((a) => [a.name, a] as const))('%s leaves the state POST /apply leaves, lands once, and is not repeated', async (name, action) => {
    const orderId = action.kwargs.order_id as string;
    const res = await h.runner.run(ACTIONS[name]!, action.kwargs);
    expect(res, why(res)).toMatchObject({ ok: true, alreadyDone: false, output: {} });
    expect((await writes()).map((w) => [w.via, w.op, w.target])).toEqual([['orders', name, orderId]]);

    const again = await h.runner.run(ACTIONS[name]!, action.kwargs);
    expect(again, why(again)).toMatchObject({ ok: true, alreadyDone: true, output: {} });
    expect((await writes()).length).toBe(1);
    const viaConnector = await state();

    await control(sandbox, 'POST', '/reset');
    expect((await control(sandbox, 'POST', '/apply', action)).json).toEqual({ ok: true });
    const viaApply = await state();
    const userId = viaApply.orders[orderId].user_id as string;
    expect(inCents(viaConnector.orders[orderId])).toEqual(inCents(viaApply.orders[orderId]));
    expect(inCents(viaConnector.users[userId])).toEqual(inCents(viaApply.users[userId]));
    expect(inCents(viaConnector.users)).toEqual(inCents(viaApply.users));
  });

  it('modify_pending_order_items pairs duplicate lines by occurrence', async () => {
    // #W9093821 holds 3557711149 on lines 1 and 3
    const action = {
      name: 'modify_pending_order_items',
      kwargs: { order_id: '#W9093821', item_ids: ['3557711149', '8917609800', '3557711149'], new_item_ids: ['3928046918', '9850781806', '7251508981'], payment_method_id: 'credit_card_7422485' },
    };
    expect(applyReference(freshRetailState(), action)).toEqual({ ok: true });
    const res = await h.runner.run(modifyPendingOrderItems, action.kwargs);
    expect(res, why(res)).toMatchObject({ ok: true, alreadyDone: false });
    const viaConnector = await state();
    expect(viaConnector.orders['#W9093821'].items.map((i: Json) => i.item_id)).toEqual(['3928046918', '9850781806', '7251508981', '4035304400', '9747045638']);
    await control(sandbox, 'POST', '/reset');
    await control(sandbox, 'POST', '/apply', action);
    const viaApply = await state();
    expect(inCents(viaConnector.orders['#W9093821'])).toEqual(inCents(viaApply.orders['#W9093821']));
    expect(inCents(viaConnector.users)).toEqual(inCents(viaApply.users));
  });

  it('cancelling a delivered order → precondition_failed with the page\'s reason, nothing written', async () => {
    const before = await state();
    const res = await h.runner.run(cancelPendingOrder, { order_id: DELIVERED, reason: 'no longer needed' });
    expect(codeOf(res)).toBe('precondition_failed');
    expect(res.ok ? '' : res.error.message).toContain(`Order ${DELIVERED} is delivered`);
    await expectNothingWritten(before);
  });

  it('an unknown order → not_found, nothing written', async () => {
    const before = await state();
    expect(codeOf(await h.runner.run(cancelPendingOrder, { order_id: '#W0000000', reason: 'no longer needed' }))).toBe('not_found');
    expect(codeOf(await h.runner.run(modifyPendingOrderPayment, { order_id: '#W0000001', payment_method_id: 'paypal_1' }))).toBe('not_found');
    await expectNothingWritten(before);
  });

  it('bad input → invalid_input, from the input check, the form\'s own check and what the page offers, nothing written', async () => {
    const before = await state();
    const addr = gold('modify_pending_order_address').kwargs;
    const items = gold('modify_pending_order_items').kwargs;
    const ret = gold('return_delivered_order_items').kwargs;
    const cases: [ActionDefinition<any, any>, Json, string?][] = [
      [cancelPendingOrder, { order_id: PENDING, reason: 'changed my mind' }],
      [modifyPendingOrderItems, { ...items, new_item_ids: [] }],
      [modifyPendingOrderItems, { ...items, new_item_ids: [...items.new_item_ids, items.new_item_ids[0]] }],
      [modifyPendingOrderAddress, { ...addr, address1: 'x'.repeat(200) }],
      // the form's own check refuses an empty required field before anything is sent
      [modifyPendingOrderAddress, { ...addr, city: '  ' }, 'City'],
      // an item the order does not hold; a new item of another product; a refund method the form does not offer
      [modifyPendingOrderItems, { ...items, item_ids: ['1111111111'] , new_item_ids: [items.new_item_ids[0]] }, 'no (further) line'],
      [modifyPendingOrderItems, { ...items, item_ids: [items.item_ids[0]], new_item_ids: ['1002370030'] }, 'is not a variant'],
      [returnDeliveredOrderItems, { ...ret, payment_method_id: 'credit_card_0000000' }, 'offers no payment method'],
    ];
    for (const [action, input, message] of cases) {
      const res = await h.runner.run(action, input);
      expect(codeOf(res), `${action.id} ${JSON.stringify(input).slice(0, 120)}: ${why(res)}`).toBe('invalid_input');
      if (message && !res.ok) expect(res.error.message).toContain(message);
    }
    await expectNothingWritten(before);
  });

  it('the app\'s 409s → precondition_failed with its message: an unavailable variant, a payment change on the current method', async () => {
    const before = await state();
    // #W5918442 holds 1725100896 (a perfume); its variant 1002370030 is unavailable
    const order = seed.orders['#W5918442'];
    const unavailable = await h.runner.run(modifyPendingOrderItems, {
      order_id: '#W5918442',
      item_ids: ['1725100896'],
      new_item_ids: ['1002370030'],
      payment_method_id: order.payment_history[0].payment_method_id,
    });
    expect(codeOf(unavailable)).toBe('precondition_failed');
    expect(unavailable.ok ? '' : unavailable.error.message).toContain('is not available');
    const same = await h.runner.run(modifyPendingOrderPayment, { order_id: '#W5918442', payment_method_id: order.payment_history[0].payment_method_id });
    expect(codeOf(same)).toBe('precondition_failed');
    await expectNothingWritten(before);
  });
});

describe('fallbacks are heals, reported', () => {
  it('without the summary landmark and the picker\'s variant data, reads and writes still work through their fallbacks', async () => {
    const tab = await h.host.pageFor(orders);
    // an older build of the app: no aria-label on the summary, no variant data on the picker lines
    await tab.route(
      (url) => url.pathname.startsWith('/orders/'),
      async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replace('aria-label="Order summary"', '').replace(/ data-variants="[^"]*"/g, '');
        await route.fulfill({ response, body });
      },
    );
    try {
      const read = await h.runner.run(getOrderDetails, { order_id: PENDING });
      expect(read.ok, why(read)).toBe(true);
      if (read.ok) expect(inCents(read.output)).toEqual(inCents(seed.orders[PENDING]));
      expect(read.evidence.heals).toContainEqual(expect.objectContaining({ element: 'the order summary', from: 'role=region[name="Order summary"] >> role=table' }));

      const action = gold('modify_pending_order_items');
      const write = await h.runner.run(modifyPendingOrderItems, action.kwargs);
      expect(write, why(write)).toMatchObject({ ok: true, alreadyDone: false });
      expect(write.evidence.heals.map((x) => x.element)).toEqual(expect.arrayContaining(['the order summary', expect.stringMatching(/^variants of /)]));
      expect((await writes()).map((w) => [w.op, w.target])).toEqual([[action.name, action.kwargs.order_id]]);
      const viaConnector = (await state()).orders[action.kwargs.order_id];
      await control(sandbox, 'POST', '/reset');
      await control(sandbox, 'POST', '/apply', action);
      expect(inCents(viaConnector)).toEqual(inCents((await state()).orders[action.kwargs.order_id]));
    } finally {
      await tab.unrouteAll({ behavior: 'ignoreErrors' });
    }
  });
});

describe('orders under faults', () => {
  const modify = gold('modify_pending_order_items');
  const MODIFY_ORDER = modify.kwargs.order_id as string;
  const CANCEL_ORDER = Object.values(seed.orders)
    .filter((o: Json) => o.status === 'pending' && o.order_id !== MODIFY_ORDER)
    .map((o: Json) => o.order_id as string)
    .sort()[0]!;
  const cancel = { name: 'cancel_pending_order', kwargs: { order_id: CANCEL_ORDER, reason: 'ordered by mistake' } };

  /** switch → the failure codes an action may end with besides success */
  const CASES: [string, Json, string[]][] = [
    ['latency 300 ms', { latencyMs: 300 }, []],
    ['30% server errors', { errorRate: 0.3 }, ['system_error']],
    ['a server error after every write', { errorAfterWriteRate: 1 }, []],
    ['sessions expiring after 3 requests', { expireAfter: 3 }, ['session_expired']],
    ['the variant layout', { layout: 'variant' }, []],
    ['a pop-up on every page', { popupRate: 1 }, []],
  ];

  it.each(CASES)('%s: each action completes or fails with the right code; no write lands twice or on another order', async (_label, faults, allowed) => {
    expect((await control(sandbox, 'POST', '/faults', { orders: faults })).status).toBe(200);
    const read = await h.runner.run(getOrderDetails, { order_id: MODIFY_ORDER });
    expect(['ok', ...allowed], why(read)).toContain(codeOf(read));
    const cancelled = await h.runner.run(cancelPendingOrder, cancel.kwargs);
    expect(['ok', ...allowed], why(cancelled)).toContain(codeOf(cancelled));
    const modified = await h.runner.run(modifyPendingOrderItems, modify.kwargs);
    expect(['ok', ...allowed], why(modified)).toContain(codeOf(modified));

    await control(sandbox, 'POST', '/faults', { reset: true });
    const log = await writes();
    const s = await state();
    // nothing twice, nothing elsewhere, each write on its own order
    expect(log.every((w) => w.via === 'orders')).toBe(true);
    const cancelTargets = log.filter((w) => w.op === 'cancel_pending_order').map((w) => w.target);
    const modifyTargets = log.filter((w) => w.op === 'modify_pending_order_items').map((w) => w.target);
    expect(cancelTargets).toEqual(cancelled.ok ? [CANCEL_ORDER] : cancelTargets.length ? [CANCEL_ORDER] : []);
    expect(modifyTargets).toEqual(modified.ok ? [MODIFY_ORDER] : modifyTargets.length ? [MODIFY_ORDER] : []);
    expect(log.length).toBeLessThanOrEqual(2);
    // what the outcome says is what happened
    if (read.ok) expect(inCents(read.output)).toEqual(inCents(seed.orders[MODIFY_ORDER]));
    if (cancelled.ok) expect(s.orders[CANCEL_ORDER]).toMatchObject({ status: 'cancelled', cancel_reason: 'ordered by mistake' });
    if (modified.ok) expect(s.orders[MODIFY_ORDER].status).toBe('pending (item modified)');
    if (faults.errorAfterWriteRate === 1) {
      expect(cancelled).toMatchObject({ ok: true, alreadyDone: true });
      expect(modified).toMatchObject({ ok: true, alreadyDone: true });
      expect(log.map((w) => [w.op, w.target])).toEqual([
        ['cancel_pending_order', CANCEL_ORDER],
        ['modify_pending_order_items', MODIFY_ORDER],
      ]);
    }
    if (allowed.length === 0) {
      expect([read.ok, cancelled.ok, modified.ok]).toEqual([true, true, true]);
    }
    // eslint-disable-next-line no-console
    console.info(`[orders faults] ${JSON.stringify(faults)}: read ${why(read)} (${read.evidence.attempts}); cancel ${why(cancelled)} (${cancelled.evidence.attempts}, alreadyDone ${cancelled.ok && cancelled.alreadyDone}); modify ${why(modified)} (${modified.evidence.attempts}, alreadyDone ${modified.ok && modified.alreadyDone}); writes ${log.length}; heals ${[read, cancelled, modified].flatMap((r) => r.evidence.heals).length}`);
  });
});
