// Quantities as magnitudes: "1.5 litres", "1500 ml", "one and a half liters", "12-inch", "1TB" — a
// number (digits or words, read by compromise) and a unit from the reviewed vocabulary, in the base
// unit of its dimension, so that a wish and a catalogue value compare whatever way each is written.
import nlp from 'compromise';
import { VOCABULARY } from './vocabulary.ts';

export interface Quantity {
  dimension: string;
  /** in the dimension's base unit */
  amount: number;
  /** where in the text it was found */
  at: number;
}

const UNIT_BY_WORD = new Map<string, { dimension: string; factor: number }>();
for (const u of Object.values(VOCABULARY.units)) for (const w of u.words) UNIT_BY_WORD.set(w.toLowerCase(), { dimension: u.dimension, factor: u.factor });
const unitWords = [...UNIT_BY_WORD.keys()].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const QUANTITY = new RegExp(`(\\d+(?:[.,]\\d+)?)\\s*-?\\s*(${unitWords.join('|')})(?![a-z])`, 'gi');

/** Number words as digits ("one and a half litres" → "1.5 litres"), where compromise reads them. */
function withDigits(text: string): string {
  const halves = text.replace(/\b(\w+) and a half\b/gi, (said, n: string) => {
    const whole = (nlp(n).numbers().get() as unknown[])[0];
    return typeof whole === 'number' ? `${whole + 0.5}` : said;
  });
  const doc = nlp(halves);
  doc.numbers().toNumber();
  return doc.text();
}

/** Every quantity the text names. */
export function quantitiesIn(text: string): Quantity[] {
  const out: Quantity[] = [];
  const seen = text.match(/\d/) ? text : withDigits(text);
  const forms = seen === text ? [text] : [text, seen];
  for (const form of forms) {
    for (const m of form.matchAll(QUANTITY)) {
      const unit = UNIT_BY_WORD.get(m[2]!.toLowerCase());
      if (!unit) continue;
      const amount = Number(m[1]!.replace(',', '.')) * unit.factor;
      if (!out.some((q) => q.dimension === unit.dimension && q.amount === amount)) out.push({ dimension: unit.dimension, amount, at: m.index });
    }
  }
  return out;
}

/** The one quantity a catalogue value is ("1.5L", "1000ml", "6 ft"), or null. */
export function quantityOf(value: string): Omit<Quantity, 'at'> | null {
  const qs = quantitiesIn(value);
  return qs.length === 1 ? { dimension: qs[0]!.dimension, amount: qs[0]!.amount } : null;
}

/** Two magnitudes of one dimension that are the same within rounding (12 inches ≈ 30 cm is not). */
export const sameQuantity = (a: Omit<Quantity, 'at'>, b: Omit<Quantity, 'at'>) => a.dimension === b.dimension && Math.abs(a.amount - b.amount) <= Math.max(a.amount, b.amount) * 0.01;
