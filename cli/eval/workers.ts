// The Legworks `legwork eval` and `legwork bench` run tickets on: each with its own sandbox, its own
// browser and its own LEGWORK_HOME, so tickets on different workers never touch each other's state.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '../../sandbox/server.ts';
import { Legwork, planOfflineFor } from '../../core/legwork.ts';
import { Control, type EvalWorker, type Resolution } from '../../core/eval/run-eval.ts';
import { llmConfigFrom, planWithLlm } from '../../core/planner/llm/index.ts';
import type { Ticket } from '../../automations/systems/helpdesk/actions.ts';
import type { Plan, ReadTool } from '../../shared/plan.ts';
import { sandboxSystems } from '../systems.ts';
import { UsageError } from '../usage.ts';

export type PlannerName = 'offline' | 'llm';

export interface LegworkWorker extends EvalWorker {
  legwork: Legwork;
  sandbox: RunningSandbox;
  close(): Promise<void>;
}

function plannerFor(name: PlannerName, settings: unknown): (t: Ticket, read: ReadTool) => Promise<Plan> {
  if (name === 'offline') return planOfflineFor;
  const config = llmConfigFrom(process.env, settings);
  if (!config.ok) throw new UsageError(`--planner llm: ${config.error.message}`);
  return (t, read) => planWithLlm(t, read, { client: config.data, fallback: () => planOfflineFor(t, read) });
}

/**
 * Plans a filed ticket and, when the plan writes anything, approves it — the agent's click and a
 * second approver's, both granted — and runs it under the policy in force.
 */
async function resolveTicket(legwork: Legwork, ticketId: number): Promise<Resolution> {
  const planStarted = Date.now();
  const proposal = await legwork.propose(ticketId);
  const planMs = Date.now() - planStarted;
  if (!proposal.ok) return { plannedOutcome: null, planMs, runMs: 0, error: `${proposal.error.code}: ${proposal.error.message}` };
  const { plan, planHash } = proposal.data;
  if (plan.steps.every((s) => s.kind === 'read')) return { plannedOutcome: plan.outcome, planMs, runMs: 0 };
  const runStarted = Date.now();
  const started = await legwork.approve(ticketId, planHash, { secondApprover: 'eval-second-approver' });
  if (!started.ok) return { plannedOutcome: plan.outcome, planMs, runMs: 0, error: `${started.error.code}: ${started.error.message}` };
  const summary = await started.data.done;
  const handedOver = summary.outcome === 'escalated' && summary.escalation?.noteOk === true;
  return { plannedOutcome: plan.outcome, runOutcome: summary.outcome, runId: summary.runId, handedOver, planMs, runMs: Date.now() - runStarted };
}

export async function startWorker(opts: { planner: PlannerName; settings?: unknown; keepHome?: boolean }): Promise<LegworkWorker> {
  const planner = plannerFor(opts.planner, opts.settings);
  const sandbox = await startSandbox({ port: 0 });
  const home = mkdtempSync(path.join(os.tmpdir(), 'legwork-eval-'));
  try {
    const legwork = await Legwork.open({ home, systems: sandboxSystems(sandbox.urls), agent: 'eval-agent', planner });
    return {
      legwork,
      sandbox,
      control: new Control(sandbox.urls.control),
      resolve: (ticketId) => resolveTicket(legwork, ticketId),
      close: async () => {
        await legwork.close();
        await sandbox.close();
        if (!opts.keepHome) rmSync(home, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await sandbox.close();
    throw e;
  }
}
