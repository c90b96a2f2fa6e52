// A billing complaint, checked: the processor's charges and refunds against the order's own payment
// history. Finds a duplicate capture, an overcharge or a refund that never settled, and how much is owed.
import type { OrderDetails, OrderPayments } from './reads.ts';

export interface Discrepancy {
  kind: 'duplicate_capture' | 'overcharge' | 'unsettled_refund';
  charge_id: string;
  amount: number;
  reason: string;
  detail: string;
}

const cents = (n: number) => Math.round(n * 100);

export function findDiscrepancies(order: OrderDetails, payments: OrderPayments, giftCards: Set<string>): Discrepancy[] {
  const out: Discrepancy[] = [];
  const charges = payments.charges.filter((c) => !c.payment_method_id || !giftCards.has(c.payment_method_id));
  const paid = order.payment_history.filter((p) => p.transaction_type === 'payment' && !giftCards.has(p.payment_method_id));
  const matched = new Set<string>();
  // each payment of the order is one capture; pair them in order, by method
  for (const p of paid) {
    const charge = charges.find((c) => !matched.has(c.charge_id) && (c.payment_method_id ?? p.payment_method_id) === p.payment_method_id && cents(c.amount) >= cents(p.amount));
    if (!charge) continue;
    matched.add(charge.charge_id);
    if (cents(charge.amount) > cents(p.amount)) {
      const extra = (cents(charge.amount) - cents(p.amount)) / 100;
      out.push({ kind: 'overcharge', charge_id: charge.charge_id, amount: extra, reason: 'overcharge: captured more than the order total', detail: `charge ${charge.charge_id} captured $${charge.amount.toFixed(2)} for a payment of $${p.amount.toFixed(2)}` });
    }
  }
  for (const c of charges) {
    if (matched.has(c.charge_id)) continue;
    out.push({ kind: 'duplicate_capture', charge_id: c.charge_id, amount: c.amount, reason: 'duplicate capture', detail: `charge ${c.charge_id} of $${c.amount.toFixed(2)} has no payment of the order behind it` });
  }
  for (const r of payments.refunds.filter((x) => x.status === 'failed')) {
    const method = r.payment_method_id;
    const charge = payments.charges.find((c) => (c.payment_method_id ?? method) === method && (!c.payment_method_id || !giftCards.has(c.payment_method_id)));
    if (!charge) continue;
    out.push({
      kind: 'unsettled_refund',
      charge_id: charge.charge_id,
      amount: r.amount,
      reason: order.status === 'cancelled' ? 'refund of cancelled order failed' : 'refund failed',
      detail: `refund ${r.refund_id} of $${r.amount.toFixed(2)} failed and never reached the customer`,
    });
  }
  // never more than the processor still lets be given back on that charge
  return out.flatMap((d) => {
    const left = payments.refundable.find((x) => x.charge_id === d.charge_id)?.amount;
    if (left === undefined || left <= 0) return [];
    return [{ ...d, amount: Math.min(d.amount, left) }];
  });
}
