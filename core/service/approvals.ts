// Second approvals: the agent asks for one on the plan on screen (bound to its hash); a lead, signed
// in with their own passphrase, sees what waits and grants — the run starts with the lead as second
// approver — or declines with why. Either way the agent's panel hears it (`approval.decided`).
import type { ApiHandlers } from '../api/handlers.ts';
import type { Approvers } from '../approvals/approvers.ts';
import { ApprovalRequests, shownRequest } from '../approvals/requests.ts';
import { ServiceError, unwrap, type ServiceContext } from './context.ts';
import type { LiveRuns } from './run.ts';

type Methods = 'approvals.request' | 'approvals.forTicket' | 'approvals.signIn' | 'approvals.list' | 'approvals.decide';

export function approvalHandlers(ctx: ServiceContext, runs: LiveRuns, requests: ApprovalRequests, approvers: Approvers): Pick<ApiHandlers, Methods> {
  const { legwork, events } = ctx;

  return {
    async 'approvals.request'({ ticketId, planHash, mode, skip }) {
      const proposal = legwork.proposalOf(ticketId);
      if (!proposal || proposal.planHash !== planHash) throw new ServiceError('precondition_failed', `this is not the plan proposed for ticket #${ticketId}; look at it again`);
      const needing = proposal.decisions.filter((d) => d.kind === 'second_approval' && !skip.includes(d.stepId));
      if (needing.length === 0) throw new ServiceError('precondition_failed', 'no step of this plan needs a second approval: approve it yourself');
      if (approvers.names().length === 0) throw new ServiceError('precondition_failed', 'no lead can give a second approval here yet: a lead sets one up with `legwork approver add <name>`');
      const pending = requests.forTicket(ticketId);
      if (pending?.status === 'pending' && pending.planHash === planHash) return shownRequest(pending);
      const steps = needing.map((d) => {
        const step = proposal.plan.steps.find((s) => s.id === d.stepId)!;
        return { stepId: step.id, action: step.action, reason: d.reason, expectedEffect: step.expectedEffect, ...(step.amount !== undefined ? { amount: step.amount } : {}) };
      });
      const subject = proposal.plan.requests.map((r) => r.summary).join('; ') || `ticket #${ticketId}`;
      return shownRequest(requests.create({ ticketId, subject, planHash, requestedBy: legwork.agent, steps, mode, skip }));
    },
    async 'approvals.forTicket'({ ticketId }) {
      const found = requests.forTicket(ticketId);
      return found ? shownRequest(found) : null;
    },
    async 'approvals.signIn'({ name, passphrase }) {
      return unwrap(approvers.signIn(name, passphrase));
    },
    async 'approvals.list'({ session }) {
      unwrap(approvers.who(session));
      const rank = (s: string) => (s === 'pending' ? 0 : 1);
      return requests
        .all()
        .sort((a, b) => rank(a.status) - rank(b.status) || b.requestedAt.localeCompare(a.requestedAt))
        .map(shownRequest);
    },
    async 'approvals.decide'({ session, requestId, grant, note }) {
      const lead = unwrap(approvers.who(session));
      const request = requests.get(requestId);
      if (!request) throw new ServiceError('not_found', `no approval request ${requestId}`);
      if (request.status !== 'pending') throw new ServiceError('precondition_failed', `this request was already ${request.status} by ${request.decidedBy ?? 'someone'}`);
      if (lead.toLowerCase() === request.requestedBy.toLowerCase()) throw new ServiceError('invalid_input', 'a second approval must come from another person than the agent who asked for it');
      if (!grant && !note.trim()) throw new ServiceError('invalid_input', 'say why it is declined: the agent reads it');
      const decided = { ...request, decidedBy: lead, decidedAt: new Date().toISOString(), ...(note.trim() ? { note: note.trim() } : {}) };
      if (!grant) {
        const declined = { ...decided, status: 'declined' as const };
        requests.save(declined);
        events.emit({ type: 'approval.decided', request: shownRequest(declined) });
        return shownRequest(declined);
      }
      // bound to the plan's hash: a plan changed since the request is not what the lead saw
      const run = await runs.start(request.ticketId, request.planHash, { mode: request.mode, skip: request.skip, secondApprover: lead });
      const granted = { ...decided, status: 'granted' as const, runId: run.handle.runId };
      requests.save(granted);
      events.emit({ type: 'approval.decided', request: shownRequest(granted), run: run.view() });
      return shownRequest(granted);
    },
  };
}
