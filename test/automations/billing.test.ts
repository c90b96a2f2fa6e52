// Billing actions through the real runtime, against the sandbox in real Chromium: reads compared
// with the control endpoint's truth, the adjustment compared with the same write applied directly,
// failure codes, and every fault switch with the write log checked for doubles and wrong targets.
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { control } from '../helpers/sandbox.ts';
import { automationSuite, type Harness } from '../helpers/automation.ts';
import { adjustCharge, getOrderPayments, getPaymentMethods } from '../../automations/systems/billing/actions.ts';

let sandbox!: RunningSandbox;
let h!: Harness;
automationSuite((sb, harness) => {
  sandbox = sb;
  h = harness;
});

const state = async () => (await control(sandbox, 'GET', '/state')).json;
const writes = async () => (await control(sandbox, 'GET', '/writes')).json.writes as any[];
const discrepancies = async (kind: string) =>
  ((await control(sandbox, 'GET', '/state/extras')).json.billing.discrepancies as any[]).filter((d) => d.kind === kind);
const cents = (n: number) => Math.round(n * 100);
const sum = (xs: { amount: number }[]) => xs.reduce((s, x) => s + cents(x.amount), 0) / 100;
const codeOf = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error!.code);

/** A payment method as the billing pages name it (card numbers masked to the last four). */
function labelOf(m: any): string {
  if (m.source === 'credit_card') return `${m.brand.charAt(0).toUpperCase()}${m.brand.slice(1)} •••• ${m.last_four}`;
  return m.source === 'paypal' ? 'PayPal' : 'Gift card';
}

/** What get_order_payments must read, from the control endpoint's state. */
function truthOfOrder(s: any, orderId: string) {
  const order = s.orders[orderId];
  const methods = Object.values(s.users[order.user_id].payment_methods) as any[];
  const idOf = (methodId: string) => {
    const label = labelOf(s.users[order.user_id].payment_methods[methodId]);
    return methods.filter((m) => labelOf(m) === label).length === 1 ? methodId : undefined;
  };
  return {
    order_id: orderId,
    status: order.status,
    user_id: order.user_id,
    items_total: sum(order.items.map((i: any) => ({ amount: i.price }))),
    charges: s.billing.charges
      .filter((c: any) => c.order_id === orderId)
      .map((c: any) => ({ charge_id: c.charge_id, payment_method_id: idOf(c.payment_method_id), method_label: labelOf(s.users[order.user_id].payment_methods[c.payment_method_id]), amount: c.amount, status: c.status })),
    refunds: s.billing.refunds
      .filter((r: any) => r.order_id === orderId)
      .map((r: any) => ({ refund_id: r.refund_id, payment_method_id: idOf(r.payment_method_id), method_label: labelOf(s.users[order.user_id].payment_methods[r.payment_method_id]), amount: r.amount, status: r.status })),
    adjustments: s.billing.adjustments
      .filter((a: any) => a.order_id === orderId)
      .map((a: any) => ({ adjustment_id: a.adjustment_id, charge_id: a.charge_id, amount: a.amount, reason: a.reason })),
  };
}

