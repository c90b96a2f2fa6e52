// Billing plays the card processor. Its charges and refunds are derived from each order's payment
// history (so every order change made in Orders shows up here at once), overlaid with the
// discrepancies planted in the seed; adjustments are the one write Billing owns.
import { z } from 'zod';
import type { Adjustment, BillingState, Charge, Discrepancy, Order, Refund } from '../../shared/retail.ts';
import { roundCents, toCents } from './money.ts';
import type { RetailData } from './seed.ts';
import type { Retail } from './retail.ts';
import { seededRandom, shuffled } from './random.ts';
import { conflict, invalid, notFound } from './errors.ts';

const isWholeCents = (amount: number) => Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-6;

/** Dollars as a JSON number, or as a numeric string (what a form sends); never a boolean or an empty string. */
const adjustmentAmount = z
  .union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/).transform(Number)], {
    error: (iss) => (iss.input === undefined ? 'An amount is required' : 'The amount must be a number of dollars, e.g. 12.50'),
  })
  .pipe(
    z
      .number()
      .finite()
      .positive('The adjustment amount must be greater than $0.00')
      .refine(isWholeCents, 'The adjustment amount must be in whole cents (at most two decimals)'),
  );

const requiredText = (what: string) =>
  z.string({ error: (iss) => (iss.input === undefined ? `${what} is required` : `${what} must be text`) }).trim();

export const AdjustChargeSchema = z.object({
  order_id: requiredText('An order id').min(1, 'An order id is required'),
  charge_id: requiredText('A charge id').min(1, 'A charge id is required'),
  amount: adjustmentAmount,
  reason: requiredText('A reason')
    .min(3, 'A reason of at least 3 characters is required')
    .max(500, 'The reason must be at most 500 characters'),
});
export type AdjustChargeArgs = z.infer<typeof AdjustChargeSchema>;

const DISCREPANCIES_PER_KIND = 12;
const PLANT_SEED = 20240611;

interface Overlay {
  /** charge id → the amount the processor really captured */
  overcharged: Map<string, number>;
  /** order id → an extra capture of the same payment */
  duplicates: Map<string, Charge>;
  /** refund ids that never settled */
  failedRefunds: Set<string>;
  discrepancies: Discrepancy[];
}

const digits = (orderId: string) => orderId.replace(/\D/g, '');
export const chargeId = (orderId: string, index: number) => `ch_${digits(orderId)}_${index + 1}`;
export const refundId = (orderId: string, index: number) => `re_${digits(orderId)}_${index + 1}`;

/** Plants duplicate captures, overcharges and unsettled refunds deterministically. */
export function plantDiscrepancies(data: RetailData): Overlay {
  const rand = seededRandom(PLANT_SEED);
  const orders = Object.values(data.orders).sort((a, b) => a.order_id.localeCompare(b.order_id));
  const isCard = (o: Order, methodId: string) =>
    data.users[o.user_id]?.payment_methods[methodId]?.source !== 'gift_card';
  const singleCardPayment = shuffled(
    rand,
    orders.filter(
      (o) =>
        ['pending', 'processed', 'delivered'].includes(o.status) &&
        o.payment_history.length === 1 &&
        o.payment_history[0]?.transaction_type === 'payment' &&
        isCard(o, o.payment_history[0].payment_method_id),
    ),
  );
  const cancelledCard = shuffled(
    rand,
    orders.filter(
      (o) =>
        o.status === 'cancelled' &&
        o.payment_history.some((p) => p.transaction_type === 'refund' && isCard(o, p.payment_method_id)),
    ),
  );
  const overlay: Overlay = { overcharged: new Map(), duplicates: new Map(), failedRefunds: new Set(), discrepancies: [] };
  for (const o of singleCardPayment.slice(0, DISCREPANCIES_PER_KIND)) {
    const pay = o.payment_history[0]!;
    const dup: Charge = {
      charge_id: `${chargeId(o.order_id, 0)}_dup`,
      order_id: o.order_id,
      payment_method_id: pay.payment_method_id,
      amount: pay.amount,
      status: 'captured',
    };
    overlay.duplicates.set(o.order_id, dup);
    overlay.discrepancies.push({ kind: 'duplicate_capture', order_id: o.order_id, user_id: o.user_id, record_id: dup.charge_id, amount: pay.amount });
  }
  for (const o of singleCardPayment.slice(DISCREPANCIES_PER_KIND, 2 * DISCREPANCIES_PER_KIND)) {
    const pay = o.payment_history[0]!;
    const extra = Math.max(1, roundCents(pay.amount * (0.05 + rand() * 0.2)));
    overlay.overcharged.set(chargeId(o.order_id, 0), roundCents(pay.amount + extra));
    overlay.discrepancies.push({ kind: 'overcharge', order_id: o.order_id, user_id: o.user_id, record_id: chargeId(o.order_id, 0), amount: extra });
  }
  for (const o of cancelledCard.slice(0, DISCREPANCIES_PER_KIND)) {
    const index = o.payment_history.findIndex((p) => p.transaction_type === 'refund' && isCard(o, p.payment_method_id));
    const id = refundId(o.order_id, index);
    overlay.failedRefunds.add(id);
    overlay.discrepancies.push({ kind: 'unsettled_refund', order_id: o.order_id, user_id: o.user_id, record_id: id, amount: o.payment_history[index]!.amount });
  }
  return overlay;
}

