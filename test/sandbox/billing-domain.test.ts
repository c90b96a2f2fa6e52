// Billing as the card processor, seen from outside through the control endpoint: the planted
// discrepancies, the adjust_charge write, and order changes showing up as billing records.
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import type { BillingState, Charge, Discrepancy, Refund } from '../../shared/retail.ts';
import { control, sandboxForTest, sandboxSuite } from '../helpers/sandbox.ts';
import { readRetailJson } from '../helpers/retail-data.ts';

type Json = any;
const cents = (x: number) => Math.round(x * 100);
const itemsTotalCents = (order: Json) => order.items.reduce((s: number, it: Json) => s + cents(it.price), 0);

const rawUsers: Record<string, Json> = readRetailJson('users.json');
const rawOrders: Record<string, Json> = readRetailJson('orders.json');
const methodOf = (order: Json, methodId: string) => rawUsers[order.user_id].payment_methods[methodId];

let sandbox!: RunningSandbox;
sandboxSuite((sb) => {
  sandbox = sb;
});

async function billingState(sb = sandbox): Promise<BillingState> {
  return (await control<{ billing: BillingState }>(sb, 'GET', '/state')).json.billing;
}
async function discrepancies(sb = sandbox): Promise<Discrepancy[]> {
  return (await control<{ billing: { discrepancies: Discrepancy[] } }>(sb, 'GET', '/state/extras')).json.billing.discrepancies;
}
async function writes(): Promise<Json[]> {
  return (await control<{ writes: Json[] }>(sandbox, 'GET', '/writes')).json.writes;
}
async function adjust(kwargs: Record<string, unknown>) {
  return control<{ ok: boolean; error?: string }>(sandbox, 'POST', '/apply', { name: 'adjust_charge', kwargs });
}
async function planted(kind: Discrepancy['kind']): Promise<Discrepancy[]> {
  return (await discrepancies()).filter((d) => d.kind === kind);
}
const chargesOf = (b: BillingState, orderId: string): Charge[] => b.charges.filter((c) => c.order_id === orderId);
const refundsOf = (b: BillingState, orderId: string): Refund[] => b.refunds.filter((r) => r.order_id === orderId);

/** A pending order paid once, by a method of the given source, that carries no planted discrepancy. */
async function plainPendingOrder(source: 'credit_card' | 'gift_card' | 'paypal', also: (o: Json) => boolean = () => true): Promise<Json> {
  const touched = new Set((await discrepancies()).map((d) => d.order_id));
  const order = Object.values(rawOrders)
    .sort((a, b) => a.order_id.localeCompare(b.order_id))
    .find(
      (o) =>
        o.status === 'pending' &&
        !touched.has(o.order_id) &&
        o.payment_history.length === 1 &&
        methodOf(o, o.payment_history[0].payment_method_id)?.source === source &&
        also(o),
    );
  if (!order) throw new Error(`no plain pending order paid by ${source} in the data`);
  return order;
}

/** Asserts that a refused write changed nothing that billing or the benchmark reports. */
async function expectUnchanged(before: { state: Json; writes: number }) {
  const { json: after } = await control(sandbox, 'GET', '/state');
  expect(after.billing).toEqual(before.state.billing);
  expect(after.orders).toEqual(before.state.orders);
  expect(after.users).toEqual(before.state.users);
  expect(await writes()).toHaveLength(before.writes);
}
async function snapshot() {
  return { state: (await control(sandbox, 'GET', '/state')).json, writes: (await writes()).length };
}

