// Proposals: the ticket read and planned (each read pushed to the panel as it finishes), the
// policy's decisions and the hash an approval binds to; an edited parameter or a picked option of
// one of the plan's choices gives a new plan.
import type { ApiHandlers } from '../api/handlers.ts';
import type { Proposal } from '../legwork.ts';
import { unwrap, type ServiceContext } from './context.ts';
import { readRecordOf } from './read-summary.ts';

/** how long a proposal waits for the hub's policy (a hub far away or down does not hold the agent up) */
const POLICY_WAIT_MS = 3000;

const shown = (p: Proposal) => ({ plan: p.plan, decisions: p.decisions, planHash: p.planHash });

export function proposalHandlers({ legwork, events }: ServiceContext): Pick<ApiHandlers, 'proposal.create' | 'proposal.editParam' | 'proposal.choose'> {
  return {
    async 'proposal.create'({ ticketId, picks }) {
      // a desk with a team hub plans under the team's newest policy (a hub away leaves the one in force)
      if (legwork.hub) await legwork.hub.syncPolicy(POLICY_WAIT_MS);
      return shown(unwrap(await legwork.propose(ticketId, (seen) => events.emit({ type: 'proposal.read', ticketId, read: readRecordOf(seen) }), picks ?? {})));
    },
    async 'proposal.editParam'({ ticketId, planHash, stepId, param, value, unlock }) {
      return shown(unwrap(legwork.editParam(ticketId, planHash, stepId, param, value, { unlock })));
    },
    async 'proposal.choose'({ ticketId, planHash, choiceId, optionId }) {
      return shown(unwrap(await legwork.choose(ticketId, planHash, choiceId, optionId)));
    },
  };
}