export class Billing {
  readonly adjustments: Adjustment[] = [];
  private readonly seededEntries: Map<string, number>;

  constructor(
    private readonly retail: Retail,
    private readonly overlay: Overlay,
  ) {
    this.seededEntries = new Map(Object.values(retail.data.orders).map((o) => [o.order_id, o.payment_history.length]));
  }

  get discrepancies(): readonly Discrepancy[] {
    return this.overlay.discrepancies;
  }

  charges(orderId: string): Charge[] {
    const order = this.retail.order(orderId);
    const out: Charge[] = [];
    order.payment_history.forEach((entry, i) => {
      if (entry.transaction_type !== 'payment') return;
      const id = chargeId(orderId, i);
      out.push({
        charge_id: id,
        order_id: orderId,
        payment_method_id: entry.payment_method_id,
        amount: this.overlay.overcharged.get(id) ?? entry.amount,
        status: 'captured',
      });
    });
    const dup = this.overlay.duplicates.get(orderId);
    if (dup) out.push({ ...dup });
    return out;
  }

  refunds(orderId: string): Refund[] {
    const order = this.retail.order(orderId);
    const seeded = this.seededEntries.get(orderId) ?? 0;
    const out: Refund[] = [];
    order.payment_history.forEach((entry, i) => {
      if (entry.transaction_type !== 'refund') return;
      const id = refundId(orderId, i);
      const giftCard = this.isGiftCard(order, entry.payment_method_id);
      const status = this.overlay.failedRefunds.has(id) ? 'failed' : i < seeded || giftCard ? 'settled' : 'processing';
      out.push({ refund_id: id, order_id: orderId, payment_method_id: entry.payment_method_id, amount: entry.amount, status });
    });
    return out;
  }

  adjustmentsOf(orderId: string): Adjustment[] {
    return this.adjustments.filter((a) => a.order_id === orderId);
  }

  /**
   * How much of a charge can still be given back, in cents: bounded by the charge (less its adjustments), by what
   * its method still holds on this order, and by what the order still holds net over all methods.
   */
  refundableCents(orderId: string, charge: Charge): number {
    const onCharge = toCents(charge.amount) - sumCents(this.adjustmentsOf(orderId).filter((a) => a.charge_id === charge.charge_id));
    const method = charge.payment_method_id;
    const captured = sumCents(this.charges(orderId).filter((c) => c.payment_method_id === method));
    const refunded = sumCents(this.refunds(orderId).filter((r) => r.payment_method_id === method && r.status !== 'failed'));
    const chargeIds = new Set(this.charges(orderId).filter((c) => c.payment_method_id === method).map((c) => c.charge_id));
    const adjusted = sumCents(this.adjustmentsOf(orderId).filter((a) => chargeIds.has(a.charge_id)));
    // and by what the customer paid for the order net of everything already given back on any method
    // (e.g. a price difference refunded to a gift card after a card charge)
    const orderNet =
      sumCents(this.charges(orderId)) -
      sumCents(this.refunds(orderId).filter((r) => r.status !== 'failed')) -
      sumCents(this.adjustmentsOf(orderId));
    return Math.max(0, Math.min(onCharge, captured - refunded - adjusted, orderNet));
  }

  adjust_charge(args: AdjustChargeArgs): Adjustment {
    const order = this.retail.order(args.order_id);
    const charge = this.charges(order.order_id).find((c) => c.charge_id === args.charge_id);
    if (!charge) throw notFound(`Charge ${args.charge_id} not found on order ${order.order_id}`);
    if (this.isGiftCard(order, charge.payment_method_id)) {
      throw conflict('Gift card payments are not processed by the card processor; use a cancellation or return instead');
    }
    const cents = toCents(args.amount);
    if (cents <= 0) throw invalid('The adjustment amount must be at least $0.01');
    const left = this.refundableCents(order.order_id, charge);
    if (cents > left) {
      throw conflict(`Charge ${charge.charge_id} has only $${(left / 100).toFixed(2)} left to refund`);
    }
    const adjustment: Adjustment = {
      adjustment_id: `adj_${String(this.adjustments.length + 1).padStart(4, '0')}`,
      order_id: order.order_id,
      charge_id: charge.charge_id,
      amount: cents / 100,
      reason: args.reason,
    };
    this.adjustments.push(adjustment);
    return adjustment;
  }

  state(): BillingState {
    const ids = Object.keys(this.retail.data.orders).sort();
    return {
      charges: ids.flatMap((id) => this.charges(id)),
      refunds: ids.flatMap((id) => this.refunds(id)),
      adjustments: this.adjustments.map((a) => ({ ...a })),
    };
  }

  private isGiftCard(order: Order, methodId: string): boolean {
    return methodId.startsWith('gift_card') || this.retail.data.users[order.user_id]?.payment_methods[methodId]?.source === 'gift_card';
  }
}

function sumCents(records: { amount: number }[]): number {
  return records.reduce((sum, r) => sum + toCents(r.amount), 0);
}
