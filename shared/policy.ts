// The team lead's autonomy policy: how much of a plan runs without asking. Written by a lead,
// signed with the lead's key (core/policy/signing.ts), enforced by core/policy/decide.ts at plan
// time and again just before each step runs. Reads are never restricted; this governs writes.
import { z } from 'zod';
import { WRITE_OPERATIONS } from './retail.ts';
import { PLAYBOOKS } from './plan.ts';
import type { Failure } from './errors.ts';

/** Every write a policy can name: the benchmark's writes, the billing adjustment, and the helpdesk and CRM writes. */
export const POLICY_ACTIONS = [
  ...WRITE_OPERATIONS,
  'add_crm_note',
  'reply_to_customer',
  'add_internal_note',
  'set_ticket_status',
  'assign_ticket',
] as const;
export const PolicyActionSchema = z.enum(POLICY_ACTIONS);
export type PolicyAction = z.infer<typeof PolicyActionSchema>;

/** From strictest to loosest: off → blocked, suggest → a person does it by hand, approve → after the agent's click, auto → without asking. */
export const MODES = ['off', 'suggest', 'approve', 'auto'] as const;
export const ModeSchema = z.enum(MODES);
export type Mode = z.infer<typeof ModeSchema>;

const Money = z.number().nonnegative().finite();

/**
 * Amount caps over `Step.amount` (dollars), each inclusive: up to `auto` runs as the mode says,
 * up to `approve` needs at least the agent's approval, up to `secondApproval` (or without limit when
 * absent) needs a second approver, above `secondApproval` it is blocked. Caps only ever tighten.
 */
export const CapsSchema = z
  .strictObject({ auto: Money.optional(), approve: Money.optional(), secondApproval: Money.optional() })
  .superRefine((caps, ctx) => {
    const order = (['auto', 'approve', 'secondApproval'] as const).filter((k) => caps[k] !== undefined);
    for (let i = 1; i < order.length; i++) {
      const lower = order[i - 1]!;
      const upper = order[i]!;
      if (caps[lower]! > caps[upper]!) {
        ctx.addIssue({ code: 'custom', path: [upper], message: `must be at least the ${lower} cap (${caps[lower]})` });
      }
    }
  });
export type Caps = z.infer<typeof CapsSchema>;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const OPERATORS = ['eq', 'ne', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;
export type Operator = (typeof OPERATORS)[number];

/** One test over the facts the caller passes (what the systems say): `{fact: "order.status", eq: "pending"}`. */
export const ClauseSchema = z
  .strictObject({
    /** a dotted path into the facts, e.g. order.status, order.total, customer.user_id */
    fact: z.string().regex(/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/, 'must be a dotted path such as order.status'),
    eq: Scalar.optional(),
    ne: Scalar.optional(),
    in: z.array(Scalar).min(1).optional(),
    notIn: z.array(Scalar).min(1).optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    exists: z.boolean().optional(),
  })
  .superRefine((clause, ctx) => {
    const ops = OPERATORS.filter((op) => clause[op] !== undefined);
    if (ops.length !== 1) {
      ctx.addIssue({ code: 'custom', path: [], message: `needs exactly one of ${OPERATORS.join(', ')} (found ${ops.length ? ops.join(', ') : 'none'})` });
    }
  });
export type Clause = z.infer<typeof ClauseSchema>;

/**
 * When every clause of `when` holds, the step's mode becomes at least as strict as `mode`.
 * With `loosen: true` the lead allows the opposite: the mode may become as loose as `mode` — still
 * within the caps, the playbook's mode, the rate limit and the provenance rule.
 * A tightening condition whose facts are unknown applies; a loosening one does not.
 */
export const ConditionSchema = z.strictObject({
  when: z.array(ClauseSchema).min(1),
  mode: ModeSchema,
  loosen: z.boolean().default(false),
  /** shown as the decision's reason when this condition decides */
  reason: z.string().min(1).optional(),
});
export type Condition = z.infer<typeof ConditionSchema>;

export const RateLimitSchema = z.strictObject({
  /** at most this many runs of the action without asking, per agent, in any hour; then it needs approval */
  autoPerAgentPerHour: z.number().int().nonnegative(),
});
export type RateLimit = z.infer<typeof RateLimitSchema>;

export const ActionRuleSchema = z.strictObject({
  mode: ModeSchema.optional(),
  caps: CapsSchema.optional(),
  conditions: z.array(ConditionSchema).optional(),
  rateLimit: RateLimitSchema.optional(),
});
export type ActionRule = z.infer<typeof ActionRuleSchema>;

export const PlaybookRuleSchema = z.strictObject({
  /** no step of this playbook is looser than this ('off' switches the playbook's writes off) */
  mode: ModeSchema.optional(),
  /** this playbook's own rules: each field given replaces the policy-wide rule's field */
  actions: z.partialRecord(PolicyActionSchema, ActionRuleSchema).optional(),
});
export type PlaybookRule = z.infer<typeof PlaybookRuleSchema>;

export const POLICY_VERSION = 1;

export const PolicySchema = z.strictObject({
  version: z.literal(POLICY_VERSION),
  name: z.string().min(1),
  /** when the lead wrote it (ISO 8601); shown by `legwork policy show` */
  issuedAt: z.iso.datetime({ offset: true }).optional(),
  /** the mode of a write no rule names */
  defaultMode: ModeSchema.default('approve'),
  actions: z.partialRecord(PolicyActionSchema, ActionRuleSchema).default({}),
  playbooks: z.partialRecord(z.enum(PLAYBOOKS), PlaybookRuleSchema).default({}),
});
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

/** The facts a condition reads: what the systems say about the step's target, e.g. `{order: {status, total}, customer: {user_id}}`. */
export type Facts = Record<string, unknown>;

/** One step that ran without asking: what rate limits count. */
export const AutoRunSchema = z.object({ agent: z.string(), action: z.string(), at: z.string() });
export type AutoRun = z.infer<typeof AutoRunSchema>;

/** Parses a policy, naming the path of every problem: "actions.adjust_charge.caps.auto: …". */
export function parsePolicy(input: unknown): { ok: true; data: Policy } | { ok: false; error: Failure } {
  const parsed = PolicySchema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const problems = parsed.error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${[...at, key].join('.')}: unknown key`);
    return [`${at.length ? at.join('.') : '(top level)'}: ${issue.message}`];
  });
  return { ok: false, error: { code: 'invalid_input', message: `policy is not valid: ${problems.join('; ')}`, retryable: false } };
}

/**
 * What applies when no valid policy has ever been installed: every write needs the agent's
 * approval, and money above $25 a second approver. Never looser than any policy a lead would sign.
 */
export const STRICTEST_POLICY: Policy = PolicySchema.parse({
  version: POLICY_VERSION,
  name: 'built-in strictest default',
  defaultMode: 'approve',
  actions: Object.fromEntries(
    (['cancel_pending_order', 'modify_pending_order_items', 'return_delivered_order_items', 'exchange_delivered_order_items', 'adjust_charge'] as const).map(
      (action) => [action, { mode: 'approve', caps: { approve: 25 } }],
    ),
  ),
});
