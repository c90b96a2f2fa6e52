// The understand stage: a ticket's text → typed Requests (kind + slots, each with the span of text it
// came from). Sentences, negation, numbers and lemmas come from a kept NLP library (compromise); the
// request cues from the planner's reviewed lexicon; the store's words — product names, option names
// and values — from what the systems returned (the customer's orders and their products), never from
// a list of tickets. Grounding and composition then read these, and the plan carries them.
import nlp from 'compromise';
import type { ItemRef, OptionConstraint, OrderRef, PaymentWish, Request, Span } from '../../../shared/request.ts';
import type { OrderDetails, ProductDetails } from './reads.ts';
import { cancelReason, orderIdsIn, parseAddress, PATTERNS, requestsIn, type RequestKind as Signal } from './extract.ts';
import { nameScore } from './items.ts';
import { wishes } from './payment.ts';
import { normalize } from './text.ts';

/** The store's own words, as the systems showed them: each product's name and its options' values. */
export interface Catalogue {
  products: { name: string; options: Record<string, string[]> }[];
}

/** The catalogue of what the planner read: the products of the orders read, with every variant's option values. */
export function catalogueOf(seen: { orders: OrderDetails[]; products: ProductDetails[] }): Catalogue {
  const byName = new Map<string, Map<string, Set<string>>>();
  const add = (name: string, options: Record<string, string>) => {
    const opts = byName.get(name) ?? new Map<string, Set<string>>();
    for (const [k, v] of Object.entries(options)) opts.set(k, (opts.get(k) ?? new Set()).add(v));
    byName.set(name, opts);
  };
  for (const o of seen.orders) for (const it of o.items) add(it.name, it.options);
  for (const p of seen.products) for (const v of Object.values(p.variants)) add(p.name, v.options);
  return { products: [...byName].map(([name, opts]) => ({ name, options: Object.fromEntries([...opts].map(([k, vs]) => [k, [...vs]])) })) };
}

const KIND: Record<Signal, Request['kind']> = {
  cancel: 'cancel',
  return: 'return',
  change_items: 'change_items',
  order_address: 'change_shipping_address',
  payment: 'change_payment',
  default_address: 'change_default_address',
  billing: 'billing_dispute',
  information: 'information',
};

const NEGATION = /\b(not|no|never|without|don'?t|doesn'?t|isn'?t|aren'?t|except|but not|rather than|instead of)\b[^.,;!?]{0,24}$/;
const KEEP = /\b(keep(ing)?|leave|fine|happy with|love)\b/;
const MORE = /\b(bigger|larger|longer|taller|more|higher|faster|stronger|heavier|upsize)\b/;
const LESS = /\b(smaller|shorter|lighter|less|lower|cheaper|slower|size down)\b/;
const SAME = /\b(same (as|one)|just like|identical)\b/;
const INDIFFERENT = /\b(doesn'?t|does not|don'?t|do not) (matter|care)\b|\bany (colou?r|size|one)\b/;

const spanOf = (text: string, start: number, said: string): Span => ({ start, end: start + said.length, text: said });

function orderRef(sentence: string, at: number, items: ItemRef[]): OrderRef | null {
  const t = normalize(sentence);
  const id = orderIdsIn(sentence)[0];
  if (id) {
    const i = sentence.search(new RegExp(id.slice(2)));
    return { by: 'id', orderId: id, ...(i >= 0 ? { span: spanOf(sentence, at + Math.max(0, i - 2), sentence.slice(Math.max(0, i - 2), i + 7)) } : {}) };
  }
  const status = /\b(pending|delivered|processed|cancell?ed|shipped|not (yet )?shipped)\b/.exec(t);
  if (status && /\b(order|package|one|purchase)\b/.test(t)) return { by: 'status', status: status[1]!.startsWith('not') ? 'pending' : status[1]! };
  if (/\b(other|second) (order|one|delivery|package|purchase)\b/.test(t)) return { by: 'recency', which: 'other' };
  if (/\b(last|latest|most recent|recent) (order|purchase|delivery|package)\b/.test(t)) return { by: 'recency', which: 'latest' };
  if (items.length > 0 && /\b(order|package|delivery|purchase|shipment)\b/.test(t)) return { by: 'items', words: items.map((i) => i.phrase) };
  return null;
}

