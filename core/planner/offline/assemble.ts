// The finished plan from a draft: resolve, ask or hand over, with the reply, the note and the closing steps.
import type { Request } from '../../../shared/request.ts';
import { PlanSchema, type Plan } from '../../../shared/plan.ts';
import { askSteps, closingSteps, handOverSteps, type DraftStep } from '../../../automations/playbooks/index.ts';
import { Reader, type CrmCustomer } from './reads.ts';
import { type PlannerTicket, type PlanOptions, Draft } from './draft.ts';

// ---- the plan --------------------------------------------------------------------------------------

export function assemble(ticket: PlannerTicket, draft: Draft, reader: Reader, customer: CrmCustomer | null, opts: PlanOptions, understood: Request[]): Plan {
  const first = customer?.name.first_name ?? ticket.requester_name.split(/\s+/)[0] ?? '';
  const hello = `Hello${first && !first.includes('@') ? ` ${first}` : ''},`;
  const summary = draft.requests.map((r) => r.summary).join('; ');
  let outcome: Plan['outcome'];
  let reason: string;
  let reply: string;
  let steps: DraftStep[];
  if (draft.escalations.length > 0) {
    outcome = 'escalate';
    reason = draft.escalations.join('; ');
    reply = `${hello}\n\nThank you for your message. We have passed it to a specialist on our team, who will look into it and follow up with you personally.\n\nBest regards`;
    const note = [
      `Hand-over from Legwork (offline planner) for ticket #${ticket.id}.`,
      `Requester: ${ticket.requester_name} <${ticket.requester_email}>${customer ? ` = ${customer.user_id}` : ' (not identified)'}.`,
      `Requests: ${summary || 'none found'}.`,
      `Why a person: ${reason}.`,
      ...(draft.notes.length > 0 ? [`Also: ${draft.notes.join('; ')}.`] : []),
      'Recommended: review the request against the policy and reply; nothing was changed.',
    ].join('\n');
    steps = handOverSteps(ticket.id, note, reply);
  } else if (draft.asks.length > 0) {
    outcome = 'ask';
    reason = `missing or ambiguous: ${draft.asks.join('; ')}`;
    const list = draft.asks.map((a) => `- ${a}`).join('\n');
    reply = `${hello}\n\nThank you for your message. Before we can go ahead we need a little more from you:\n${list}\n\nAs soon as we have that we will take care of it.\n\nBest regards`;
    steps = askSteps(draft.requests[0]?.playbook ?? 'information', ticket.id, reply);
  } else {
    outcome = 'resolve';
    reason = draft.writes.length > 0 ? `grounded in the systems: ${summary}` : `answered from the systems: ${summary}`;
    if (draft.waiting.length > 0) reason = `waiting for the agent's choice: ${draft.waiting.join('; ')}; ${reason}`;
    // a write a playbook rule declined is said to the agent too, with the rule
    const declined = draft.rules.checks.flatMap((c) => (c.refused?.refuse === 'decline' ? [`${c.refused.rule}: ${c.refused.message}`] : []));
    if (declined.length > 0) reason = `${reason}; not proposed, by the playbooks' rules: ${declined.join('; ')}`;
    const facts = [...draft.done, ...draft.answers].map((f) => `- ${f[0]!.toUpperCase()}${f.slice(1)}.`);
    const own = draft.ownAnswers.map((said) => `- [your answer to "${said}"]`);
    // while a choice waits, the reply says what it waits for instead of going out empty
    if (facts.length + own.length === 0) own.push(...draft.waiting.map((w) => `- [written once you choose ${w}]`));
    reply = `${hello}\n\nThank you for getting in touch. ${draft.writes.length > 0 ? 'Here is what we have done:' : 'Here is what we found:'}\n${[...facts, ...own].join('\n')}\n\nBest regards`;
    const playbook = draft.requests[0]?.playbook ?? 'information';
    const note = draft.writes.length > 0 ? `Ticket #${ticket.id}: ${draft.done.join('; ')}.` : '';
    steps = [...draft.writes, ...closingSteps(playbook, ticket.id, customer?.user_id ?? null, note, reply, draft.ownAnswers.length > 0 ? 'open' : 'solved')];
  }
  return PlanSchema.parse({
    ticketId: ticket.id,
    planner: 'offline',
    outcome,
    reason,
    requests: draft.requests,
    understood,
    // a question to the customer or a hand-over waits for nobody's choice
    choices: outcome === 'resolve' ? draft.choices.shown : [],
    customer: customer ? { user_id: customer.user_id, name: `${customer.name.first_name} ${customer.name.last_name}`, email: customer.email } : null,
    steps: steps.map((s, i) => ({ ...s, id: `s${i + 1}` })),
    reply,
    reads: reader.records,
    checks: draft.rules.checks,
    createdAt: (opts.now?.() ?? new Date()).toISOString(),
  });
}
