// The events of a run's trace, in the order they happen. One noun through every layer: a step's
// events carry the action id (e.g. cancel_pending_order).
import { z } from 'zod';

export const TRACE_EVENT_TYPES = [
  'run_started', // ticket, agent, planner
  'plan', // the plan as proposed
  'decisions', // the policy's decision for every step (plan time)
  'approved', // approver(s), approved-plan hash
  'step_intent', // journal: about to run a step (after the execution-time decision)
  'step_result', // outcome, evidence (screenshots by content hash), output or error
  'step_skipped', // the agent skipped it, or its decision does not let it run
  'heal', // a locator fallback that worked
  'escalated', // the hand-over note and where it went
  'run_finished', // completed | escalated | cancelled | failed, timings
] as const;
export const TraceEventTypeSchema = z.enum(TRACE_EVENT_TYPES);
export type TraceEventType = z.infer<typeof TraceEventTypeSchema>;

export const RUN_OUTCOMES = ['completed', 'escalated', 'cancelled', 'failed', 'asked'] as const;
export const RunOutcomeSchema = z.enum(RUN_OUTCOMES);
export type RunOutcome = z.infer<typeof RunOutcomeSchema>;

/** One event as stored: hash-chained to the one before it. */
export const TraceEventSchema = z.object({
  run: z.string(),
  seq: z.number().int().nonnegative(),
  at: z.string(),
  type: TraceEventTypeSchema,
  data: z.record(z.string(), z.unknown()),
  /** hash of the previous event ("" for the first) */
  prev: z.string(),
  /** sha256 over canonical JSON of {run, seq, at, type, data, prev} */
  hash: z.string(),
});
export type TraceEvent = z.infer<typeof TraceEventSchema>;

/** Where the executor writes a run's events; the trace store implements it. */
export interface TraceSink {
  append(type: TraceEventType, data: Record<string, unknown>): Promise<TraceEvent>;
  /** stores a blob (a screenshot) by content hash; returns the hash events refer to */
  putBlob?(bytes: Uint8Array): Promise<string>;
}
