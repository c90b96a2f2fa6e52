// Small text tools for the offline planner: clauses, tokens, light stemming, typo-tolerant matching.
import nlp from 'compromise';

/** Lowercase, unify dashes and quotes, squash spaces. */
export function normalize(text: string): string {
  return text
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Sentences and list lines: the units that requests and item wishes are read in. */
export function clauses(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z0-9#(-])|(?<=[a-z]{2}[.!?])\s+(?=[a-z])|(?<=[.!?])\s*$|\s+-\s+(?=[a-z])|;\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The smallest parts a request is said in: clauses, and inside a clause the pieces joined by "and
 * also", "; ", ", and could you…", so that "ship it to X and cancel the other one" is two parts.
 */
export function requestParts(text: string): string[] {
  return clauses(text).flatMap((c) =>
    c
      .split(/,?\s+and (?:also |then |please |could you |can you |i(?:'d| would) (?:also )?like (?:you )?to )?(?=(?:also|please|cancel|return|exchange|swap|change|switch|update|ship|send|refund|move|replace|modify|pay|charge|bill)\b)|,\s*(?:also|plus)\s+|\s+also,?\s+(?=(?:please|cancel|return|exchange|swap|change|switch|update|ship|send|move|replace|modify)\b)/i)
      .map((x) => x.trim())
      .filter(Boolean),
  );
}

export function tokens(text: string): string[] {
  return normalize(text)
    .split(/[^a-z0-9%+.-]+/)
    .map((t) => t.replace(/^[.-]+|[.-]+$/g, ''))
    .filter(Boolean);
}

/** Plural to singular, roughly: "boots" → "boot", "batteries" → "battery". */
export function stem(token: string): string {
  if (token.length > 4 && token.endsWith('ies')) return `${token.slice(0, -3)}y`;
  if (token.length > 4 && /(ches|shes|sses|xes)$/.test(token)) return token.slice(0, -2);
  if (token.length > 3 && token.endsWith('s') && !token.endsWith('ss')) return token.slice(0, -1);
  return token;
}

/** Edit distance with adjacent swaps (a typo like "retrun" is one edit). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** Words of everyday English (compromise's lexicon): one of them is what it says, never a typo of another. */
const ENGLISH: Record<string, unknown> = (nlp as unknown as { model(): { one: { lexicon: Record<string, unknown> } } }).model().one.lexicon;

/**
 * Same word, allowing one typo in words of five letters or more — unless the text's word (`a`) is
 * itself an English word: "match" is not a typo of "watch", nor "house" of "mouse".
 */
export function sameWord(a: string, b: string): boolean {
  if (a === b || stem(a) === stem(b)) return true;
  return a.length >= 5 && b.length >= 5 && Math.abs(a.length - b.length) <= 1 && !(a in ENGLISH) && editDistance(a, b) <= 1;
}

/** Does `text` contain the word (typo-tolerant)? */
export function hasWord(text: string, word: string): boolean {
  return tokens(text).some((t) => sameWord(t, word));
}

const NUMBER_WORDS: Record<string, string> = { one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', twelve: '12' };

/** A key for comparing option values and text: lowercase letters and digits only, number words as digits. */
export function squashKey(text: string): string {
  return normalize(text)
    .replace(/\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b/g, (w) => NUMBER_WORDS[w] ?? w)
    .replace(/\blitres?\b|\bliters?\b/g, 'l')
    .replace(/\binch(es)?\b|"/g, 'inch')
    .replace(/\bfeet\b|\bfoot\b/g, 'ft')
    .replace(/\bcups?\b/g, 'cup')
    .replace(/\bpieces?\b|\bpc\b/g, 'piece')
    .replace(/\bhours?\b|\bhrs?\b/g, 'hour')
    .replace(/\blbs?\b|\bpounds?\b/g, 'lb')
    .replace(/[^a-z0-9%+]/g, '');
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