describe('billing reads', () => {
  it('get_payment_methods reads methods, gift-card balances and per-order totals as billing holds them', async () => {
    const [dup] = await discrepancies('duplicate_capture');
    const s = await state();
    // a customer with a gift card too, so balances are read
    const userId = (Object.entries(s.users) as [string, any][]).find(
      ([, u]) => Object.values(u.payment_methods).some((m: any) => m.source === 'gift_card') && Object.values(u.payment_methods).some((m: any) => m.source === 'credit_card') && u.orders.length > 1,
    )![0];
    for (const id of [userId, dup.user_id]) {
      const res = await h.runner.run(getPaymentMethods, { user_id: id });
      expect(res.ok, JSON.stringify(res.ok || res.error)).toBe(true);
      if (!res.ok) return;
      const user = s.users[id];
      expect(res.output.user_id).toBe(id);
      expect(res.output.payment_methods).toEqual(
        Object.values(user.payment_methods).map((m: any) => ({ id: m.id, source: m.source, brand: m.brand, last_four: m.last_four, balance: m.source === 'gift_card' ? m.balance : undefined })),
      );
      expect(res.output.orders).toEqual(
        user.orders.map((oid: string) => {
          const o = s.orders[oid];
          return {
            order_id: oid,
            status: o.status,
            items_total: sum(o.items.map((i: any) => ({ amount: i.price }))),
            captured: sum(s.billing.charges.filter((c: any) => c.order_id === oid)),
            refunded: sum(s.billing.refunds.filter((r: any) => r.order_id === oid && r.status !== 'failed')),
            adjusted: sum(s.billing.adjustments.filter((a: any) => a.order_id === oid)),
          };
        }),
      );
    }
    const dupOrder = (await h.runner.run(getPaymentMethods, { user_id: dup.user_id })) as any;
    const row = dupOrder.output.orders.find((o: any) => o.order_id === dup.order_id);
    expect(row.captured).toBeCloseTo(2 * dup.amount, 2);
  });

  it('get_order_payments shows a duplicate capture as two equal captures, both refundable', async () => {
    const [dup] = await discrepancies('duplicate_capture');
    const res = await h.runner.run(getOrderPayments, { order_id: dup.order_id });
    expect(res.ok, JSON.stringify(res.ok || res.error)).toBe(true);
    if (!res.ok) return;
    const truth = truthOfOrder(await state(), dup.order_id);
    expect(res.output).toMatchObject(truth);
    expect(res.output.charges).toHaveLength(2);
    expect(res.output.charges[0]!.amount).toBe(res.output.charges[1]!.amount);
    expect(res.output.charges.map((c) => c.charge_id)).toContain(dup.record_id);
    expect(res.output.charges.every((c) => c.payment_method_id)).toBe(true);
    expect(res.output.refundable).toEqual(res.output.charges.map((c) => ({ charge_id: c.charge_id, amount: c.amount })));
  });

  it('get_order_payments shows an unsettled refund as failed, and takes the order number without #', async () => {
    const [unsettled] = await discrepancies('unsettled_refund');
    const res = await h.runner.run(getOrderPayments, { order_id: unsettled.order_id.replace('#', '').toLowerCase() });
    expect(res.ok, JSON.stringify(res.ok || res.error)).toBe(true);
    if (!res.ok) return;
    expect(res.output).toMatchObject(truthOfOrder(await state(), unsettled.order_id));
    expect(res.output.refunds.find((r) => r.refund_id === unsettled.record_id)).toMatchObject({ status: 'failed', amount: unsettled.amount });
  });

  it('get_order_payments shows an overcharge as more captured than the items total', async () => {
    const [over] = await discrepancies('overcharge');
    const res = await h.runner.run(getOrderPayments, { order_id: over.order_id });
    expect(res.ok, JSON.stringify(res.ok || res.error)).toBe(true);
    if (!res.ok) return;
    expect(res.output).toMatchObject(truthOfOrder(await state(), over.order_id));
    expect(cents(sum(res.output.charges)) - cents(res.output.items_total)).toBe(cents(over.amount));
  });

  it('get_order_payments on a gift-card order offers nothing to adjust', async () => {
    const s = await state();
    const order = (Object.values(s.orders) as any[]).find(
      (o) => o.status === 'delivered' && o.payment_history.length === 1 && s.users[o.user_id].payment_methods[o.payment_history[0].payment_method_id]?.source === 'gift_card',
    );
    const res = await h.runner.run(getOrderPayments, { order_id: order.order_id });
    expect(res.ok, JSON.stringify(res.ok || res.error)).toBe(true);
    if (!res.ok) return;
    expect(res.output).toMatchObject(truthOfOrder(s, order.order_id));
    expect(res.output.refundable).toEqual([]);
  });

  it('unknown order or customer → not_found; bad input → invalid_input before any page', async () => {
    expect(codeOf(await h.runner.run(getOrderPayments, { order_id: '#W0000001' }))).toBe('not_found');
    expect(codeOf(await h.runner.run(getPaymentMethods, { user_id: 'nobody_0000' }))).toBe('not_found');
    expect(codeOf(await h.runner.run(getOrderPayments, { order_id: 'DROP TABLE' }))).toBe('invalid_input');
    expect(codeOf(await h.runner.run(getPaymentMethods, {}))).toBe('invalid_input');
  });
});

