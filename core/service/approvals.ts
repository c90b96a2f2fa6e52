// Second approvals: the agent asks for one on the plan on screen (bound to its hash); a lead, signed
// in with their own passphrase, sees what waits and grants — the run starts with the lead as second
// approver — or declines with why. Either way the agent's panel hears it (`approval.decided`).
// On a desk enrolled in a team hub the request goes through the hub (hub-approvals.ts): any lead of
// the team decides from their own desk, and this desk runs the plan when a verified grant arrives.
import type { ApiHandlers } from '../api/handlers.ts';
import { ApprovalRequests, shownRequest } from '../approvals/requests.ts';
import type { LeadSigningKey } from '../policy/lead-key.ts';
import { ServiceError, unwrap, type ServiceContext } from './context.ts';
import { askHub, decideOnHub, followOnHub, listOnHub } from './hub-approvals.ts';
import type { PanelPeople } from './people.ts';
import type { LiveRuns } from './run.ts';

type Methods = 'approvals.request' | 'approvals.forTicket' | 'approvals.signIn' | 'approvals.list' | 'approvals.decide';

export function approvalHandlers(ctx: ServiceContext, runs: LiveRuns, requests: ApprovalRequests, people: PanelPeople, keeper: LeadSigningKey): Pick<ApiHandlers, Methods> {
  const { legwork, events } = ctx;

  return {
    async 'approvals.request'({ ticketId, planHash, mode, skip }) {
      const proposal = legwork.proposalOf(ticketId);
      if (!proposal || proposal.planHash !== planHash) throw new ServiceError('precondition_failed', `this is not the plan proposed for ticket #${ticketId}; look at it again`);
      const needing = proposal.decisions.filter((d) => d.kind === 'second_approval' && !skip.includes(d.stepId));
      if (needing.length === 0) throw new ServiceError('precondition_failed', 'no step of this plan needs a second approval: approve it yourself');
      const hub = people.hub;
      if (!hub && people.localApprovers().length === 0) throw new ServiceError('precondition_failed', 'no lead can give a second approval here yet: a lead sets one up with `legwork approver add <name>`');
      const pending = requests.forTicket(ticketId);
      if (pending?.status === 'pending' && pending.planHash === planHash) return shownRequest(pending);
      const steps = needing.map((d) => {
        const step = proposal.plan.steps.find((s) => s.id === d.stepId)!;
        return { stepId: step.id, action: step.action, reason: d.reason, expectedEffect: step.expectedEffect, ...(step.amount !== undefined ? { amount: step.amount } : {}) };
      });
      const subject = proposal.plan.requests.map((r) => r.summary).join('; ') || `ticket #${ticketId}`;
      if (hub) {
        const why = steps.map((s) => `${s.action}: ${s.reason}`).join('; ');
        const asked = await askHub(hub, requests, { ticketId, subject, planHash, requestedBy: legwork.agent, steps, mode, skip }, proposal.plan as unknown as Record<string, unknown>, why);
        return shownRequest(asked);
      }
      const created = shownRequest(requests.create({ ticketId, subject, planHash, requestedBy: legwork.agent, steps, mode, skip }));
      events.emit({ type: 'approvals.changed', request: created });
      return created;
    },
    async 'approvals.forTicket'({ ticketId }) {
      const found = requests.forTicket(ticketId);
      return found ? shownRequest(found) : null;
    },
    async 'approvals.signIn'({ name, passphrase }) {
      const signed = unwrap(await people.signInLead(name, passphrase));
      const person = people.who(signed.session);
      // a lead signed in through the hub hears the team's requests as they come (and their decisions)
      if (people.hub && person.ok && person.data.hub) followOnHub(people.hub, signed.session, person.data.hub, (request) => events.emit({ type: 'approvals.changed', request }));
      return signed;
    },
    async 'approvals.list'({ session }) {
      const who = unwrap(people.who(session));
      if (people.hub && who.hub) return listOnHub(people.hub, who.hub);
      const rank = (s: string) => (s === 'pending' ? 0 : 1);
      return requests
        .all()
        .sort((a, b) => rank(a.status) - rank(b.status) || b.requestedAt.localeCompare(a.requestedAt))
        .map(shownRequest);
    },
    async 'approvals.decide'({ session, requestId, grant, note, passphrase }) {
      const who = unwrap(people.who(session));
      // through the hub: the decision is signed here and the agent's own desk runs the plan
      if (people.hub && who.hub) return decideOnHub(people.hub, who.hub, keeper, requestId, grant, note, passphrase);
      const lead = who.name;
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
