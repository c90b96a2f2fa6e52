// The policy being edited, as plain data: set a field by its path (an emptied rule disappears, so
// the JSON stays what a lead would write), check it with the contract's own schema as it is typed,
// and the modes in words. A field may hold what the lead typed even when it is not valid (e.g. "12x"
// for a cap): the schema then names that field, and the form shows the message beside it.
import { PolicySchema, type Mode } from '../../../../shared/policy.ts';

export type Draft = Record<string, unknown>;
export type Path = readonly (string | number)[];
export interface Issue {
  path: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `draft` with the value at `path` set (undefined removes it); empty objects and lists below the top level are removed. */
export function setIn(draft: Draft, path: Path, value: unknown): Draft {
  return setAt(draft, path, value, 0) as Draft;
}

function setAt(node: unknown, path: Path, value: unknown, depth: number): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  if (typeof key === 'number') {
    const list = Array.isArray(node) ? [...node] : [];
    const next = setAt(list[key], rest, value, depth + 1);
    if (next === undefined) list.splice(key, 1);
    else list[key] = next;
    return list.length || depth === 0 ? list : undefined;
  }
  const obj: Record<string, unknown> = isObject(node) ? { ...node } : {};
  const next = setAt(obj[key], rest, value, depth + 1);
  if (next === undefined) delete obj[key];
  else obj[key] = next;
  return Object.keys(obj).length || depth <= 1 ? obj : undefined;
}

export function getIn(draft: unknown, path: Path): unknown {
  let node = draft;
  for (const key of path) node = isObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[key] : undefined;
  return node;
}

/** Every problem of the draft by the path of the field it is about ("actions.refund.caps.auto"). */
export function checkDraft(draft: unknown): Issue[] {
  const parsed = PolicySchema.safeParse(draft);
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...at, key].join('.'), message: 'is not a field a policy has' }));
    const message = issue.code === 'invalid_type' && issue.expected === 'number' ? 'enter a number' : issue.message;
    return [{ path: at.join('.'), message }];
  });
}

/** The problems of one field (exactly this path) */
export function issuesAt(issues: readonly Issue[], path: Path): string[] {
  const key = path.join('.');
  return issues.filter((i) => i.path === key).map((i) => i.message);
}

/** What a lead picks for an action: the modes, plus "second approval" (every amount needs a second approver). */
export type ModeChoice = '' | Mode | 'second';

export const MODE_LABELS: Record<Exclude<ModeChoice, ''>, string> = {
  auto: 'Runs by itself',
  approve: 'Agent approves',
  second: 'Second approval',
  suggest: 'Suggestion only',
  off: 'Off: never',
};

type Rule = Record<string, unknown>;

export function choiceOf(rule: unknown): ModeChoice {
  if (!isObject(rule)) return '';
  const caps = isObject(rule.caps) ? rule.caps : {};
  if (rule.mode === 'approve' && caps.approve === 0) return 'second';
  return typeof rule.mode === 'string' ? (rule.mode as Mode) : '';
}

/**
 * The rule with the lead's choice: "second approval" is the agent's approval with a $0 approve cap
 * (any amount above $0 then needs a second approver); leaving it takes that cap away again.
 */
export function withChoice(rule: unknown, choice: ModeChoice): Rule | undefined {
  const was = choiceOf(rule);
  let next: Rule = isObject(rule) ? { ...rule } : {};
  let caps: Rule = isObject(next.caps) ? { ...next.caps } : {};
  if (was === 'second') delete caps.approve;
  if (choice === 'second') {
    delete caps.auto;
    caps = { ...caps, approve: 0 };
    next = { ...next, mode: 'approve' };
  } else if (choice === '') delete next.mode;
  else next = { ...next, mode: choice };
  if (Object.keys(caps).length) next.caps = caps;
  else delete next.caps;
  return Object.keys(next).length ? next : undefined;
}

/** A money or count field as typed: a number when it is one, nothing when empty, else the text (which the schema refuses, by name). */
export function typedNumber(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t.replace(/^\$/, '').replace(/,/g, ''));
  return Number.isFinite(n) ? n : text;
}

export const money = (n: number) => `$${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

/** One line about a rule: "Agent approves · by itself up to $50 · 1 condition". */
export function ruleLine(rule: unknown, fallback: string): string {
  if (!isObject(rule)) return fallback;
  const choice = choiceOf(rule);
  const parts = [choice ? MODE_LABELS[choice] : fallback];
  const caps = isObject(rule.caps) ? rule.caps : {};
  if (typeof caps.auto === 'number') parts.push(`by itself up to ${money(caps.auto)}`);
  if (typeof caps.approve === 'number' && choice !== 'second') parts.push(`second approver above ${money(caps.approve)}`);
  if (typeof caps.secondApproval === 'number') parts.push(`never above ${money(caps.secondApproval)}`);
  const conditions = Array.isArray(rule.conditions) ? rule.conditions.length : 0;
  if (conditions) parts.push(`${conditions} condition${conditions === 1 ? '' : 's'}`);
  if (isObject(rule.rateLimit) && typeof rule.rateLimit.autoPerAgentPerHour === 'number') parts.push(`≤ ${rule.rateLimit.autoPerAgentPerHour}/h by itself`);
  return parts.join(' · ');
}
