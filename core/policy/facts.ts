// Conditions read the facts the caller passes (what the systems say): dotted paths, one operator each.
import type { Clause, Facts } from '../../shared/policy.ts';
import { toCents } from './money.ts';

type Scalar = string | number | boolean;

/** The value at a dotted path ("order.total"), or undefined when any part is missing. */
export function factAt(facts: Facts, path: string): unknown {
  let value: unknown = facts;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** true or false, or undefined when the fact is unknown (missing, or not a number where one is compared). */
export function evaluateClause(clause: Clause, facts: Facts): boolean | undefined {
  const value = factAt(facts, clause.fact);
  const known = value !== undefined && value !== null;
  if (clause.exists !== undefined) return known === clause.exists;
  if (!known) return undefined;
  if (clause.eq !== undefined) return same(value, clause.eq);
  if (clause.ne !== undefined) return !same(value, clause.ne);
  if (clause.in !== undefined) return clause.in.some((v) => same(value, v));
  if (clause.notIn !== undefined) return !clause.notIn.some((v) => same(value, v));
  if (typeof value !== 'number') return undefined;
  const cents = toCents(value);
  if (clause.gt !== undefined) return cents > toCents(clause.gt);
  if (clause.gte !== undefined) return cents >= toCents(clause.gte);
  if (clause.lt !== undefined) return cents < toCents(clause.lt);
  if (clause.lte !== undefined) return cents <= toCents(clause.lte);
  return undefined;
}

/** The clause as a sentence fragment: "order.status is pending", "order.total is above 1000". */
export function describeClause(clause: Clause): string {
  const f = clause.fact;
  if (clause.exists !== undefined) return `${f} is ${clause.exists ? '' : 'not '}known`;
  if (clause.eq !== undefined) return `${f} is ${clause.eq}`;
  if (clause.ne !== undefined) return `${f} is not ${clause.ne}`;
  if (clause.in !== undefined) return `${f} is one of ${clause.in.join(', ')}`;
  if (clause.notIn !== undefined) return `${f} is none of ${clause.notIn.join(', ')}`;
  if (clause.gt !== undefined) return `${f} is above ${clause.gt}`;
  if (clause.gte !== undefined) return `${f} is at least ${clause.gte}`;
  if (clause.lt !== undefined) return `${f} is below ${clause.lt}`;
  return `${f} is at most ${clause.lte}`;
}

function same(value: unknown, expected: Scalar): boolean {
  if (typeof value === 'number' && typeof expected === 'number') return toCents(value) === toCents(expected);
  return value === expected;
}
