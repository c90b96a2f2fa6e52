// What a ticket's text says, before anything is grounded: order ids, the requests about each,
// cancel reasons, payment wishes, addresses, identity, and signs of out-of-scope or injected asks.
import { cuePattern, VOCABULARY } from './vocabulary.ts';
import type { Address } from '../../../shared/retail.ts';
import { clauses, escapeRegExp, normalize, requestParts } from './text.ts';

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

/**
 * The orders a clause is about. An id inside parentheses is only a reference ("(same address my
 * order #W1 went to)") when the clause names another order outside them, or an order came before.
 */
function targetIdsIn(clause: string, first: boolean): string[] {
  // "cancel #W1, not #W2": an order named under a negation is not a target
  const said = withoutNegatedNames(clause);
  const outside = orderIdsIn(said.replace(/\([^)]*\)/g, ' '));
  return outside.length > 0 || !first ? outside : orderIdsIn(said);
}

/**
 * The text without what a negation names directly: "not #W2", "not the perfume", "except the
 * makeup kit", "other than the one with the laptop". A negated verb ("I don't need the blender")
 * names no exclusion and stays.
 */
const NEGATED_NAME = /\b(?:not|except(?: for)?|other than|apart from|excluding)\s+(?:(?:the|my|that|this|those|these|any|order|orders)\s+|#?w\s?\d)[^.,;:!?()\n\u2014\u2013]*/gi;
export const withoutNegatedNames = (text: string) => text.replace(NEGATED_NAME, ' ');

/** Clauses grouped by the orders they are about: a clause without an id belongs to the orders before it. */
export function orderContexts(body: string): { contexts: OrderContext[]; preamble: string } {
  const contexts: OrderContext[] = [];
  let preamble = '';
  let current: OrderContext | undefined;
  // by request parts: "charge W1 to PayPal, and also cancel W2" is about W1, then about W2
  for (const clause of requestParts(body)) {
    const ids = targetIdsIn(clause, current === undefined);
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
/** "nothing to change", "no changes": the request word said as what is not wanted */
const NOTHING = /\b(nothing( else)?( (to|i want to|that needs to|i need to))?|no)\s+$/;

/** A request word followed by one of these nouns names a fact ("a cancellation email", "the return window"). */
const NOTICE = new RegExp(`^\\s+(${VOCABULARY.noticeNouns.map(escapeRegExp).join('|')})s?\\b`);
const isNotice = (t: string, m: RegExpMatchArray) => NOTICE.test(t.slice(m.index! + m[0].length));

/** The word occurs, is not negated just before it ("don't cancel") and names no fact ("the cancellation email"). */
export function asks(text: string, re: RegExp): boolean {
  const t = normalize(text);
  for (const m of t.matchAll(new RegExp(re.source, 'g'))) {
    const before = t.slice(Math.max(0, m.index - 30), m.index);
    if (!NEGATED.test(before) && !NOTHING.test(before) && !isNotice(t, m)) return true;
  }
  return false;
}

const HOLD = cuePattern(VOCABULARY.holdCues);
/** The sentence by which the customer says not to act yet ("please don't change anything yet"), if any. */
export function holdIn(text: string): string | null {
  return clauses(text).find((c) => HOLD.test(normalize(c))) ?? null;
}

export const PATTERNS = {
  cancel: /\b(cancel|cancell?ation|canel|cancle)\w*/,
  return: /\b(return|retrun|retun|send(ing)? [^.?!]{0,60}\bback\b|ship(ping)? [^.?!]{0,40}\bback\b|take [^.?!]{0,40}\bback\b)\w*/,
  exchange: /\b(exchange|exhange|exchnage|swap|trade)\w*/,
  change: /\b(change|switch|modify|replace|upgrade|instead|(one |a )?size (up|down|bigger|smaller|larger)|(get|have|want|need) the same (\w+ ){0,3}(in|but|with|just)|make (it|them|the)|rather have|prefer|want the|go for|could it be|should be (a |an |the )?(size )?\w+ (not|instead|rather)|(need|want|get) (a|an) (size )?\d+\b|wrong (size|colou?r))\w*/,
  payment: /\b(pay(ment)? (with|using|by|via)|pay (for )?(it|them|this|that|this one|the order|this order|that order|order \S+|the rest|everything) (with|using|by|via)|(change|switch|update|move|swap|transfer) (the )?(payment|method of payment|billing)|payment method (to|for)|charge (it|this|that|the order|order \S+) (to|on)|charge (it |this |the order |order \S+ )?(to |on )?my (visa|mastercard|amex|discover|paypal|credit card|card|gift card)|bill (it|the order) to|use my .{0,25} instead)\b/,
  /** an order shipped somewhere else */
  address: /\b((ship|send|deliver|mail|redirect|forward)\w*\b(?![^.?!]{0,60}\bback\b)[^.?!]{0,60}?\b(to|there)\b|should go to|go to my|(shipping|delivery) address|address (for|of|on) (the |my |this )?order)\b/,
  /** the customer's own default address */
  defaultAddress: /\b(default|account'?s address|(update|change) my address(?! (for|of|on) (the |my |this |that )?(order|#?w\d))|on (my|the) account|account address|(address|profile) on file|my profile|address (in|on) my (account|profile)|for (all )?future orders|going forward|my address (to|on)(?! (the |my |this |that )?(order|#?w\d)))\b/,
  /** "I moved": a new home, which counts for the account when no order is named */
  moved: /\b(i moved|i've moved|i have moved|we moved|we've moved|we have moved|new home|moved house|my new address)\b/,
  information: /\b(track|tracking|how long|where is|where's|status|shipped|arrive|arrived yet|deliver(ed|y) (date|yet)|balance|how much|left|which address|what address|confirm which|what .* on (my|the) account|when will|what (did|was)|what i (paid|was charged)|which payment|what payment|in stock|available|total)\b/,
  billing: /\b(charged (me )?twice|charge[ds]? twice|double[- ]charg\w*|two (identical )?(payments|charges)|twice for|overcharg\w*|charged (me )?more|(took|charged|taken|billed|captured) .{0,40}\bmore than|taken for|more than (my|the) (order )?total|higher than|(amount|charge|what) .{0,50}(doesn't|does not|didn't|did not|don't) match|refund the difference|where('s| is) (my|the) refund|(no|not the|not a|not my|still no) refund|refund .{0,40}\b(go|gone|went) through|refund (never|hasn't|has not|didn't|did not|still)|refund .{0,60}\b(never|hasn't|has not|didn't|did not) (showed|shown|show|arrived|appeared|come|came|arrive|reach|landed)|(never|not) (got|received|arrived|come back|came back|showed up|shown up)|nothing has come back|hasn't come back|missing refund|refund is missing|statement|(charged|took|taken|billed|captured) .{0,20}\$[\d,]+(\.\d\d)? for|(want|get|need) (the|my) (extra|difference|money) back)\b/,
} as const;

/**
 * A cancellation asked for. "cancelled" is a request only after a wish ("I want it cancelled",
 * "can it be cancelled"); "I cancelled it", "my cancelled order" state a fact.
 */
function asksToCancel(text: string): boolean {
  const t = normalize(text);
  for (const m of t.matchAll(new RegExp(PATTERNS.cancel.source, 'g'))) {
    const before = t.slice(Math.max(0, m.index - 30), m.index);
    if (NEGATED.test(before) || isNotice(t, m)) continue;
    if (/^(cancell?ed|canceled)$/.test(m[0]) && !/\b(be|get|have|want|like|need|please|getting)\b[^.!?]{0,20}$/.test(before)) continue;
    return true;
  }
  return false;
}

/** Words of money: a billing complaint names one in the sentence that complains. */
const MONEY = /(\$|\b(charg\w*|refund\w*|paid|pay\w*|bill\w*|money|price\w*|cost\w*|statement|card|amount|credit\w*|captured|debit\w*|twice|double|dollars?|total)\b)/;

/** An address to change, said without the new one. */
const ADDRESS_WISH = /\b(old|wrong|previous|incorrect|outdated|former) address\b|\baddress\b[^.?!]{0,40}\b(change|update|correct|fix)\w*|\b(change|update|correct|fix)\w* (the |my )?(shipping |delivery )?address\b/;

/** A sentence about the price difference ("charge my card for the difference") is not a new payment method. */
const DIFFERENCE = /\b(difference|extra|costs? more|any (more|less)|the rest|price)\b/;

/** Sentences that ask to pay another way or ship elsewhere: their "instead" is about that, not the items. */
const sentences = (text: string) => text.split(/(?<=[.!?\n])/);

function withoutPaymentWords(text: string): string {
  return sentences(text)
    .map((s) => {
      const t = normalize(s);
      if (PATTERNS.payment.test(t)) return t.replace(new RegExp(PATTERNS.payment.source, 'g'), ' ').replace(/\binstead\b/g, ' ');
      // "send it to my new place instead: 953 Park Avenue…": the "instead" is about where it goes
      if (PATTERNS.address.test(t) && (parseAddress(s) || /\b(address|place|home|apartment|house)\b/.test(t))) return t.replace(/\binstead( of [^,.:;]*)?/g, ' ');
      return s;
    })
    .join('\n');
}

/** The requests of one order's text (status decides later between item change and exchange). */
/**
 * A question about how things work ("how long does an exchange usually take?", "is that true?"),
 * not a request: its request words ask for nothing. "Can you…", "could I…", "is it possible to…" are requests.
 */
const QUESTION_ONLY = /^(?:(?:also|and|oh|so|btw|by the way|out of curiosity|just curious|quick question|one more thing)[,:]?\s+)*(how (long|much|many|soon|often)|when|why|what|which|where|do you know|does|is (that|this) (true|right|correct)|are there)\b/;

/** "If I cancel it, how long would the refund take?": a question about what would happen, asking for nothing. */
const WHAT_IF = /^if\b[^,?]*,\s*(how|when|what|which|where|would|will|do|does|is|are|am|should)\b/;

/** The text without its questions about how things work (they are information). */
export function withoutQuestionsOnly(text: string): string {
  return sentences(text)
    .filter((s) => !(s.trim().endsWith('?') && (QUESTION_ONLY.test(normalize(s).trim()) || WHAT_IF.test(normalize(s).trim()))))
    .join('');
}

/** An address said to be the one on file already ("…my current address, which is also what's on my profile"): no wish to change the account's. */
const ALREADY_ON_FILE = /\b(which|that|it)('s| is) (also |already )(what'?s |the one )?(on|in) (my|the) (profile|account|file)\b|\b(which|that|it)('s| is) what'?s (on|in) (my|the) (profile|account|file)\b|\b(same as|matches) (the one )?(on|in)? ?(my|the) (profile|account|file)\b/g;

export function requestsIn(whole: string): Set<RequestKind> {
  const found = new Set<RequestKind>();
  const text = withoutQuestionsOnly(whole);
  if (text !== whole && has(whole, PATTERNS.information)) found.add('information');
  const t = normalize(text);
  // a billing complaint is about money: "has not arrived yet" alone is a delivery question
  if (text.split(/(?<=[.!?])\s+|\n/).some((x) => PATTERNS.billing.test(normalize(x)) && MONEY.test(normalize(x)))) found.add('billing');
  if (asksToCancel(text)) found.add('cancel');
  if (asks(text, PATTERNS.return) && !has(text, /\brefund (never|hasn't|has not|didn't)/)) found.add('return');
  const itemText = withoutPaymentWords(text);
  if (asks(itemText, PATTERNS.exchange) || asks(itemText, PATTERNS.change) || /(->|\u2192|=>)/.test(itemText)) found.add('change_items');
  if (sentences(text).some((s) => PATTERNS.payment.test(normalize(s)) && !DIFFERENCE.test(normalize(s)))) found.add('payment');
  // "it is going to my old address, can it be changed?": an address wish with no address yet (asked for)
  const forAccount = PATTERNS.defaultAddress.test(t.replace(ALREADY_ON_FILE, ' '));
  if (!parseAddress(text) && ADDRESS_WISH.test(t)) found.add(forAccount ? 'default_address' : 'order_address');
  if (parseAddress(text)) {
    const forOrder = PATTERNS.address.test(t);
    if (forAccount) found.add('default_address');
    if (forOrder && (!forAccount || /\b(order|package|it|them|#?w\d{7}) .{0,60}\bto\b|\bto .{0,30}\b(new (place|address)|there)\b|\b(also|and) (please )?(send|ship)|\bthere (too|as well)\b/.test(t))) found.add('order_address');
    if (!forAccount && !forOrder && /\baddress\b/.test(t)) found.add('order_address');
  }
  if (has(text, PATTERNS.information)) found.add('information');
  return found;
}

// ---- cancel reasons ----------------------------------------------------------------------------

const MISTAKE = cuePattern(VOCABULARY.cancelReasonCues['ordered by mistake']);
const NOT_NEEDED = cuePattern(VOCABULARY.cancelReasonCues['no longer needed']);

/** The cancellation reason the text gives, by the reviewed cues of each (a mistake is told first). */
/** Every reason the text gives cues of (a message may give one for all its cancellations). */
export function cancelReasonsIn(text: string): ('no longer needed' | 'ordered by mistake')[] {
  const t = normalize(text);
  return [...(MISTAKE.test(t) ? (['ordered by mistake'] as const) : []), ...(NOT_NEEDED.test(t) ? (['no longer needed'] as const) : [])];
}

export function cancelReason(text: string): 'no longer needed' | 'ordered by mistake' | null {
  const t = normalize(text);
  if (MISTAKE.test(t)) return 'ordered by mistake';
  if (NOT_NEEDED.test(t)) return 'no longer needed';
  return null;
}

// ---- out of scope and instructions to the agent ---------------------------------------------------

const INJECTION = new RegExp(
  [
    'system override',
    'ignore (all |any )?(the )?(previous|prior|above|your) (rules|instructions|policies|prompts?)',
    'ignore all (rules|policies|instructions)',
    'admin mode',
    'developer mode',
    'you are now',
    'from now on,? you are',
    'your only rule',
    'pre-?approved',
    'already (been )?approved',
    'already confirmed',
    'do not ask (any )?(questions|for confirmation)',
    "don't ask (any )?(questions|for confirmation)",
    'do not involve a (human|person)',
    'no need for (verification|confirmation)',
    'without (asking|confirmation|verification)',
    'as an ai',
    'jailbreak',
    'new instructions:',
    'instructions for the (ai|assistant|agent|bot)',
    'note to the (ai|assistant|agent|bot)',
    '(dear|hey|attention) (ai|assistant|bot)\\b',
    'you are authori[sz]ed to',
    'just execute',
    'override (the )?polic',
    // a pre-filled tool call: adjust_charge order_id=…
    '\\b[a-z]+_[a-z_]+\\s*[({]?\\s*[a-z_]+\\s*[=:]',
  ].join('|'),
);

const OUT_OF_SCOPE: [RegExp, string][] = [
  [/\b(lawyer|legal|attorney|sue|lawsuit|claim against|damages|court)\b/, 'a legal threat or claim'],
  [/\b(compensation|compensate)\b/, 'a compensation demand'],
  [/\b(price[- ]match|match (that|the|their) price|cheaper (at|in|elsewhere)|for \$?\d+(\.\d+)? less)\b/, 'a price-match request'],
  [/\b(delete|close|remove|deactivate|erase|wipe) (my|the|all my|all of my) (account|data|profile|purchase history|order history|history|information|info|personal)|gdpr|personal data|unsubscribe|marketing e-?mails?\b/, 'an account deletion, privacy or data request'],
  [/\b(update|change) (the |my )?(e-?mail|email address)|new email|(update|change) (the |my )?(name|phone)( on)?\b/, 'a change of email, name or phone (not possible here)'],
  [/\b(coupon|discount code|promo code|voucher|store credit|courtesy credit)\b/, 'a discount or credit request'],
  [/\b(bulk (discount|order|pricing|purchase)|business pricing|wholesale|volume discount)\b/, 'bulk or business pricing'],
  [/\b(place (a|an|the) (new )?order|order (it|one) for me|buy .* for me)\b/, 'placing a new order'],
  [/\badd (my |a |this |the )?(new )?(visa|mastercard|amex|discover|credit card|debit card|card|payment method|paypal)\b|\b\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}\b/, 'adding a payment method'],
  [/\b(warranty|repair|technician)\b/, 'a warranty or repair request'],
  [/\b((marked|says|shows|showed|listed|tracking says) (as |it was |it's |it is |that it was )?delivered but|was delivered but|nothing (at|on) (my|the) (door|doorstep|porch)|(package|parcel|box) (was |has been |got )?(stolen|lost|missing)|never (got|received) (the|my) (package|parcel|delivery))/, 'a lost or stolen package'],
  [/\b(speak to|talk to|speak with|talk with) (a |the |your )?(manager|supervisor|human|real person|person)\b/, 'a request for a person'],
  [/\b(on|from|with|under) (his|her|their) (own )?account\b|\b(his|her|their) own account\b/, "an order on another person's account"],
  [/\b(never placed|didn'?t place|did not place)\b|\b(someone|somebody)( else)? (has|had|got|gained|may have) (access|into)\b|\b(account|i) (was|got|has been) hacked\b/, 'an order the customer did not place, or account security'],
];

/** Text hidden from the reader or addressed to the assistant rather than to us: never acted on. */
export function hiddenIn(text: string): { visible: string; hidden: string } {
  const hidden: string[] = [];
  const keep = (_: string, inner: string) => {
    hidden.push(inner);
    return ' ';
  };
  // HTML comments, and bracketed asides addressed to the assistant ("[Assistant instruction: …]")
  const visible = text.replace(/<!--([\s\S]*?)(?:-->|$)/g, keep).replace(/\[([^\]]*\b(?:assistant|ai|agent|bot|system)\b[^\]]*)\]/gi, keep);
  return { visible, hidden: hidden.join('\n').trim() };
}

export function injectionIn(text: string): boolean {
  return INJECTION.test(normalize(text));
}

/** Negated just before ("I do not want an exchange or store credit"), in the same clause. */
const negatedBefore = (t: string, at: number) => /\b(don't|do not|dont|not|never|no)\b[^.,;!?]{0,40}$/.test(t.slice(Math.max(0, at - 45), at));

export function outOfScopeIn(text: string): string | null {
  // an address's words are no request ("9 Cedar Court" is no court)
  const flat = text.replace(/\s+/g, ' ');
  const t = normalize(addressesIn(flat).reduce((s, a) => s.replace(a.address1, ' ').replace(a.city, ' '), flat));
  for (const [re, what] of OUT_OF_SCOPE) {
    for (const m of t.matchAll(new RegExp(re.source, 'g'))) if (!negatedBefore(t, m.index)) return what;
  }
  return null;
}

/** Someone else's order: "my sister's order", "for my husband", "her order". */
export function mentionsSomeoneElse(text: string): boolean {
  return /\b(my (sister|brother|mother|mom|mum|father|dad|wife|husband|partner|friend|son|daughter|neighbou?r|colleague|boss|cousin|aunt|uncle|roommate|room-mate|flatmate|housemate|girlfriend|boyfriend|fianc\w*|grand\w+)('s)?\b.{0,60}\b(order|account|bought|ordered)|(her|his|their) (order|card|account)|on behalf of|for (her|him))\b/.test(normalize(text));
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
  /(\d+[A-Za-z]?(?:\s+[A-Za-z0-9.'-]+){1,6}?)\s*,\s*(?:((?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Floor|Fl\.?|Room|#)\s*[\w-]+)\s*,?\s*)?([A-Za-z][A-Za-z .'-]*?)(?:\s*,\s*|\s+(?=[A-Z]{2}\s*,?\s+\d{5}))([A-Z]{2}|[A-Za-z][A-Za-z ]+?)\s*,?\s+(\d{5})(?:-\d{4})?(?:\s*,?\s*(USA|U\.S\.A\.|United States(?: of America)?|US)\b)?/;

type ParsedAddress = Omit<Address, 'country'> & { country: string };

/** The first full postal address in the text (street, optional unit, city, state, zip). */
export function parseAddress(text: string): ParsedAddress | null {
  return addressesIn(text)[0] ?? null;
}

/** Every full postal address in the text, in order, each once. */
export function addressesIn(text: string): ParsedAddress[] {
  const out: ParsedAddress[] = [];
  for (const m of text.replace(/\s+/g, ' ').matchAll(new RegExp(ADDRESS.source, 'g'))) {
    const a = addressOf(m);
    if (a && !out.some((b) => JSON.stringify(b) === JSON.stringify(a))) out.push(a);
  }
  return out;
}

/**
 * The new address for one target (an order's shipping address, or the account's default): the one
 * address the text gives; with several, the one said in the sentences asking for this target, and
 * none (so the customer is asked) when that does not settle it ("from 1 Elm St… to 2 Oak Ave…").
 */
export function addressFor(text: string, target: 'order' | 'account'): ParsedAddress | null {
  const all = addressesIn(text);
  if (all.length <= 1) return all[0] ?? null;
  const fresh = newAddressesIn(text);
  if (fresh.length === 1) return fresh[0]!;
  const wish = target === 'order' ? PATTERNS.address : new RegExp(`${PATTERNS.defaultAddress.source}|${PATTERNS.moved.source}`);
  const other = target === 'order' ? new RegExp(`${PATTERNS.defaultAddress.source}|${PATTERNS.moved.source}`) : PATTERNS.address;
  const said = requestParts(text).filter((c) => wish.test(normalize(c)) && !other.test(normalize(c)));
  const found = newAddressesIn(said.join('\n'));
  return found.length === 1 ? found[0]! : null;
}

/** "from 1 Elm St, … to 2 Oak Ave, …": the addresses said as the old one are not the new one. */
function newAddressesIn(text: string): ParsedAddress[] {
  const flat = text.replace(/\s+/g, ' ');
  const all = addressesIn(flat);
  const fresh = all.filter((a) => {
    const at = flat.indexOf(a.address1);
    return !/\b(from|currently|instead of|not|old address( is)?|wrong address( is)?)\s*:?\s*$/i.test(flat.slice(Math.max(0, at - 25), at));
  });
  return fresh.length > 0 ? fresh : all;
}

function addressOf(m: RegExpMatchArray): ParsedAddress | null {
  const stateRaw = m[4]!.trim();
  const state = /^[A-Z]{2}$/.test(stateRaw) ? stateRaw : STATES[stateRaw.toLowerCase()];
  if (!state) return null;
  // "W6002467 should go to 544 Sunset Drive": the street starts at its own number
  const street = m[1]!.trim().match(/\d+[A-Za-z]?\s+[^\d]*$/)?.[0] ?? m[1]!.trim();
  return { address1: street, address2: (m[2] ?? '').trim(), city: m[3]!.trim(), state, country: 'USA', zip: m[5]! };
}
