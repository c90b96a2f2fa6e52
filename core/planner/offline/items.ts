// Which of an order's items the customer means, and which variant of the product they wish for.
import type { OrderDetails, ProductDetails } from './reads.ts';
import { VOCABULARY } from './vocabulary.ts';
import { quantitiesIn, quantityOf, sameQuantity } from './quantity.ts';
import { clauses, normalize, sameWord, squashKey, stem, tokens, escapeRegExp } from './text.ts';

type Item = OrderDetails['items'][number];

/** The reviewed general-language vocabulary (`vocabulary.json`): product words, common name words. */
const ALIASES = VOCABULARY.productWords;
const GENERIC = new Set(VOCABULARY.genericNameWords);

/** How strongly a clause names this product (0: not at all). */
export function nameScore(clause: string, productName: string): number {
  const words = tokens(clause);
  const name = productName.toLowerCase();
  let score = 0;
  for (const part of tokens(name)) {
    if (words.some((w) => sameWord(w, part))) score += GENERIC.has(part) ? 0.25 : 2;
  }
  for (const alias of ALIASES[name] ?? []) {
    // a phrase customers use for the product ("power bank") names it as surely as its own word; one
    // word of everyday use ("phone", "light") less so
    if (alias.includes(' ')) score += normalize(clause).includes(alias) ? 2 : 0;
    else if (words.some((w) => stem(w) === stem(alias))) score += 1.5;
  }
  return score;
}

/** The strongest item a piece of text names, if any. */
function topItem(piece: string, items: Item[]): number | undefined {
  const scores = items.map((it) => nameScore(piece, it.name));
  const best = Math.max(0, ...scores);
  return best >= 1 && scores.filter((x) => x === best).length === 1 ? scores.indexOf(best) : undefined;
}

/**
 * A clause that names two items in turn ("swap the green bottle for the red one, and the white
 * bookshelf for the black one") split into its parts, each about one item; else the clause whole.
 */
const PIECE_BREAK = /,\s*and\s+|,\s+(?=(?:the|my|also)\s)|\s+and\s+(?=(?:the|my)\s)|;\s*|,?\s+(?=(?:because|since|although|though|whereas|which)\s)/i;

/** `plain`: the clause without the words that only say which order; items named there alone do not split it. */
function pieces(clause: string, items: Item[], plain = clause): string[] {
  const parts = clause.split(PIECE_BREAK).filter((x) => x.trim().length > 0);
  if (parts.length < 2) return [clause];
  const namedIn = (xs: string[]) => new Set(xs.map((x) => topItem(x, items)).filter((x) => x !== undefined));
  const named = namedIn(parts);
  if (named.size < 2 || namedIn(plain.split(PIECE_BREAK)).size < 2) return [clause];
  // a part naming no item belongs to the part before it
  const out: string[] = [];
  for (const part of parts) {
    if (out.length > 0 && topItem(part, items) === undefined) out[out.length - 1] += `, ${part}`;
    else out.push(part);
  }
  return out;
}

/** The clauses about each item: clauses naming it, and those after it until another item is named. */
export function clausesByItem(text: string, items: Item[]): Map<number, string[]> {
  const out = new Map<number, string[]>(items.map((_, i) => [i, []]));
  let last: number[] = [];
  // pieces are cut where the wish is, not inside the list that says which order ("… I got along with
  // the e-reader and the desk lamp should be the 1.5L one")
  for (const clause of clauses(text).flatMap((c) => pieces(c, items, withoutOrderDescription(c)))) {
    const scores = items.map((it) => nameScore(withoutOrderDescription(clause), it.name));
    const best = Math.max(0, ...scores);
    // every item the clause names by a word of its own ("the kettle and the clock"), else the best
    const strong = scores.flatMap((s, i) => (s >= 2 ? [i] : []));
    const named = strong.length > 0 ? strong : best >= 1 ? scores.flatMap((s, i) => (s === best ? [i] : [])) : [];
    // the same product twice in an order: both lines are meant unless the options tell them apart
    if (named.length > 0) last = named;
    for (const i of last) out.get(i)!.push(clause);
  }
  return out;
}

