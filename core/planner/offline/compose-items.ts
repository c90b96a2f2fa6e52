// Writes on an order's items: a return, a change of a pending order's items, an exchange of a delivered one.
import type { PlaybookId } from '../../../shared/plan.ts';
import { fromSystem, originalMethodId, writeStep } from '../../../automations/playbooks/index.ts';
import { applyRefusal } from './playbook-rules.ts';
import { Reader, type CrmCustomer, type OrderDetails } from './reads.ts';
import { PATTERNS } from './extract.ts';
import { chooseVariant, clausesByItem, type Variant, everythingMeant, itemsMeant, mentions, nameScore, oneOfMeant, wishSentences, withoutOrderDescription } from './items.ts';
import { describe } from './payment.ts';
import { normalize, squashKey } from './text.ts';
import { Draft, money, cents, statusFrom, isVerdict } from './draft.ts';
import { methodsOf, methodFor } from './compose-payment.ts';

// ---- returns ---------------------------------------------------------------------------------------

export async function returnItems(order: OrderDetails, text: string, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  draft.requests.push({ playbook: 'return_items', summary: `return items of ${order.order_id}`, orderId: order.order_id });
  const what = `return from ${order.order_id}`;
  const refused = await draft.rules.refusal('return_items', 'return_delivered_order_items', { order });
  if (refused) return applyRefusal(draft, refused, what);
  const said = wishSentences(withoutOrderDescription(text), PATTERNS.return, order.items);
  const lines = oneOfMeant(said, order.items, everythingMeant(said, order.items, PATTERNS.return) ?? itemsMeant(said, order.items));
  if (lines === null) return draft.verdict({ kind: 'ask', what: `which of the items of ${order.order_id} of the same kind to return (they differ in their options)` });
  const chosen = lines.length > 0 ? lines : order.items.length === 1 ? [0] : [];
  if (chosen.length === 0) return draft.verdict({ kind: 'ask', what: `which items of ${order.order_id} to return (${order.items.map((i) => i.name).join(', ')})` });
  const picked = await methodFor(order, text, customer, reader, `the refund of the return from ${order.order_id}`, {
    wholeText: draft.text,
    draft,
    // a refund goes back to the original method or to a gift card
    allowed: (m) => m.id === originalMethodId(order) || m.source === 'gift_card',
  });
  if (picked === null) return;
  if (isVerdict(picked)) {
    const methods = await methodsOf(customer, reader);
    const original = methods?.find((m) => m.id === originalMethodId(order));
    return draft.verdict({
      kind: 'ask',
      what: `where the refund should go: the original payment method${original ? ` (${describe(original)})` : ''} or a gift card`,
    });
  }
  const items = chosen.map((i) => order.items[i]!);
  const gated = await draft.rules.refusal('return_items', 'return_delivered_order_items', {
    order,
    customer,
    method: picked.method,
    write: { order_id: order.order_id, item_ids: items.map((it) => it.item_id), payment_method_id: picked.method.id },
  });
  if (gated) return applyRefusal(draft, gated, what);
  const amount = items.reduce((s, it) => s + cents(it.price), 0) / 100;
  draft.writes.push(
    writeStep({
      playbook: 'return_items',
      system: 'orders',
      action: 'return_delivered_order_items',
      params: {
        order_id: { value: order.order_id, from: statusFrom(order) },
        item_ids: { value: items.map((it) => it.item_id), from: fromSystem(`orders: ${order.order_id} holds ${items.map((it) => `${it.name} (${it.item_id})`).join(', ')}`) },
        payment_method_id: { value: picked.method.id, from: fromSystem(`billing: ${picked.how} is ${picked.method.id}`) },
      },
      why: `the customer asks to return ${items.map((it) => it.name).join(', ')}; the order is delivered`,
      expectedEffect: `${order.order_id} is "return requested" for ${items.length} item(s); ${money(amount)} is refunded to ${picked.method.id} once they are back`,
      amount,
    }),
  );
  draft.done.push(`started the return of ${items.map((it) => it.name).join(', ')} from ${order.order_id}; ${money(amount)} will be refunded to your ${picked.how} once the items are back (you will get an email on how to send them)`);
}

// ---- item changes and exchanges ------------------------------------------------------------------

