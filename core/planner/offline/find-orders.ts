// Which of the customer's orders a piece of the message means when it names them only by their items,
// status or recency, and how they are offered to the agent when several fit.
import type { PlaybookId } from '../../../shared/plan.ts';
import { Reader, type CrmCustomer, type OrderDetails } from './reads.ts';
import { requestsIn, withoutNegatedNames, type RequestKind } from './extract.ts';
import { nameScore } from './items.ts';
import { OTHER_ORDER } from './coverage.ts';
import { clauses, normalize, requestParts } from './text.ts';

/**
 * The customer's orders of these statuses (none of `besides`) whose items the text names: by a
 * distinctive word (`score` 2, the default) or by any word of the item's name (1).
 */
export async function ordersNaming(
  text: string,
  statuses: Set<string>,
  customer: CrmCustomer,
  reader: Reader,
  { besides = new Set<string>(), score = 2 }: { besides?: Set<string>; score?: number } = {},
): Promise<OrderDetails[]> {
  const found: OrderDetails[] = [];
  // an order the text says to leave alone ("do NOT touch the order with the skateboards") is not found by its items
  const meant = withoutNegatedNames(withoutLeftAlone(text));
  for (const o of customer.orders.filter((x) => statuses.has(x.status) && !besides.has(x.order_id))) {
    const r = await reader.order(o.order_id);
    if (r.ok && r.data.items.some((it) => nameScore(meant, it.name) >= score)) found.push(r.data);
  }
  return found;
}

