// Test-only: runs one approved plan against a sandbox in its own process and stops dead at a chosen
// point (just before a step's action touches its system, or just after it did), writing a flag
// file so that the test can SIGKILL it right there. Run with `node --import tsx`.
import { writeFileSync } from 'node:fs';
import { BrowserHost } from '../../automations/runtime/browser-host.ts';
import { ActionRunner } from '../../automations/runtime/runner.ts';
import { EvidenceStore } from '../../automations/runtime/evidence.ts';
import { MemorySecretStore } from '../../automations/runtime/secrets.ts';
import { connectors } from '../../automations/systems/index.ts';
import type { ActionDefinition } from '../../automations/runtime/action.ts';
import type { Plan } from '../../shared/plan.ts';
import type { Approval } from '../../core/plan-hash.ts';
import { runPlan } from '../../core/executor/executor.ts';
import { wire } from './fixtures.ts';

export interface CrashChildConfig {
  urls: Record<string, string>;
  credentials: Record<string, { username: string; password: string }>;
  home: string;
  evidenceDir: string;
  plan: Plan;
  approval: Approval;
  runId: string;
  /** the action at which to stop, and whether before it runs or after it ran */
  stopAt: { action: string; phase: 'before' | 'after' };
  /** written when the child has stopped there */
  flag: string;
}

const cfg = JSON.parse(process.env.LEGWORK_CRASH_CHILD ?? '') as CrashChildConfig;
const host = await BrowserHost.launch({ headless: true });
const real = new ActionRunner({
  host,
  secrets: new MemorySecretStore(cfg.credentials as never),
  systems: Object.fromEntries(Object.entries(connectors).map(([name, connector]) => [name, { connector, baseUrl: cfg.urls[name]! }])),
  evidence: new EvidenceStore(cfg.evidenceDir),
  timeoutMs: 8_000,
});

/** Stops here for good: the test kills the process while it waits. */
function stop(): Promise<never> {
  writeFileSync(cfg.flag, String(process.pid));
  return new Promise(() => setInterval(() => undefined, 60_000));
}

const runner = {
  async run(def: ActionDefinition<any, any>, input: unknown) {
    const here = def.id === cfg.stopAt.action;
    if (here && cfg.stopAt.phase === 'before') await stop();
    const outcome = await real.run(def, input);
    if (here && cfg.stopAt.phase === 'after') await stop();
    return outcome;
  },
} as Pick<ActionRunner, 'run'>;

const { deps } = wire({ runner, home: cfg.home, evidenceDir: cfg.evidenceDir });
const res = await runPlan(deps, cfg.plan, cfg.approval, { runId: cfg.runId });
writeFileSync(cfg.flag, `finished ${JSON.stringify(res.ok ? res.data.outcome : res.error)}`);
await host.close();