const KEEP = /\b(keep(ing)?|is (fine|great|good|perfect)|are (fine|great|good|perfect)|love (it|them)|happy with|fine as|stays?)\b/;
/** An item praised ("the makeup kit was perfect", "and it's lovely"): kept, unless a wish is said beside it. */
const PRAISED = new RegExp(
  `\\b(?:is|are|was|were|'s|'re|looks?|looked|works?|worked|seems?|fits?|feels?) (?:really |very |so |just |absolutely |totally |quite )?(?:${VOCABULARY.praiseWords.map(escapeRegExp).join('|')})\\b`,
);
const kept = (t: string) => KEEP.test(t) || PRAISED.test(t);
/** A wish for something else in the same clause: then "is fine" is about an option kept, not the item. */
const WISH = /(->|\u2192|=>|\b(rather|instead|want|need|exchange|swap|change|switch|return|prefer|but)\b)/;

/** A piece naming an order by what it holds, with no wish of its own. */
const ORDER_DESCRIBED = /\b(order|package|delivery|purchase|shipment|bundle|the one)\s*,?\s*(that|which|where)?\s*(also|too)?\s*(had|has|contained|contains|came with|comes with|included|includes|with)\b/;
export const describesOrder = (piece: string) => ORDER_DESCRIBED.test(normalize(piece)) && !WISH.test(normalize(piece));

/** Items the text asks to act on (named and not kept), in order-line order. */
export function itemsMeant(text: string, items: Item[]): number[] {
  const byItem = clausesByItem(text, items);
  const meant: number[] = [];
  // "return just the puzzle": only the items named where the wish says only
  const only = clauses(text).filter((c) => /\b(just|only) (the|my|one|this|that)\b/.test(normalize(c)));
  const onlyNamed = new Set(only.flatMap((c) => items.flatMap((it, i) => (nameScore(c, it.name) >= 1 ? [i] : []))));
  for (const [i, cs] of byItem) {
    if (onlyNamed.size > 0 && !onlyNamed.has(i)) continue;
    // a piece that only says which order ("and in the order with the e-reader") names no item to act on
    const naming = cs.filter((c) => nameScore(withoutOrderDescription(c), items[i]!.name) >= 1 && !describesOrder(c));
    if (naming.length === 0) continue;
    const keeps = (c: string) => kept(normalize(c)) && !WISH.test(normalize(c).replace(KEEP, ' ').replace(PRAISED, ' ')) && !namedBeforeKeeping(c, items[i]!.name);
    if (naming.every(keeps)) continue;
    // "the e-reader stays the same" said of it alone outweighs a sentence naming it with others
    // ("in the order with the e-reader and the watch, I'd like to change the watch")
    const alone = (c: string) => items.every((it, j) => j === i || it.name === items[i]!.name || nameScore(c, it.name) < 1);
    if (naming.some((c) => keeps(c) && alone(c)) && !naming.some((c) => !keeps(c) && alone(c))) continue;
    if (naming.every((c) => namedOnlyAsKept(c, items[i]!.name))) continue;
    meant.push(i);
  }
  return meant.filter((i) => !clauses(text).some((c) => turnedAwayFrom(c, items, meant) === i));
}

/**
 * "return the two tea kettles, but not the electric one": the item the words after the turn name
 * most (alone), among those the clause names before it, is the one kept.
 */
function turnedAwayFrom(clause: string, items: Item[], meant: number[]): number | undefined {
  const t = normalize(clause);
  const at = t.search(KEPT_FROM);
  if (at < 0) return undefined;
  const after = t.slice(at).replace(KEPT_FROM, ' ');
  if (WISH.test(after)) return undefined;
  const before = meant.filter((i) => nameScore(t.slice(0, at), items[i]!.name) >= 1);
  const scores = before.map((i) => nameScore(after, items[i]!.name));
  const best = Math.max(0, ...scores);
  return best > 0 && scores.filter((x) => x === best).length === 1 ? before[scores.indexOf(best)] : undefined;
}

/** Where a clause turns to what is kept: "(I'm keeping the sunglasses)", "but not the electric one". */
const KEPT_FROM = /\b(keep(ing)?|but not|not the|except|apart from|other than)\b/;

/**
 * "the desk lamp (I'm keeping the luggage set)": the item comes before "keeping", which keeps what
 * follows it — not this item, unless the words after point back to it ("keeping it") or name it.
 */
