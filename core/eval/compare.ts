// How `legwork eval` judges one ticket: the sandbox's end state against the gold state, and what
// Legwork did (asked, escalated, wrote) against what was expected.
import type { Outcome } from '../../shared/plan.ts';

export const EVAL_CLASSES = ['correct', 'clean_escalation', 'asked', 'escalated', 'wrong_write', 'missed'] as const;
export type EvalClass = (typeof EVAL_CLASSES)[number];

/** Numbers become whole cents, so 10.1 and 10.100000001 compare equal and floating sums do not differ. */
export function inCents(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Math.round(value * 100) / 100;
  if (Array.isArray(value)) return value.map(inCents);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inCents(v)]));
  return value;
}

/**
 * Where two states differ, as paths ("orders.#W123.status: pending → cancelled"), at most `limit`.
 * Objects are compared key by key, arrays item by item.
 */
export function stateDiff(actual: unknown, gold: unknown, limit = 20): string[] {
  const out: string[] = [];
  const show = (v: unknown) => {
    const s = JSON.stringify(v) ?? 'undefined';
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  };
  const walk = (a: unknown, g: unknown, path: string): void => {
    if (out.length >= limit) return;
    if (a === g) return;
    if (a && g && typeof a === 'object' && typeof g === 'object' && Array.isArray(a) === Array.isArray(g)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(g)]);
      for (const k of keys) walk((a as Record<string, unknown>)[k], (g as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      return;
    }
    out.push(`${path}: gold ${show(g)}, got ${show(a)}`);
  };
  walk(inCents(actual), inCents(gold), '');
  return out;
}

/** The keys that name a record in a list (billing's refunds, charges, adjustments; an order's items). */
const ID_KEYS = ['refund_id', 'adjustment_id', 'charge_id', 'item_id', 'order_id', 'id'];

/**
 * Lists of records compared by the records' ids rather than their places: a list kept sorted (the
 * processor's refunds, by order) shifts when a run did only some of gold's writes.
 */
function byId(...lists: unknown[]): unknown[] {
  if (!lists.every((l) => l === undefined || Array.isArray(l)) || !lists.some(Array.isArray)) return lists;
  const items = lists.flatMap((l) => (Array.isArray(l) ? l : []));
  const key = ID_KEYS.find((k) => items.every((i) => i && typeof i === 'object' && typeof (i as Record<string, unknown>)[k] === 'string'));
  if (!key) return lists;
  const unique = lists.every((l) => !Array.isArray(l) || new Set(l.map((i) => (i as Record<string, unknown>)[key])).size === l.length);
  if (!unique) return lists;
  return lists.map((l) => (Array.isArray(l) ? Object.fromEntries(l.map((i) => [`${key}=${(i as Record<string, unknown>)[key]}`, i])) : l));
}

/**
 * What the run changed that gold does not have: the paths where the end state differs both from
 * the state before the ticket and from the gold state, at most `limit`. Empty when every change
 * the run made is one of gold's (a run that did part of the gold writes and stopped).
 */
export function beyondGold(actual: unknown, gold: unknown, before: unknown, limit = 20): string[] {
  const out: string[] = [];
  const show = (v: unknown) => {
    const s = JSON.stringify(v) ?? 'undefined';
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  };
  const isObj = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object';
  const walk = (a0: unknown, g0: unknown, b0: unknown, path: string): void => {
    if (out.length >= limit || a0 === b0 || a0 === g0) return;
    const [a, g, b] = byId(a0, g0, b0);
    if (isObj(a) && (isObj(g) || isObj(b))) {
      const at = (v: unknown, k: string) => (isObj(v) ? v[k] : undefined);
      const keys = new Set([...Object.keys(a), ...(isObj(g) ? Object.keys(g) : []), ...(isObj(b) ? Object.keys(b) : [])]);
      for (const k of keys) walk(a[k], at(g, k), at(b, k), path ? `${path}.${k}` : k);
      return;
    }
    out.push(`${path}: before ${show(b)}, gold ${show(g)}, got ${show(a)}`);
  };
  walk(inCents(actual), inCents(gold), inCents(before), '');
  return out;
}

/**
 * The state as eval compares it: a billing adjustment's reason is the agent's free text, so
 * adjustments compare by order, charge and amount only.
 */
export function comparable(state: unknown): unknown {
  const s = state as { billing?: { adjustments?: Record<string, unknown>[] } } | null;
  if (!s?.billing?.adjustments) return state;
  return { ...s, billing: { ...s.billing, adjustments: s.billing.adjustments.map(({ reason: _reason, ...rest }) => rest) } };
}

export interface TicketJudgement {
  expectedOutcome: Outcome;
  /** what Legwork decided */
  plannedOutcome: Outcome | null;
  /** writes to the systems of record Legwork made (helpdesk replies and CRM notes do not count) */
  wrote: boolean;
  goldHasWrites: boolean;
  /** the run stopped before its end and its hand-over note landed on the ticket */
  handedOver?: boolean;
  /** changes the run made that gold does not have (see beyondGold) */
  beyondGold?: string[];
  /** differences between the end state and the gold state; empty when equal */
  diff: string[];
}

/**
 * The class of one ticket:
 * - correct: something was written and the state equals gold; or nothing was written, none was
 *   expected, and Legwork's outcome is the expected one;
 * - clean_escalation: the run stopped and handed the ticket over with a note, and everything it
 *   wrote is one of gold's writes (possibly none, possibly some of them);
 * - wrong_write: something was written and the state differs from gold (and it was no clean escalation);
 * - asked / escalated: nothing was written and Legwork asked / escalated where that was not expected;
 * - missed: nothing was written although gold had writes (or a resolve where an ask or an
 *   escalation was expected) and Legwork neither asked nor escalated.
 */
export function classify(j: TicketJudgement): EvalClass {
  if (j.wrote && j.diff.length === 0) return 'correct';
  if (!j.wrote && !j.goldHasWrites && j.diff.length === 0 && j.plannedOutcome === j.expectedOutcome) return 'correct';
  if (j.handedOver && j.beyondGold?.length === 0) return 'clean_escalation';
  if (j.wrote) return 'wrong_write';
  if (j.plannedOutcome === 'ask') return 'asked';
  if (j.plannedOutcome === 'escalate') return 'escalated';
  return 'missed';
}
