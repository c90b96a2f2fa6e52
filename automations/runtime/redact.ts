// Scrubs card data, bank account numbers and secrets out of anything written as evidence. The same
// patterns drive the covers drawn over a page before its screenshot (evidence.ts: MASK_PATTERNS).

/** Between a card number's digits: nothing, or up to three spaces, dots, slashes, dashes, underscores. */
const SEP = String.raw`[ \t\u00a0\u2007\u202f./\\_\u2010-\u2015-]{0,3}`;
/** An expiry date as written on or about a card: 12/29, 1/2029, 12-29, 12.29, 12 / 29. */
const EXPIRY_VALUE = String.raw`(?:0?[1-9]|1[0-2])\s?[/.-]\s?(?:20)?\d{2}\b`;
const EXPIRY_LABEL = String.raw`(?:exp(?:iry|ires|iration)?\.?(?:\s+date)?|valid\s+(?:thru|through|until)|good\s+thru)`;
const CVV_LABEL = String.raw`(?:cvv2?|cvc2?|cvn|cid|csc|(?:card\s+)?(?:security|verification)\s+(?:code|number))`;

/**
 * 13–19 digits, grouped by any separator: a payment card number (group 1), with what may follow it
 * unlabelled — an expiry, a security code, or digits the number's groups ran into
 * ("4111 1111 1111 1111 12/29 123"; group 2).
 */
export const CARD_NUMBER = new RegExp(String.raw`\b(\d(?:${SEP}\d){12,18})\b((?:[\s,;|/.-]{1,3}(?:${EXPIRY_VALUE}|\d{2,4}\b)){0,3})`, 'g');
/** A security code or an expiry date named as such: "cvv 123", "CVC: 1234", "exp 12/29", "expires 12/2029". */
export const CARD_DETAILS = new RegExp(String.raw`\b${CVV_LABEL}\s*(?:[:#=]|is|no\.?)?\s*\d{3,4}\b|\b${EXPIRY_LABEL}\s*(?:[:=]|on|is)?\s*${EXPIRY_VALUE}`, 'gi');
/** An IBAN: country, check digits, 11–30 letters or digits, printed in groups of four or not. */
export const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g;
/** API keys and tokens by their usual shapes, and `password: …`-like pairs. */
export const SECRET_TEXT = /\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{6,}\b|\b(?:api[_-]?key|secret|password|passwd|token)\s*[:=]\s*\S+/gi;
const SECRET_KEYS = /pass(word)?|secret|token|csrf|cookie|authorization|api[_-]?key/i;

/** Every pattern a screenshot's covers are drawn over (matched case-insensitively in the page). */
export const MASK_PATTERNS: readonly RegExp[] = [IBAN, CARD_NUMBER, CARD_DETAILS, SECRET_TEXT];

export function redactText(text: string, secrets: readonly string[] = []): string {
  // IBANs first: their digits would otherwise read as a card number
  let out = text
    .replace(IBAN, (m) => (ibanChecks(m) ? `[iban ••••${m.replace(/\s/g, '').slice(-4)}]` : m))
    .replace(CARD_NUMBER, (m) => {
      const last = lastFour(m);
      return last ? `[card ••••${last}]` : '[card]';
    })
    .replace(CARD_DETAILS, '[card details]')
    .replace(SECRET_TEXT, '[secret]');
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[secret]');
  return out;
}

/**
 * The last four of the card in a match, when only one reading of it is a card: the number ends where
 * its digits stop (or where it ran into an expiry or code typed after it), and passes the Luhn check.
 */
function lastFour(match: string): string | null {
  const readings: string[] = [];
  let digits = '';
  for (let i = 0; i < match.length; i++) {
    if (!/\d/.test(match[i]!)) continue;
    digits += match[i];
    const ends = i + 1 === match.length || !/\d/.test(match[i + 1]!);
    if (ends && digits.length >= 13 && digits.length <= 19 && luhn(digits)) readings.push(digits.slice(-4));
  }
  return readings.length === 1 ? readings[0]! : null;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** The IBAN check (ISO 13616: mod 97 = 1), so that other capitalised codes are left alone in text. */
function ibanChecks(text: string): boolean {
  const iban = text.replace(/\s/g, '');
  if (iban.length < 15 || iban.length > 34) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

/** A deep copy with card data and secrets replaced, and values under secret-looking keys removed. */
export function redact<T>(value: T, secrets: readonly string[] = []): T {
  const walk = (v: unknown, key?: string): unknown => {
    if (key && SECRET_KEYS.test(key)) return '[redacted]';
    if (typeof v === 'string') return redactText(v, secrets);
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value) as T;
}