function namedBeforeKeeping(clause: string, name: string): boolean {
  const t = normalize(clause);
  const at = t.search(/\bkeep(ing)?\b/);
  if (at < 0 || nameScore(t.slice(0, at), name) < 1) return false;
  const before = t.slice(0, at);
  const after = t.slice(at);
  return nameScore(after, name) < 1 && !/\b(it|them|those|that|this one|both)\b/.test(after) && !KEEP.test(before);
}

/**
 * "return both watches (I'm keeping the sunglasses)": the item is named only after the clause turns
 * to what is kept, and nothing after that turn wishes for a change.
 */
function namedOnlyAsKept(clause: string, name: string): boolean {
  const t = normalize(clause);
  const at = t.search(KEPT_FROM);
  if (at < 0 || nameScore(t.slice(0, at), name) >= 1) return false;
  const after = t.slice(at).replace(KEPT_FROM, ' ');
  return nameScore(after, name) >= 1 && !WISH.test(after);
}

/**
 * "one of the two jackets": of several lines of one product the text means a single one. Lines of
 * the same variant are interchangeable, so one is kept; lines of different variants cannot be told
 * apart from the text, so the answer is null (ask which).
 */
export function oneOfMeant(text: string, items: Item[], lines: number[]): number[] | null {
  if (!/\b(only )?one of (the|my|those|these|both|them)\b/.test(normalize(text))) return singularMeant(text, items, lines);
  const out: number[] = [];
  for (const i of lines) {
    const same = lines.filter((j) => items[j]!.name === items[i]!.name);
    if (same.length < 2) out.push(i);
    else if (new Set(same.map((j) => items[j]!.item_id)).size > 1) return null;
    else if (same[0] === i) out.push(i);
  }
  return out;
}

/**
 * "return the fleece jacket" when the order holds two different fleece jackets: one is meant and the
 * text does not say which, so nothing is guessed (null). Said in the plural ("both jackets", "the
 * jackets"), or for everything, all of them are meant.
 */
function singularMeant(text: string, items: Item[], lines: number[]): number[] | null {
  const t = normalize(text);
  if (wantsEverything(t) || /\b(both|all|each|two|every)\b/.test(t)) return lines;
  for (const i of lines) {
    const same = lines.filter((j) => items[j]!.name === items[i]!.name);
    if (new Set(same.map((j) => items[j]!.item_id)).size < 2) continue;
    const last = tokens(items[i]!.name).at(-1) ?? '';
    const plural = tokens(t).some((w) => w === `${last}s` || w === `${last}es` || (last.endsWith('s') && w === last));
    if (!plural) return null;
  }
  return lines;
}

/** "everything", "the whole order" (not "everything else", which is what is kept). */
export const wantsEverything = (text: string) => /\b(everything(?! else)|all (of )?(the )?(items|things|of it|of them)(?! else)|the (whole|entire) order|whole thing|all items)\b/.test(normalize(text));

/** Words that take items out of "everything": "everything except the keyboard", "all but the lamp". */
const EXCEPT = /\b(except|apart from|other than|besides|but not|all but|excluding|keeping|keep)\b/;

/**
 * The items a wish for everything means: every line, less those the text names after "except",
 * "apart from", "keeping"… (null when no clause wishing for everything carries a return: "PayPal for
 * everything" is about the money, not the items).
 */
