// The control endpoint: shape of the state, reset, and bad input that changes nothing.
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { control, sandboxSuite } from '../helpers/sandbox.ts';
import { readRetailJson } from '../helpers/retail-data.ts';

let sandbox!: RunningSandbox;
sandboxSuite((sb) => {
  sandbox = sb;
});

const pendingOrder = () => Object.values(readRetailJson<Record<string, any>>('orders.json')).find((o) => o.status === 'pending');
const deliveredOrder = () => Object.values(readRetailJson<Record<string, any>>('orders.json')).find((o) => o.status === 'delivered');

async function snapshot() {
  const [{ json: state }, { json: writes }] = await Promise.all([control(sandbox, 'GET', '/state'), control(sandbox, 'GET', '/writes')]);
  return { state, writes };
}

describe('GET /state', () => {
  it('is the benchmark data in its exact shape, with billing beside it', async () => {
    const { json } = await control(sandbox, 'GET', '/state');
    expect(Object.keys(json).sort()).toEqual(['billing', 'orders', 'products', 'users']);
    expect(json.users).toEqual(readRetailJson('users.json'));
    expect(json.orders).toEqual(readRetailJson('orders.json'));
    expect(json.products).toEqual(readRetailJson('products.json'));
    expect(Object.keys(json.billing).sort()).toEqual(['adjustments', 'charges', 'refunds']);
  });
});

describe('POST /reset', () => {
  it('brings back the seed after writes', async () => {
    const order = pendingOrder();
    expect((await control(sandbox, 'POST', '/apply', { name: 'cancel_pending_order', kwargs: { order_id: order.order_id, reason: 'no longer needed' } })).json).toEqual({ ok: true });
    expect((await control(sandbox, 'GET', '/state')).json.orders[order.order_id].status).toBe('cancelled');
    await control(sandbox, 'POST', '/reset');
    expect((await control(sandbox, 'GET', '/state')).json.orders[order.order_id].status).toBe('pending');
    expect((await control(sandbox, 'GET', '/writes')).json.writes).toEqual([]);
  });
});

