// The playbooks' rules over a plan another planner made (the LLM planner): every write it proposes
// is checked by its playbook's rules over what the systems hold, as the offline compose stage checks
// its own — one rules gate for both planners. A refusal makes the plan a hand-over that quotes it.
import type { Plan, ReadTool } from '../../shared/plan.ts';
import { handOverSteps, type Playbooks, type Refused } from '../../automations/playbooks/index.ts';
import { Reader } from './offline/reads.ts';
import { PlaybookRules } from './offline/playbook-rules.ts';
import type { PlannerTicket } from './offline/draft.ts';

/** Writes the closing of every plan makes: no playbook rule gates them. */
const CLOSING = new Set(['add_crm_note', 'reply_to_customer', 'set_ticket_status', 'add_internal_note']);

export async function gatePlan(plan: Plan, ticket: PlannerTicket, read: ReadTool, playbooks: Playbooks, now: Date = new Date()): Promise<Plan> {
  if (plan.outcome !== 'resolve') return plan;
  const rules = new PlaybookRules(playbooks, new Reader(read), ticket, now);
  if (plan.customer) rules.forCustomer(plan.customer.user_id);
  const refused: { action: string; refused: Refused }[] = [];
  for (const step of plan.steps) {
    if (step.kind !== 'write' || CLOSING.has(step.action)) continue;
    const orderId = typeof step.params.order_id === 'string' ? step.params.order_id : undefined;
    const got = await rules.refusal(step.playbook, step.action, { ...(orderId ? { orderId } : {}), write: step.params });
    if (got) refused.push({ action: step.action, refused: got });
  }
  if (refused.length === 0) return { ...plan, checks: rules.checks };
  const why = refused.map((r) => `${r.action}: ${r.refused.message} (rule ${r.refused.rule})`).join('; ');
  const note = [`Hand-over from Legwork (${plan.planner} planner) for ticket #${ticket.id}.`, `The playbooks' rules refuse what the plan proposed: ${why}.`, `The plan was: ${plan.reason}.`, 'Nothing was changed.'].join('\n');
  const reply = `Hello,\n\nThank you for your message. We have passed it to a specialist on our team, who will look into it and follow up with you personally.\n\nBest regards`;
  return {
    ...plan,
    outcome: 'escalate',
    reason: `the playbooks' rules refuse: ${why}`,
    choices: [],
    steps: handOverSteps(ticket.id, note, reply).map((s, i) => ({ ...s, id: `s${i + 1}` })),
    reply,
    checks: rules.checks,
  };
}
