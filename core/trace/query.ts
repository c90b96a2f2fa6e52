// Filtering runs (date range, agent, playbook, outcome, verdict) and drawing a QA sample.
import type { RunListing } from '../../shared/trace.ts';
import { TraceQuerySchema } from '../../shared/trace.ts';
import { sha256Hex } from './chain.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The runs that match, in the order given (the index gives newest first). `query` must be parsed (TraceQuerySchema). */
export function filterRuns(runs: readonly RunListing[], query: ReturnType<typeof TraceQuerySchema.parse>): RunListing[] {
  const since = query.since ? new Date(query.since).toISOString() : undefined;
  const until = query.until ? new Date(Date.parse(query.until) + (DATE_ONLY.test(query.until) ? 86_400_000 : 0)).toISOString() : undefined;
  const ticket = query.ticketId === undefined ? undefined : String(query.ticketId);
  const out: RunListing[] = [];
  for (const r of runs) {
    if (since !== undefined && r.startedAt < since) continue;
    if (until !== undefined && r.startedAt >= until) continue;
    if (query.agent !== undefined && r.agent !== query.agent) continue;
    if (query.playbook !== undefined && !r.playbooks.includes(query.playbook)) continue;
    if (query.outcome !== undefined && (query.outcome === 'running' ? r.outcome !== null : r.outcome !== query.outcome)) continue;
    if (query.verdict !== undefined && (query.verdict === 'none' ? r.verdict !== null : r.verdict !== query.verdict)) continue;
    if (ticket !== undefined && String(r.ticketId) !== ticket) continue;
    out.push(r);
    if (out.length === query.limit) break;
  }
  return out;
}

export interface SampleOptions {
  /** the share of the other runs to draw, 0..1 */
  share: number;
  /** the same seed draws the same runs; a run's draw does not depend on which other runs exist */
  seed: string;
}

/** A QA sample: every escalated run, and a seeded share of the others. */
export function sampleRuns(runs: readonly RunListing[], opts: SampleOptions): RunListing[] {
  const share = Math.min(1, Math.max(0, opts.share));
  return runs.filter((r) => r.escalated || r.outcome === 'escalated' || draw(opts.seed, r.run) < share);
}

/** A uniform number in [0, 1) from the seed and the run id. */
function draw(seed: string, run: string): number {
  return parseInt(sha256Hex(`${seed}\u0000${run}`).slice(0, 12), 16) / 2 ** 48;
}
