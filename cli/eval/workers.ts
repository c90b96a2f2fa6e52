// The Legworks `legwork eval` and `legwork bench` run tickets on: each with its own sandbox, its own
// browser and its own LEGWORK_HOME, so tickets on different workers never touch each other's state.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '../../sandbox/server.ts';
import { Legwork, planOfflineFor, type Proposal } from '../../core/legwork.ts';
import { agentPicks } from '../../core/planner/offline/measure.ts';
import type { Picks } from '../../shared/request.ts';
import type { CorpusTicket } from '../../shared/ticket.ts';
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

function plannerFor(name: PlannerName, settings: unknown): (t: Ticket, read: ReadTool, picks?: Picks) => Promise<Plan> {
  if (name === 'offline') return planOfflineFor;
  const config = llmConfigFrom(process.env, settings);
  if (!config.ok) throw new UsageError(`--planner llm: ${config.error.message}`);
  return (t, read, picks = {}) => planWithLlm(t, read, { client: config.data, fallback: () => planOfflineFor(t, read, picks) });
}

/**
 * Plans a filed ticket and, when the plan writes anything, approves it — the agent's click and a
 * second approver's, both granted — and runs it under the policy in force.
 */
async function resolveTicket(legwork: Legwork, ticketId: number, ticket: CorpusTicket): Promise<Resolution> {
  const planStarted = Date.now();
  // the simulated agent makes the plan's choices (each pick re-plans through the pages), as the
  // in-process measure does: an option whose plan writes nothing outside the gold
  let last: { picks: Picks; proposal: Proposal } | undefined;
  const picked = await agentPicks(
    async (p) => {
      const r = await legwork.propose(ticketId, undefined, p);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      last = { picks: p, proposal: r.data };
      return r.data.plan;
    },
    ticket.expect.outcome,
    ticket.expect.actions,
  ).catch((e: Error) => e);
  const planMs = Date.now() - planStarted;
  if (picked instanceof Error) return { plannedOutcome: null, planMs, runMs: 0, error: picked.message };
  // the proposal Legwork keeps is the last one planned: where the agent tried another option last, plan again with the picks made
  let proposal = last!.proposal;
  if (last!.proposal.plan !== picked.plan) {
    const again = await legwork.propose(ticketId, undefined, Object.fromEntries(picked.plan.choices.filter((c) => c.picked !== null).map((c) => [c.id, c.picked!])));
    if (!again.ok) return { plannedOutcome: null, planMs, runMs: 0, error: `${again.error.code}: ${again.error.message}` };
    proposal = again.data;
  }
  const { plan, planHash } = proposal;
  const chosen = { picks: picked.picks, choices: picked.choices };
  // choices left open: nothing runs, and the agent asks the customer
  if (plan.choices.some((c) => c.picked === null)) return { plannedOutcome: 'ask', planMs, runMs: 0, ...chosen };
  if (plan.steps.every((s) => s.kind === 'read')) return { plannedOutcome: plan.outcome, planMs, runMs: 0, ...chosen };
  const runStarted = Date.now();
  const started = await legwork.approve(ticketId, planHash, { secondApprover: 'eval-second-approver' });
  if (!started.ok) return { plannedOutcome: plan.outcome, planMs, runMs: 0, error: `${started.error.code}: ${started.error.message}`, ...chosen };
  const summary = await started.data.done;
  const handedOver = summary.outcome === 'escalated' && summary.escalation?.noteOk === true;
  return { plannedOutcome: plan.outcome, runOutcome: summary.outcome, runId: summary.runId, handedOver, planMs, runMs: Date.now() - runStarted, ...chosen };
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
      resolve: (ticketId, ticket) => resolveTicket(legwork, ticketId, ticket),
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