/** The products a sentence names, each with the option wishes said about it. */
function itemsIn(sentence: string, at: number, catalogue: Catalogue): ItemRef[] {
  const t = normalize(sentence);
  const refs: ItemRef[] = [];
  for (const p of catalogue.products) {
    if (nameScore(sentence, p.name) < 2) continue;
    const constraints: OptionConstraint[] = [];
    for (const [option, values] of Object.entries(p.options)) {
      for (const value of values) {
        const v = normalize(value);
        const i = t.indexOf(v);
        if (v.length < 2 || i < 0 || !new RegExp(`(^|[^a-z0-9])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9])`).test(t)) continue;
        constraints.push({ option, value, relation: NEGATION.test(t.slice(0, i)) ? 'not' : 'is', span: spanOf(sentence, at + i, sentence.slice(i, i + v.length)) });
      }
      if (new RegExp(`\\b${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(t) && INDIFFERENT.test(t)) constraints.push({ option, value: '', relation: 'any' });
    }
    if (MORE.test(t)) constraints.push({ option: null, value: MORE.exec(t)![1]!, relation: 'more' });
    if (LESS.test(t)) constraints.push({ option: null, value: LESS.exec(t)![1]!, relation: 'less' });
    if (SAME.test(t)) constraints.push({ option: null, value: SAME.exec(t)![1]!, relation: 'same' });
    const word = p.name.toLowerCase().split(/\s+/).find((w) => t.includes(w)) ?? p.name.toLowerCase();
    const i = t.indexOf(word);
    refs.push({ phrase: p.name, keep: KEEP.test(t) && !/\b(return|exchange|cancel|change|swap)\b/.test(t), constraints, ...(i >= 0 ? { span: spanOf(sentence, at + i, sentence.slice(i, i + word.length)) } : {}) });
  }
  return refs;
}

function paymentIn(sentence: string): PaymentWish | undefined {
  const w = wishes(sentence)[0];
  if (!w) return undefined;
  if (w.original) return { kind: 'original' };
  const kind = w.source === 'gift_card' ? 'gift_card' : w.source === 'paypal' ? 'paypal' : w.source === 'credit_card' ? 'card' : 'unspecified';
  return { kind, ...(w.lastFour ? { detail: w.lastFour } : w.brand ? { detail: w.brand } : {}) };
}

/**
 * The requests of a ticket's text, one per kind per sentence, in the customer's order. A sentence
 * with no order of its own ("please cancel it") takes the one the sentence before named.
 */
export function understand(text: string, catalogue: Catalogue): Request[] {
  const out: Request[] = [];
  const sentences = (nlp(text).sentences().json({ offset: true }) as { text: string; offset: { start: number } }[]).map((s) => ({ text: s.text, at: s.offset.start }));
  let lastRef: OrderRef | null = null;
  for (const { text: sentence, at } of sentences) {
    const kinds = [...requestsIn(sentence)];
    const items = itemsIn(sentence, at, catalogue);
    const ref = orderRef(sentence, at, items);
    if (ref) lastRef = ref;
    const address = parseAddress(sentence);
    const reason = cancelReason(sentence);
    const payment = paymentIn(sentence);
    for (const signal of kinds) {
      let kind = KIND[signal];
      if (kind === 'change_items' && PATTERNS.exchange.test(normalize(sentence))) kind = 'exchange';
      const order = ref ?? lastRef ?? { by: 'unspecified' as const };
      const request: Request = {
        kind,
        order,
        items: kind === 'change_payment' || kind === 'billing_dispute' ? [] : items,
        ...(payment && kind !== 'cancel' ? { payment } : {}),
        ...(address && (kind === 'change_shipping_address' || kind === 'change_default_address') ? { address: [address.address1, address.address2, address.city, `${address.state} ${address.zip}`].filter(Boolean).join(', ') } : {}),
        ...(reason && kind === 'cancel' ? { reason: { text: reason } } : {}),
        ...(kind === 'information' ? { topic: /\b(track|where|arriv|deliver|ship)/.test(normalize(sentence)) ? 'tracking' : /\b(balance|gift ?card)\b/.test(normalize(sentence)) ? 'balance' : /\b(colou?rs?|sizes?|options?|versions?|available|in stock)\b/.test(normalize(sentence)) ? 'options' : 'status' } : {}),
        span: spanOf(sentence, at, sentence),
        summary: `${kind.replace(/_/g, ' ')}${order.by === 'id' ? ` ${order.orderId}` : order.by === 'unspecified' ? '' : ` (order by ${order.by})`}`,
        ...(order.by === 'id' ? { orderId: order.orderId } : {}),
      };
      out.push(request);
    }
  }
  return out;
}
