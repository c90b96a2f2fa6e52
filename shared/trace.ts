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

// ---- What the trace store reads from events (the executor writes them) ----------------------
// The store accepts any record as an event's data; these are the fields it reads to summarise a
// run (index, metrics). Anything else in data is kept as is.
//   run_started   {ticketId, agent, playbooks: PlaybookId[], ...}   (written by TraceStore.openRun)
//   plan          {plan: Plan} or {steps: Step[]}                   (step kind and playbook, by step id)
//   decisions     {decisions: Decision[]}                           (plan-time decision per step)
//   step_intent   {stepId, action, kind: 'read'|'write', decision: Decision, playbook?}  (execution-time decision)
//   step_result   {stepId, ok: boolean, ...}                        (ok:false counts as an error)
//   run_finished  {outcome: RunOutcome, ...}                        (written by RunWriter.finish)
// Any event may carry `blobs: string[]`: the sha256 of the blobs it refers to (screenshots,
// evidence files). The writer fills it in for hashes it stored through putBlob; verify checks them.

/** A run id: a file name and a query key, never a path. */
export const RunIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, 'a run id is letters, digits, "-" and "_"');

export const TicketRefSchema = z.union([z.number().int().nonnegative(), z.string().min(1)]);

export const OpenRunSchema = z.object({
  ticketId: TicketRefSchema,
  /** who ran it (the agent's login or name) */
  agent: z.string().min(1),
  /** the playbooks of the plan, in order */
  playbooks: z.array(z.string().min(1)),
  /** more run_started data: the planner, the ticket's subject… */
  data: z.record(z.string(), z.unknown()).optional(),
  /** a run id chosen by the caller; default: `<UTC time>-<random>` */
  runId: RunIdSchema.optional(),
});
export type OpenRun = z.input<typeof OpenRunSchema>;

/**
 * The signed head of a finished run: what makes a cut tail detectable. `signature` is ed25519
 * (base64) over canonical JSON of the other fields; `publicKey` is the machine's trace key (SPKI
 * DER, base64).
 */
export const TraceHeadSchema = z.object({
  run: z.string(),
  count: z.number().int().nonnegative(),
  lastHash: z.string(),
  outcome: RunOutcomeSchema,
  signedAt: z.string(),
  publicKey: z.string(),
  signature: z.string(),
});
export type TraceHead = z.infer<typeof TraceHeadSchema>;

