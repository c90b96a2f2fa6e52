// The business rules of the retail policy (wiki.md of the retail data), as checks a planner runs
// against what the systems returned before it proposes a write. Each check answers `true` or the
// reason the write is against policy, in words a person reads.
import { CANCEL_REASONS, type CancelReason, type OrderStatus } from '../../shared/retail.ts';

export { CANCEL_REASONS, type CancelReason };

export type Verdict = true | string;

/** What a rule needs of an order: its id, status and payment history. */
export interface OrderFacts {
  order_id: string;
  status: OrderStatus;
  payment_history: { transaction_type: 'payment' | 'refund'; amount: number; payment_method_id: string }[];
}

/** What a rule needs of a payment method. */
export interface MethodFacts {
  id: string;
  source: 'credit_card' | 'gift_card' | 'paypal';
  balance?: number;
}

const only = (order: OrderFacts, status: OrderStatus, what: string): Verdict =>
  order.status === status || `order ${order.order_id} is ${order.status}; only ${status} orders can be ${what}`;

/** Only a pending order is cancelled, for one of the two reasons the system knows. */
export function mayCancel(order: OrderFacts, reason: string): Verdict {
  const status = only(order, 'pending', 'cancelled');
  if (status !== true) return status;
  return (CANCEL_REASONS as readonly string[]).includes(reason) || `a cancellation reason must be ${CANCEL_REASONS.map((r) => `"${r}"`).join(' or ')}`;
}

/** Address, payment or items of an order change only while it is exactly pending (items once). */
export function mayModify(order: OrderFacts): Verdict {
  if (order.status === 'pending (item modified)') return `the items of order ${order.order_id} were already modified once; it cannot be changed any more`;
  return only(order, 'pending', 'modified');
}

export const mayReturn = (order: OrderFacts): Verdict => only(order, 'delivered', 'returned');
export const mayExchange = (order: OrderFacts): Verdict => only(order, 'delivered', 'exchanged');

/** The method the order was paid with: its first payment. */
export function originalMethodId(order: OrderFacts): string | undefined {
  return order.payment_history.find((p) => p.transaction_type === 'payment')?.payment_method_id;
}

/** What the order has been paid net of refunds, in dollars. */
export function orderTotal(order: OrderFacts): number {
  const cents = order.payment_history.reduce((s, p) => s + (p.transaction_type === 'payment' ? 1 : -1) * Math.round(p.amount * 100), 0);
  return cents / 100;
}

/** A return's refund goes to the original payment method or to one of the customer's gift cards. */
export function mayRefundTo(order: OrderFacts, method: MethodFacts): Verdict {
  if (method.id === originalMethodId(order) || method.source === 'gift_card') return true;
  return `a refund goes to the original payment method (${originalMethodId(order) ?? 'unknown'}) or a gift card, not ${method.id}`;
}

/** A new payment method: one of the customer's, not the current one, and a gift card must cover the total. */
export function mayPayWith(order: OrderFacts, method: MethodFacts): Verdict {
  const payments = order.payment_history.filter((p) => p.transaction_type === 'payment');
  if (order.payment_history.length !== 1 || payments.length !== 1) return `the payment of order ${order.order_id} was already changed or refunded; it cannot be changed again`;
  if (payments[0]!.payment_method_id === method.id) return `order ${order.order_id} is already paid with ${method.id}`;
  if (method.source === 'gift_card' && (method.balance ?? 0) < payments[0]!.amount) {
    return `gift card ${method.id} holds $${(method.balance ?? 0).toFixed(2)}, less than the order's $${payments[0]!.amount.toFixed(2)}`;
  }
  return true;
}

/** The price difference of an item change or exchange must be covered by a gift card used for it. */
export function mayPayDifference(method: MethodFacts, difference: number): Verdict {
  if (method.source !== 'gift_card' || difference <= 0) return true;
  return (method.balance ?? 0) >= difference || `gift card ${method.id} holds $${(method.balance ?? 0).toFixed(2)}, less than the difference of $${difference.toFixed(2)}`;
}

/** A variant an item may change to: another available variant of the same product. */
export function mayChangeTo(variant: { available: boolean; item_id: string }, productOfOld: string, productOfNew: string): Verdict {
  if (productOfOld !== productOfNew) return 'an item can only change to a variant of the same product';
  return variant.available || `item ${variant.item_id} is not available`;
}
