// Test-only: Legwork as the app composes it (real runner in Chromium, journal, TraceStore, policy)
// runs one approved plan and stops dead at a chosen step boundary — just before a step's action
// touches its system (its intent is on disk) or just after it did (its result is not) — writing a
// flag file so that the test can SIGKILL it right there. Run with `node --import tsx`.
import { writeFileSync } from 'node:fs';
import type { Plan } from '../../shared/plan.ts';
import { Legwork } from '../../core/legwork.ts';
import { sandboxSystems } from '../../cli/systems.ts';

export interface BoundaryChildConfig {
  home: string;
  /** the JSON line `legwork sandbox` prints */
  urls: Parameters<typeof sandboxSystems>[0];
  ticketId: number;
  /** what the planner proposes */
  plan: Plan;
  /** the step whose action to stop at (each action appears once in the plan); null: run to the end */
  killAt: { action: string; phase: 'before' | 'after' } | null;
  /** written when the child has stopped there (its pid) or finished ("finished …") */
  flag: string;
}

const cfg = JSON.parse(process.env.LEGWORK_BOUNDARY_CHILD ?? '') as BoundaryChildConfig;
const legwork = await Legwork.open({
  home: cfg.home,
  systems: sandboxSystems(cfg.urls),
  agent: 'Ana Ruiz',
  planner: async () => cfg.plan,
  timeoutMs: 8_000,
});
const proposed = await legwork.propose(cfg.ticketId);
if (!proposed.ok) throw new Error(proposed.error.message);

/** Stops here for good: the test kills the process while it waits. */
function stop(): Promise<never> {
  writeFileSync(cfg.flag, String(process.pid));
  return new Promise(() => setInterval(() => undefined, 60_000));
}

// the executor calls this same runner object: its calls during the run pass through here
const run = legwork.runner.run.bind(legwork.runner);
legwork.runner.run = (async (def, input) => {
  const here = def.id === cfg.killAt?.action;
  if (here && cfg.killAt?.phase === 'before') await stop();
  const outcome = await run(def, input);
  if (here && cfg.killAt?.phase === 'after') await stop();
  return outcome;
}) as typeof legwork.runner.run;

const started = await legwork.approve(cfg.ticketId, proposed.data.planHash);
if (!started.ok) throw new Error(started.error.message);
const summary = await started.data.done;
writeFileSync(cfg.flag, `finished ${summary.runId} ${summary.outcome}`);
await legwork.close();
