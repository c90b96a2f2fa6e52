// Proposals: the ticket read and planned (each read pushed to the panel as it finishes), the
// policy's decisions and the hash an approval binds to; an edited parameter gives a new plan.
import type { ApiHandlers } from '../api/handlers.ts';
import { unwrap, type ServiceContext } from './context.ts';
import { readRecordOf } from './read-summary.ts';

export function proposalHandlers({ legwork, events }: ServiceContext): Pick<ApiHandlers, 'proposal.create' | 'proposal.editParam'> {
  return {
    async 'proposal.create'({ ticketId }) {
      const proposal = unwrap(await legwork.propose(ticketId, (seen) => events.emit({ type: 'proposal.read', ticketId, read: readRecordOf(seen) })));
      return { plan: proposal.plan, decisions: proposal.decisions, planHash: proposal.planHash };
    },
    async 'proposal.editParam'({ ticketId, planHash, stepId, param, value }) {
      const proposal = unwrap(legwork.editParam(ticketId, planHash, stepId, param, value));
      return { plan: proposal.plan, decisions: proposal.decisions, planHash: proposal.planHash };
    },
  };
}
