// Every call of the contract, implemented over one Legwork: each group of calls in its own module.
import type { ApiHandlers } from '../api/handlers.ts';
import type { ServiceContext } from './context.ts';
import { policyHandlers } from './policy.ts';
import { playbookHandlers } from './playbooks.ts';
import { proposalHandlers } from './proposal.ts';
import { LiveRuns, runHandlers } from './run.ts';
import { approvalHandlers } from './approvals.ts';
import { queueHandlers } from './queue.ts';
import { ApprovalRequests } from '../approvals/requests.ts';
import { Approvers } from '../approvals/approvers.ts';
import { PassphraseKeyFile } from '../policy/lead-key.ts';
import { policySigningHandlers } from './policy-signing.ts';
import { hubHandlers, PanelPeople } from './people.ts';
import { HubApprovalWatch } from './hub-approvals.ts';
import { metricsHandlers } from './metrics.ts';
import { settingsHandlers } from './settings.ts';
import { ticketHandlers } from './tickets.ts';
import { traceHandlers } from './traces.ts';

export { EventHub, ServiceError, type ServiceContext } from './context.ts';
export { plannerFor } from './planner.ts';

export function createHandlers(ctx: ServiceContext): ApiHandlers {
  const runs = new LiveRuns(ctx);
  const requests = new ApprovalRequests(ctx.legwork.home);
  // one set of approver sessions: the lead who grants second approvals is the lead who signs policies
  const approvers = new Approvers(ctx.legwork.home);
  const people = new PanelPeople(ctx.legwork, approvers);
  const keeper = ctx.signingKey ?? new PassphraseKeyFile(ctx.legwork.home);
  // through the team hub: this desk's requests are followed there until a lead decides
  if (ctx.legwork.hub) ctx.legwork.hub.onClose(new HubApprovalWatch(ctx, ctx.legwork.hub, requests, runs, ctx.legwork.hub.log));
  const waiting = () => new Set(requests.all().filter((r) => r.status === 'pending').map((r) => r.ticketId));
  return {
    ...ticketHandlers(ctx, waiting),
    ...queueHandlers(ctx, waiting),
    ...proposalHandlers(ctx),
    ...runHandlers(ctx, runs),
    ...approvalHandlers(ctx, runs, requests, people, keeper),
    ...hubHandlers(people),
    ...policyHandlers(ctx),
    ...policySigningHandlers(ctx, people, keeper),
    ...playbookHandlers(ctx, people, keeper),
    ...traceHandlers(ctx, people),
    ...metricsHandlers(ctx),
    ...settingsHandlers(ctx),
  };
}
