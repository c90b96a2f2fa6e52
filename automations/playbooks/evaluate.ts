// Evaluating a compiled playbook's expressions over what the reads returned: the rules before a
// write (the first that refuses wins; one that cannot be evaluated refuses — a rule that cannot be
// shown to hold never lets a write through), the templates of messages and replies, and bindings.
import type { Refusal } from '../../shared/playbook.ts';
import type { CompiledPlaybook, Template } from './load.ts';
import type { ParseResult } from '@marcbachmann/cel-js';

export type Variables = Record<string, unknown>;

export interface Refused {
  rule: string;
  message: string;
  refuse: Refusal;
}

/**
 * The rules gating `action` whose variables are all given, in the file's order: the first that
 * refuses, or null. A rule whose variables are not all known yet (the write's parameters before
 * they are grounded) waits for a later call.
 */
export function refusal(playbook: CompiledPlaybook, action: string, given: Variables): Refused | null {
  const vars = playbook.toCel(given, action);
  for (const { rule, check, message, uses, gates } of playbook.rules) {
    if (gates.length > 0 && !gates.includes(action)) continue;
    if ([...uses].some((v) => vars[v] === undefined) || (rule.when === 'write' && vars.write === undefined)) continue;
    let holds: unknown;
    try {
      holds = check(vars);
    } catch (e) {
      return { rule: rule.id, message: `${render(message, vars)} (the rule could not be evaluated: ${firstLine(e)})`, refuse: rule.refuse };
    }
    if (holds !== true) return { rule: rule.id, message: render(message, vars), refuse: rule.refuse };
  }
  return null;
}

/** A template's text with each `{{ expr }}` evaluated over variables as `toCel` gives them (an expression that fails shows as `{{?}}`). */
export function render(template: Template, vars: Variables): string {
  return template.map((part) => (typeof part === 'string' ? part : show(value(part, vars)))).join('');
}

/** Each bound expression's value (a read's input, a write's parameter) over the playbook's variables. */
export function bind(playbook: CompiledPlaybook, bound: Record<string, ParseResult>, given: Variables): Record<string, unknown> {
  const vars = playbook.toCel(given);
  return Object.fromEntries(Object.entries(bound).map(([k, program]) => [k, plain(program(vars))]));
}

function value(program: ParseResult, vars: Variables): unknown {
  try {
    return program(vars);
  } catch {
    return '{{?}}';
  }
}

/** CEL values as JS ones: ints (bigint) as numbers, maps as objects. */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), plain(x)]));
  return v;
}

function show(v: unknown): string {
  const p = plain(v);
  if (p instanceof Date) return p.toISOString().slice(0, 10);
  if (Array.isArray(p)) return p.map(show).join(', ');
  if (p !== null && typeof p === 'object') return JSON.stringify(p);
  return String(p);
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message.split('\n')[0] : String(e));