describe('adjust_charge', () => {
  it('through the connector leaves the same billing state as POST /apply adjust_charge', async () => {
    const [dup] = await discrepancies('duplicate_capture');
    const args = { order_id: dup.order_id, charge_id: dup.record_id, amount: dup.amount, reason: 'Duplicate capture refunded' };
    const res = await h.runner.run(adjustCharge, args);
    expect(res, JSON.stringify(res.ok || res.error)).toMatchObject({ ok: true, alreadyDone: false, output: { adjustment_id: 'adj_0001' } });
    if (res.ok) expect(res.evidence.screenshots.before && res.evidence.screenshots.after).toBeTruthy();
    const viaPages = (await state()).billing;
    expect(await writes()).toEqual([expect.objectContaining({ via: 'billing', op: 'adjust_charge', target: dup.order_id, args })]);

    await control(sandbox, 'POST', '/reset');
    expect((await control(sandbox, 'POST', '/apply', { name: 'adjust_charge', kwargs: args })).json).toEqual({ ok: true });
    expect(viaPages).toEqual((await state()).billing);
  });

  it('a partial adjustment with a multi-word reason, amount given as text, lands once with the amount in cents', async () => {
    const [over] = await discrepancies('overcharge');
    const res = await h.runner.run(adjustCharge, { order_id: over.order_id.slice(1), charge_id: over.record_id, amount: over.amount.toFixed(2), reason: '  Overcharge   refunded  ' });
    expect(res, JSON.stringify(res.ok || res.error)).toMatchObject({ ok: true, alreadyDone: false });
    expect((await state()).billing.adjustments).toEqual([{ adjustment_id: 'adj_0001', order_id: over.order_id, charge_id: over.record_id, amount: over.amount, reason: 'Overcharge   refunded' }]);
  });

  it('an amount above what is refundable → precondition_failed with the page message, nothing written', async () => {
    const [dup] = await discrepancies('duplicate_capture');
    const res = await h.runner.run(adjustCharge, { order_id: dup.order_id, charge_id: dup.record_id, amount: dup.amount + 0.01, reason: 'Too much' });
    expect(codeOf(res)).toBe('precondition_failed');
    if (!res.ok) expect(res.error.message).toMatch(/more than is left to refund on charge/);
    expect(await writes()).toEqual([]);
  });

  it('bad input → invalid_input; unknown order or charge → not_found; a gift-card charge → precondition_failed; nothing written', async () => {
    const [dup] = await discrepancies('duplicate_capture');
    const ok = { order_id: dup.order_id, charge_id: dup.record_id, amount: 1, reason: 'Goodwill' };
    for (const bad of [
      { ...ok, amount: 0 },
      { ...ok, amount: -5 },
      { ...ok, amount: 1.234 },
      { ...ok, amount: 'ten' },
      { ...ok, reason: ' ab ' },
      { ...ok, reason: 'x'.repeat(501) },
      { ...ok, charge_id: '' },
      { ...ok, order_id: 'not an order' },
      { order_id: ok.order_id, charge_id: ok.charge_id, amount: 1 },
    ]) {
      expect(codeOf(await h.runner.run(adjustCharge, bad)), JSON.stringify(bad)).toBe('invalid_input');
    }
    expect(codeOf(await h.runner.run(adjustCharge, { ...ok, order_id: '#W0000001' }))).toBe('not_found');
    expect(codeOf(await h.runner.run(adjustCharge, { ...ok, charge_id: 'ch_1_1' }))).toBe('not_found');
    // a prefix of a real charge id is not that charge
    expect(codeOf(await h.runner.run(adjustCharge, { ...ok, charge_id: dup.record_id.replace(/_dup$/, '_du') }))).toBe('not_found');

    const s = await state();
    const gift = (Object.values(s.orders) as any[]).find(
      (o) => o.payment_history.length === 1 && o.payment_history[0].transaction_type === 'payment' && s.users[o.user_id].payment_methods[o.payment_history[0].payment_method_id]?.source === 'gift_card',
    );
    const giftCharge = s.billing.charges.find((c: any) => c.order_id === gift.order_id);
    const res = await h.runner.run(adjustCharge, { order_id: gift.order_id, charge_id: giftCharge.charge_id, amount: 1, reason: 'Goodwill' });
    expect(codeOf(res)).toBe('precondition_failed');
    expect(await writes()).toEqual([]);
  });

  it('a write already done is not done again', async () => {
    const [dup] = await discrepancies('duplicate_capture');
    const args = { order_id: dup.order_id, charge_id: dup.record_id, amount: 10, reason: 'Goodwill' };
    expect(await h.runner.run(adjustCharge, args)).toMatchObject({ ok: true, alreadyDone: false });
    expect(await h.runner.run(adjustCharge, args)).toMatchObject({ ok: true, alreadyDone: true, output: {} });
    expect(await writes()).toHaveLength(1);
    // another amount on the same charge is another write
    expect(await h.runner.run(adjustCharge, { ...args, amount: 5 })).toMatchObject({ ok: true, alreadyDone: false });
    expect(await writes()).toHaveLength(2);
  });
});

