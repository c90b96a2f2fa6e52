// The plan contract: what Legwork proposes for one ticket, and what every planner (offline, LLM)
// returns. The executor runs only the steps of a plan the agent approved, bound to its hash.
import { z } from 'zod';
import { ActionCallSchema } from './retail.ts';
import { ChoiceSchema, RequestSchema } from './request.ts';
import { RuleCheckSchema } from './playbook.ts';
import { ROLES, RoleIdSchema, type RoleId } from './roles/index.ts';

/** Where a write parameter's value came from. */
export const PROVENANCES = [
  /** read from a system of record (the order page, the customer record…) */
  'system',
  /** chosen by the agent (or by the playbook's rule on the agent's behalf, e.g. a cancel reason the customer gave) */
  'agent',
  /** only the ticket's text supports it: never runs without a human */
  'ticket',
] as const;
export const ProvenanceSchema = z.enum(PROVENANCES);
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const ParamSourceSchema = z.object({
  source: ProvenanceSchema,
  /** what a person checks it against: "orders: #W2378156 shows status pending" */
  detail: z.string(),
});
export type ParamSource = z.infer<typeof ParamSourceSchema>;

export const PLAYBOOKS = [
  'cancel_order',
  'change_items',
  'change_shipping_address',
  'change_payment_method',
  'return_items',
  'exchange_items',
  'change_default_address',
  'billing_discrepancy',
  'information',
  'hand_over',
] as const;
/** A playbook's id: one of the built-in ones, or one a lead's playbook file adds. */
export const PlaybookIdSchema = z.string().regex(/^[a-z][a-z0-9_]*$/);
export type PlaybookId = (typeof PLAYBOOKS)[number] | (string & {});

/** A step's `system` is the role it acts in (shared/roles/): which connector fills it is configuration. */
export const SYSTEMS = ROLES;
export const SystemIdSchema = RoleIdSchema;
export type SystemId = RoleId;

export const StepSchema = z.object({
  /** stable within the plan: "s1", "s2"… */
  id: z.string().min(1),
  playbook: PlaybookIdSchema,
  system: SystemIdSchema,
  /** the connector's action id, e.g. cancel_pending_order; one noun through every layer */
  action: z.string().min(1),
  kind: z.enum(['read', 'write']),
  params: z.record(z.string(), z.unknown()),
  /** for a write: the source of every parameter */
  provenance: z.record(z.string(), ParamSourceSchema).default({}),
  why: z.string(),
  expectedEffect: z.string(),
  /** money this step moves back to the customer (refund, adjustment), in dollars; policy caps read it */
  amount: z.number().nonnegative().optional(),
});
export type Step = z.infer<typeof StepSchema>;

export const OUTCOMES = ['resolve', 'ask', 'escalate'] as const;
export const OutcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof OutcomeSchema>;

/** A read the planner made, shown to the agent as the data behind the plan. */
export const ReadRecordSchema = z.object({
  system: SystemIdSchema,
  action: z.string(),
  input: z.record(z.string(), z.unknown()),
  ok: z.boolean(),
  /** one line a person reads: "order #W2378156: pending, 3 items, $1,204.33" */
  summary: z.string(),
  durationMs: z.number().nonnegative().default(0),
});
export type ReadRecord = z.infer<typeof ReadRecordSchema>;

export const UsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  calls: z.number().int().nonnegative(),
});
export type Usage = z.infer<typeof UsageSchema>;

/** A sentence of the ticket the plan did not act on: framed as an instruction to the agent, a bot or the system, or forwarded or quoted (issue 17). */
export const SetAsideSchema = z.object({ text: z.string(), why: z.string() });
export type SetAside = z.infer<typeof SetAsideSchema>;

export const PlanSchema = z.object({
  ticketId: z.number().int().positive(),
  planner: z.enum(['offline', 'llm']),
  outcome: OutcomeSchema,
  /** why this outcome: what was found, what is missing, what is out of scope */
  reason: z.string(),
  /** the requests found in the ticket, in the customer's order */
  requests: z.array(z.object({ playbook: PlaybookIdSchema, summary: z.string(), orderId: z.string().optional() })).default([]),
  /** the same requests, typed: kind and slots with the text spans they came from (the understand stage) */
  understood: z.array(RequestSchema).default([]),
  /** what the agent must pick before approving (≤ 4 ranked options each); picking re-composes the plan */
  choices: z.array(ChoiceSchema).default([]),
  customer: z.object({ user_id: z.string(), name: z.string(), email: z.string() }).nullable().default(null),
  /** ordered; writes only run after approval */
  steps: z.array(StepSchema),
  /** the message to the customer (a confirmation, a question, or a hand-over notice) */
  reply: z.string(),
  /** the sentences set aside, quoted: the panel shows them to the agent as a warning */
  setAside: z.array(SetAsideSchema).default([]),
  reads: z.array(ReadRecordSchema).default([]),
  /** the playbooks' rules checks: the facts each saw and what it said (what "what would change" re-evaluates) */
  checks: z.array(RuleCheckSchema).optional(),
  usage: UsageSchema.optional(),
  createdAt: z.string(),
});
export type Plan = z.infer<typeof PlanSchema>;

/** A write as the retail benchmark names it: what `legwork eval` compares against gold actions. */
export type BenchmarkAction = z.infer<typeof ActionCallSchema>;

/** A read a planner may make: one connector read action, by id, with its input. */
export type ReadTool = (system: SystemId, action: string, input: Record<string, unknown>) => Promise<
  { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } }
>;

/** Canonical JSON (keys sorted, no whitespace): what a plan's hash is taken over. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