/** A sentence telling to leave an order or item alone. */
export const LEFT_ALONE = /\b(do not|don'?t|never|please don'?t) (touch|cancel|change|modify|return|do anything (to|with))\b|\bleave\b.{0,60}\b(alone|as it is|as is)\b|\b(i'?m|i am|i'?ll|i will|we'?ll|we will) keep(ing)?\b/;

/** What follows a negation or exclusion up to the end of its clause: "not the one with the laptop". */
const NEGATED_SPAN = /\b(not|never|didn'?t|did not|doesn'?t|does not|don'?t|do not|isn'?t|is not|wasn'?t|was not|hasn'?t|has not|except|other than|apart from|besides|excluding)\b[^.,;:!?()\n\u2014\u2013]*/gi;
export const withoutNegated = (text: string) => text.replace(NEGATED_SPAN, ' ');

/** A sentence that names another order only to say where something goes ("the same address my last order went to"). */
const ADDRESS_BY_ORDER = /\b(same|that) (address|place|house|apartment)\b|\b(address|place) .{0,60}\b(went|goes|is going|was (delivered|sent|shipped))\b/;

/** The text without its sentences that leave something alone or name an order only as an address. */
export function withoutLeftAlone(text: string): string {
  const kept = clauses(text).filter((c) => !LEFT_ALONE.test(normalize(c)) && !ADDRESS_BY_ORDER.test(normalize(c)));
  return kept.length > 0 ? kept.join('\n') : text;
}

/** An order's own line that keeps it or leaves it alone ("nothing for now, I'm keeping all of it"). */
export const KEEPS = /\b(keep(ing)?|nothing|leave|don'?t|do not|not (this|that|it)|still want|fine as)\b/;

/** The statuses an order must have for each kind of write on it. */
export const ORDER_STATUSES: Partial<Record<RequestKind, string[]>> = { cancel: ['pending'], return: ['delivered'], change_items: ['pending', 'delivered'], order_address: ['pending'] };
/** …and for a part that asks only to pay another way */
export const PAYMENT_STATUSES = ['pending'];

export const asksForWrite = (part: string) => [...requestsIn(part)].some((k) => k in ORDER_STATUSES || k === 'payment');

/**
 * The message as one piece per request, each with the words around it that belong to it: the
 * sentence a "please cancel it" points back to ("2) The laptop order was a mistake - please
 * cancel it."), the detail after it ("…the laptop one as well? no longer needed").
 */
export function requestSegments(text: string): string[] {
  const segments: string[][] = [];
  let loose: string[] = [];
  for (const part of requestParts(text)) {
    if (!asksForWrite(part)) {
      loose.push(part);
      continue;
    }
    // what comes before the first request is its setting; later, only a request that points back takes it
    if (loose.length > 0 && (segments.length === 0 || /\b(it|them|that|those|this one|these|both)\b/i.test(part))) segments.push([...loose, part]);
    else {
      if (loose.length > 0) segments.at(-1)?.push(...loose);
      segments.push([part]);
    }
    loose = [];
  }
  if (loose.length > 0) segments.at(-1)?.push(...loose);
  return segments.map((s) => s.join('\n'));
}

/**
 * "an order with a desk lamp, a wall clock and a garden hose": of several orders the text names items
 * of, the one holding every product the text names of any of them (two at least) is the one meant.
 */
export function holdingAllNamed(text: string, orders: OrderDetails[]): OrderDetails[] {
  if (orders.length < 2) return orders;
  const meant = withoutLeftAlone(text);
  const named = orders.map((o) => new Set(o.items.filter((it) => nameScore(meant, it.name) >= 2).map((it) => it.name)));
  const all = new Set(named.flatMap((n) => [...n]));
  const whole = orders.filter((_, i) => named[i]!.size >= 2 && named[i]!.size === all.size);
  return whole.length === 1 ? whole : orders;
}

/**
 * Which order each part of the message asks about, when it names it only by its items: the one
 * order, of a status that allows the request and not among `besides`, whose items the part names by
 * a distinctive word ("my pending order" when there is one). Parts naming none, or several, count
 * as unmatched.
 */
export async function ordersMeant(parts: string[], besides: Set<string>, customer: CrmCustomer, reader: Reader): Promise<{ byOrder: Map<string, string[]>; unmatched: string[] }> {
  const byOrder = new Map<string, string[]>();
  const unmatched: string[] = [];
  let previous: { ids: string[]; kinds: string[] } | null = null;
  const every = new Set(customer.orders.map((o) => o.status));
  for (const part of parts) {
    const kinds = [...requestsIn(part)];
    const statuses = new Set(kinds.flatMap((k) => ORDER_STATUSES[k] ?? (k === 'payment' ? PAYMENT_STATUSES : [])));
    const candidates = holdingAllNamed(part, await ordersNaming(part, statuses, customer, reader, { besides })).map((o) => o.order_id);
    const pending = customer.orders.filter((o) => o.status === 'pending' && statuses.has('pending') && !besides.has(o.order_id));
    if (candidates.length === 0 && pending.length === 1 && /\b(my|the) (pending|open) order\b/.test(normalize(part))) candidates.push(pending[0]!.order_id);
    // "the tea kettle order and the electric kettle order … cancel both": exactly two, said as both
    const both = candidates.length === 2 && /\bboth\b/.test(normalize(part));
    // "White is my preference.": a wish of the same kind as the part before, naming no item of any
    // order, goes on with that part
    const continues = candidates.length === 0 && previous && !OTHER_ORDER.test(normalize(part)) && kinds.every((k) => previous!.kinds.includes(k)) && (await ordersNaming(part, every, customer, reader, { score: 1 })).length === 0;
    if (continues) candidates.push(...previous!.ids);
    else if (candidates.length !== 1 && !both) {
      unmatched.push(part);
      previous = null;
      continue;
    }
    for (const id of candidates) byOrder.set(id, [...(byOrder.get(id) ?? []), part]);
    if (!continues) previous = { ids: candidates, kinds };
  }
  return { byOrder, unmatched };
}
/** Words naming an order (not the account) as what a new address is for. */
export const ORDER_MEANT = /\b(my|the|this|an?) ([\w-]+ ){0,3}(order|package|parcel|shipment)\b(?! history)/;
/** Orders as the agent's options: best named first, each with the items that matched. */
export function orderCandidates(said: string, orders: OrderDetails[], kind: string) {
  // products named under a negation ("not the one with the laptop", "it did NOT come with the
  // notebook") rule their order out: they never count for it
  const text = withoutNegated(said);
  // the order naming most of what the text names comes first ("the order that also had the pet bed")
  const score = (o: OrderDetails) => [...new Set(o.items.map((it) => it.name))].reduce((sum, name) => sum + Math.min(2, nameScore(text, name)), 0);
  return [...orders]
    .sort((a, b) => score(b) - score(a))
    .map((o) => {
      const named = o.items.filter((it) => nameScore(text, it.name) >= 1).map((it) => it.name);
      return {
        value: o,
        /** how many different products of the order the text names by a distinctive word */
        named: new Set(o.items.filter((it) => nameScore(text, it.name) >= 2).map((it) => it.name)).size,
        label: `${o.order_id} (${o.status}): ${o.items.map((it) => it.name).join(', ')}`,
        why: named.length > 0 ? `the message names its ${[...new Set(named)].join(', ')}` : `it is ${o.status}, as the request needs`,
        effect: `${kind.replace('_', ' ')} on ${o.order_id}`,
      };
    });
}

export function playbookOf(kind: RequestKind): PlaybookId {
  const map: Record<RequestKind, PlaybookId> = {
    cancel: 'cancel_order',
    return: 'return_items',
    change_items: 'change_items',
    order_address: 'change_shipping_address',
    payment: 'change_payment_method',
    default_address: 'change_default_address',
    information: 'information',
    billing: 'billing_discrepancy',
  };
  return map[kind];
}