export async function changeItems(order: OrderDetails, text: string, customer: CrmCustomer, reader: Reader, draft: Draft, hasOtherRequests: boolean): Promise<void> {
  const exchange = order.status === 'delivered';
  const playbook: PlaybookId = exchange ? 'exchange_items' : 'change_items';
  const lines = itemsMeant(text, order.items);
  if (lines.length === 0 && hasOtherRequests) return;
  draft.requests.push({ playbook, summary: `${exchange ? 'exchange' : 'change'} items of ${order.order_id}`, orderId: order.order_id });
  const action = exchange ? 'exchange_delivered_order_items' : 'modify_pending_order_items';
  const what = `${exchange ? 'exchange' : 'change'} items of ${order.order_id}`;
  const refused = await draft.rules.refusal(playbook, action, { order });
  if (refused) return applyRefusal(draft, refused, what);
  if (lines.length === 0) return draft.verdict({ kind: 'ask', what: `which item of ${order.order_id} to change, and to which options` });
  const byItem = clausesByItem(text, order.items);
  // the same product twice in the order: the line whose own options the text names is the one meant
  const twins = lines.filter((i) => lines.some((j) => j !== i && order.items[j]!.product_id === order.items[i]!.product_id));
  if (twins.length > 0) {
    const said = (i: number) => {
      const item = order.items[i]!;
      const others = twins.filter((j) => j !== i && order.items[j]!.product_id === item.product_id);
      const own = Object.entries(item.options).filter(([k, v]) => others.every((j) => order.items[j]!.options[k] !== v));
      const words = squashKey((byItem.get(i) ?? []).join(' '));
      return own.filter(([, v]) => words.includes(squashKey(v))).length;
    };
    const best = Math.max(...twins.map(said));
    const meant = twins.filter((i) => said(i) === best);
    if (best === 0 || meant.length > 1) return draft.verdict({ kind: 'ask', what: `which of the ${order.items[twins[0]!]!.name} items of ${order.order_id} to change` });
    lines.splice(0, lines.length, ...lines.filter((i) => !twins.includes(i) || meant.includes(i)));
  }
  // "the gold smart watch" when the gold one is in another order: not this order's to change
  for (const i of lines) {
    const elsewhere = await describedElsewhere(order, order.items[i]!, (byItem.get(i) ?? []).join('\n'), customer, reader);
    if (elsewhere) return draft.verdict({ kind: 'ask', what: `which ${order.items[i]!.name} you mean: the one in ${order.order_id} or the one in ${elsewhere}` });
  }
  const pairs: { old: OrderDetails['items'][number]; newId: string; newPrice: number; options: Record<string, string> }[] = [];
  for (const i of lines) {
    const item = order.items[i]!;
    if (!item.product_id) return draft.verdict({ kind: 'ask', what: `which ${item.name} you would like` });
    const product = await reader.product(item.product_id);
    if (!product.ok) return draft.verdict({ kind: 'escalate', why: `the product of ${item.name} could not be read (${product.message})` });
    const other = await otherProductWished((byItem.get(i) ?? []).join('\n'), item, reader);
    if (other) return draft.verdict({ kind: 'escalate', why: `${exchange ? 'exchange' : 'change'} items of ${order.order_id}: the customer asks for a ${other} instead of the ${item.name}; an item can only change to another variant of the same product` });
    const choice = chooseVariant((byItem.get(i) ?? []).join('\n'), item, product.data);
    if (!choice.ok && !choice.candidates?.length) return draft.verdict({ kind: 'ask', what: choice.reason });
    const variant = choice.ok ? choice : pickVariant(item, product.data.name, choice.candidates!, (byItem.get(i) ?? []).join(' '), draft);
    if (!variant) {
      draft.waiting.push(`which ${item.name} the customer wants`);
      continue;
    }
    // the wish meets the item as it is ("any colour except black" read as no colour): nothing to change to
    if (variant.item_id === item.item_id) return draft.verdict({ kind: 'ask', what: `which ${item.name} you would like instead of the one in ${order.order_id} (what you describe matches it)` });
    pairs.push({ old: item, newId: variant.item_id, newPrice: variant.price, options: variant.options });
  }
  // an item waiting for the agent's pick: the write waits with it (never half the items)
  if (pairs.length < lines.length) return;
  const difference = pairs.reduce((s, p) => s + cents(p.newPrice) - cents(p.old.price), 0) / 100;
  const picked = await methodFor(order, text, customer, reader, `the price difference (${money(difference)})`, { wholeText: draft.text, draft });
  if (picked === null) return;
  if (isVerdict(picked)) return draft.verdict(picked);
  const gated = await draft.rules.refusal(playbook, action, {
    order,
    customer,
    method: picked.method,
    priceDifference: difference,
    write: { order_id: order.order_id, item_ids: pairs.map((p) => p.old.item_id), new_item_ids: pairs.map((p) => p.newId), payment_method_id: picked.method.id },
  });
  if (gated) return applyRefusal(draft, gated, what);
  const describePair = (p: (typeof pairs)[number]) => `${p.old.name} (${Object.values(p.old.options).join(', ')}) → ${Object.values(p.options).join(', ')}`;
  draft.writes.push(
    writeStep({
      playbook,
      system: 'orders',
      action: exchange ? 'exchange_delivered_order_items' : 'modify_pending_order_items',
      params: {
        order_id: { value: order.order_id, from: statusFrom(order) },
        item_ids: { value: pairs.map((p) => p.old.item_id), from: fromSystem(`orders: ${order.order_id} holds ${pairs.map((p) => `${p.old.name} ${p.old.item_id}`).join(', ')}`) },
        new_item_ids: { value: pairs.map((p) => p.newId), from: fromSystem(`orders: available variants ${pairs.map((p) => p.newId).join(', ')} match the options the customer named`) },
        payment_method_id: { value: picked.method.id, from: fromSystem(`billing: ${picked.how} is ${picked.method.id}`) },
      },
      why: `the customer asks to ${exchange ? 'exchange' : 'change'}: ${pairs.map(describePair).join('; ')}`,
      expectedEffect: `${order.order_id} ${exchange ? 'is "exchange requested"' : 'is "pending (item modified)"'}; price difference ${money(difference)} on ${picked.method.id}`,
      ...(difference < 0 ? { amount: -difference } : {}),
    }),
  );
  const diffText = difference === 0 ? 'no price difference' : difference > 0 ? `${money(difference)} to pay on your ${picked.how}` : `${money(-difference)} back to your ${picked.how}`;
  draft.done.push(`${exchange ? 'requested the exchange' : 'changed the items'} of ${order.order_id}: ${pairs.map(describePair).join('; ')} (${diffText})`);
}