describe('the planted discrepancies', () => {
  it('are 12 of each kind, on distinct existing orders of the right customer', async () => {
    const all = await discrepancies();
    expect(all).toHaveLength(36);
    for (const kind of ['duplicate_capture', 'overcharge', 'unsettled_refund']) {
      expect(all.filter((d) => d.kind === kind), kind).toHaveLength(12);
    }
    expect(new Set(all.map((d) => d.order_id)).size).toBe(36);
    for (const d of all) {
      expect(rawOrders[d.order_id], d.order_id).toBeDefined();
      expect(rawOrders[d.order_id].user_id).toBe(d.user_id);
      expect(d.amount).toBeGreaterThan(0);
    }
  });

  it('are the same in two fresh sandboxes and after a reset', async () => {
    const other = await sandboxForTest();
    try {
      expect(await discrepancies(other)).toEqual(await discrepancies());
      expect(await billingState(other)).toEqual(await billingState());
    } finally {
      await other.close();
    }
    const before = await discrepancies();
    await adjust({ order_id: before[0]!.order_id, charge_id: before[0]!.record_id, amount: 1, reason: 'test' });
    await control(sandbox, 'POST', '/reset');
    expect(await discrepancies()).toEqual(before);
    expect((await billingState()).adjustments).toEqual([]);
  });

  it('leave the benchmark state exactly as in the data files', async () => {
    const { json: state } = await control(sandbox, 'GET', '/state');
    expect(state.users).toEqual(rawUsers);
    expect(state.orders).toEqual(rawOrders);
    expect(state.products).toEqual(readRetailJson('products.json'));
  });

  it('show in the billing records: two equal captures, a charge above the order total, a failed refund', async () => {
    const b = await billingState();
    for (const d of await planted('duplicate_capture')) {
      const charges = chargesOf(b, d.order_id);
      expect(charges).toHaveLength(2);
      expect(charges.map((c) => c.payment_method_id)).toEqual([charges[0]!.payment_method_id, charges[0]!.payment_method_id]);
      expect(charges.map((c) => cents(c.amount))).toEqual([cents(d.amount), cents(d.amount)]);
      expect(charges.map((c) => c.charge_id)).toContain(d.record_id);
      expect(methodOf(rawOrders[d.order_id], charges[0]!.payment_method_id).source).not.toBe('gift_card');
    }
    for (const d of await planted('overcharge')) {
      const [charge, ...rest] = chargesOf(b, d.order_id);
      expect(rest).toEqual([]);
      expect(charge!.charge_id).toBe(d.record_id);
      const total = itemsTotalCents(rawOrders[d.order_id]);
      expect(cents(charge!.amount) - total).toBe(cents(d.amount));
      // the benchmark's own history still says the order total
      expect(cents(rawOrders[d.order_id].payment_history[0].amount)).toBe(total);
    }
    for (const d of await planted('unsettled_refund')) {
      expect(rawOrders[d.order_id].status).toBe('cancelled');
      const failed = refundsOf(b, d.order_id).filter((r) => r.status === 'failed');
      expect(failed.map((r) => r.refund_id)).toEqual([d.record_id]);
      expect(cents(failed[0]!.amount)).toBe(cents(d.amount));
    }
    // nowhere else: every other charge equals its payment, every other seeded refund settled
    const marked = new Set((await discrepancies()).map((d) => d.record_id));
    expect(b.refunds.filter((r) => r.status !== 'settled').every((r) => marked.has(r.refund_id))).toBe(true);
    expect(b.charges.filter((c) => c.charge_id.endsWith('_dup')).every((c) => marked.has(c.charge_id))).toBe(true);
  });
});

