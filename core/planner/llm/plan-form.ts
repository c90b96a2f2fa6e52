// The plan as the model writes it (structured output), and how it becomes a Legwork `Plan`: parsed
// with zod, every write checked against its action's own input schema, provenance computed here.
import { z } from 'zod';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';
import { OutcomeSchema, PlanSchema, PLAYBOOKS, type Plan, type ReadRecord, type Step } from '../../../shared/plan.ts';
import type { Result } from '../../../shared/errors.ts';
import type { Ticket } from '../../../shared/roles/helpdesk.ts';
import { LLM_WRITE_ACTIONS, WRITE_ACTIONS } from './catalog.ts';
import { ProvenanceIndex, type ReadEvidence } from './provenance.ts';
import { internalNoteStep, replyStep, statusStep, type DraftStep } from '../../../automations/playbooks/steps.ts';

export const LlmPlanFormSchema = z.object({
  outcome: OutcomeSchema,
  reason: z.string().trim().min(1).describe('why this outcome: what was found, what is missing, what is out of scope'),
  requests: z.array(z.object({ playbook: z.enum(PLAYBOOKS), summary: z.string() })).describe("the customer's requests, in their order"),
  customer_user_id: z.string().nullable().describe('the customer id the reads identified, or null'),
  steps: z.array(
    z.object({
      playbook: z.enum(PLAYBOOKS),
      action: z.enum(LLM_WRITE_ACTIONS),
      params: z.record(z.string(), z.unknown()).describe("the action's parameters, as its JSON Schema in the rules says"),
      why: z.string().trim().min(1),
      expected_effect: z.string().trim().min(1),
    }),
  ).describe('the write steps, in the order they should run; empty when asking or escalating'),
  reply: z.string().trim().min(1).describe('the message to the customer'),
});
export type LlmPlanForm = z.infer<typeof LlmPlanFormSchema>;

export function responseFormat(): ResponseFormatJSONSchema {
  const { $schema: _drop, ...schema } = z.toJSONSchema(LlmPlanFormSchema, { target: 'draft-7' }) as Record<string, unknown>;
  // not strict: OpenAI's strict mode cannot express free-form params; zod checks every field below
  return { type: 'json_schema', json_schema: { name: 'legwork_plan', schema, strict: false } };
}

export interface PlanContext {
  ticket: Ticket;
  reads: ReadRecord[];
  evidence: ReadEvidence[];
}

const problem = (message: string): Result<never> => ({ ok: false, error: { code: 'invalid_output', message, retryable: true } });

function customerFrom(userId: string | null, evidence: ReadEvidence[]): Plan['customer'] {
  if (!userId) return null;
  for (const r of [...evidence].reverse()) {
    const d = r.data as { user_id?: unknown; name?: { first_name?: unknown; last_name?: unknown }; email?: unknown } | null;
    if (r.action === 'get_user_details' && d?.user_id === userId && typeof d.email === 'string') {
      return { user_id: userId, name: `${String(d.name?.first_name ?? '')} ${String(d.name?.last_name ?? '')}`.trim(), email: d.email };
    }
  }
  // a customer no read showed is not taken from the model
  return null;
}

/** The model's text → a checked Plan, or what is wrong with it (fed back to the model). */
export function planFromAnswer(content: string | null | undefined, ctx: PlanContext): Result<Plan> {
  if (!content?.trim()) return problem('the answer is empty; the plan must be one JSON object');
  let json: unknown;
  try {
    json = JSON.parse(content.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, '$1'));
  } catch (e) {
    return problem(`the answer is not JSON (${(e as Error).message})`);
  }
  const form = LlmPlanFormSchema.safeParse(json);
  if (!form.success) return problem(`the plan does not match the schema:\n${z.prettifyError(form.error)}`);

  const index = new ProvenanceIndex(ctx.ticket, ctx.evidence);
  const errors: string[] = [];
  const steps: Step[] = [];
  for (const [i, s] of form.data.steps.entries()) {
    const action = WRITE_ACTIONS.get(s.action)!;
    const params = action.input.safeParse(s.params);
    if (!params.success) {
      errors.push(`steps[${i}] (${s.action}): the params do not fit the action:\n${z.prettifyError(params.error)}`);
      continue;
    }
    const p = params.data as Record<string, unknown>;
    if (action.system === 'helpdesk' && p.ticket_id !== ctx.ticket.id) {
      errors.push(`steps[${i}] (${s.action}): ticket_id must be this ticket's, ${ctx.ticket.id}`);
      continue;
    }
    steps.push({
      id: `s${steps.length + 1}`,
      playbook: s.playbook,
      system: action.system,
      action: action.id,
      kind: 'write',
      params: p,
      provenance: Object.fromEntries(Object.entries(p).map(([k, v]) => [k, index.of(v)])),
      why: s.why,
      expectedEffect: s.expected_effect,
      ...(typeof p.amount === 'number' && { amount: p.amount }),
    });
  }
  if (errors.length > 0) return problem(errors.join('\n'));
  for (const step of helpdeskClosing(form.data.outcome, ctx.ticket.id, form.data.reason, form.data.reply, steps)) steps.push({ ...step, id: `s${steps.length + 1}` });

  const plan = PlanSchema.safeParse({
    ticketId: ctx.ticket.id,
    planner: 'llm',
    outcome: form.data.outcome,
    reason: form.data.reason,
    requests: form.data.requests,
    customer: customerFrom(form.data.customer_user_id, ctx.evidence),
    steps,
    reply: form.data.reply,
    reads: ctx.reads,
    createdAt: new Date().toISOString(),
  } satisfies z.input<typeof PlanSchema>);
  if (!plan.success) return problem(`the plan is not a valid Legwork plan:\n${z.prettifyError(plan.error)}`);
  return { ok: true, data: plan.data };
}

/**
 * The model writes the reply as text, not as steps: the plan ends as every plan does, the reply
 * sent and the ticket's status set by outcome (solved, pending the customer's answer, or open for
 * the person an escalation goes to, with the hand-over note).
 */
function helpdeskClosing(outcome: Plan['outcome'], ticketId: number, reason: string, reply: string, steps: Step[]): DraftStep[] {
  const has = (action: string) => steps.some((s) => s.action === action);
  const playbook = steps.find((s) => s.playbook !== 'information')?.playbook ?? (outcome === 'escalate' ? 'hand_over' : 'information');
  const out: DraftStep[] = [];
  if (outcome === 'escalate' && !has('add_internal_note')) out.push(internalNoteStep('hand_over', ticketId, `Handed over by the LLM planner: ${reason}`));
  if (reply.trim() && !has('reply_to_customer')) out.push(replyStep(playbook, ticketId, reply));
  if (!has('set_ticket_status')) {
    const status = outcome === 'resolve' ? 'solved' : outcome === 'ask' ? 'pending' : 'open';
    out.push(statusStep(playbook, ticketId, status, outcome === 'resolve' ? 'the request is resolved' : outcome === 'ask' ? 'waiting for the customer to answer' : 'a person takes the case over'));
  }
  return out;
}
