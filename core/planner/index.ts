// The planners and what they share: the offline planner (default), the read tool over the connectors.
export { planOffline, type PlannerTicket, type PlanOptions } from './offline/planner.ts';
export { measureCorpus, summarize, benchmarkWrites, sameWrites, plannerTicketOf, type TicketScore } from './offline/measure.ts';
export { readToolFor, ALL_ACTIONS } from './read-tool.ts';