describe('adjust_charge through POST /apply', () => {
  it('appends one adjustment and logs one write, changing nothing in the benchmark state', async () => {
    const [d] = await planted('duplicate_capture');
    const { json: before } = await control(sandbox, 'GET', '/state');
    const res = await adjust({ order_id: d!.order_id, charge_id: d!.record_id, amount: d!.amount, reason: 'duplicate capture' });
    expect(res).toEqual({ status: 200, json: { ok: true } });
    const { json: after } = await control(sandbox, 'GET', '/state');
    expect(after.billing.adjustments).toEqual([
      { adjustment_id: 'adj_0001', order_id: d!.order_id, charge_id: d!.record_id, amount: d!.amount, reason: 'duplicate capture' },
    ]);
    expect(after.billing.charges).toEqual(before.billing.charges);
    expect(after.billing.refunds).toEqual(before.billing.refunds);
    expect(after.users).toEqual(before.users);
    expect(after.orders).toEqual(before.orders);
    const log = await writes();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ via: 'control', op: 'adjust_charge', target: d!.order_id });
    // nothing is left on the duplicate now
    const again = await adjust({ order_id: d!.order_id, charge_id: d!.record_id, amount: 0.01, reason: 'again' });
    expect(again.json.ok).toBe(false);
    expect(again.json.error).toMatch(/only \$0\.00 left/);
  });

  it('takes a partial amount, then exactly the remaining amount, then nothing more', async () => {
    const [d] = await planted('duplicate_capture');
    const part = 10.25;
    const rest = (cents(d!.amount) - cents(part)) / 100;
    const kw = { order_id: d!.order_id, charge_id: d!.record_id };
    expect((await adjust({ ...kw, amount: part, reason: 'duplicate capture, part 1' })).json).toEqual({ ok: true });
    expect((await adjust({ ...kw, amount: rest, reason: 'duplicate capture, the rest' })).json).toEqual({ ok: true });
    const more = await adjust({ ...kw, amount: 0.01, reason: 'a cent more' });
    expect(more.json).toEqual({ ok: false, error: `Charge ${d!.record_id} has only $0.00 left to refund` });
    const adj = (await billingState()).adjustments;
    expect(adj.map((a) => [a.adjustment_id, a.charge_id, cents(a.amount)])).toEqual([
      ['adj_0001', d!.record_id, cents(part)],
      ['adj_0002', d!.record_id, cents(rest)],
    ]);
    expect(await writes()).toHaveLength(2);
  });

  it('lets an overcharged charge be given back up to the whole charge, no more', async () => {
    const [d] = await planted('overcharge');
    const charge = chargesOf(await billingState(), d!.order_id)[0]!;
    const kw = { order_id: d!.order_id, charge_id: d!.record_id };
    expect((await adjust({ ...kw, amount: d!.amount, reason: 'overcharge' })).json).toEqual({ ok: true });
    const total = itemsTotalCents(rawOrders[d!.order_id]);
    expect(cents(charge.amount) - cents(d!.amount)).toBe(total);
    const over = await adjust({ ...kw, amount: (total + 1) / 100, reason: 'too much' });
    expect(over.json).toEqual({ ok: false, error: `Charge ${d!.record_id} has only $${(total / 100).toFixed(2)} left to refund` });
    expect((await billingState()).adjustments).toHaveLength(1);
  });

  it('refuses more than is refundable and changes nothing', async () => {
    const [d] = await planted('duplicate_capture');
    const before = await snapshot();
    const res = await adjust({ order_id: d!.order_id, charge_id: d!.record_id, amount: d!.amount + 0.01, reason: 'duplicate capture' });
    expect(res.status).toBe(422);
    expect(res.json.ok).toBe(false);
    expect(res.json.error).toBe(`Charge ${d!.record_id} has only $${d!.amount.toFixed(2)} left to refund`);
    await expectUnchanged(before);
  });

  it('refuses bad arguments with a clear message and changes nothing', async () => {
    const [dup, other] = await planted('duplicate_capture');
    const gift = await plainPendingOrder('gift_card');
    const giftCharge = chargesOf(await billingState(), gift.order_id)[0]!;
    const ok = { order_id: dup!.order_id, charge_id: dup!.record_id, amount: 5, reason: 'duplicate capture' };
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['unknown order', { ...ok, order_id: '#W0000000' }, /Order #W0000000 not found/],
      ['order id without #', { ...ok, order_id: dup!.order_id.slice(1) }, /not found/],
      ['unknown charge', { ...ok, charge_id: 'ch_0000000_1' }, /Charge ch_0000000_1 not found on order/],
      ['charge of another order', { ...ok, charge_id: other!.record_id }, new RegExp(`Charge ${other!.record_id} not found on order ${dup!.order_id}`)],
      ['gift-card charge', { order_id: gift.order_id, charge_id: giftCharge.charge_id, amount: 1, reason: 'goodwill' }, /[Gg]ift card/],
      ['zero amount', { ...ok, amount: 0 }, /amount must be greater than \$0\.00/],
      ['negative amount', { ...ok, amount: -5 }, /amount must be greater than \$0\.00/],
      ['fraction of a cent', { ...ok, amount: 1.005 }, /whole cents/],
      ['amount not a number', { ...ok, amount: 'ten' }, /amount must be a number of dollars/],
      ['amount a boolean', { ...ok, amount: true }, /amount must be a number of dollars/],
      ['missing amount', { order_id: ok.order_id, charge_id: ok.charge_id, reason: ok.reason }, /amount is required/],
      ['missing reason', { order_id: ok.order_id, charge_id: ok.charge_id, amount: 5 }, /reason is required/],
      ['blank reason', { ...ok, reason: '   ' }, /reason of at least 3 characters/],
      ['missing charge', { order_id: ok.order_id, amount: 5, reason: 'x y z' }, /charge id is required/],
    ];
    const before = await snapshot();
    for (const [what, kwargs, message] of cases) {
      const res = await adjust(kwargs);
      expect(res.json.ok, what).toBe(false);
      expect(res.json.error, what).toMatch(message);
      expect([400, 422], what).toContain(res.status);
    }
    await expectUnchanged(before);
    // and the same order still takes a good adjustment afterwards
    expect((await adjust(ok)).json).toEqual({ ok: true });
  });

  it('gives back a refund that never settled, but only once', async () => {
    const [d] = await planted('unsettled_refund');
    const b = await billingState();
    const failed = refundsOf(b, d!.order_id).find((r) => r.refund_id === d!.record_id)!;
    const charge = chargesOf(b, d!.order_id).find((c) => c.payment_method_id === failed.payment_method_id)!;
    const res = await adjust({ order_id: d!.order_id, charge_id: charge.charge_id, amount: d!.amount, reason: 'refund failed at the processor' });
    expect(res.json).toEqual({ ok: true });
    expect((await adjust({ order_id: d!.order_id, charge_id: charge.charge_id, amount: 0.01, reason: 'again' })).json.ok).toBe(false);
  });

  it('after a cancellation, leaves only what the processor kept beyond the refund', async () => {
    // an overcharged pending order, then cancelled: its refund covers the order total, the card keeps the overcharge
    const d = (await planted('overcharge')).find((x) => rawOrders[x.order_id].status === 'pending');
    expect(d).toBeDefined();
    const cancel = await control(sandbox, 'POST', '/apply', { name: 'cancel_pending_order', kwargs: { order_id: d!.order_id, reason: 'no longer needed' } });
    expect(cancel.json).toEqual({ ok: true });
    const kw = { order_id: d!.order_id, charge_id: d!.record_id };
    const over = await adjust({ ...kw, amount: (cents(d!.amount) + 1) / 100, reason: 'overcharge' });
    expect(over.json).toEqual({ ok: false, error: `Charge ${d!.record_id} has only $${d!.amount.toFixed(2)} left to refund` });
    expect((await adjust({ ...kw, amount: d!.amount, reason: 'overcharge' })).json).toEqual({ ok: true });
  });
  it('counts a price difference refunded to another method against the card charge', async () => {
    // a card-paid pending order whose customer has a gift card, and an item with a cheaper variant
    const products: Record<string, Json> = readRetailJson('products.json');
    const cheaper = (o: Json) => {
      for (const it of o.items) {
        const v = Object.values(products[it.product_id].variants as Record<string, Json>).find((x) => x.available && cents(x.price) < cents(it.price));
        if (v) return { item: it, variant: v };
      }
      return undefined;
    };
    const giftOf = (o: Json) => Object.keys(rawUsers[o.user_id].payment_methods).find((id) => rawUsers[o.user_id].payment_methods[id].source === 'gift_card');
    const o = await plainPendingOrder('credit_card', (x) => giftOf(x) !== undefined && cheaper(x) !== undefined);
    const { item, variant } = cheaper(o)!;
    const res = await control(sandbox, 'POST', '/apply', {
      name: 'modify_pending_order_items',
      kwargs: { order_id: o.order_id, item_ids: [item.item_id], new_item_ids: [variant.item_id], payment_method_id: giftOf(o) },
    });
    expect(res.json).toEqual({ ok: true });
    const b = await billingState();
    const [charge] = chargesOf(b, o.order_id);
    expect(refundsOf(b, o.order_id).map((r) => [r.payment_method_id, r.status])).toEqual([[giftOf(o), 'settled']]);
    const left = cents(o.payment_history[0].amount) - (cents(item.price) - cents(variant.price));
    const over = await adjust({ order_id: o.order_id, charge_id: charge!.charge_id, amount: (left + 1) / 100, reason: 'too much' });
    expect(over.json).toEqual({ ok: false, error: `Charge ${charge!.charge_id} has only $${(left / 100).toFixed(2)} left to refund` });
    expect((await adjust({ order_id: o.order_id, charge_id: charge!.charge_id, amount: left / 100, reason: 'all that is left' })).json).toEqual({ ok: true });
  });
});

