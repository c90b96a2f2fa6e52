// Routing: each order's requests to the write that serves them, and a message with no order number
// to the one order it can only mean (or a choice, an answer, a question).
import { Reader, type CrmCustomer, type OrderDetails } from './reads.ts';
import { MAX_OPTIONS } from './choices.ts';
import { asks, parseAddress, PATTERNS, requestsIn, type OrderContext, type RequestKind } from './extract.ts';
import { nameScore } from './items.ts';
import { normalize, requestParts } from './text.ts';
import { Draft } from './draft.ts';
import { ordersNaming, ORDER_STATUSES, requestSegments, ordersMeant, ORDER_MEANT, orderCandidates, playbookOf } from './find-orders.ts';
import { cancel, changeAddress, changeDefaultAddress } from './compose-order.ts';
import { changePayment } from './compose-payment.ts';
import { returnItems, changeItems } from './compose-items.ts';
import { billing, billingWithoutOrderId } from './compose-billing.ts';
import { answerAbout, answerGeneral } from './answers.ts';

// ---- one order's requests --------------------------------------------------------------------------

export async function handleOrder(orderId: string, ctx: OrderContext, requests: Set<RequestKind>, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  const got = await reader.order(orderId);
  if (!got.ok) {
    draft.asks.push(`the order number: we could not open order ${orderId}`);
    return;
  }
  const order = got.data;
  draft.items.set(order.order_id, order.items.map((i) => i.name));
  const writes = [...requests].filter((r) => r !== 'information');
  const explicitExchange = asks(ctx.text, PATTERNS.exchange);
  if (requests.has('billing')) {
    // a cancellation asked beside a billing complaint goes first (its refund is the order's own)
    if (requests.has('cancel')) await cancel(order, ctx.text, draft);
    await billing(order, customer, reader, draft);
    if (requests.has('information')) answerAbout(order, draft);
    // "refund" in a billing complaint is its word, not another request; an item change beside it is
    // served only when it names an item of the order
    if (requests.has('cancel')) return;
    if (!requests.has('return') && !explicitExchange) {
      // only outside the complaint's own sentences ("I want the second charge back" is no item wish)
      const rest = ctx.text.split(/(?<=[.!?\n])/).filter((x) => !PATTERNS.billing.test(normalize(x))).join('');
      if (requestsIn(rest).has('change_items')) await changeItems(order, rest, customer, reader, draft, true);
      return;
    }
  }
  if (writes.length === 0) {
    if (requests.has('information')) answerAbout(order, draft);
    return;
  }
  // "return the boots from W1 … P.S. cancel the skateboard order": a delivered order is returned,
  // not cancelled; the cancellation is of the pending order its own part names by its items (or asked)
  if (requests.has('cancel') && requests.has('return') && order.status === 'delivered' && !requests.has('billing')) {
    const parts = requestParts(ctx.text);
    const isCancel = (p: string) => asks(p, PATTERNS.cancel) && !asks(p, PATTERNS.return);
    await returnItems(order, parts.filter((p) => !isCancel(p)).join('\n'), customer, reader, draft);
    await cancelByItems(parts.filter(isCancel).join('\n'), order.order_id, customer, reader, draft);
    return;
  }
  // a cancellation ends the order: nothing else is changed on it
  if (requests.has('cancel')) {
    await cancel(order, ctx.text, draft);
    return;
  }
  if (requests.has('payment')) await changePayment(order, ctx.text, customer, reader, draft);
  if (requests.has('order_address')) await changeAddress(order, ctx.text, draft);
  if (requests.has('return') && !explicitExchange) await returnItems(order, ctx.text, customer, reader, draft);
  else if (requests.has('change_items')) {
    const others = requests.has('payment') || requests.has('order_address');
    await changeItems(order, ctx.text, customer, reader, draft, others);
  }
  if (requests.has('default_address')) await changeDefaultAddress(customer, ctx.text, draft);
}

