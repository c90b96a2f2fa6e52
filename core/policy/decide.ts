// The policy engine: one Decision per step, computed at plan time and again just before the step
// runs (the executor combines the two with `stricter`). Each rule below can only make a decision
// stricter, except a condition the lead marked `loosen`, which may loosen the action's mode within
// the caps, the playbook's mode, the rate limit and the provenance rule.
import { stricter, type Decision, type DecisionKind } from '../../shared/decision.ts';
import type { Plan, Step } from '../../shared/plan.ts';
import {
  MODES,
  POLICY_ACTIONS,
  type ActionRule,
  type AutoRun,
  type Caps,
  type Clause,
  type Condition,
  type Facts,
  type Mode,
  type Policy,
  type PolicyAction,
} from '../../shared/policy.ts';
import { describeClause, evaluateClause } from './facts.ts';
import { formatCap, formatMoney, toCents } from './money.ts';

export interface DecideContext {
  /** what the systems say; a function gives each step its own (e.g. the order that step changes) */
  facts: Facts | ((step: Step) => Facts);
  /** who runs the plan: rate limits count per agent */
  agent: string;
  now: Date;
  /** steps that ran without asking (from the trace store); rate limits count those of the last hour */
  recentAutoRuns: readonly AutoRun[];
}

const HOUR_MS = 60 * 60 * 1000;
const KIND_OF_MODE: Record<Mode, DecisionKind> = { off: 'blocked', suggest: 'suggest', approve: 'approve', auto: 'auto' };

/** The policy's decision for one step of a plan. */
export function decide(policy: Policy, plan: Plan, step: Step, ctx: DecideContext): Decision {
  const finding = (kind: DecisionKind, reason: string): Decision => ({ stepId: step.id, kind, reason });
  if (step.kind === 'read') return finding('auto', `${step.action} only reads, and reads are never restricted`);
  if (!isPolicyAction(step.action)) return finding('blocked', `the policy cannot name the write "${step.action}", so it never runs`);

  const action = step.action;
  const { rule, origin } = ruleFor(policy, step.playbook, action);
  const facts = factsFor(plan, step, ctx);
  let mode = rule.mode ?? policy.defaultMode;
  let modeReason = rule.mode ? `${origin} sets ${action} to ${mode}` : `no rule names ${action}, so the policy's default mode ${mode} applies`;

  // Loosening conditions first, so that a tightening one always has the last word.
  for (const condition of rule.conditions ?? []) {
    if (!condition.loosen || MODES.indexOf(condition.mode) <= MODES.indexOf(mode)) continue;
    if (condition.when.every((clause) => evaluateClause(clause, facts) === true)) {
      mode = condition.mode;
      modeReason = condition.reason ?? `${origin} lets ${action} be ${mode} when ${describeWhen(condition.when)}`;
    }
  }
  let decision = finding(KIND_OF_MODE[mode], modeReason);
  const notes: string[] = [];

  for (const condition of rule.conditions ?? []) {
    if (condition.loosen) continue;
    const outcome = conditionHolds(condition, facts);
    if (outcome === 'no') continue;
    decision = stricter(decision, finding(KIND_OF_MODE[condition.mode], conditionReason(condition, outcome, action)));
  }

  const playbookMode = playbookPolicy(policy, step.playbook)?.mode;
  if (playbookMode) decision = stricter(decision, finding(KIND_OF_MODE[playbookMode], `the ${step.playbook} playbook is set to ${playbookMode}`));

  if (rule.caps) {
    const capped = capFinding(rule.caps, step, action);
    if (capped.kind === 'auto') notes.push(capped.reason);
    else decision = stricter(decision, finding(capped.kind, capped.reason));
  }

  const unsupported = ticketOnlyParams(step);
  if (unsupported) decision = stricter(decision, finding('approve', unsupported));

  if (decision.kind === 'auto' && rule.rateLimit) {
    const limit = rule.rateLimit.autoPerAgentPerHour;
    // a run with an unreadable time counts as recent
    const since = ctx.now.getTime() - HOUR_MS;
    const count = ctx.recentAutoRuns.filter((run) => run.agent === ctx.agent && run.action === action && !(Date.parse(run.at) <= since)).length;
    if (count >= limit) decision = finding('approve', rateLimitReason(ctx.agent, action, count, limit));
  }

  return decision.kind === 'auto' && notes.length ? { ...decision, reason: [decision.reason, ...notes].join('; ') } : decision;
}

/**
 * Decisions for every step, in order. A step decided `auto` counts towards the rate limit of the
 * steps after it, as if it had run.
 */
export function decidePlan(policy: Policy, plan: Plan, ctx: DecideContext): Decision[] {
  const runs = [...ctx.recentAutoRuns];
  const at = ctx.now.toISOString();
  return plan.steps.map((step) => {
    const decision = decide(policy, plan, step, { ...ctx, recentAutoRuns: runs });
    if (decision.kind === 'auto' && step.kind === 'write') runs.push({ agent: ctx.agent, action: step.action, at });
    return decision;
  });
}

