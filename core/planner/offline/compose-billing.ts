// A billing complaint: the processor's charges compared with the order's payment history.
import { fromAgent, fromSystem, writeStep } from '../../../automations/playbooks/index.ts';
import { Reader, type CrmCustomer, type OrderDetails } from './reads.ts';
import { nameScore } from './items.ts';
import { findDiscrepancies } from './billing.ts';
import { normalize } from './text.ts';
import { Draft, money, cents, statusFrom } from './draft.ts';
import { methodsOf } from './compose-payment.ts';

// ---- billing ---------------------------------------------------------------------------------------

export async function billing(order: OrderDetails, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  draft.requests.push({ playbook: 'billing_discrepancy', summary: `check the charges of ${order.order_id}`, orderId: order.order_id });
  const payments = await reader.payments(order.order_id);
  if (!payments.ok) return draft.verdict({ kind: 'escalate', why: `the payments of ${order.order_id} could not be read (${payments.message})` });
  const methods = (await methodsOf(customer, reader)) ?? [];
  const giftCards = new Set(methods.filter((m) => m.source === 'gift_card').map((m) => m.id));
  const found = findDiscrepancies(order, payments.data, giftCards);
  if (found.length === 0) {
    draft.answers.push(`we checked every charge and refund on ${order.order_id}: the charges match the order (${money(payments.data.charges.reduce((s, c) => s + c.amount, 0))} captured) and no duplicate or overcharge shows, so there is nothing to refund`);
    return;
  }
  for (const d of found) {
    draft.writes.push(
      writeStep({
        playbook: 'billing_discrepancy',
        system: 'billing',
        action: 'adjust_charge',
        params: {
          order_id: { value: order.order_id, from: statusFrom(order) },
          charge_id: { value: d.charge_id, from: fromSystem(`billing: ${d.detail}`) },
          amount: { value: d.amount, from: fromSystem(`billing: ${d.detail}`) },
          reason: { value: d.reason, from: fromAgent(`the discrepancy found: ${d.kind}`) },
        },
        why: d.detail,
        expectedEffect: `${money(d.amount)} of charge ${d.charge_id} is given back (${d.reason})`,
        amount: d.amount,
      }),
    );
    draft.done.push(`refunded ${money(d.amount)} on ${order.order_id} (${d.reason}); it reaches your account in 5–7 business days`);
  }
}

/** How many suspicious orders a billing search without an order number reads, at most (two reads each). */
export const BILLING_SEARCH_LIMIT = 12;

/**
 * A billing complaint without an order number: the processor's records of each of the customer's
 * orders (bounded) are compared with the order; the one order with a discrepancy of the kind the
 * text describes (or naming the items the text names) is the one meant. None: the charges are
 * explained; several: the customer is asked which.
 */
export async function billingWithoutOrderId(text: string, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  draft.requests.push({ playbook: 'billing_discrepancy', summary: 'a billing complaint without an order number' });
  const t = normalize(text);
  const wanted = new Set<string>();
  if (/\b(twice|double|two (identical )?(payments|charges)|duplicate|same payment|same charge|extra payment|second (charge|payment))\b/.test(t)) wanted.add('duplicate_capture');
  if (/\b(overcharg\w*|more than|higher than|too much|doesn't match|does not match|difference)\b/.test(t)) wanted.add('overcharge');
  if (/\brefund|money back|cancell?ed|canceled\b/.test(t)) wanted.add('unsettled_refund');
  const billingView = await reader.methods(customer.user_id);
  if (!billingView.ok) return draft.verdict({ kind: 'ask', what: 'the order number the charge is about' });
  const giftCards = new Set(billingView.data.payment_methods.filter((m) => m.source === 'gift_card').map((m) => m.id));
  // Billing's per-order totals (one read) tell which orders can hold a discrepancy: more captured
  // than the items cost, or a cancelled order not refunded in full; only those are read in detail
  const suspicious = billingView.data.orders.filter(
    (o) => cents(o.captured) - cents(o.refunded) - cents(o.adjusted) > cents(o.items_total) || (o.status === 'cancelled' && cents(o.refunded) + cents(o.adjusted) < cents(o.captured)),
  );
  const hits: { order: OrderDetails; found: ReturnType<typeof findDiscrepancies>; named: boolean }[] = [];
  for (const o of suspicious.slice(0, BILLING_SEARCH_LIMIT)) {
    const payments = await reader.payments(o.order_id);
    if (!payments.ok) continue;
    const p = payments.data;
    const order = await reader.order(o.order_id);
    if (!order.ok) continue;
    const found = findDiscrepancies(order.data, p, giftCards).filter((d) => wanted.size === 0 || wanted.has(d.kind));
    if (found.length > 0) hits.push({ order: order.data, found, named: order.data.items.some((it) => nameScore(text, it.name) >= 1) });
  }
  const named = hits.filter((h) => h.named);
  const meant = hits.length === 1 ? hits : named.length === 1 ? named : [];
  if (meant.length === 1) return billing(meant[0]!.order, customer, reader, draft);
  if (hits.length === 0) {
    draft.answers.push(`we checked the card processor's charges and refunds for every one of your ${customer.orders.length} orders: each charge matches its order and every refund went through, so there is nothing to refund`);
    return;
  }
  draft.verdict({ kind: 'ask', what: `which order the charge is about: ${hits.map((h) => h.order.order_id).join(' or ')}` });
}
