// A small seeded generator of card data as people type it: card numbers (Luhn-valid) in any
// grouping and separator, security codes and expiry dates in their usual phrasings, IBANs (valid
// check digits) printed or compact — in sentences with no other digits.

/** mulberry32: a tiny deterministic generator (the seed makes a failure reproducible). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (rand: Rand, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const digits = (rand: Rand, n: number): string => Array.from({ length: n }, () => String(int(rand, 0, 9))).join('');

export function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A Luhn-valid card number of 13–19 digits. */
export function cardNumber(rand: Rand): string {
  const length = pick(rand, [13, 14, 15, 16, 16, 16, 17, 18, 19]);
  const prefix = pick(rand, ['4', '51', '55', '37', '6011', '35', '62']);
  const body = prefix + digits(rand, length - prefix.length - 1);
  return body + luhnDigit(body);
}

const SEPARATORS = [' ', '  ', '   ', '.', '-', '/', '_', ' - ', ' / ', '. ', '--', '\u00a0', ' .'];

/** The number as typed: grouped 4-4-4-4, 4-6-5, in random chunks, or not at all; one separator or mixed. */
export function typedCard(rand: Rand, card: string): string {
  const style = pick(rand, ['fours', 'amex', 'random', 'none', 'mixed']);
  if (style === 'none') return card;
  const sizes: number[] = [];
  if (style === 'amex') sizes.push(4, 6, 5);
  let rest = card.length - sizes.reduce((a, b) => a + b, 0);
  while (rest > 0) {
    const size = Math.min(rest, style === 'random' || style === 'mixed' ? int(rand, 1, 6) : 4);
    sizes.push(size);
    rest -= size;
  }
  const one = pick(rand, SEPARATORS);
  let out = '';
  let at = 0;
  sizes.forEach((size, i) => {
    if (at >= card.length) return;
    if (i > 0) out += style === 'mixed' ? pick(rand, SEPARATORS) : one;
    out += card.slice(at, at + size);
    at += size;
  });
  return out;
}

export function securityCode(rand: Rand): { code: string; text: string } {
  const code = digits(rand, pick(rand, [3, 3, 4]));
  const text = pick(rand, ['cvv {c}', 'CVV: {c}', 'cvc {c}', 'CVC2 {c}', 'security code {c}', 'cvv is {c}', 'CVV#{c}', 'Card security code: {c}', 'cvv2={c}', 'CSC {c}']).replace('{c}', code);
  return { code, text };
}

export function expiry(rand: Rand): { value: string; text: string } {
  const month = int(rand, 1, 12);
  const mm = rand() < 0.7 ? String(month).padStart(2, '0') : String(month);
  const yy = String(int(rand, 25, 39));
  const value = `${mm}${pick(rand, ['/', '/', '-', '.', ' / '])}${rand() < 0.7 ? yy : `20${yy}`}`;
  const text = pick(rand, ['exp {v}', 'exp. {v}', 'Exp {v}', 'expiry {v}', 'expires {v}', 'Exp Date: {v}', 'valid thru {v}', 'expiration {v}', 'EXP: {v}', 'expires on {v}']).replace('{v}', value);
  return { value, text };
}

const IBAN_LENGTHS: Record<string, number> = { DE: 22, GB: 22, FR: 27, NL: 18, ES: 24, IT: 27, BE: 16, CH: 21, AT: 20, IE: 22 };

/** A valid IBAN (check digits computed), compact or printed in groups of four. */
export function iban(rand: Rand): { compact: string; text: string } {
  const country = pick(rand, Object.keys(IBAN_LENGTHS));
  const letters = country === 'GB' || country === 'NL' || country === 'IE';
  const bban = (letters ? Array.from({ length: 4 }, () => String.fromCharCode(65 + int(rand, 0, 25))).join('') : '') + digits(rand, IBAN_LENGTHS[country]! - 4 - (letters ? 4 : 0));
  const numeric = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of numeric) rest = (rest * 10 + Number(d)) % 97;
  const compact = `${country}${String(98 - rest).padStart(2, '0')}${bban}`;
  return { compact, text: rand() < 0.5 ? compact : compact.replace(/(.{4})/g, '$1 ').trim() };
}

export interface CardCase {
  text: string;
  card: string;
  typed: string;
  code: string;
  expiry: string;
  iban: string;
}

/** One sentence with a card number, its security code and expiry, and an IBAN, in varied order. */
export function cardCase(rand: Rand): CardCase {
  const card = cardNumber(rand);
  const typed = typedCard(rand, card);
  const cvv = securityCode(rand);
  const exp = expiry(rand);
  const account = iban(rand);
  const unlabelled = rand() < 0.3;
  const cardPart = unlabelled ? `${typed} ${exp.value} ${cvv.code}` : pick(rand, [`card ${typed}, ${cvv.text}, ${exp.text}`, `${typed} (${exp.text}; ${cvv.text})`, `${cvv.text} / ${exp.text} for card ${typed}`, `my card is ${typed} ${exp.text} ${cvv.text}.`]);
  const text = pick(rand, [`Please refund ${cardPart}. My bank: IBAN ${account.text}.`, `IBAN ${account.text} — and the card: ${cardPart}`, `Hi,\n${cardPart}\nwire it to ${account.text} thanks`]);
  return { text, card, typed, code: cvv.code, expiry: exp.value, iban: account.compact };
}
