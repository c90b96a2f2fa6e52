// What a ticket's text says, before anything is grounded: order ids, the requests about each,
// cancel reasons, payment wishes, addresses, identity, and signs of out-of-scope or injected asks.
import type { Address } from '../../../shared/retail.ts';
import { clauses, normalize } from './text.ts';

export type RequestKind = 'cancel' | 'return' | 'change_items' | 'order_address' | 'payment' | 'default_address' | 'information' | 'billing';

/** The orders a run of clauses is about, and that text. */
export interface OrderContext {
  orderIds: string[];
  text: string;
}

const ORDER_ID = /#?\b[Ww]\s?(\d{7})\b/g;

export function orderIdsIn(text: string): string[] {
  return [...new Set([...text.matchAll(ORDER_ID)].map((m) => `#W${m[1]}`))];
}

/** Ids mentioned only as a reference ("(same address my order #W1 went to)"): inside parentheses. */
function targetIdsIn(clause: string): string[] {
  return orderIdsIn(clause.replace(/\([^)]*\)/g, ' '));
}

/** Clauses grouped by the orders they are about: a clause without an id belongs to the orders before it. */
export function orderContexts(body: string): { contexts: OrderContext[]; preamble: string } {
  const contexts: OrderContext[] = [];
  let preamble = '';
  let current: OrderContext | undefined;
  for (const clause of clauses(body)) {
    const ids = targetIdsIn(clause);
    const same = current && ids.length > 0 && ids.every((id) => current!.orderIds.includes(id));
    if (ids.length > 0 && !same) {
      current = { orderIds: ids, text: clause };
      contexts.push(current);
    } else if (current) current.text += `\n${clause}`;
    else preamble += `${clause}\n`;
  }
  return { contexts, preamble };
}

const has = (text: string, re: RegExp) => re.test(normalize(text));

