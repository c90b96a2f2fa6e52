// Every call of the contract, implemented over one Legwork: each group of calls in its own module.
import type { ApiHandlers } from '../api/handlers.ts';
import type { ServiceContext } from './context.ts';
import { policyHandlers } from './policy.ts';
import { proposalHandlers } from './proposal.ts';
import { runHandlers } from './run.ts';
import { settingsHandlers } from './settings.ts';
import { ticketHandlers } from './tickets.ts';
import { traceHandlers } from './traces.ts';

export { EventHub, ServiceError, type ServiceContext } from './context.ts';
export { plannerFor } from './planner.ts';

export function createHandlers(ctx: ServiceContext): ApiHandlers {
  return {
    ...ticketHandlers(ctx),
    ...proposalHandlers(ctx),
    ...runHandlers(ctx),
    ...policyHandlers(ctx),
    ...traceHandlers(ctx),
    ...settingsHandlers(ctx),
  };
}
