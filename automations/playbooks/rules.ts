// The arithmetic the playbooks' rules compare, kept in code: what an order was first paid with and
// what it has been paid net of refunds (money in integer cents). The business rules themselves —
// which status allows which write, where a refund may go, what a gift card must cover — are CEL
// expressions in the playbook files (retail/*.yaml), not here.
import { CANCEL_REASONS, type CancelReason } from '../../shared/retail.ts';

export { CANCEL_REASONS, type CancelReason };

/** What the arithmetic needs of an order: its payment history. */
export interface OrderFacts {
  order_id: string;
  payment_history: { transaction_type: 'payment' | 'refund'; amount: number; payment_method_id: string }[];
}

/** The method the order was paid with: its first payment. */
export function originalMethodId(order: OrderFacts): string | undefined {
  return order.payment_history.find((p) => p.transaction_type === 'payment')?.payment_method_id;
}

/** What the order has been paid net of refunds, in dollars. */
export function orderTotal(order: OrderFacts): number {
  const cents = order.payment_history.reduce((s, p) => s + (p.transaction_type === 'payment' ? 1 : -1) * Math.round(p.amount * 100), 0);
  return cents / 100;
}