describe('order changes made elsewhere show up in billing', () => {
  it('a cancelled card order gets a processing refund; a gift-card order a settled one', async () => {
    const card = await plainPendingOrder('credit_card');
    const gift = await plainPendingOrder('gift_card');
    for (const o of [card, gift]) {
      expect(refundsOf(await billingState(), o.order_id)).toEqual([]);
      const res = await control(sandbox, 'POST', '/apply', { name: 'cancel_pending_order', kwargs: { order_id: o.order_id, reason: 'ordered by mistake' } });
      expect(res.json).toEqual({ ok: true });
    }
    const b = await billingState();
    for (const [o, status] of [
      [card, 'processing'],
      [gift, 'settled'],
    ] as const) {
      const pay = o.payment_history[0];
      expect(refundsOf(b, o.order_id)).toEqual([
        { refund_id: expect.any(String), order_id: o.order_id, payment_method_id: pay.payment_method_id, amount: pay.amount, status },
      ]);
      // the charge is unchanged and, with its refund under way, nothing is left to adjust on it
      const [charge] = chargesOf(b, o.order_id);
      expect(cents(charge!.amount)).toBe(cents(pay.amount));
    }
    const [cardCharge] = chargesOf(b, card.order_id);
    const res = await adjust({ order_id: card.order_id, charge_id: cardCharge!.charge_id, amount: 0.01, reason: 'double refund' });
    expect(res.json.error).toMatch(/only \$0\.00 left/);
  });

  it('a payment-method change shows a new charge and a refund of the old one', async () => {
    const otherCard = (o: Json) =>
      Object.keys(rawUsers[o.user_id].payment_methods).find(
        (id) => id !== o.payment_history[0].payment_method_id && rawUsers[o.user_id].payment_methods[id].source !== 'gift_card',
      );
    const o = await plainPendingOrder('credit_card', (x) => otherCard(x) !== undefined);
    const other = otherCard(o)!;
    const res = await control(sandbox, 'POST', '/apply', { name: 'modify_pending_order_payment', kwargs: { order_id: o.order_id, payment_method_id: other } });
    expect(res.json).toEqual({ ok: true });
    const b = await billingState();
    const old = o.payment_history[0];
    expect(chargesOf(b, o.order_id).map((c) => [c.payment_method_id, cents(c.amount)])).toEqual([
      [old.payment_method_id, cents(old.amount)],
      [other, cents(old.amount)],
    ]);
    expect(refundsOf(b, o.order_id).map((r) => [r.payment_method_id, cents(r.amount), r.status])).toEqual([[old.payment_method_id, cents(old.amount), 'processing']]);
    // the old card's charge is refunded already; the new one can still be adjusted in full
    const [oldCharge, newCharge] = chargesOf(b, o.order_id);
    expect((await adjust({ order_id: o.order_id, charge_id: oldCharge!.charge_id, amount: 0.01, reason: 'double refund' })).json.ok).toBe(false);
    expect((await adjust({ order_id: o.order_id, charge_id: newCharge!.charge_id, amount: old.amount, reason: 'goodwill refund' })).json).toEqual({ ok: true });
  });
});