function isPolicyAction(action: string): action is PolicyAction {
  return (POLICY_ACTIONS as readonly string[]).includes(action);
}

/** The policy-wide rule for the action, with the playbook's own rule's fields laid over it. */
function ruleFor(policy: Policy, playbook: Step['playbook'], action: PolicyAction): { rule: ActionRule; origin: string } {
  const general = policy.actions[action];
  const specific = playbookPolicy(policy, playbook)?.actions?.[action];
  const rule: ActionRule = { ...general, ...definedFields(specific) };
  const origin = specific?.mode ? `the ${playbook} playbook's rule` : 'the policy';
  return { rule, origin };
}

function definedFields<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function factsFor(plan: Plan, step: Step, ctx: DecideContext): Facts {
  const given = typeof ctx.facts === 'function' ? ctx.facts(step) : ctx.facts;
  return plan.customer && given.customer === undefined ? { ...given, customer: plan.customer } : given;
}

/** 'yes', 'no', or 'unknown' when a fact it reads is missing (a tightening condition then applies). */
function conditionHolds(condition: Condition, facts: Facts): 'yes' | 'no' | 'unknown' {
  let unknown = false;
  for (const clause of condition.when) {
    const result = evaluateClause(clause, facts);
    if (result === false) return 'no';
    if (result === undefined) unknown = true;
  }
  return unknown ? 'unknown' : 'yes';
}

function conditionReason(condition: Condition, outcome: 'yes' | 'unknown', action: string): string {
  if (outcome === 'unknown') {
    const missing = condition.when.map((clause) => clause.fact).join(', ');
    return `the policy makes ${action} ${condition.mode} when ${describeWhen(condition.when)}, and ${missing} is not known, so it applies`;
  }
  return condition.reason ?? `the policy makes ${action} ${condition.mode} when ${describeWhen(condition.when)}`;
}

function describeWhen(clauses: readonly Clause[]): string {
  return clauses.map(describeClause).join(' and ');
}

function capFinding(caps: Caps, step: Step, action: string): { kind: DecisionKind; reason: string } {
  if (step.amount === undefined) return { kind: 'approve', reason: `${action} has amount caps but the plan gives it no amount, so the caps cannot be checked` };
  const cents = toCents(step.amount);
  const what = `${action} of ${formatMoney(step.amount)}`;
  if (caps.secondApproval !== undefined && cents > toCents(caps.secondApproval)) {
    return { kind: 'blocked', reason: `${what} is above the ${formatCap(caps.secondApproval)} second-approval cap` };
  }
  if (caps.approve !== undefined && cents > toCents(caps.approve)) {
    return { kind: 'second_approval', reason: `${what} is above the ${formatCap(caps.approve)} approve cap` };
  }
  if (caps.auto !== undefined && cents > toCents(caps.auto)) {
    return { kind: 'approve', reason: `${what} is above the ${formatCap(caps.auto)} auto cap` };
  }
  const within = caps.auto ?? caps.approve ?? caps.secondApproval;
  return { kind: 'auto', reason: within === undefined ? `${what} has no cap` : `${formatMoney(step.amount)} is within the ${formatCap(within)} ${caps.auto !== undefined ? 'auto' : caps.approve !== undefined ? 'approve' : 'second-approval'} cap` };
}

/** The provenance rule: a write parameter only the ticket text supports (or with no recorded source) never runs without a human. */
function ticketOnlyParams(step: Step): string | undefined {
  const fromTicket = Object.keys(step.params).filter((name) => step.provenance[name]?.source === 'ticket');
  const unsourced = Object.keys(step.params).filter((name) => step.provenance[name] === undefined);
  if (fromTicket.length) {
    const detail = fromTicket.map((name) => `${name} (${step.provenance[name]!.detail})`).join(', ');
    return `only the ticket's text supports ${detail}, so a person must approve it`;
  }
  if (unsourced.length) return `the plan records no source for ${unsourced.join(', ')}, so a person must approve it`;
  return undefined;
}

function rateLimitReason(agent: string, action: string, count: number, limit: number): string {
  if (limit === 0) return `the policy's rate limit lets no one run ${action} without asking`;
  return `${agent} already ran ${action} without asking ${count} time${count === 1 ? '' : 's'} in the last hour (the limit is ${limit} an hour)`;
}

/** The policy's part for a playbook (none for one a lead's playbook file adds: the policy-wide rules apply to it). */
function playbookPolicy(policy: Policy, playbook: string): Policy['playbooks'][keyof Policy['playbooks']] {
  return (policy.playbooks as Partial<Record<string, Policy['playbooks'][keyof Policy['playbooks']]>>)[playbook];
}
