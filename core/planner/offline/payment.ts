// Which of the customer's payment methods the text means: "my paypal", "the visa ending 1234",
// "gift card", "the card I paid with", "card on file". Negated ones ("not the mastercard") and the
// one being replaced ("instead of the gift card") are left out.
import type { PaymentMethods } from './reads.ts';
import { normalize } from './text.ts';

type Method = PaymentMethods['payment_methods'][number];

export interface Named {
  method: Method;
  how: string;
  /** said as how the order was paid ("(paid with a gift card)"), not where money should go */
  described: boolean;
  /** named by its kind, brand or digits, not only as "the card I paid with" */
  byName: boolean;
}

export type MethodChoice =
  | { ok: true; method: Method; how: string }
  /** several methods fit what the text says: the agent picks among `candidates` (best first) */
  | { ok: false; reason: string; candidates: Named[] }
  | { ok: false; none: true };

const BRANDS = ['visa', 'mastercard', 'amex', 'american express', 'discover'];

export interface Wish {
  source?: Method['source'];
  brand?: string;
  lastFour?: string;
  original?: boolean;
  /** said as how the order was paid, not where money should go */
  described?: boolean;
  at: number;
}

const NEGATED_CLAUSE = /\b(don'?t|do not|never|no longer|can'?t|cannot|won'?t)\b/;
/** The clause a mention sits in, up to the mention: from the last sentence mark, comma or "but". */
const clauseBefore = (t: string, at: number) => t.slice(0, at).split(/[.!?;,\n]|\bbut\b|\binstead\b|\brather\b/).at(-1) ?? '';

const DESCRIBED = /\b(paid|bought|purchased|ordered) (it |them |this |that )?(with|using|by|via|on) (a |an |my |the )?$/;
/** "can be paid with", "to be paid with": a wish, not how the order was paid */
const WISHED_PAID = /\b(can|could|should|would|will|to|please|be) (be )?(paid|charged)\b[^.,;]{0,20}$/;
const described = (before: string) => DESCRIBED.test(before) && !WISHED_PAID.test(before);
const METHOD_NAMED_NEXT = /^\s*(a |an |my |the )?(gift|paypal|visa|master|amex|american|discover|credit|debit|card)/;

/** The methods the text asks for, in order of mention. */
export const wishes = (text: string): Wish[] => mentions(text).wished;
/** The methods the text rules out ("not the gift card", "please don't refund it to PayPal", "instead of my Visa"). */
export const ruledOut = (text: string): Wish[] => mentions(text).ruled;

function mentions(text: string): { wished: Wish[]; ruled: Wish[] } {
  const t = normalize(text).replace(/master card/g, 'mastercard').replace(/pay pal/g, 'paypal').replace(/gift-card|giftcard/g, 'gift card');
  const out: Wish[] = [];
  const ruled: Wish[] = [];
  const add = (w: Wish, len: number) => {
    const before = t.slice(Math.max(0, w.at - 22), w.at);
    void len;
    const negated =
      (/\b(not|never|instead of|rather than|no)\b[^,.]*$/.test(before) && !/\bnot (the )?(original|same)\b/.test(before)) ||
      // "please don't refund it to PayPal", "don't take any difference from my gift card": a negation
      // anywhere earlier in the clause (up to a "but", which turns it round)
      NEGATED_CLAUSE.test(clauseBefore(t, w.at)) ||
      // "instead of the gift card"
      /\binstead of( my| the)?\s*$/.test(before);
    if (negated) ruled.push(w);
    else out.push(described(before) ? { ...w, described: true } : w);
  };
  for (const m of t.matchAll(/\bpaypal\b/g)) add({ source: 'paypal', at: m.index }, 6);
  for (const m of t.matchAll(/\bgift ?cards?\b/g)) add({ source: 'gift_card', at: m.index }, 9);
  for (const m of t.matchAll(new RegExp(`\\b(${BRANDS.join('|')})\\b(?:[^.\\d]{0,25}?(\\d{4})\\b)?`, 'g'))) {
    add({ source: 'credit_card', brand: m[1] === 'american express' ? 'amex' : m[1], ...(m[2] ? { lastFour: m[2] } : {}), at: m.index }, m[0].length);
  }
  for (const m of t.matchAll(/\b(?:credit |debit )?card\b(?:[^.\d]{0,20}?(?:ending|ends|last (?:four|4|digits))\D{0,6}(\d{4}))?/g)) {
    const before = t.slice(Math.max(0, m.index - 12), m.index);
    if (/gift ?$/.test(before)) continue;
    add({ source: 'credit_card', ...(m[1] ? { lastFour: m[1] } : {}), at: m.index }, m[0].length);
  }
  for (const m of t.matchAll(/\b(original (payment|method|card)|(same|the) (card|method|account) i (used|paid)|i paid with|like i paid|how i paid|paid (it )?with|same (payment )?method|the way i paid|same way)\b/g)) {
    // "paid with my PayPal" may be a wish or how the order was paid: it stands for both, and where the
    // two differ the agent picks (never a guess either way)
    const story = METHOD_NAMED_NEXT.test(t.slice(m.index + m[0].length)) && !WISHED_PAID.test(t.slice(Math.max(0, m.index - 12), m.index + 4));
    add({ original: true, at: m.index, ...(story ? { described: true } : {}) }, m[0].length);
  }
  return { wished: out.sort((a, b) => a.at - b.at), ruled };
}

/** Does the method fit what a mention says (kind, brand, last four; `original`: the order's own)? */
export function fits(w: Wish, m: Method, original?: string): boolean {
  if (w.original) return m.id === original;
  return (!w.source || m.source === w.source) && (!w.brand || (m.brand ?? '').toLowerCase() === w.brand) && (!w.lastFour || m.last_four === w.lastFour);
}

/**
 * The one method the text asks for. `original` is the order's original method id (for "the card I
 * paid with"). Several different methods named → the candidates, methods said as where money should
 * go before those said as how the order was paid; none → `{none: true}`.
 */
export function chooseMethod(text: string, methods: Method[], original?: string): MethodChoice {
  const found = new Map<string, Named>();
  let vague: string | undefined;
  let vagueFits: Method[] = [];
  for (const w of wishes(text)) {
    let matching = methods.filter((m) => fits(w, m, original));
    // a card that is also how they paid: "the card I paid with" after "card"
    if (matching.length > 1 && original && matching.some((m) => m.id === original) && /\b(paid|used|original)\b/.test(normalize(text).slice(w.at, w.at + 40))) {
      matching = matching.filter((m) => m.id === original);
    }
    if (matching.length === 1) {
      const m = matching[0]!;
      const prior = found.get(m.id);
      found.set(m.id, {
        method: m,
        how: w.original ? `original payment method (${describe(m)})` : describe(m),
        described: (prior?.described ?? true) && !!w.described,
        byName: (prior?.byName ?? false) || !w.original,
      });
    } else if (matching.length === 0) {
      vague = `the ${w.brand ?? w.source?.replace('_', ' ') ?? 'payment method'}${w.lastFour ? ` ending ${w.lastFour}` : ''} is not among the customer's payment methods`;
    } else {
      vague = `which ${w.brand ?? w.source?.replace('_', ' ')} to use (the customer has ${matching.length})`;
      vagueFits = matching;
    }
  }
  if (found.size === 1) return { ok: true, ...[...found.values()][0]! };
  if (found.size > 1) {
    const candidates = [...found.values()].sort((a, b) => Number(a.described) - Number(b.described) || Number(b.byName) - Number(a.byName));
    return { ok: false, reason: `which payment method to use: the message names ${candidates.map((f) => f.how).join(' and ')}`, candidates };
  }
  if (vague) return { ok: false, reason: vague, candidates: vagueFits.map((m) => ({ method: m, how: describe(m), described: false, byName: true })) };
  return { ok: false, none: true };
}

export function describe(m: Method): string {
  if (m.source === 'paypal') return 'PayPal';
  if (m.source === 'gift_card') return `gift card (${m.id})`;
  return `${m.brand ? m.brand[0]!.toUpperCase() + m.brand.slice(1) : 'card'} ending ${m.last_four ?? '????'}`;
}
