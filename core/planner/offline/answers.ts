// Read-only answers from the systems: an order's status and payments, gift cards, the default address,
// what a product comes in.
import { Reader, type CrmCustomer, type OrderDetails } from './reads.ts';
import { PATTERNS } from './extract.ts';
import { nameScore } from './items.ts';
import { normalize } from './text.ts';
import nlp from 'compromise';
import { Draft, money, cents } from './draft.ts';
import { methodsOf } from './compose-payment.ts';

// ---- read-only answers -----------------------------------------------------------------------------

export function answerAbout(order: OrderDetails, draft: Draft): void {
  draft.requests.push({ playbook: 'information', summary: `status of ${order.order_id}`, orderId: order.order_id });
  const tracking = order.fulfillments.flatMap((f) => f.tracking_id);
  const paid = order.payment_history.filter((p) => p.transaction_type === 'payment');
  const refunded = order.payment_history.filter((p) => p.transaction_type === 'refund');
  const total = (xs: typeof paid) => xs.reduce((sum, p) => sum + cents(p.amount), 0) / 100;
  draft.answers.push(
    `order ${order.order_id} (${order.items.map((i) => i.name).join(', ')}) is ${order.status}${tracking.length ? `; tracking number ${tracking.join(', ')}` : '; it has no tracking number yet'}` +
      (paid.length ? `; you paid ${money(total(paid))} (${[...new Set(paid.map((p) => p.payment_method_id))].join(', ')})${refunded.length ? `, and ${money(total(refunded))} was refunded` : ''}` : ''),
  );
}

export async function answerGeneral(text: string, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  const t = normalize(text);
  if (/\b(balance|gift ?card)\b/.test(t)) {
    draft.requests.push({ playbook: 'information', summary: 'gift card balance' });
    const methods = (await methodsOf(customer, reader)) ?? [];
    const cards = methods.filter((m) => m.source === 'gift_card');
    draft.answers.push(cards.length ? cards.map((c) => `your gift card ${c.id} holds ${money(c.balance ?? 0)}`).join('; ') : 'there is no gift card on your account');
    return;
  }
  if (/\baddress\b/.test(t)) {
    draft.requests.push({ playbook: 'information', summary: 'default address' });
    const a = customer.address;
    draft.answers.push(`the default address on your account is ${[a.address1, a.address2, a.city, `${a.state} ${a.zip}`, a.country].filter(Boolean).join(', ')}`);
    return;
  }
  if (PRODUCT_QUESTION.test(t) && (await answerProducts(text, customer, reader, draft))) return;
  if (PATTERNS.information.test(t) || /\border/.test(t)) {
    // the orders the text names by item, else every order
    const orders: OrderDetails[] = [];
    for (const o of customer.orders.slice(0, 8)) {
      const r = await reader.order(o.order_id);
      if (r.ok) orders.push(r.data);
    }
    const named = orders.filter((o) => o.items.some((i) => nameScore(text, i.name) >= 1));
    for (const o of named.length ? named : orders) answerAbout(o, draft);
  }
}

/** A question about what a product comes in: its options, sizes, colours, versions. */
export const PRODUCT_QUESTION = /\b(do you (have|carry|sell|stock|make)|comes? in|available|in stock|options?|colou?rs?|sizes?|versions?|variants?|models?|how many|what kinds?)\b/;

/**
 * The products the text names among those the customer bought, answered from the catalogue: the
 * values of each option over the variants on offer. False when the text names none of them.
 */
export async function answerProducts(text: string, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<boolean> {
  const named = new Map<string, string>();
  for (const o of customer.orders.slice(0, 8)) {
    const r = await reader.order(o.order_id);
    if (!r.ok) continue;
    for (const it of r.data.items) if (it.product_id && nameScore(text, it.name) >= 2) named.set(it.product_id, it.name);
  }
  // a product the customer never bought: looked up in the catalogue by the nouns of the question
  if (named.size === 0) {
    const nouns = (nlp(text).nouns().toSingular().out('array') as string[]).map((n) => normalize(n).replace(/^(the|a|an|your|my|any|some|other) /, '')).filter((n) => n.length >= 3);
    const words = [...new Set(nouns.flatMap((n) => n.split(' ')))].filter((w) => w.length >= 3 && !PRODUCT_QUESTION.test(w)).slice(0, 4);
    for (const word of words) {
      const found = await reader.findProducts(word);
      if (found.ok) for (const p of found.data.products) if (nameScore(text, p.name) >= 2) named.set(p.product_id, p.name);
      if (named.size > 0) break;
    }
  }
  for (const [productId, name] of named) {
    const product = await reader.product(productId);
    if (!product.ok) continue;
    const offered = Object.values(product.data.variants).filter((v) => v.available);
    const keys = [...new Set(offered.flatMap((v) => Object.keys(v.options)))];
    draft.requests.push({ playbook: 'information', summary: `what the ${name} comes in` });
    draft.answers.push(
      offered.length === 0
        ? `the ${name} is not available in any version right now`
        : `the ${name} is available in ${offered.length} version${offered.length > 1 ? 's' : ''}: ${keys.map((k) => `${k} ${[...new Set(offered.map((v) => v.options[k]).filter(Boolean))].join(', ')}`).join('; ')}`,
    );
  }
  return named.size > 0;
}
