// The team lead's report over the runs of a period (from the trace index): per playbook, per agent
// and for everyone, a trend per day or week, and hand-over reasons ranked.
//
// resolved: distinct tickets whose run completed a plan that resolves them (older index lines
// without the plan's outcome count a completed run). Autonomy: write steps that ran without asking
// over write steps that ran. Work automated: steps Legwork ran and verified, against the plan's
// steps a person did or still has to do. Time saved: over resolved runs, the manual baseline of the
// run's playbooks − the run's time (a run with several playbooks is shared evenly between their
// rows). Cost per resolution: (the LLM planner's cost + the agent's minutes on the runs at the
// hourly rate) / resolved; an agent's minutes on a run are its duration (they stay with the ticket).
import type { MetricsReport, MetricsRow, TrendPoint } from '../../shared/metrics.ts';
import { PLAYBOOKS } from '../../shared/plan.ts';
import type { RunListing } from '../../shared/trace.ts';

export interface ReportOptions {
  since: string | null;
  until: string | null;
  bucket: 'day' | 'week';
  /** the baseline in use for a playbook (the lead's own, else the default) */
  baseline: (playbook: string) => number;
  agentHourlyUsd: number;
}

type Member = { run: RunListing; share: number };

const isResolved = (r: RunListing) => r.outcome === 'completed' && (r.planOutcome === undefined || r.planOutcome === 'resolve');

export function metricsReport(runs: readonly RunListing[], opts: ReportOptions): Omit<MetricsReport, 'baselines'> {
  const byPlaybook = new Map<string, Member[]>();
  const byAgent = new Map<string, Member[]>();
  for (const run of runs) {
    const pbs = [...new Set(run.playbooks)];
    for (const p of pbs) byPlaybook.set(p, [...(byPlaybook.get(p) ?? []), { run, share: 1 / pbs.length }]);
    const agent = run.agent || '(unknown)';
    byAgent.set(agent, [...(byAgent.get(agent) ?? []), { run, share: 1 }]);
  }
  const order = (p: string) => {
    const i = (PLAYBOOKS as readonly string[]).indexOf(p);
    return i < 0 ? PLAYBOOKS.length : i;
  };
  const every = runs.map((run) => ({ run, share: 1 }));
  return {
    since: opts.since,
    until: opts.until,
    bucket: opts.bucket,
    agentHourlyUsd: opts.agentHourlyUsd,
    all: row('all', every, null, opts),
    byPlaybook: [...byPlaybook].sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b)).map(([p, members]) => row(p, members, p, opts)),
    byAgent: [...byAgent].sort(([a], [b]) => a.localeCompare(b)).map(([a, members]) => row(a, members, null, opts)),
    trend: trend(runs, opts),
    handOverReasons: handOvers(runs),
  };
}

/** One row; `playbook` set: the run's time is shared with its other playbooks, against this playbook's baseline. */
function row(key: string, members: readonly Member[], playbook: string | null, opts: ReportOptions): MetricsRow {
  const tickets = new Set<string>();
  let writes = 0;
  let autoWrites = 0;
  let stepsByLegwork = 0;
  let stepsByHand = 0;
  let savedMs = 0;
  let agentMs = 0;
  let tokens = 0;
  let cost = 0;
  for (const { run, share } of members) {
    const counts = playbook ? run.writesByPlaybook?.[playbook] : run;
    writes += counts?.writes ?? 0;
    autoWrites += counts?.autoWrites ?? 0;
    const ran = run.stepsRun ?? 0;
    stepsByLegwork += ran;
    if (run.outcome !== null) stepsByHand += Math.max(0, (run.planSteps ?? ran) - ran);
    agentMs += (run.durationMs ?? 0) * share;
    tokens += Math.round((run.llm?.tokens ?? 0) * share);
    cost += (run.llm?.costUsd ?? 0) * share;
    if (isResolved(run)) {
      tickets.add(String(run.ticketId ?? run.run));
      const baseline = playbook ? opts.baseline(playbook) : [...new Set(run.playbooks)].reduce((s, p) => s + opts.baseline(p), 0);
      savedMs += baseline * 60_000 - (run.durationMs ?? 0) * share;
    }
  }
  const agentMinutes = agentMs / 60_000;
  const resolved = tickets.size;
  return {
    key,
    runs: members.length,
    resolved,
    autonomyRate: writes ? autoWrites / writes : null,
    stepsByLegwork,
    stepsByHand,
    timeSavedMinutes: savedMs / 60_000,
    agentMinutes,
    llmTokens: tokens,
    llmCostUsd: cost,
    costPerResolutionUsd: resolved ? (cost + (agentMinutes / 60) * opts.agentHourlyUsd) / resolved : null,
  };
}

const DAY = 86_400_000;

/** The bucket a time falls in: its UTC day, or the Monday of its week. */
export function bucketStart(iso: string, bucket: 'day' | 'week'): string {
  const t = Date.parse(iso);
  const day = Math.floor(t / DAY) * DAY;
  const start = bucket === 'day' ? day : day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
  return new Date(start).toISOString().slice(0, 10);
}

/** Every bucket from the period's start (or the first run) to its end (or the last run), empty ones included. */
function trend(runs: readonly RunListing[], opts: ReportOptions): TrendPoint[] {
  const dated = runs.filter((r) => !Number.isNaN(Date.parse(r.startedAt)));
  if (!dated.length && !opts.since) return [];
  const times = dated.map((r) => Date.parse(r.startedAt));
  const from = opts.since ? Date.parse(opts.since) : Math.min(...times);
  const to = opts.until ? Math.min(Date.parse(opts.until), Date.now()) : Math.max(Date.now(), ...times);
  const step = opts.bucket === 'day' ? DAY : 7 * DAY;
  const points: TrendPoint[] = [];
  const index = new Map<string, Member[]>();
  for (const run of dated) {
    const key = bucketStart(run.startedAt, opts.bucket);
    index.set(key, [...(index.get(key) ?? []), { run, share: 1 }]);
  }
  for (let t = Date.parse(bucketStart(new Date(from).toISOString(), opts.bucket)); t <= to && points.length < 400; t += step) {
    const key = new Date(t).toISOString().slice(0, 10);
    const r = row(key, index.get(key) ?? [], null, opts);
    points.push({ start: key, runs: r.runs, resolved: r.resolved, autonomyRate: r.autonomyRate, timeSavedMinutes: r.timeSavedMinutes });
  }
  return points;
}

function handOvers(runs: readonly RunListing[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const run of runs) {
    if (!run.handOver && !run.escalated) continue;
    const reason = run.handOver ?? 'handed over';
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
