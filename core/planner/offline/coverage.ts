// The coverage check: before a plan goes out as resolved, every request the customer made must be
// accounted for — served by a planned request, answered, refused on purpose, or asked about. A plan
// that serves one request and silently drops another leaves the state different from what the
// customer asked, the worst outcome; such a plan is turned into a question instead.
import type { Plan, PlaybookId } from '../../../shared/plan.ts';
import { orderIdsIn, requestsIn, type OrderContext, type RequestKind } from './extract.ts';
import { normalize, requestParts } from './text.ts';
import { nameScore } from './items.ts';

/** A request signal beside the planner's own kinds: an address change the parser could not read in full. */
type Signal = RequestKind | 'address';

/** The request kinds each playbook serves. */
const SERVES: Record<PlaybookId, Signal[]> = {
  cancel_order: ['cancel'],
  return_items: ['return'],
  change_items: ['change_items'],
  exchange_items: ['change_items'],
  change_shipping_address: ['order_address', 'address'],
  change_payment_method: ['payment'],
  change_default_address: ['default_address', 'address'],
  billing_discrepancy: ['billing'],
  information: ['information'],
  hand_over: [],
};

/** An address to change, said in words, whether or not a full address follows. */
const ADDRESS_WISH =
  /\b((change|update|correct|fix|edit|switch|move|new|different) (the |my |our |its |their )?(shipping |delivery |mailing |home |default |billing )?address|address (change|update)|(ship|send|deliver|mail|redirect|forward)\w* (it|them|this|that|the order|the package|the parcel|order \S+|w\d+|everything)? ?(instead )?to (my|our|the|a) (new|other|office|work|parents'?|mom'?s|mum'?s|dad'?s|friend'?s|sister'?s|brother'?s)\b|(ship|send|deliver)\w* (it |them )?to \d+ |i('ve| have)? moved|we('ve| have)? moved|my new address|new address is)/;

const KIND_WORDS: Record<Signal, string> = {
  cancel: 'a cancellation',
  return: 'a return',
  change_items: 'an item change or exchange',
  order_address: 'a new shipping address (we need it in full: street, apartment, city, state, ZIP)',
  payment: 'a change of payment method',
  default_address: 'a new default address (we need it in full: street, apartment, city, state, ZIP)',
  information: 'a question',
  billing: 'a billing question',
  address: 'an address change (we need the full new address: street, apartment, city, state, ZIP, and whether it is for this order or your account)',
};

/** The request signals of a piece of text. */
export function signalsIn(text: string): Set<Signal> {
  const found = new Set<Signal>(requestsIn(text));
  if (ADDRESS_WISH.test(normalize(text))) found.add('address');
  return found;
}

/** What the plan has so far: its requests and answers, and the item names of the orders it read. */
export interface PlanSoFar {
  requests: Plan['requests'];
  answers: string[];
  items: Map<string, string[]>;
}

/** Words that say which variant is wished for, though no item is named ("swap it for the blue one"). */
const OPTION_WORDS = /\b(size|colou?r|black|white|red|blue|green|gr[ae]y|silver|gold|pink|purple|yellow|orange|brown|beige|larger|smaller|bigger|one size|small|medium|large|xl|leather|metal|wood(en)?|glass|plastic|steel|\d+(gb|tb|mm|cm|inch|l|ft|w|mah)|->|\u2192|=>)\b/;

/**
 * "Can you switch it?" beside a payment change, "I want the second one refunded" in a billing
 * complaint: an item-change word that names no item of the order and no option is not an item wish.
 */
function itemWish(signals: Set<Signal>, text: string, names: string[]): Set<Signal> {
  if (!signals.has('change_items') || names.length === 0) return signals;
  if (names.some((n) => nameScore(text, n) >= 1) || OPTION_WORDS.test(normalize(text))) return signals;
  const out = new Set(signals);
  out.delete('change_items');
  return out;
}

/** A part about another order than the one it stands beside: "my other delivery", "the other pending one". */
export const OTHER_ORDER = /\b(my|the|your|our) (other (\w+ ){0,2}(orders?|ones?|deliver(y|ies)|purchases?|packages?|shipments?|parcels?)|second (\w+ )?(order|delivery|purchase|package|shipment|parcel))\b/;

/** Words with which an order is only mentioned, kept or left alone. */
const LEAVES_ALONE = /\b(keep(ing)?|nothing|leave|don'?t|do not|doesn'?t|not|still want|fine|arrived|received|got|came|love|great|perfect|happy|thanks?|thank you)\b/;

export interface Coverage {
  /** what the plan serves, in words, for the question that names it */
  understood: string[];
  /** the request-bearing parts no planned request, answer or refusal accounts for (`short`: the plan
   *  serves the request on fewer orders than the text counts, so what it writes is in doubt) */
  gaps: { text: string; what: string; short?: boolean; another?: Signal }[];
}

interface Served {
  /** per order id, the signals its planned requests serve; '' for requests without an order */
  byOrder: Map<string, Set<Signal>>;
}

function servedBy(requests: Plan['requests']): Served {
  const byOrder = new Map<string, Set<Signal>>();
  for (const r of requests) {
    // the order a request is served on is its typed field; a request on no order serves wherever it is asked
    for (const id of r.orderId ? [r.orderId] : ['']) {
      const set = byOrder.get(id) ?? new Set<Signal>();
      // a playbook a lead's file adds answers its part of the message like a question does
      for (const s of SERVES[r.playbook] ?? ['information']) set.add(s);
      byOrder.set(id, set);
    }
  }
  return { byOrder };
}

/**
 * Which requests of the text no planned request accounts for. `contexts` are the text's order
 * contexts (empty: the text names no order); `own` the requester's order ids (other orders were
 * refused on purpose); `answered` the ids an answer speaks of.
 */
export function coverageOf(text: string, contexts: OrderContext[], own: Set<string>, plan: PlanSoFar): Coverage {
  const { requests, answers } = plan;
  const served = servedBy(requests);
  const gaps: Coverage['gaps'] = [];
  const anyServed = new Set([...served.byOrder.values()].flatMap((s) => [...s]));
  const answeredIds = new Set(answers.flatMap((a) => orderIdsIn(a)));
  const scopes: { ids: string[]; text: string }[] =
    contexts.length > 0 ? contexts.map((c) => ({ ids: c.orderIds.filter((id) => own.has(id)), text: c.text })).filter((s) => s.ids.length > 0) : [{ ids: [], text }];
  for (const scope of scopes) {
    // the signals served for the orders of this part of the text (or by any request when no order is named)
    const here = new Set<Signal>(scope.ids.length > 0 ? scope.ids.flatMap((id) => [...(served.byOrder.get(id) ?? [])]) : anyServed);
    // an account's default address is no order's: it serves wherever it is asked
    for (const s of served.byOrder.get('') ?? []) here.add(s);
    const names = scope.ids.flatMap((id) => plan.items.get(id) ?? []);
    const pieces = requestParts(scope.text).map((p) => ({ text: p, signals: itemWish(signalsIn(p), p, names) }));
    // what the parts ask, and the addresses only the whole text can show (the wish on one line, the address on the next)
    const whole = signalsIn(scope.text);
    const wanted = new Set<Signal>([...pieces.flatMap((p) => [...p.signals]), ...(['order_address', 'default_address'] as const).filter((k) => whole.has(k))]);
    // "could you also take back the bookshelf from my other delivery?": a request about another order
    // than the one named is not served by the named order's requests, only by one on another order
    for (const p of pieces) {
      if (scope.ids.length === 0 || !OTHER_ORDER.test(normalize(p.text))) continue;
      const elsewhere = new Set([...served.byOrder].filter(([id]) => id !== '' && !scope.ids.includes(id)).flatMap(([, s]) => [...s]));
      for (const kind of p.signals) {
        if (kind === 'information' || elsewhere.has(kind)) continue;
        if (!gaps.some((g) => g.text === p.text)) gaps.push({ text: p.text, what: KIND_WORDS[kind] });
      }
    }
    for (const kind of wanted) {
      if (kind === 'information' || here.has(kind)) continue;
      const carrying = pieces.filter((p) => p.signals.has(kind));
      // "cancel the wristwatch order": a part naming the items of another order is served by that order's request
      const namesServedOrder = (text: string) =>
        [...served.byOrder].some(([id, set]) => id !== '' && !scope.ids.includes(id) && set.has(kind) && (plan.items.get(id) ?? []).some((n) => nameScore(text, n) >= 2));
      if (carrying.length > 0 && carrying.every((p) => namesServedOrder(p.text))) continue;
      // the word is part of a request that is served ("change the address" is no item change); item
      // change words are the weakest signal ("instead", "prefer") and explain nothing else
      if (carrying.length > 0 && carrying.every((p) => [...p.signals].some((s) => s !== 'information' && s !== 'change_items' && here.has(s)))) continue;
      const where = carrying.length > 0 ? carrying.map((p) => p.text) : [scope.text.trim().split('\n')[0]!];
      for (const w of where) if (!gaps.some((g) => g.text === w)) gaps.push({ text: w, what: KIND_WORDS[kind] });
    }
    // every order named beside a request must be accounted for by a request or an answer ("W2 as well");
    // an order only mentioned ("don't cancel W1, I still want it") asks for nothing
    // …and while something is written, an order on a line of its own that says nothing about it
    // ("From W2: the office chair and the action camera.") is asked about, not left silently
    const writes = [...served.byOrder.values()].some((set) => [...set].some((k) => k !== 'information'));
    const silent = writes && wanted.size === 0 && !LEAVES_ALONE.test(normalize(scope.text));
    const asked = silent || [...wanted].some((k) => k !== 'information') || /\b(as well|too|also|same (for|with|goes))\b/.test(normalize(scope.text));
    for (const id of asked ? scope.ids : []) {
      if (served.byOrder.has(id) || answeredIds.has(id)) continue;
      gaps.push({ text: `order ${id}`, what: `what you would like us to do with order ${id}` });
    }
  }
  // "my other pending order, please cancel that too", "the other order should go there too": with no
  // order numbers, a part pointing to another order needs the request served on a second order
  if (contexts.length === 0) {
    const kindsOf = (p: string) => [...signalsIn(p)].filter((k) => k !== 'information');
    const written = [...signalsIn(text)].filter((k) => k !== 'information');
    for (const p of requestParts(text)) {
      if (!OTHER_ORDER.test(normalize(p))) continue;
      const kinds = kindsOf(p).length > 0 ? kindsOf(p) : /\b(too|as well|also|same)\b/.test(normalize(p)) ? written : [];
      const onTwo = kinds.some((kind) => new Set(requests.filter((r) => r.orderId && (SERVES[r.playbook] ?? []).includes(kind)).map((r) => r.orderId)).size >= 2);
      if (kinds.length > 0 && !onTwo && !gaps.some((g) => g.text === p)) gaps.push({ text: p, what: `${KIND_WORDS[kinds[0]!]} on another order than the one served`, short: true, another: kinds[0]! });
    }
  }
  // "please cancel both", "two of my orders…": as many orders as the text counts must carry the request
  for (const p of requestParts(text)) {
    const t = normalize(p);
    const n = ordersCounted(t);
    if (n === 0) continue;
    for (const kind of signalsIn(p)) {
      if (kind === 'information' || (kind !== 'cancel' && !ORDERS_COUNTED.test(t))) continue;
      const on = new Set(requests.filter((r) => r.orderId && (SERVES[r.playbook] ?? []).includes(kind)).map((r) => r.orderId)).size;
      if (on < n && !gaps.some((g) => g.text === p)) gaps.push({ text: p, what: `${KIND_WORDS[kind]} on ${n} orders (we found ${on})`, short: true });
    }
  }
  return { understood: requests.filter((r) => r.playbook !== 'hand_over').map((r) => r.summary), gaps };
}

/** Orders counted in words: "both", "the two", "two of my orders" (a whole order is cancelled, so "cancel both" counts orders). */
const ORDERS_COUNTED = /\b(both|two|three) (of )?(my |the |these |those )?(open |pending )?(orders|ones|deliveries|purchases)\b/;
function ordersCounted(t: string): number {
  const m = /\b(both|the two (orders|ones)|two of (my|the|these|those)|the three (orders|ones)|three of (my|the|these|those)|all three)\b/.exec(t) ?? ORDERS_COUNTED.exec(t);
  if (!m) return 0;
  return /three/.test(m[0]) ? 3 : 2;
}
