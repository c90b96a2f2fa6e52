// The policy's decision as a person reads it: a short badge ("Needs your approval") and one plain
// sentence about why ("team rule: replies are checked"). The policy's own wording (which rule,
// which mode) stays in the trace and in the tooltip; this is what the panel says.
import type { DecisionKind } from '../../../shared/decision.ts';
import { words } from './format.ts';

export const DECISION_BADGES: Record<DecisionKind, string> = {
  auto: 'Runs by itself',
  approve: 'Needs your approval',
  second_approval: 'Needs a second approval',
  suggest: 'Do it by hand',
  blocked: 'Not allowed',
};

/** What kind of write an action is, for "team rule: replies are checked". */
function noun(action: string): string {
  if (/reply/.test(action)) return 'replies';
  if (/note/.test(action)) return 'notes';
  if (/status/.test(action)) return 'status changes';
  if (/refund|adjust|charge|credit/.test(action)) return 'refunds';
  if (/cancel/.test(action)) return 'cancellations';
  if (/return/.test(action)) return 'returns';
  if (/exchange/.test(action)) return 'exchanges';
  return `"${words(action)}" steps`;
}

const MODE_WORDS: Record<string, string> = {
  auto: 'run by themselves',
  approve: 'are checked',
  second_approval: 'need a second approver',
  suggest: 'are done by hand',
  off: 'are not allowed',
};

/** Why, in plain words: the team's rule or default, a money limit, a missing fact. */
export function plainReason(kind: DecisionKind, reason: string, action: string): string {
  let m: RegExpMatchArray | null;
  if (/only reads/.test(reason)) return 'it only reads';
  if ((m = reason.match(/^no rule names \S+, so the policy's default mode (\w+) applies/))) return `team default: writes ${MODE_WORDS[m[1]!] ?? m[1]}`;
  if ((m = reason.match(/sets \S+ to (\w+)/))) return `team rule: ${noun(action)} ${MODE_WORDS[m[1]!] ?? m[1]}`;
  if ((m = reason.match(/(\$[\d,.]+) is above the (\$[\d,.]+) (second-approval|approve|auto) cap/))) {
    const limit = m[3] === 'second-approval' ? 'limit even with a second approver' : m[3] === 'approve' ? 'limit for one approver' : 'limit for running by itself';
    return `${m[1]} is over the team's ${m[2]} ${limit}`;
  }
  if ((m = reason.match(/^(.+) when (.+)$/)) && /^the policy makes/.test(m[1]!)) {
    return `team rule: when ${m[2]}`;
  }
  if ((m = reason.match(/(\$[\d,.]+) is within the (\$[\d,.]+)/))) return `${m[1]} is within the team's ${m[2]} limit`;
  if (/caps but the plan gives it no amount/.test(reason)) return 'the amount is not known, so the team\'s limit cannot be checked';
  if ((m = reason.match(/the (\w+) playbook is set to (\w+)/))) return `team rule: ${words(m[1]!)} requests ${MODE_WORDS[m[2]!] ?? m[2]}`;
  if (/^only the ticket's text supports/.test(reason)) return 'a value comes only from the customer\'s message';
  if (/records no source for/.test(reason)) return 'a value has no known source';
  if (/rate limit|in the last hour/.test(reason)) return 'the hourly limit for running by itself is reached';
  if (/cannot name the write/.test(reason)) return 'the team\'s policy does not cover this kind of step';
  if (/could not be evaluated|no valid decision/.test(reason)) return 'the team\'s policy could not be checked';
  // a condition's own words, written by the lead
  if ((m = reason.match(/ when (.+)$/))) return `team rule: when ${m[1]}`;
  return `team rule: ${reason}`;
}

export function plainDecision(kind: DecisionKind, reason: string, action: string): { badge: string; why: string; sentence: string } {
  const badge = DECISION_BADGES[kind];
  const why = plainReason(kind, reason, action);
  return { badge, why, sentence: `${badge} (${why})` };
}
