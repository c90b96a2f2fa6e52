// What the team lead's policy says about one step of a plan.
import { z } from 'zod';

export const DECISION_KINDS = [
  /** runs without asking */
  'auto',
  /** runs after the agent approves the plan */
  'approve',
  /** runs after the agent's approval and a second approver's (e.g. a refund above the approve cap) */
  'second_approval',
  /** Legwork proposes it; a person does it by hand in the system */
  'suggest',
  /** the policy does not allow it at all */
  'blocked',
] as const;
export const DecisionKindSchema = z.enum(DECISION_KINDS);
export type DecisionKind = z.infer<typeof DecisionKindSchema>;

export const DecisionSchema = z.object({
  stepId: z.string(),
  kind: DecisionKindSchema,
  /** why, in words a team lead wrote or would: "refunds up to $50 run without asking" */
  reason: z.string(),
});
export type Decision = z.infer<typeof DecisionSchema>;

/** The stricter of two decisions (plan time and execution time): the stricter one wins. */
export function stricter(a: Decision, b: Decision): Decision {
  return DECISION_KINDS.indexOf(b.kind) > DECISION_KINDS.indexOf(a.kind) ? b : a;
}
