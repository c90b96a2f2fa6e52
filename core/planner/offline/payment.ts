// Which of the customer's payment methods the text means: "my paypal", "the visa ending 1234",
// "gift card", "the card I paid with", "card on file". Negated ones ("not the mastercard") and the
// one being replaced ("instead of the gift card") are left out.
import type { PaymentMethods } from './reads.ts';
import { normalize } from './text.ts';

type Method = PaymentMethods['payment_methods'][number];

export type MethodChoice = { ok: true; method: Method; how: string } | { ok: false; reason: string } | { ok: false; none: true };

const BRANDS = ['visa', 'mastercard', 'amex', 'american express', 'discover'];

export interface Wish {
  source?: Method['source'];
  brand?: string;
  lastFour?: string;
  original?: boolean;
  at: number;
}

export function wishes(text: string): Wish[] {
  const t = normalize(text).replace(/master card/g, 'mastercard').replace(/pay pal/g, 'paypal').replace(/gift-card|giftcard/g, 'gift card');
  const out: Wish[] = [];
  const add = (w: Wish, len: number) => {
    const before = t.slice(Math.max(0, w.at - 22), w.at);
    if (/\b(not|never|instead of|rather than|no)\b[^,.]*$/.test(before) && !/\bnot (the )?(original|same)\b/.test(before)) return;
    // "instead of the gift card"
    if (/\binstead of( my| the)?\s*$/.test(before)) return;
    void len;
    out.push(w);
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
  for (const m of t.matchAll(/\b(original (payment|method|card)|(same|the) (card|method|account) i (used|paid)|i paid with|like i paid|how i paid|paid (it )?with|same (payment )?method|the way i paid|same way)\b/g)) add({ original: true, at: m.index }, m[0].length);
  return out.sort((a, b) => a.at - b.at);
}

/**
 * The one method the text asks for. `original` is the order's original method id (for "the card I
 * paid with"). Several different methods named → ambiguous; none → `{none: true}`.
 */
export function chooseMethod(text: string, methods: Method[], original?: string): MethodChoice {
  const found = new Map<string, { method: Method; how: string }>();
  let vague: string | undefined;
  for (const w of wishes(text)) {
    let fits = methods.filter((m) => (w.source ? m.source === w.source : true));
    if (w.brand) fits = fits.filter((m) => (m.brand ?? '').toLowerCase() === w.brand);
    if (w.lastFour) fits = fits.filter((m) => m.last_four === w.lastFour);
    if (w.original) fits = methods.filter((m) => m.id === original);
    // a card that is also how they paid: "the card I paid with" after "card"
    if (fits.length > 1 && original && fits.some((m) => m.id === original) && /\b(paid|used|original)\b/.test(normalize(text).slice(w.at, w.at + 40))) {
      fits = fits.filter((m) => m.id === original);
    }
    if (fits.length === 1) {
      const m = fits[0]!;
      found.set(m.id, { method: m, how: w.original ? `original payment method (${describe(m)})` : describe(m) });
    } else if (fits.length === 0) {
      vague = `the ${w.brand ?? w.source?.replace('_', ' ') ?? 'payment method'}${w.lastFour ? ` ending ${w.lastFour}` : ''} is not among the customer's payment methods`;
    } else vague = `which ${w.brand ?? w.source?.replace('_', ' ')} to use (the customer has ${fits.length})`;
  }
  if (found.size === 1) return { ok: true, ...[...found.values()][0]! };
  if (found.size > 1) return { ok: false, reason: `which payment method to use: the message names ${[...found.values()].map((f) => f.how).join(' and ')}` };
  if (vague) return { ok: false, reason: vague };
  return { ok: false, none: true };
}

export function describe(m: Method): string {
  if (m.source === 'paypal') return 'PayPal';
  if (m.source === 'gift_card') return `gift card (${m.id})`;
  return `${m.brand ? m.brand[0]!.toUpperCase() + m.brand.slice(1) : 'card'} ending ${m.last_four ?? '????'}`;
}
