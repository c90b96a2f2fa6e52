// A stand-in for the planner (which is being taught to emit choices in parallel): the offline
// planner's plan, plus — for a ticket whose subject says "(two things)" — two choices as the
// contract in shared/request.ts has them: the cancel reason under the cancel step, and what to do
// about a sentence, at the top. A pick re-plans with it, as the real planner will. The panel and
// core under test are real; only the planner's output is scripted.
import type { Plan, ReadTool } from '../../shared/plan.ts';
import type { Choice, Picks } from '../../shared/request.ts';
import type { Ticket } from '../../automations/systems/helpdesk/actions.ts';
import { planOfflineFor } from '../../core/legwork.ts';
import { recompose } from '../../core/planner/recompose.ts';

export const TWO_THINGS = '(two things)';
const REASONS = ['ordered by mistake', 'no longer needed'];

export async function choosingPlanner(ticket: Ticket, read: ReadTool, picks: Picks = {}): Promise<Plan> {
  let plan = await planOfflineFor(ticket, read, picks);
  const cancel = plan.steps.find((s) => s.action === 'cancel_pending_order');
  if (!ticket.subject.includes(TWO_THINGS) || !cancel) return plan;
  const reason = REASONS[Number(picks.c1 ?? '1') - 1] ?? REASONS[0]!;
  if (cancel.params.reason !== reason) plan = recompose(plan, cancel.id, 'reason', reason, { source: 'agent', detail: 'picked by the agent' });
  const choices: Choice[] = [
    {
      id: 'c1',
      about: 'reason',
      question: 'Why is the order cancelled?',
      stepId: cancel.id,
      options: REASONS.map((r, i) => ({ id: String(i + 1), label: r, why: `the message reads like "${r}"`, effect: `cancels with reason "${r}"`, writes: [], kind: 'candidate' as const })),
      picked: picks.c1 ?? null,
    },
    {
      id: 'c2',
      about: 'sentence',
      question: 'What about "I don\'t need it anymore"?',
      options: [
        { id: '1', label: 'Leave it out', why: 'it only explains the cancellation', effect: 'the reply does not mention it', writes: [], kind: 'leave_out' },
        { id: '2', label: 'Hand over', why: 'a person can look into it', effect: 'the ticket goes to a person', writes: [], kind: 'hand_over' },
      ],
      picked: picks.c2 ?? null,
    },
  ];
  return { ...plan, choices };
}