describe('bad input to POST /apply changes nothing', () => {
  const cases: [string, () => unknown, number, RegExp][] = [
    ['a body that is not JSON', () => '{"name": ', 400, /JSON/],
    ['no operation name', () => ({ kwargs: {} }), 400, /name/],
    ['an unknown operation', () => ({ name: 'drop_table', kwargs: {} }), 422, /Unknown write operation/],
    ['a read tool', () => ({ name: 'get_order_details', kwargs: { order_id: '#W2611340' } }), 422, /Unknown write operation/],
    ['missing fields', () => ({ name: 'cancel_pending_order', kwargs: { order_id: pendingOrder().order_id } }), 422, /reason/],
    ['an unknown order', () => ({ name: 'cancel_pending_order', kwargs: { order_id: '#W0000000', reason: 'no longer needed' } }), 422, /not found/],
    ['the wrong status', () => ({ name: 'cancel_pending_order', kwargs: { order_id: deliveredOrder().order_id, reason: 'no longer needed' } }), 422, /only pending/],
    ['a reason outside the policy', () => ({ name: 'cancel_pending_order', kwargs: { order_id: pendingOrder().order_id, reason: 'changed my mind' } }), 422, /reason/],
    ['wrong kwarg types', () => ({ name: 'return_delivered_order_items', kwargs: { order_id: deliveredOrder().order_id, item_ids: 'all', payment_method_id: 'x' } }), 422, /item_ids/],
    ['an operation name from Object.prototype', () => ({ name: 'constructor', kwargs: {} }), 422, /Unknown write operation/],
    ['a customer id from Object.prototype', () => ({ name: 'modify_user_address', kwargs: { user_id: '__proto__', address1: 'a', address2: '', city: 'c', state: 's', country: 'x', zip: '1' } }), 422, /not found/],
    ['an order id from Object.prototype', () => ({ name: 'adjust_charge', kwargs: { order_id: 'constructor', charge_id: 'ch_1', amount: 1, reason: 'test' } }), 422, /not found/],
    ['a payment method id from Object.prototype', () => ({ name: 'modify_pending_order_payment', kwargs: { order_id: pendingOrder().order_id, payment_method_id: 'hasOwnProperty' } }), 422, /does not belong/],
    ['an oversized body', () => ({ name: 'modify_user_address', kwargs: { user_id: 'noah_brown_6181', address1: 'x'.repeat(300_000) } }), 413, /over/],
  ];
  for (const [what, body, status, message] of cases) {
    it(`refuses ${what}`, async () => {
      const before = await snapshot();
      const res = await control(sandbox, 'POST', '/apply', body());
      expect(res.status).toBe(status);
      expect(res.json.ok).toBe(false);
      expect(res.json.error).toMatch(message);
      expect(await snapshot()).toEqual(before);
      expect(({} as Record<string, unknown>)['address']).toBeUndefined();
    });
  }

  it('refuses a price difference on a payment method the customer does not have (an id from Object.prototype)', async () => {
    const products = readRetailJson<Record<string, any>>('products.json');
    const order = Object.values(readRetailJson<Record<string, any>>('orders.json')).find(
      (o) => o.status === 'pending' && products[o.items[0].product_id].variants[o.items[0].item_id]?.available,
    );
    const before = await snapshot();
    const res = await control(sandbox, 'POST', '/apply', {
      name: 'modify_pending_order_items',
      kwargs: { order_id: order.order_id, item_ids: [order.items[0].item_id], new_item_ids: [order.items[0].item_id], payment_method_id: 'toString' },
    });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatch(/does not belong/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a write that fails halfway through its checks without a partial change (modify items with one bad item)', async () => {
    const order = Object.values(readRetailJson<Record<string, any>>('orders.json')).find((o) => o.status === 'pending' && o.items.length >= 2);
    const before = await snapshot();
    const res = await control(sandbox, 'POST', '/apply', {
      name: 'modify_pending_order_items',
      kwargs: { order_id: order.order_id, item_ids: [order.items[0].item_id, '0000000000'], new_item_ids: [order.items[0].item_id, '1111111111'], payment_method_id: order.payment_history[0].payment_method_id },
    });
    expect(res.json.ok).toBe(false);
    expect(await snapshot()).toEqual(before);
  });
});

describe('POST /tickets', () => {
  it('files a ticket the helpdesk shows', async () => {
    const res = await control(sandbox, 'POST', '/tickets', { from: 'noah.brown7922@example.com', subject: 'Refund?', body: 'Where is my refund for #W7678072?' });
    expect(res.status).toBe(200);
    const { json } = await control(sandbox, 'GET', '/state/extras');
    const ticket = json.helpdesk.tickets.find((t: any) => t.id === res.json.id);
    expect(ticket).toMatchObject({ requester_email: 'noah.brown7922@example.com', requester_name: 'Noah Brown', subject: 'Refund?', status: 'new' });
  });

  it("shows an unknown sender by the name their mail gave, else by their address", async () => {
    const named = await control(sandbox, 'POST', '/tickets', { from: 'r.sanchez@work.example.org', name: 'Raj Sanchez', subject: 's', body: 'b' });
    const bare = await control(sandbox, 'POST', '/tickets', { from: 'someone@work.example.org', subject: 's', body: 'b' });
    const { json } = await control(sandbox, 'GET', '/state/extras');
    const nameOf = (id: number) => json.helpdesk.tickets.find((t: any) => t.id === id).requester_name;
    expect(nameOf(named.json.id)).toBe('Raj Sanchez');
    expect(nameOf(bare.json.id)).toBe('someone@work.example.org');
  });

  it.each([
    ['no sender', { subject: 's', body: 'b' }],
    ['a sender that is not an email', { from: 'noah', subject: 's', body: 'b' }],
    ['an empty body', { from: 'a@b.co', subject: 's', body: '  ' }],
  ])('refuses %s', async (_what, body) => {
    const before = (await control(sandbox, 'GET', '/state/extras')).json.helpdesk.tickets.length;
    const res = await control(sandbox, 'POST', '/tickets', body);
    expect(res.status).toBe(400);
    expect(res.json.ok).toBe(false);
    expect((await control(sandbox, 'GET', '/state/extras')).json.helpdesk.tickets.length).toBe(before);
  });
});

describe('POST /faults', () => {
  it('refuses unknown switches and out-of-range values, keeping the current ones', async () => {
    await control(sandbox, 'POST', '/faults', { orders: { latencyMs: 5 } });
    for (const bad of [{ orders: { latency: 5 } }, { mars: { latencyMs: 5 } }, { all: { errorRate: 2 } }, 'nope']) {
      const res = await control(sandbox, 'POST', '/faults', bad);
      expect(res.status).toBe(400);
      expect(res.json.ok).toBe(false);
    }
    const { json } = await control(sandbox, 'GET', '/faults');
    expect(json.orders.latencyMs).toBe(5);
    await control(sandbox, 'POST', '/faults', { reset: true });
    expect((await control(sandbox, 'GET', '/faults')).json.orders.latencyMs).toBe(0);
  });
});