/** One run as the index keeps it: what queries and metrics need, derived from its events. */
export const RunSummarySchema = z.object({
  run: z.string(),
  ticketId: TicketRefSchema.nullable(),
  agent: z.string(),
  playbooks: z.array(z.string()),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nonnegative().nullable(),
  /** null while running (or after a crash, until recovered) */
  outcome: RunOutcomeSchema.nullable(),
  /** write steps that ran (distinct step ids with a step_intent of kind write) */
  writes: z.number().int().nonnegative(),
  /** of those, the ones whose execution-time decision was auto */
  autoWrites: z.number().int().nonnegative(),
  /** the same two counts per playbook of the step (step_intent.data.playbook, else the plan step's) */
  writesByPlaybook: z.record(z.string(), z.object({ writes: z.number().int().nonnegative(), autoWrites: z.number().int().nonnegative() })),
  /** the write steps that ran 'auto', with their action and when (what rate limits count) */
  autoRuns: z.array(z.object({ action: z.string(), at: z.string() })).default([]),
  heals: z.number().int().nonnegative(),
  /** step results with ok:false */
  errors: z.number().int().nonnegative(),
  escalated: z.boolean(),
  /** what the plan set out to do (resolve, ask, escalate); absent in older index lines */
  planOutcome: z.string().optional(),
  /** distinct steps Legwork ran and verified (step_result ok) */
  stepsRun: z.number().int().nonnegative().optional(),
  /** the plan's steps: those not run are left to a person */
  planSteps: z.number().int().nonnegative().optional(),
  /** the LLM planner's tokens and cost for this plan, when it ran */
  llm: z.object({ tokens: z.number().int().nonnegative(), costUsd: z.number().nonnegative() }).optional(),
  /** why the ticket was handed over, in a few words (grouped in the lead's metrics) */
  handOver: z.string().optional(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const VERDICTS = ['pass', 'fail', 'needs_follow_up'] as const;
export const VerdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof VerdictSchema>;

/** What a QA reviewer gives a run. Stored beside the trace, never inside it. */
export const VerdictInputSchema = z.object({
  verdict: VerdictSchema,
  comment: z.string().max(10_000).default(''),
  reviewer: z.string().min(1),
});
export type VerdictInput = z.input<typeof VerdictInputSchema>;
export const ReviewSchema = VerdictInputSchema.extend({ run: z.string(), at: z.string() });
export type Review = z.infer<typeof ReviewSchema>;

/** A run in a listing: its summary and its newest verdict. */
export type RunListing = RunSummary & { verdict: Verdict | null };

const DateBound = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'a date like 2025-01-31 or an ISO time');
export const TraceQuerySchema = z.object({
  /** started at or after (a date means its start, UTC) */
  since: DateBound.optional(),
  /** started before (a date means the end of that day, UTC) */
  until: DateBound.optional(),
  agent: z.string().min(1).optional(),
  /** runs whose plan has this playbook */
  playbook: z.string().min(1).optional(),
  /** 'running': no outcome yet */
  outcome: z.union([RunOutcomeSchema, z.literal('running')]).optional(),
  /** 'none': not reviewed yet */
  verdict: z.union([VerdictSchema, z.literal('none')]).optional(),
  ticketId: TicketRefSchema.optional(),
  limit: z.number().int().positive().optional(),
});
export type TraceQuery = z.input<typeof TraceQuerySchema>;

export const PlaybookMetricsSchema = z.object({
  /** a playbook id, or "all" */
  playbook: z.string(),
  runs: z.number().int(),
  completed: z.number().int(),
  escalated: z.number().int(),
  writes: z.number().int(),
  autoWrites: z.number().int(),
  /** autoWrites / writes; null without writes */
  autonomyRate: z.number().nullable(),
  /** over finished runs; null without any */
  medianRunMs: z.number().nullable(),
  /** the human baseline used, minutes per ticket (for "all": not applicable, 0) */
  baselineMinutes: z.number(),
  /** Σ over completed runs of (baseline − run time), in ms; may be negative */
  timeSavedMs: z.number(),
});
export type PlaybookMetrics = z.infer<typeof PlaybookMetricsSchema>;

export const VERIFY_PROBLEMS = [
  'unreadable', // the file or bundle cannot be read or parsed at all
  'malformed_event', // a line that is not an event
  'truncated_line', // the last line is cut off (a crash while writing, or a cut file)
  'wrong_run', // an event of another run
  'bad_hash', // the event's content does not give its hash: it was edited
  'bad_seq', // a sequence number out of place: an event was deleted, inserted or moved
  'bad_prev', // the chain link to the previous event is broken
  'no_head', // no signed head: the run is still running or crashed before it finished
  'bad_head', // the head file is not a head
  'bad_signature', // the head's signature does not verify: it was forged or edited
  'untrusted_key', // the head is signed by a key that is not trusted here
  'head_mismatch', // the events do not end where the signed head says: truncated or extended
  'missing_blob', // an event refers to a blob that is not there
  'bad_blob', // a blob's content does not match its hash: it was replaced
] as const;
export const VerifyProblemCodeSchema = z.enum(VERIFY_PROBLEMS);
export type VerifyProblemCode = z.infer<typeof VerifyProblemCodeSchema>;

export interface VerifyProblem {
  code: VerifyProblemCode;
  message: string;
  /** 1-based line of the events file (or index in the bundle + 1) */
  line?: number;
  seq?: number;
}

export interface VerifyReport {
  ok: boolean;
  run: string;
  /** events read (complete lines that parse) */
  events: number;
  /** a signed head exists */
  finished: boolean;
  head: { outcome: RunOutcome; signedAt: string; count: number; signer: string; trusted: boolean } | null;
  problems: VerifyProblem[];
}

/** One run in one file: verifies on another machine. */
export const TraceBundleSchema = z.object({
  format: z.literal('legwork-trace-bundle'),
  version: z.literal(1),
  run: z.string(),
  exportedAt: z.string(),
  /** the events as stored; each is checked on its own when verifying */
  events: z.array(z.unknown()),
  head: z.unknown().nullable(),
  /** the machine's trace key (SPKI DER, base64): compare with the key you trust */
  publicKey: z.string(),
  /** sha256 → base64 content */
  blobs: z.record(z.string(), z.string()),
  /** QA reviews at export time, for reading; not covered by the signature */
  reviews: z.array(z.unknown()).default([]),
});
export type TraceBundle = z.infer<typeof TraceBundleSchema>;