const NEGATED = /\b(don't|do not|dont|not|never|no need to)\s+(\w+\s+){0,2}$/;

/** The word occurs and is not negated just before it ("don't cancel"). */
function asks(text: string, re: RegExp): boolean {
  const t = normalize(text);
  for (const m of t.matchAll(new RegExp(re.source, 'g'))) {
    if (!NEGATED.test(t.slice(Math.max(0, m.index - 30), m.index))) return true;
  }
  return false;
}

export const PATTERNS = {
  cancel: /\b(cancel|cancell?ation|canel|cancle)\w*/,
  return: /\b(return|retrun|retun|send(ing)? .{0,60}\bback\b|ship(ping)? .{0,40}\bback\b|take .{0,40}\bback\b)\w*/,
  exchange: /\b(exchange|exhange|exchnage|swap|trade)\w*/,
  change: /\b(change|switch|modify|replace|upgrade|instead|make (it|them|the)|rather have|prefer|want the|go for|could it be)\w*/,
  payment: /\b(pay(ment)? (with|using|by)|pay for (it|the order) with|(change|switch|update) (the )?payment|payment method|charge (it|the order) to|bill (it|the order) to|use my .{0,25} instead)\b/,
  address: /\b(address|ship(ped)? to|send (it|them) to|deliver(ed)? to|should go to|go to my)\b/,
  defaultAddress: /\b(default|on (my|the) account|account address|my profile|on file|i moved|i've moved|i have moved|new home|moved house)\b/,
  information: /\b(track|tracking|where is|where's|status|shipped|arrive|arrived yet|deliver(ed|y) (date|yet)|balance|how much .* left|which address|what address|confirm which|what .* on (my|the) account|when will)\b/,
  billing: /\b(charged (me )?twice|charge[ds]? twice|double[- ]charg\w*|two (payments|charges)|twice for|overcharg\w*|charged (me )?more|taken for|more than (my|the) (order )?total|refund (never|hasn't|has not|didn't|did not)|(never|not) (got|received|arrived|come back|came back)|nothing has come back|hasn't come back|missing refund|refund is missing|statement)\b/,
} as const;

/** The requests of one order's text (status decides later between item change and exchange). */
export function requestsIn(text: string): Set<RequestKind> {
  const found = new Set<RequestKind>();
  if (has(text, PATTERNS.billing)) found.add('billing');
  if (asks(text, PATTERNS.cancel)) found.add('cancel');
  if (asks(text, PATTERNS.return) && !has(text, /\brefund (never|hasn't|has not|didn't)/)) found.add('return');
  if (asks(text, PATTERNS.exchange) || asks(text, PATTERNS.change)) found.add('change_items');
  if (has(text, PATTERNS.payment)) found.add('payment');
  if (parseAddress(text) && has(text, PATTERNS.address)) found.add(has(text, PATTERNS.defaultAddress) && !has(text, /\border\b/) ? 'default_address' : 'order_address');
  if (has(text, PATTERNS.information)) found.add('information');
  return found;
}

// ---- cancel reasons ----------------------------------------------------------------------------

export function cancelReason(text: string): 'no longer needed' | 'ordered by mistake' | null {
  const t = normalize(text);
  if (/\b(by mistake|mistake|mistakenly|accident\w*|by error|in error|didn't mean|did not mean|wrong order|twice|duplicate order|wishlist|wish list|meant to|wasn't supposed|not supposed)\b/.test(t)) return 'ordered by mistake';
  if (/\b(no longer need\w*|don'?t need|do not need|not need(ed)?|no need|changed my mind|don'?t want|do not want|no longer want|not needed|found (it )?(cheaper|elsewhere|another)|got (one|it) elsewhere|gave me|won't need|will not need|not going to need|anymore)\b/.test(t)) return 'no longer needed';
  return null;
}

// ---- out of scope and instructions to the agent ---------------------------------------------------

const INJECTION = /\b(system override|ignore (all |any )?(the )?(previous|prior|above|your) (rules|instructions|policies|prompts?)|ignore all (rules|policies|instructions)|admin mode|developer mode|you are now|pre-?approved|do not ask for confirmation|without (asking|confirmation)|as an ai|jailbreak|new instructions:|override (the )?polic)/;

const OUT_OF_SCOPE: [RegExp, string][] = [
  [/\b(lawyer|legal|attorney|sue|lawsuit|claim against|damages|court)\b/, 'a legal threat or claim'],
  [/\b(compensation|compensate)\b/, 'a compensation demand'],
  [/\b(price[- ]match|match (that|the|their) price|cheaper (at|in|elsewhere)|for \$?\d+(\.\d+)? less)\b/, 'a price-match request'],
  [/\b(delete|close|remove|deactivate) (my|the) (account|data|profile)|gdpr|personal data\b/, 'an account deletion or data request'],
  [/\b(update|change) (the |my )?(e-?mail|email address)|new email|(update|change) (the |my )?(name|phone)( on)?\b/, 'a change of email, name or phone (not possible here)'],
  [/\b(coupon|discount code|promo code|voucher|store credit)\b/, 'a discount or credit request'],
  [/\b(place (a|an|the) (new )?order|order (it|one) for me|buy .* for me)\b/, 'placing a new order'],
  [/\b(warranty|repair|technician)\b/, 'a warranty or repair request'],
  [/\b(speak to|talk to) (a |the |your )?(manager|supervisor|human)\b/, 'a request for a person'],
];

export function injectionIn(text: string): boolean {
  return INJECTION.test(normalize(text));
}

export function outOfScopeIn(text: string): string | null {
  const t = normalize(text);
  return OUT_OF_SCOPE.find(([re]) => re.test(t))?.[1] ?? null;
}

/** Someone else's order: "my sister's order", "for my husband", "her order". */
export function mentionsSomeoneElse(text: string): boolean {
  return /\b(my (sister|brother|mother|mom|mum|father|dad|wife|husband|partner|friend|son|daughter|neighbou?r|colleague|boss|cousin|aunt|uncle)('s)?\b.{0,40}\b(order|account)|(her|his|their) order|on behalf of|for (her|him))\b/.test(normalize(text));
}

// ---- identity ------------------------------------------------------------------------------------

export function emailsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g)].map((m) => m[0].toLowerCase()))];
}

/** "My name is Omar Anderson", "This is Omar Anderson", a signature of two capitalised words. */
export function namesIn(text: string): { first: string; last: string }[] {
  const out: { first: string; last: string }[] = [];
  const push = (first?: string, last?: string) => {
    if (first && last) out.push({ first, last });
  };
  for (const m of text.matchAll(/\b(?:name is|this is|i am|i'm|it's)\s+([A-Z][a-z]+)\s+([A-Z][a-z]+)/g)) push(m[1], m[2]);
  for (const m of text.matchAll(/^\s*(?:[-–]\s*)?([A-Z][a-z]+)\s+([A-Z][a-z]+)\s*\.?\s*$/gm)) push(m[1], m[2]);
  return out;
}

export function zipsIn(text: string): string[] {
  const near = [...text.matchAll(/\b(?:zip|postal|postcode|zip code)\D{0,15}(\d{5})\b/gi)].map((m) => m[1]!);
  return near.length > 0 ? near : [...new Set([...text.matchAll(/(?<![\d#W])\b(\d{5})\b(?!\d)/g)].map((m) => m[1]!))];
}

// ---- addresses -----------------------------------------------------------------------------------

const STATES: Record<string, string> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT', delaware: 'DE', florida: 'FL', georgia: 'GA',
  hawaii: 'HI', idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA', kansas: 'KS', kentucky: 'KY', louisiana: 'LA', maine: 'ME', maryland: 'MD',
  massachusetts: 'MA', michigan: 'MI', minnesota: 'MN', mississippi: 'MS', missouri: 'MO', montana: 'MT', nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH',
  'new jersey': 'NJ', 'new mexico': 'NM', 'new york': 'NY', 'north carolina': 'NC', 'north dakota': 'ND', ohio: 'OH', oklahoma: 'OK', oregon: 'OR',
  pennsylvania: 'PA', 'rhode island': 'RI', 'south carolina': 'SC', 'south dakota': 'SD', tennessee: 'TN', texas: 'TX', utah: 'UT', vermont: 'VT',
  virginia: 'VA', washington: 'WA', 'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY', 'district of columbia': 'DC',
};

const ADDRESS =
  /(\d+[A-Za-z]?(?:\s+[A-Za-z0-9.'-]+){1,6}?)\s*,\s*(?:((?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Floor|Fl\.?|Room|#)\s*[\w-]+)\s*,?\s*)?([A-Za-z][A-Za-z .'-]*?)\s*,\s*([A-Z]{2}|[A-Za-z][A-Za-z ]+?)\s*,?\s+(\d{5})(?:-\d{4})?(?:\s*,?\s*(USA|U\.S\.A\.|United States(?: of America)?|US)\b)?/;

/** The first full postal address in the text (street, optional unit, city, state, zip). */
export function parseAddress(text: string): Omit<Address, 'country'> & { country: string } | null {
  const m = ADDRESS.exec(text.replace(/\s+/g, ' '));
  if (!m) return null;
  const stateRaw = m[4]!.trim();
  const state = /^[A-Z]{2}$/.test(stateRaw) ? stateRaw : STATES[stateRaw.toLowerCase()];
  if (!state) return null;
  return { address1: m[1]!.trim(), address2: (m[2] ?? '').trim(), city: m[3]!.trim(), state, country: 'USA', zip: m[5]! };
}
