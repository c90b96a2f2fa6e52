// An approval is bound to the plan's hash: any change to what a step does (its action, target,
// parameters, the money it moves, where its values came from) or to the reply needs a new approval.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson, type Plan } from '../shared/plan.ts';
import { DecisionSchema, type Decision } from '../shared/decision.ts';
import type { Result } from '../shared/errors.ts';
import { fail } from './executor/failure.ts';

/**
 * The part of a plan an approval binds: what will be done and said. The planner's prose (why,
 * expected effect, the reason of the outcome), its reads and usage are shown to the approver but
 * do not change what runs, so they stay outside.
 */
export function planBinding(plan: Plan) {
  return {
    ticketId: plan.ticketId,
    outcome: plan.outcome,
    steps: plan.steps.map((s) => ({
      id: s.id,
      playbook: s.playbook,
      system: s.system,
      action: s.action,
      kind: s.kind,
      params: s.params,
      amount: s.amount,
      provenance: Object.fromEntries(Object.entries(s.provenance ?? {}).map(([k, p]) => [k, p.source])),
    })),
    reply: plan.reply,
  };
}

/** sha256 hex over the canonical JSON of the plan's binding part. */
export function planHash(plan: Plan): string {
  return createHash('sha256').update(canonicalJson(planBinding(plan))).digest('hex');
}

export const ApprovalSchema = z.object({
  planHash: z.string().regex(/^[0-9a-f]{64}$/, 'planHash must be a sha256 hex digest'),
  approver: z.string().trim().min(1, 'approver is required'),
  at: z.string().min(1),
  /** a second person's approval, for steps whose decision is second_approval */
  secondApprover: z.string().trim().min(1).optional(),
  /** the policy's plan-time decisions the approver saw; the executor combines each with the run-time one */
  decisions: z.array(DecisionSchema).optional(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

export interface ApproveOptions {
  secondApprover?: string;
  decisions?: Decision[];
  at?: Date;
}

/** The approver's approval of exactly this plan. */
export function approvePlan(plan: Plan, approver: string, opts: ApproveOptions = {}): Result<Approval> {
  // a plan with a choice still open is not the plan that would run: every choice is made first
  const open = (plan.choices ?? []).filter((c) => c.picked === null);
  if (open.length > 0) return fail('precondition_failed', `make the plan's choices first: ${open.map((c) => c.question).join(' ')}`);
  const parsed = ApprovalSchema.safeParse({
    planHash: planHash(plan),
    approver,
    at: (opts.at ?? new Date()).toISOString(),
    secondApprover: opts.secondApprover,
    decisions: opts.decisions,
  });
  if (!parsed.success) {
    return fail('invalid_input', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const a = parsed.data;
  if (a.secondApprover && a.secondApprover.toLowerCase() === a.approver.toLowerCase()) {
    return fail('invalid_input', 'the second approver must be another person than the approver');
  }
  const unknown = (a.decisions ?? []).filter((d) => !plan.steps.some((s) => s.id === d.stepId));
  if (unknown.length) {
    return fail('invalid_input', `decisions for steps not in the plan: ${unknown.map((d) => d.stepId).join(', ')}`);
  }
  return { ok: true, data: a };
}
