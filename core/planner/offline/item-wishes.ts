// Item wishes said without a change word ("medium would be ideal"), served on the one order holding the item.
import { Reader, type CrmCustomer, type OrderDetails } from './reads.ts';
import { orderIdsIn } from './extract.ts';
import { describesOrder, mentions, nameScore, withoutOrderDescription } from './items.ts';
import { clauses, normalize } from './text.ts';
import { Draft } from './draft.ts';
import { changeItems } from './compose-items.ts';

/** A wish for another variant, said without a change word: "medium would be ideal", "I'd like the same boots in an 8". */
export const PREFERS = /\b(would like|'d like|i want|i need|prefer\w*|would be (ideal|great|perfect|better|nice|best)|rather|instead|if (there'?s|there is|you have|they have) no|if not|works? better|fit(s)? better|this time|if possible|should be|needs? to be|(can|could) (you|we|i) (bump (it|them) up|upgrade|switch|swap|change|make) (it |them |that |this )?(to|for|into)|(can|could) (i|we) (get|have) (the|a|an) )\b/;

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
  // an item that several of these orders hold is the one order's the plan already acts on ("send it to
  // my new place… the sunglasses in that order: black frame"); else no order's for sure
  const inPlan = new Set(draft.requests.flatMap((r) => (r.orderId ? [r.orderId] : [])));
  // …but first by the words that describe the item as it is ("the gold smart watch"): the holder whose
  // item has more of the values the paragraph names is the one
  const holderOf = (name: string, named: { key: string; value: string }[]) => {
    const holders = open.filter((o) => o.items.some((it) => it.name === name));
    if (holders.length === 1) return holders[0]!.order_id;
    const describing = (o: OrderDetails) => Math.max(...o.items.filter((it) => it.name === name).map((it) => named.filter((m) => it.options[m.key] === m.value).length));
    const best = Math.max(...holders.map(describing));
    const described = holders.filter((o) => describing(o) === best);
    if (described.length === 1) return described[0]!.order_id;
    const planned = described.filter((o) => inPlan.has(o.order_id));
    return planned.length === 1 ? planned[0]!.order_id : null;
  };
  const unplaced = new Set<string>();
  // per order, the paragraphs wishing for another variant of one of its items, and those items
  const wishes = new Map<string, { order: OrderDetails; paragraphs: string[]; items: OrderDetails['items'] }>();
  for (const order of open) {
    for (const paragraph of paragraphs) {
      // named where the wish is, not where the order is described ("my order with the phone and the watch")
      const named = order.items.filter((it) => it.product_id && clauses(paragraph).some((c) => !describesOrder(c) && nameScore(withoutOrderDescription(c), it.name) >= 2));
      for (const it of named) {
        const product = await reader.product(it.product_id!);
        const said = product.ok ? mentions(paragraph, product.data) : [];
        if (!said.some((m) => it.options[m.key] !== undefined && it.options[m.key] !== m.value)) continue;
        const holder = holderOf(it.name, said);
        if (holder !== order.order_id) {
          if (holder === null) unplaced.add(it.name);
          continue;
        }
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
  // …nor is a wish for an item several orders hold, while the plan writes
  if (unplaced.size > 0 && draft.writes.length > 0) draft.verdict({ kind: 'ask', what: `which order's ${[...unplaced].join(' and ')} you would like changed, and how` });
}