/** A cancellation said beside another order: of the one other pending order its text names by its items, else asked. */
export async function cancelByItems(text: string, besides: string, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  const candidates = await ordersNaming(text, new Set(['pending']), customer, reader, { besides: new Set([besides]) });
  const got = candidates.length > 1 ? draft.choices.pick('order', 'Which pending order should be cancelled?', orderCandidates(text, candidates, 'cancel')) : null;
  if (got) candidates.splice(0, candidates.length, got.value);
  else if (candidates.length > 1) {
    draft.requests.push({ playbook: 'cancel_order', summary: 'cancel an order named by its items' });
    return void draft.waiting.push('which order to cancel');
  }
  if (candidates.length !== 1) {
    draft.requests.push({ playbook: 'cancel_order', summary: 'cancel an order named by its items' });
    draft.asks.push(`which order to cancel (${besides} is delivered and cannot be cancelled)${candidates.length > 1 ? `: ${candidates.map((c) => c.order_id).join(' or ')}` : ''}`);
    return;
  }
  draft.items.set(candidates[0]!.order_id, candidates[0]!.items.map((i) => i.name));
  await cancel(candidates[0]!, text, draft);
}
/** Each order's requests, from the parts of the message that ask about it. */
export async function serveOrders(byOrder: Map<string, string[]>, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  for (const [orderId, said] of byOrder) {
    const text = said.join('\n');
    await handleOrder(orderId, { orderIds: [orderId], text }, requestsIn(text), customer, reader, draft);
  }
}
/** No order number: find the one order the text can only mean, or answer / ask. */
export async function withoutOrderIds(text: string, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  const requests = requestsIn(text);
  // "the shipping address of my pending order": an order's, though no number says which
  const ofAnOrder = requests.has('order_address') && !requests.has('default_address') && ORDER_MEANT.test(normalize(text));
  // no order named: a new address is the account's ("I've moved to …, please update my address")
  // "fix the address on my profile, and ship my pending order there too": both, the account's first
  const both = requests.has('default_address') && requests.has('order_address') && ORDER_MEANT.test(normalize(text)) && /\b(too|also|as well|there)\b/.test(normalize(text));
  if (!ofAnOrder && (requests.has('default_address') || (parseAddress(text) && (PATTERNS.moved.test(normalize(text)) || requests.has('order_address'))))) {
    await changeDefaultAddress(customer, text, draft);
    if (!both) return;
    requests.delete('default_address');
  }
  const writeKinds = [...requests].filter((r) => r !== 'information' && r !== 'payment');
  if (writeKinds.length === 0) {
    await answerGeneral(text, customer, reader, draft);
    return;
  }
  if (requests.has('billing')) return billingWithoutOrderId(text, customer, reader, draft);
  // "return the earbuds … and cancel the office chair": each request on the one order its own words name
  const segments = requestSegments(text);
  if (segments.length > 0) {
    const meant = await ordersMeant(segments, new Set(), customer, reader);
    // the subject line sums the body up ("a few changes"): it names no order of its own
    const subject = text.split('\n')[0]!.trim();
    const unmatched = meant.unmatched.filter((part) => part.trim() !== subject);
    if (unmatched.length === 0 && meant.byOrder.size > 1) return serveOrders(meant.byOrder, customer, reader, draft);
  }
  const statuses = new Set(writeKinds.flatMap((k) => ORDER_STATUSES[k] ?? []));
  const candidates = await ordersNaming(text, statuses, customer, reader, { score: 1 });
  // an order found only by a loose word ("on my phone" for a smartphone) among several the request
  // could be about is the agent's to confirm, never taken on its own
  const loose = candidates.length === 1 && !candidates[0]!.items.some((it) => nameScore(text, it.name) >= 2) && customer.orders.filter((o) => statuses.has(o.status)).length > 1;
  if (loose) {
    const kind = writeKinds[0]!;
    // the loosely named order first, then every other order the request could be about
    const others = (await ordersOfStatus(customer, reader, statuses)).filter((o) => o.order_id !== candidates[0]!.order_id);
    const got = draft.choices.pick('order', `Which order does the customer mean (${kind.replace('_', ' ')})?`, [...orderCandidates(text, candidates, kind), ...orderCandidates(text, others, kind)], { confirm: true });
    if (got) return handleOrder(got.value.order_id, { orderIds: [got.value.order_id], text }, requests, customer, reader, draft);
    draft.requests.push({ playbook: playbookOf(kind), summary: `${kind.replace('_', ' ')} without an order number` });
    return void draft.waiting.push('which order is meant');
  }
  if (candidates.length === 0 && ofAnOrder && writeKinds.length === 1) {
    // "my pending order" when there is exactly one
    const pending = customer.orders.filter((o) => o.status === 'pending');
    if (pending.length === 1 && (/\b(pending|not (yet )?shipped|hasn'?t shipped)\b/.test(normalize(text)) || customer.orders.length === 1)) {
      const r = await reader.order(pending[0]!.order_id);
      if (r.ok) candidates.push(r.data);
    }
  }
  if (candidates.length !== 1) {
    const kind = writeKinds[0]!;
    // several of the customer's orders fit what the text names: one that holds clearly more of what
    // it names is the one, unless another is named by two of its own items too (then the message is
    // about both); otherwise the agent, who sees them, picks
    const ranked = orderCandidates(text, candidates, kind);
    const dominant = ranked.length > 1 && ranked[0]!.named >= 2 && ranked[1]!.named <= 1 && ranked[1]!.named * 2 <= ranked[0]!.named ? ranked[0]!.value : null;
    const got = dominant ? { value: dominant } : candidates.length > 1 ? draft.choices.pick('order', `Which order does the customer mean (${kind.replace('_', ' ')})?`, ranked) : null;
    if (got) return handleOrder(got.value.order_id, { orderIds: [got.value.order_id], text }, requests, customer, reader, draft);
    draft.requests.push({ playbook: playbookOf(kind), summary: `${kind.replace('_', ' ')} without an order number` });
    if (candidates.length > 1) return void draft.waiting.push('which order is meant');
    // nothing names an order ("please cancel my order"): the agent, who sees the account, picks among
    // the few orders the request could be about, rather than the customer being asked for a number
    const fitting = candidates.length === 0 ? await ordersOfStatus(customer, reader, statuses) : [];
    if (fitting.length >= 2 && fitting.length <= MAX_OPTIONS && writeKinds.length === 1) {
      const picked = draft.choices.pick('order', `Which order does the customer mean (${kind.replace('_', ' ')})? The message names none.`, orderCandidates(text, fitting, kind), { confirm: true });
      if (picked) {
        draft.requests.pop();
        return handleOrder(picked.value.order_id, { orderIds: [picked.value.order_id], text }, requests, customer, reader, draft);
      }
      return void draft.waiting.push('which order is meant');
    }
    draft.asks.push('the order number (we could not tell which of your orders you mean)');
    return;
  }
  await handleOrder(candidates[0]!.order_id, { orderIds: [candidates[0]!.order_id], text }, requests, customer, reader, draft);
}

/**
 * "Same for my second order", "cancel my other pending one too": a request said of another order than
 * the one served, with no number. The agent, who sees the account, picks among the customer's other
 * orders the request can apply to; nothing is written on one until then.
 */
export async function serveAnotherOrder(said: string, kind: RequestKind, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  const statuses = new Set(ORDER_STATUSES[kind] ?? []);
  const served = new Set(draft.requests.flatMap((r) => (r.orderId ? [r.orderId] : [])));
  const others = (await ordersOfStatus(customer, reader, statuses)).filter((o) => !served.has(o.order_id));
  if (others.length === 0) return;
  const got = draft.choices.pick('order', `Which other order does the customer mean (${kind.replace('_', ' ')})?`, orderCandidates(said, others, kind), { span: said, confirm: true });
  if (got) return handleOrder(got.value.order_id, { orderIds: [got.value.order_id], text: said }, new Set([kind]), customer, reader, draft);
  draft.requests.push({ playbook: playbookOf(kind), summary: `${kind.replace('_', ' ')} on another order` });
  draft.waiting.push('which other order is meant');
}

/** The customer's orders of these statuses, as read. */
async function ordersOfStatus(customer: CrmCustomer, reader: Reader, statuses: Set<string>): Promise<OrderDetails[]> {
  const out: OrderDetails[] = [];
  for (const o of customer.orders.filter((x) => statuses.has(x.status))) {
    const r = await reader.order(o.order_id);
    if (r.ok) out.push(r.data);
  }
  return out;
}
