// Metrics per playbook over a set of runs, and the human baseline they are measured against.
//
// runs / completed / escalated: by outcome (escalated also counts runs with an 'escalated' event).
// autonomy rate: the share of the write steps that ran under an 'auto' decision (see summary.ts);
// per playbook, over the write steps of that playbook.
// median run time: over the runs that finished (run_started → run_finished).
// time saved: Σ over completed runs of (baseline − run time). A run with several playbooks counts
// in each, with its run time split evenly between them, so the "all" row is Σ baselines − time.
import { z } from 'zod';
import { PLAYBOOKS } from '../../shared/plan.ts';
import { builtInPlaybooks } from '../playbooks/built-in.ts';
import type { PlaybookMetrics, RunListing } from '../../shared/trace.ts';

/**
 * Minutes an experienced agent takes for a ticket of each playbook by hand, across the systems it
 * touches: each shipped playbook file's `baseline_minutes`, compiled when first asked for (defaults; a team sets its own from its
 * handling-time reports, and an installed playbook set brings its own).
 */
export const defaultBaselineMinutes = (): Readonly<Record<string, number>> => builtInPlaybooks().baselines();

/**
 * The default manual baseline of one playbook, in minutes (a lead's own figure is kept apart, in the
 * settings).
 */
export const defaultBaselineFor = (playbook: string): number => defaultBaselineMinutes()[playbook] ?? 0;

/** A baseline table as a file gives it: playbook → minutes (others keep their defaults). */
export const BaselineTableSchema = z.record(z.string().min(1), z.number().nonnegative().max(24 * 60));

export function playbookMetrics(runs: readonly RunListing[], baselines: Readonly<Record<string, number>> = {}): PlaybookMetrics[] {
  const table = { ...defaultBaselineMinutes(), ...baselines };
  const groups = new Map<string, { run: RunListing; share: number }[]>();
  for (const run of runs) {
    const pbs = [...new Set(run.playbooks)];
    for (const p of pbs) {
      if (!groups.has(p)) groups.set(p, []);
      groups.get(p)!.push({ run, share: 1 / pbs.length });
    }
  }
  const order = (p: string) => {
    const i = (PLAYBOOKS as readonly string[]).indexOf(p);
    return i < 0 ? PLAYBOOKS.length : i;
  };
  const rows = [...groups.keys()].sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1)).map((p) => row(p, groups.get(p)!, table[p] ?? 0));
  const all = row('all', runs.map((run) => ({ run, share: 1 })), 0);
  all.timeSavedMs = rows.reduce((s, r) => s + r.timeSavedMs, 0);
  return [...rows, all];
}

function row(playbook: string, members: { run: RunListing; share: number }[], baselineMinutes: number): PlaybookMetrics {
  let completed = 0;
  let escalated = 0;
  let writes = 0;
  let autoWrites = 0;
  let timeSavedMs = 0;
  const durations: number[] = [];
  for (const { run, share } of members) {
    if (run.outcome === 'completed') completed++;
    if (run.outcome === 'escalated' || run.escalated) escalated++;
    const counts = playbook === 'all' ? run : run.writesByPlaybook?.[playbook];
    writes += counts?.writes ?? 0;
    autoWrites += counts?.autoWrites ?? 0;
    if (run.durationMs !== null && run.outcome !== null) durations.push(run.durationMs);
    if (run.outcome === 'completed' && run.durationMs !== null) timeSavedMs += baselineMinutes * 60_000 - run.durationMs * share;
  }
  return {
    playbook,
    runs: members.length,
    completed,
    escalated,
    writes,
    autoWrites,
    autonomyRate: writes ? autoWrites / writes : null,
    medianRunMs: median(durations),
    baselineMinutes,
    timeSavedMs: Math.round(timeSavedMs),
  };
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