/** The variants closest to the customer's wish, for the agent to pick one. */
export function pickVariant(item: OrderDetails['items'][number], productName: string, candidates: Variant[], said: string, draft: Draft): Variant | null {
  const current = Object.values(item.options).join(', ');
  const diff = (v: Variant) => Object.entries(v.options).filter(([k, value]) => item.options[k] !== value).map(([k, value]) => `${k} ${value}`).join(', ');
  const got = draft.choices.pick(
    'variant',
    `Which ${productName} does the customer want instead of ${current}?`,
    candidates.map((v) => ({
      value: v,
      label: `${Object.values(v.options).join(', ')} ($${v.price.toFixed(2)})`,
      why: `changes ${diff(v) || 'nothing'}; available`,
      effect: `${item.name} (${current}) → ${Object.values(v.options).join(', ')}, price difference $${(v.price - item.price).toFixed(2)}`,
    })),
    { span: said.trim().split('\n')[0], confirm: true },
  );
  return got?.value ?? null;
}

/** "exchange the electric kettle for one of your tea kettles": another product of the catalogue named as what the item should become. */
const TURNS_INTO = /\b(?:exchange|swap|trade|replace|change|switch|turn)\w*\b[^.!?\n]*?\b(?:for|into|with|to)\s+(?:a |an |one of (?:your|the|those) |the |some |one )?([a-z][a-z -]{2,40})/;

async function otherProductWished(said: string, item: OrderDetails['items'][number], reader: Reader): Promise<string | null> {
  for (const m of normalize(said).matchAll(new RegExp(TURNS_INTO.source, 'g'))) {
    const wished = m[1]!;
    // the item's own name said as the target ("swap the kettle for a bigger kettle") is no other product,
    // unless another product's name fits the words better ("tea kettles" for an electric kettle)
    const own = nameScore(wished, item.name);
    for (const word of wished.split(/\s+/).filter((w) => w.length >= 3).slice(0, 3)) {
      const found = await reader.findProducts(word);
      if (!found.ok) continue;
      const hit = found.data.products.find((p) => p.product_id !== item.product_id && nameScore(wished, p.name) >= 2 && nameScore(wished, p.name) > own);
      if (hit) return hit.name;
    }
  }
  return null;
}

/**
 * Another pending or delivered order of the customer holding the same product, whose item the words
 * describe better as it is now (more of its current option values named): that order's id.
 */
async function describedElsewhere(order: OrderDetails, item: OrderDetails['items'][number], said: string, customer: CrmCustomer, reader: Reader): Promise<string | null> {
  if (!item.product_id) return null;
  const product = await reader.product(item.product_id);
  if (!product.ok) return null;
  const named = mentions(said, product.data);
  const describing = (it: OrderDetails['items'][number]) => named.filter((m) => it.options[m.key] === m.value).length;
  const here = describing(item);
  for (const o of customer.orders.filter((x) => x.order_id !== order.order_id && (x.status === 'pending' || x.status === 'delivered'))) {
    const got = await reader.order(o.order_id);
    if (got.ok && got.data.items.some((it) => it.product_id === item.product_id && describing(it) > here)) return o.order_id;
  }
  return null;
}