describe('billing locators', () => {
  it('a table or field that lost its name is found by its fallback, reported as a heal', async () => {
    // the payments page as a later release might serve it: the Charges table unnamed, the amount field relabelled
    const pattern = `${sandbox.urls.billing}/payments/**`;
    await h.host.context.route(pattern, async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const res = await route.fetch({ maxRedirects: 0 });
      if (res.status() !== 200) return route.fulfill({ response: res });
      const body = (await res.text()).replace('aria-label="Charges"', '').replace(/>Amount \(USD\)<\/label>/, '>Refund amount</label>');
      return route.fulfill({ response: res, body });
    });
    try {
      const [dup] = await discrepancies('duplicate_capture');
      const read = await h.runner.run(getOrderPayments, { order_id: dup.order_id });
      expect(read.ok, JSON.stringify(read.ok || read.error)).toBe(true);
      if (read.ok) expect(read.output).toMatchObject(truthOfOrder(await state(), dup.order_id));
      expect(read.evidence.heals).toEqual([expect.objectContaining({ action: 'get_order_payments', element: 'the Charges table', from: 'role=table[name="Charges"]', to: 'section with heading "Charges" >> table' })]);

      const res = await h.runner.run(adjustCharge, { order_id: dup.order_id, charge_id: dup.record_id, amount: 3, reason: 'Goodwill' });
      expect(res, JSON.stringify(res.ok || res.error)).toMatchObject({ ok: true, alreadyDone: false });
      expect(res.evidence.heals.map((x) => x.to)).toEqual(expect.arrayContaining(['section with heading "Charges" >> table', 'input[name="amount"]']));
      expect(await writes()).toHaveLength(1);
    } finally {
      await h.host.context.unroute(pattern);
    }
  });
});

describe('billing under faults', () => {
  const FAULTS: [name: string, faults: Record<string, unknown>, allowed: string[]][] = [
    ['latency', { latencyMs: 300 }, ['ok']],
    ['500s', { errorRate: 0.3 }, ['ok', 'system_error']],
    ['error after write', { errorAfterWriteRate: 1 }, ['ok']],
    ['session expiry', { expireAfter: 3 }, ['ok', 'session_expired']],
    ['layout variant', { layout: 'variant' }, ['ok']],
    ['pop-ups', { popupRate: 1 }, ['ok']],
  ];

  it.each(FAULTS)('%s: a read and the write complete or fail with the right code; no write twice or elsewhere', async (name, faults, allowed) => {
    const [dup] = await discrepancies('duplicate_capture');
    const truth = truthOfOrder(await state(), dup.order_id);
    const truthMethods = await state();
    await control(sandbox, 'POST', '/faults', { billing: faults });

    const methods = await h.runner.run(getPaymentMethods, { user_id: dup.user_id });
    expect(allowed, `get_payment_methods: ${JSON.stringify(methods.ok || methods.error)}`).toContain(codeOf(methods));
    if (methods.ok) expect(methods.output.payment_methods.map((m) => m.id)).toEqual(Object.keys(truthMethods.users[dup.user_id].payment_methods));

    const read = await h.runner.run(getOrderPayments, { order_id: dup.order_id });
    expect(allowed, `get_order_payments: ${JSON.stringify(read.ok || read.error)}`).toContain(codeOf(read));
    if (read.ok) expect(read.output).toMatchObject(truth);

    const args = { order_id: dup.order_id, charge_id: dup.record_id, amount: 12.34, reason: `Fault check: ${name}` };
    const res = await h.runner.run(adjustCharge, args);
    expect(allowed, `adjust_charge: ${JSON.stringify(res.ok || res.error)}`).toContain(codeOf(res));
    const log = await writes();
    expect(log.length).toBeLessThanOrEqual(1);
    for (const w of log) expect(w).toMatchObject({ via: 'billing', op: 'adjust_charge', target: dup.order_id, args });
    if (res.ok) expect(log).toHaveLength(1);
    if ('errorAfterWriteRate' in faults) expect(res).toMatchObject({ ok: true, alreadyDone: true });
    if ('layout' in faults || 'popupRate' in faults || 'latencyMs' in faults) expect(res.ok && res.alreadyDone).toBe(false);
    console.log(`[billing faults] ${name}: get_payment_methods ${codeOf(methods)}, get_order_payments ${codeOf(read)}, adjust_charge ${codeOf(res)}${res.ok ? ` alreadyDone=${res.alreadyDone}` : ''} (attempts ${res.evidence.attempts}), writes ${log.length}, heals ${[...methods.evidence.heals, ...read.evidence.heals, ...res.evidence.heals].length}`);
  });
});
