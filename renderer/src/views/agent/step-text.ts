// What a step says in one line, and why a step will not run, in words a person reads. The
// internal wording (step ids, error codes, rule names) stays in the trace.
import type { StepState } from '../../../../shared/api.ts';
import type { Decision } from '../../../../shared/decision.ts';
import type { Step } from '../../../../shared/plan.ts';
import { showValue, words } from '../../ui/format.ts';
import { plainReason } from '../../ui/plain-decision.ts';

/** Parameters a person does not need on the one line (they are in the details). */
const QUIET = new Set(['ticket_id', 'user_id', 'body', 'note', 'text']);

const money = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The step's key values: the order, the amount, a status… (at most three, short). */
export function keyValues(step: Step): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(step.params)) {
    if (QUIET.has(name) || value === null || value === undefined) continue;
    if (Array.isArray(value)) out.push(`${value.length} ${words(name).replace(/ ids?$/, '')}${value.length === 1 ? '' : 's'}`);
    else out.push(clip(showValue(value), 28));
  }
  if (step.amount !== undefined) out.unshift(money(step.amount));
  return out.slice(0, 3);
}

function clip(text: string, n: number): string {
  const line = text.split('\n')[0]!;
  return line.length > n ? `${line.slice(0, n - 1)}…` : line;
}

/** A plan-time decision that will not let the agent's approval run the step, with why; else null. */
export function wontRun(decision: Decision | undefined, action: string, secondApproved = false): string | null {
  if (!decision) return null;
  const why = plainReason(decision.kind, decision.reason, action);
  switch (decision.kind) {
    case 'suggest':
      return `do it by hand in the system (${why})`;
    case 'blocked':
      return `the team's policy does not allow it (${why})`;
    case 'second_approval':
      return secondApproved ? null : `it needs a second approval first (${why})`;
    default:
      return null;
  }
}

/** An error message without step ids, action ids or codes: "(s1)", "cancel_pending_order", "system_error: ". */
export function plainError(message: string): string {
  return message
    .replace(/\s*\(s\d+\)/g, '')
    .replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (id) => words(id))
    .replace(/^(?:[a-z ]+ error|internal|timeout|not found):\s*/i, '');
}

/** Why a step of a finished run did not run. */
export function notRunWhy(state: StepState | undefined, runOver: boolean, action: string): string | null {
  if (!state) return null;
  if (state.status === 'skipped') return state.note ? plainNote(state.note, action) : 'skipped';
  if (runOver && (state.status === 'pending' || state.status === 'running')) return 'the run stopped before it';
  return null;
}

/** A run's note on a step ("it needs a second approver (<the policy's reason>)") with the reason in plain words. */
export function plainNote(note: string, action: string): string {
  const m = note.match(/^(.*?) \((.+)\)$/);
  if (!m) return plainError(note);
  const what = m[1]!.replace(/^it needs a second approver$/, 'it needs a second approval').replace(/^the policy has a person do it by hand$/, 'it is done by hand');
  return `${plainError(what)} (${plainReason('approve', m[2]!, action)})`;
}
