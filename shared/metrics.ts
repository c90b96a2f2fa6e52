// What the team lead's metrics answer, per playbook and per agent over a period, with a trend:
// tickets resolved, autonomy, work automated, time saved against the manual baseline, cost per
// resolution, and why tickets were handed over. Computed in core from the trace index.
import { z } from 'zod';

export const MetricsRowSchema = z.object({
  /** a playbook id, an agent's name, or "all" */
  key: z.string(),
  runs: z.number().int(),
  /** distinct tickets whose run completed a plan that resolves them */
  resolved: z.number().int(),
  /** write steps that ran without asking / write steps that ran; null without writes */
  autonomyRate: z.number().nullable(),
  /** steps Legwork ran and verified */
  stepsByLegwork: z.number().int(),
  /** steps of the plans that a person did or still has to do (not run, skipped, failed) */
  stepsByHand: z.number().int(),
  /** Σ over resolved runs of (manual baseline − run time), minutes; may be negative */
  timeSavedMinutes: z.number(),
  /** the agent's time on the runs (their duration), minutes */
  agentMinutes: z.number(),
  llmTokens: z.number().int(),
  llmCostUsd: z.number(),
  /** (LLM cost + agent minutes at the rate) / resolved; null when nothing was resolved */
  costPerResolutionUsd: z.number().nullable(),
});
export type MetricsRow = z.infer<typeof MetricsRowSchema>;

export const TrendPointSchema = z.object({
  /** the bucket's first day, YYYY-MM-DD (UTC) */
  start: z.string(),
  runs: z.number().int(),
  resolved: z.number().int(),
  autonomyRate: z.number().nullable(),
  timeSavedMinutes: z.number(),
});
export type TrendPoint = z.infer<typeof TrendPointSchema>;

export const BaselineSchema = z.object({
  playbook: z.string(),
  /** minutes in use: the lead's own, else the default */
  minutes: z.number(),
  defaultMinutes: z.number(),
  overridden: z.boolean(),
});
export type Baseline = z.infer<typeof BaselineSchema>;

export const MetricsReportSchema = z.object({
  since: z.string().nullable(),
  until: z.string().nullable(),
  bucket: z.enum(['day', 'week']),
  agentHourlyUsd: z.number(),
  all: MetricsRowSchema,
  byPlaybook: z.array(MetricsRowSchema),
  byAgent: z.array(MetricsRowSchema),
  trend: z.array(TrendPointSchema),
  /** why runs handed the ticket over, most frequent first */
  handOverReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  baselines: z.array(BaselineSchema),
});
export type MetricsReport = z.infer<typeof MetricsReportSchema>;

export const MetricsQuerySchema = z.object({
  /** runs started at or after (ISO time or date); none: from the first run */
  since: z.string().max(40).optional(),
  until: z.string().max(40).optional(),
  bucket: z.enum(['day', 'week']).default('day'),
});

/** The lead's own figures: a playbook's manual baseline (null: back to the default), the agent's hourly cost. */
export const MetricsConfigSchema = z.object({
  baseline: z.object({ playbook: z.string().min(1).max(60), minutes: z.number().nonnegative().max(24 * 60).nullable() }).optional(),
  agentHourlyUsd: z.number().nonnegative().max(10_000).optional(),
});
