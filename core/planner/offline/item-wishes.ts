// Item wishes said without a change word ("medium would be ideal"), served on the one order holding the item.
import { Reader, type CrmCustomer, type OrderDetails } from './reads.ts';
import { orderIdsIn } from './extract.ts';
import { mentions, nameScore } from './items.ts';
import { normalize } from './text.ts';
import { Draft } from './draft.ts';
import { changeItems } from './compose-items.ts';

/** A wish for another variant, said without a change word: "medium would be ideal", "I'd like the same boots in an 8". */
export const PREFERS = /\b(would like|'d like|i want|i need|prefer\w*|would be (ideal|great|perfect|better|nice|best)|rather|instead|if (there'?s|there is|you have|they have) no|if not|works? better|fit(s)? better|this time|if possible|should be|needs? to be)\b/;

/**
 * Item wishes no request served: a paragraph that names an item of one of the customer's pending or
 * delivered orders and another value of one of that product's options, in a wish. It is served on
 * that order, unless the order is cancelled, returned or changed by another request already.
 */
export async function serveItemWishes(text: string, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  const taken = new Set(draft.requests.filter((r) => ['cancel_order', 'return_items', 'change_items', 'exchange_items', 'hand_over'].includes(r.playbook)).map((r) => r.orderId));
  // a paragraph naming an order by its number was served on that order
  const paragraphs = text.split(/\n\s*\n|\n(?=\s*(?:[-*\u2022]|\d+[.)])\s)/).filter((p) => PREFERS.test(normalize(p)) && orderIdsIn(p).length === 0);
  if (paragraphs.length === 0) return;
  const open: OrderDetails[] = [];
  for (const o of customer.orders.filter((x) => x.status === 'pending' || x.status === 'delivered')) {
    const got = await reader.order(o.order_id);
    if (got.ok) open.push(got.data);
  }
  // per order, the paragraphs wishing for another variant of one of its items, and those items
  const wishes = new Map<string, { order: OrderDetails; paragraphs: string[]; items: OrderDetails['items'] }>();
  for (const order of open) {
    for (const paragraph of paragraphs) {
      // an item that another of these orders holds too is not this order's for sure: left to the coverage check
      const elsewhere = (name: string) => open.some((o) => o.order_id !== order.order_id && o.items.some((it) => it.name === name));
      const named = order.items.filter((it) => it.product_id && nameScore(paragraph, it.name) >= 2 && !elsewhere(it.name));
      for (const it of named) {
        const product = await reader.product(it.product_id!);
        if (!product.ok || !mentions(paragraph, product.data).some((m) => it.options[m.key] !== undefined && it.options[m.key] !== m.value)) continue;
        const w = wishes.get(order.order_id) ?? { order, paragraphs: [], items: [] };
        if (!w.paragraphs.includes(paragraph)) w.paragraphs.push(paragraph);
        w.items.push(it);
        wishes.set(order.order_id, w);
      }
    }
  }
  // served as one change of the order's items, where no other request took the order
  for (const { order, paragraphs: said } of wishes.values()) {
    if (taken.has(order.order_id)) continue;
    draft.items.set(order.order_id, order.items.map((i) => i.name));
    await changeItems(order, said.join('\n'), customer, reader, draft, false);
  }
  // an item wished for that no write of its order carries is never dropped silently
  const written = new Set(draft.writes.flatMap((w) => (Array.isArray(w.params.item_ids) ? (w.params.item_ids as string[]) : [])));
  for (const { order, paragraphs: said, items } of wishes.values()) {
    const left = items.filter((it) => !written.has(it.item_id));
    if (left.length === 0 || !draft.writes.some((w) => w.params.order_id === order.order_id)) continue;
    draft.verdict({ kind: 'ask', what: `what you would like for the ${[...new Set(left.map((it) => it.name))].join(' and ')} of ${order.order_id} (we understood: "${said.join(' ').trim().slice(0, 200)}")` });
  }
}
