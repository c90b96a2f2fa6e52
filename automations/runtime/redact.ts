// Scrubs card numbers and secrets out of anything written as evidence.

/** 13–19 digits, optionally grouped by spaces or dashes: a payment card number. */
export const CARD_NUMBER = /\b\d(?:[ -]?\d){12,18}\b/g;
/** API keys and tokens by their usual shapes, and `password: …`-like pairs. */
export const SECRET_TEXT = /\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{6,}\b|\b(?:api[_-]?key|secret|password|passwd|token)\s*[:=]\s*\S+/gi;
const SECRET_KEYS = /pass(word)?|secret|token|csrf|cookie|authorization|api[_-]?key/i;

export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(CARD_NUMBER, (m) => `[card ••••${m.replace(/\D/g, '').slice(-4)}]`).replace(SECRET_TEXT, '[secret]');
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[secret]');
  return out;
}

/** A deep copy with card numbers and secrets replaced, and values under secret-looking keys removed. */
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