export function everythingMeant(text: string, items: Item[], wish: RegExp): number[] | null {
  const said = clauses(text).filter((c) => wantsEverything(c) && wish.test(normalize(c)));
  if (said.length === 0) return null;
  const out: number[] = [];
  for (const [i, item] of items.entries()) {
    const kept = said.some((c) => {
      // "I don't want to keep any of it": a negated keep takes nothing out
      const t = normalize(c).replace(/\b(don'?t|do not|not|never|no need to) (want to |need to |plan to |wish to )?keep\b/g, ' ');
      const at = t.search(EXCEPT);
      return at >= 0 && nameScore(t.slice(at), item.name) >= 1;
    });
    if (!kept) out.push(i);
  }
  return out;
}

// ---- variants ------------------------------------------------------------------------------------

interface Mention {
  key: string;
  value: string;
}

/** Option values of the product that the text names, each with the option it is for. */
export function mentions(text: string, product: ProductDetails): Mention[] {
  const variants = Object.values(product.variants);
  const keys = [...new Set(variants.flatMap((v) => Object.keys(v.options)))];
  const valuesOf = (k: string) => [...new Set(variants.map((v) => v.options[k]).filter((v): v is string => v !== undefined))];
  const raw = normalize(text).replace(/\bwi-?fi\b/g, 'wifi');
  const out: Mention[] = [];
  for (const key of keys) {
    const keyWords = tokens(key).filter((w) => !['color', 'type', 'size', 'material'].includes(w));
    for (const value of valuesOf(key)) {
      const v = normalize(value).replace(/\bwi-?fi\b/g, 'wifi');
      const forms = new Set([v, v.replace(/-/g, ' '), v.replace(/ /g, '-'), v.replace(/ /g, '')]);
      const sq = squashKey(value);
      let found: number[] = [];
      for (const f of forms) {
        const short = f.length <= 2;
        // a word value also as its adjective or plural ("wooden" for wood, "leathers")
        const suffix = /^[a-z]{4,}$/.test(f) ? '(?:en|s|es)?' : '';
        const re = new RegExp(`(?<![a-z0-9])${escapeRegExp(f)}${suffix}(?![a-z0-9%])`, 'g');
        // one-letter sizes (S, M, L) only as written in capitals or after "size"
        if (short && /^[a-z]{1,2}$/.test(f)) {
          for (const m of text.matchAll(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(value)}(?![A-Za-z0-9])`, 'g'))) found.push(m.index);
          for (const m of raw.matchAll(new RegExp(`\\bsize ${escapeRegExp(f)}\\b`, 'g'))) found.push(m.index + 5);
          continue;
        }
        for (const m of raw.matchAll(re)) found.push(m.index);
      }
      if (found.length === 0 && /\d/.test(sq)) {
        // "4-cup" for "4 cups", "1 litre" for "1L", "8 hours battery" for "8 hours"
        const words = raw.split(/(?<=[^a-z0-9.%-])|(?=[^a-z0-9.%-])/);
        for (let i = 0; i < words.length; i++) {
          for (let n = 1; n <= 4 && i + n <= words.length; n++) {
            if (squashKey(words.slice(i, i + n).join('')) === sq) found.push(words.slice(0, i).join('').length);
          }
        }
      }
      if (found.length === 0) {
        // "1.5 litres" for "1500ml", "one liter" for "1L": the same magnitude, however written
        const q = quantityOf(value);
        if (q) for (const said of quantitiesIn(raw)) if (sameQuantity(said, q)) found.push(said.at);
      }
      if (found.length === 0 && v.includes(' ')) {
        // "works with Alexa" for "Amazon Alexa", "the one with the grinder" for "built-in grinder": a
        // word of a many-word value that no other value of this option has
        const others = valuesOf(key).filter((o) => o !== value).flatMap((o) => tokens(o));
        for (const w of tokens(v).filter((w) => w.length >= 4 && !GENERIC.has(w) && !others.some((o) => sameWord(o, w)))) {
          const m = new RegExp(`(?<![a-z0-9])${escapeRegExp(w)}s?(?![a-z0-9])`).exec(raw);
          if (m) found.push(m.index);
        }
      }
      found = [...new Set(found)];
      for (const at of found) {
        // a key word near the value ties it to that option ("black frame", "lenses brown")
        const near = tokens(raw.slice(Math.max(0, at - 25), at + v.length + 25));
        const hinted = keys.filter((k) => valuesOf(k).includes(value) && tokens(k).some((w) => !['color', 'type', 'size', 'material'].includes(w) && near.some((n) => sameWord(n, w))));
        if (hinted.length > 0 && !hinted.includes(key)) continue;
        if (keyWords.length > 0 && hinted.length === 0 && keys.filter((k) => valuesOf(k).includes(value)).length > 1 && !near.some((n) => keyWords.some((w) => sameWord(n, w)))) {
          // an ambiguous value with no hint: counts for every option that has it
        }
        out.push({ key, value });
        break;
      }
    }
  }
  return out;
}

/** Words that take back what came before them ("I was going to ask for X, but I've changed my mind: Y"). */
const CHANGED_MIND = /\b(changed my mind|change of (mind|plan)|on second thoughts?|scratch that|thinking about it (more|again))\b/gi;
/** A wish given up, said in its own sentence ("I first wanted the black one", "I was going to ask for …"). */
const GIVEN_UP = /\b(was (first |originally |initially )?going to|(first|originally|initially|at first) (wanted|thought|asked)|had (first )?(wanted|planned))\b/;

/** The wish as it stands: what follows a change of mind, without the sentences of wishes given up. */
function standingWish(text: string): string {
  let after = 0;
  for (const m of text.matchAll(CHANGED_MIND)) after = m.index + m[0].length;
  return text
    .slice(after)
    .split(/(?<=[.!?\n])/)
    .filter((sentence) => !GIVEN_UP.test(normalize(sentence)))
    .join('');
}

/** "Colour doesn't matter", "any size is fine", "I don't mind the colour": this option is the customer's to leave open. */
function doesNotMatter(text: string, key: string): boolean {
  const k = key.toLowerCase() === 'color' ? 'colou?r' : escapeRegExp(key.toLowerCase());
  return new RegExp(`\\b(${k}) (doesn'?t|does not|don'?t|do not) matter|\\bany (${k})\\b|\\b(don'?t|do not) (care|mind) (about |which |what )?(the )?(${k})\\b|\\b(${k}) is (up to you|not important)`).test(text);
}

/** A wish with its fallback: "if there is no X, then Y", "otherwise", "failing that". */
/** A condition about a value not being there ("if there's no green", "if the 9 is sold out"). */
const CONDITION_UNMET = /\b(no|not|none|out of stock|sold out|isn'?t|aren'?t|unavailable|can'?t|don'?t|doesn'?t)\b/;
const CONDITIONAL = /\bif\b[^.?!]{0,30}?\b(no|not|none|out of stock|sold out|isn'?t|aren'?t|don'?t|doesn'?t|unavailable|can'?t)\b|\b(otherwise|failing that|if not|or else)\b/;

const ORDINAL: Record<string, number> = { xs: 0, s: 1, small: 1, m: 2, medium: 2, l: 3, large: 3, xl: 4, xxl: 5, portable: 0 };
const magnitude = (value: string) => ORDINAL[value.toLowerCase()] ?? (Number.parseFloat(value.replace(/[^\d.]/g, '')) || 0);

export interface Variant {
  item_id: string;
  price: number;
  options: Record<string, string>;
}
/** Not ok: why, and where the wish fits several variants (or none exactly), the closest ones, best first, for the agent to pick. */
export type VariantChoice = ({ ok: true } & Variant) | { ok: false; reason: string; candidates?: Variant[] };

/**
 * The one available variant the text asks for, relative to the item's current options: options the
 * text names change, options it does not name stay. Ambiguity or nothing named → not ok, with why.
 */
export function chooseVariant(fullText: string, item: Item, product: ProductDetails): VariantChoice {
  const text = standingWish(fullText);
  const said = mentions(text, product);
  const t = normalize(text);
  const indifferent = new Set(Object.keys(item.options).filter((k) => doesNotMatter(t, k)));
  // two new values asked for one option ("the 1L … no, the 1.5L"): which one is a guess, so ask
  for (const k of Object.keys(item.options)) {
    const asked = [...new Set(said.filter((m) => m.key === k && m.value !== item.options[k]).map((m) => m.value))];
    if (asked.length <= 1 || indifferent.has(k)) continue;
    // "a 9, and if there's no 9 then a 10": a wish and its fallback, in the order said — the first on offer
    if (CONDITIONAL.test(t)) {
      const at = (value: string) => {
        const i = t.search(new RegExp(`(?<![a-z0-9.])${escapeRegExp(normalize(value))}(?![a-z0-9])`));
        return i < 0 ? Number.MAX_SAFE_INTEGER : i;
      };
      // …unless the wish is the condition's: "red would be my second choice if there's no green" wishes green first
      const conditions = [...t.matchAll(/\bif\b.*?(?=,|\bthen\b|[.;!?]|$)/g)].map((m) => m[0]).filter((c) => CONDITION_UNMET.test(c));
      const wishedFirst = (value: string) => (conditions.some((c) => new RegExp(`(?<![a-z0-9.])${escapeRegExp(normalize(value))}(?![a-z0-9])`).test(c)) ? 0 : 1);
      asked.sort((a, b) => wishedFirst(a) - wishedFirst(b) || at(a) - at(b));
      const rest = Object.fromEntries(Object.entries(item.options).filter(([key]) => key !== k));
      for (const value of asked) {
        const v = Object.values(product.variants).find((x) => x.available && x.options[k] === value && Object.entries(rest).every(([key, cur]) => x.options[key] === cur || said.some((m) => m.key === key && m.value === x.options[key])));
        if (v) return { ok: true, item_id: v.item_id, price: v.price, options: v.options };
      }
      // none of them as it is otherwise: the closest on offer with one of the wished values, for the agent
      const changes = (x: Variant) => Object.entries(rest).filter(([key, cur]) => x.options[key] !== cur).length;
      const near = Object.values(product.variants)
        .filter((x) => x.available && asked.includes(x.options[k] ?? ''))
        .sort((a, b) => changes(a) - changes(b) || asked.indexOf(a.options[k]!) - asked.indexOf(b.options[k]!))
        .map((x) => ({ item_id: x.item_id, price: x.price, options: x.options }));
      return { ok: false, reason: `no ${product.name} in ${asked.join(' or ')} is on offer with the rest as it is`, candidates: near };
    }
    return { ok: false, reason: `which ${k} of the ${product.name} you would like: ${asked.join(' or ')}` };
  }
  const bigger = /\b(bigger|larger|longer|taller|more capacity|higher|upsize|size up)\b/.test(t);
  // "less" of the item ("less bulky", "weighs less"), not of a verb ("black would show them less")
  const smaller = /\b(smaller|shorter|lighter|size down|less (?!than\b|of\b|often\b)[a-z]|(weighs?|holds?|takes? up) less)\b/.test(t);
  const priciest = /\b(most expensive|priciest|top of the line|best one)\b/.test(t);
  const cheapest = /\b(cheapest|least expensive|lowest price|most affordable)\b/.test(t);
  const saidFor = (k: string) => said.filter((m) => m.key === k).map((m) => m.value);
  const scored = Object.values(product.variants)
    .filter((v) => v.available)
    .map((v) => {
      let score = 0;
      for (const [k, value] of Object.entries(v.options)) {
        const current = item.options[k];
        const named = saidFor(k);
        if (indifferent.has(k)) {
          // left open by the customer: as it is, when that is on offer (the least change)
          if (value === current) score += 0.5;
          continue;
        }
        if (value !== current) {
          if (named.includes(value)) score += 2;
          else if ((bigger || smaller) && /size|capacity|length|height|diameter|piece|weight|room/.test(k) && current !== undefined && named.length === 0) {
            score += (bigger ? magnitude(value) > magnitude(current) : magnitude(value) < magnitude(current)) ? 1 : -3;
          } else score -= 3;
        } else if (named.length > 0 && !named.includes(current ?? '')) score -= 1;
      }
      return { v, score };
    });
  const best = Math.max(...scored.map((s) => s.score), -Infinity);
  // the closest available variants other than the item itself: most of the wish, then fewest options changed
  const changed = (v: Variant) => Object.entries(v.options).filter(([k, value]) => item.options[k] !== value).length;
  const closest = (among: typeof scored) =>
    among
      .filter((s) => s.v.item_id !== item.item_id)
      .sort((a, b) => b.score - a.score || changed(a.v) - changed(b.v))
      .map(({ v }) => ({ item_id: v.item_id, price: v.price, options: v.options }));
  if (!Number.isFinite(best) || best <= 0) {
    // nothing the text says names a variant: the agent may still recognise the wish among the closest
    const candidates = said.length > 0 || bigger || smaller ? closest(scored) : [];
    return { ok: false, reason: `which ${product.name} you would like instead (options: ${optionSummary(product)})`, candidates };
  }
  let top = scored.filter((s) => s.score === best).map((s) => s.v);
  if (top.length > 1 && (priciest || cheapest)) {
    const price = priciest ? Math.max(...top.map((v) => v.price)) : Math.min(...top.map((v) => v.price));
    top = top.filter((v) => v.price === price);
  }
  if (top.length > 1 && (bigger || smaller)) {
    const sizeKey = Object.keys(item.options).find((k) => /size|capacity|length|height|diameter|piece|weight|room/.test(k));
    if (sizeKey) {
      const dist = (v: (typeof top)[number]) => Math.abs(magnitude(v.options[sizeKey] ?? '') - magnitude(item.options[sizeKey] ?? ''));
      const min = Math.min(...top.map(dist));
      top = top.filter((v) => dist(v) === min);
    }
  }
  if (top.length !== 1) {
    const tied = new Set(top.map((v) => v.item_id));
    return {
      ok: false,
      reason: `which of ${top.length} ${product.name} variants you mean (${top.map((v) => Object.values(v.options).join(', ')).join(' / ')})`,
      candidates: closest(scored.filter((s) => tied.has(s.v.item_id))),
    };
  }
  const v = top[0]!;
  return { ok: true, item_id: v.item_id, price: v.price, options: v.options };
}

function optionSummary(product: ProductDetails): string {
  const variants = Object.values(product.variants);
  const keys = [...new Set(variants.flatMap((v) => Object.keys(v.options)))];
  return keys.map((k) => `${k}: ${[...new Set(variants.map((v) => v.options[k]))].join('/')}`).join('; ');
}

/**
 * The text without the words that only say which order is meant ("from the order that also had the
 * pet bed", "in the order with the lamp"): the items they name are how the order is found, not what
 * the request is about.
 */
export function withoutOrderDescription(text: string): string {
  return text
    // "from my recent order (office chair, gaming mouse, wall clock)": the list says which order
    .replace(/\b((?:order|purchase|delivery|package|shipment|bundle)\w*)\s*\((?:with |the |which had )?[^)]*\)/gi, '$1')
    // "in the order with the e-reader and the watch, I'd like…": up to where the sentence turns to the wish
    .replace(
      /\b(?:from|in|of|on)?\s*(?:the|my|that) (?:order|package|delivery|purchase|shipment)\s*,?\s*(?:that|which|where)?\s*(?:also|too)?\s*(?:had|has|contained|contains|came with|comes with|included|includes|with)\b.*?(?=\.(?!\d)|[;:!?()\n\u2014\u2013]|,\s*(?:i|i'd|i'm|we|please|can|could|would|so|but)\b|\s(?:i|we)\s|$)/gi,
      ' ',
    )
    // "the espresso machine I ordered with the digital camera", "the kettle, along with the e-reader"
    // (only after a buying verb: "return the umbrella along with the e-reader" asks for both)
    .replace(/(?<=\b(?:ordered|bought|got|purchased|received|came|arrived|delivered)\b[^.;:!?\n]{0,60}?)\s*\b(?:along with|together with|alongside|with)\b.*?(?=\.(?!\d)|[;:!?()\n\u2014\u2013]|,\s*(?:i|i'd|i'm|we|please|can|could|would|so|but)\b|\s(?:i|we)\s|$)/gi, ' ');
}

/** Words that continue the wish before them with another item ("the running shoes too"). */
const CONTINUES = /\b(too|also|as well|same (for|goes))\b/;
/** A wish that points back to what the sentence before named ("I'd like to send it back"). */
const POINTS_BACK = /\b(it|them|these|those|this one|that one|both)\b/;

/**
 * The sentences that ask for this wish (by its cue), with the sentence a pronoun in them points back
 * to and the sentences that continue it with another item — what an item is taken from. Items named
 * only in the story around it ("I bought the chair, the camera and shoes for my office") are not.
 * The whole text when no such sentence names an item of the order.
 */
export function wishSentences(text: string, wish: RegExp, items: Item[]): string {
  const sentences = clauses(text);
  const names = (c: string) => items.some((it) => nameScore(c, it.name) >= 1);
  const picked = new Set<number>();
  sentences.forEach((c, i) => {
    const t = normalize(c);
    if (!wish.test(t)) return;
    picked.add(i);
    if (!names(c) && POINTS_BACK.test(t)) {
      // the nearest sentence before it that names an item
      for (let j = i - 1; j >= 0; j--) if (names(sentences[j]!)) {
        picked.add(j);
        break;
      }
    }
  });
  if (picked.size === 0) return text;
  sentences.forEach((c, i) => {
    if (!picked.has(i) && names(c) && CONTINUES.test(normalize(c)) && [...picked].some((j) => j < i)) picked.add(i);
  });
  const focus = sentences.filter((_, i) => picked.has(i));
  return focus.some(names) ? focus.join('\n') : text;
}
