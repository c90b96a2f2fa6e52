// `legwork resolve --ticket ID`: plans one helpdesk ticket and shows the plan with the policy's
// decisions; with --approve (standing in for the agent's click) runs it and waits for its end.
import type { Decision } from '../../shared/decision.ts';
import type { Plan } from '../../shared/plan.ts';
import type { RunOutcome } from '../../shared/trace.ts';
import { legworkHome } from '../../core/home.ts';
import { Legwork } from '../../core/legwork.ts';
import type { ProgressEvent, RunSummary, StepReport } from '../../core/executor/types.ts';
import { parseFlags } from '../args.ts';
import { vaultFor } from '../vault.ts';
import { systemsFrom } from '../systems.ts';
import { UsageError } from '../usage.ts';
import { signedInAs } from '../signed-in.ts';

export const RESOLVE_USAGE = `  resolve --ticket ID   plan one helpdesk ticket; show the plan and the policy's decision per step
      --approve         approve the plan and run it (the policy still applies: steps that need
                        a second approver or a person are not run); exit 1 when it is handed over
      --systems S       the systems: a config file, its JSON, or the line \`legwork sandbox\` prints
                        who approves is the account signed in here (the OS account), recorded
                        as such; there is no flag for it
      --json            one JSON line: {"run", "outcome", "trace", "plan"} ({"run", "outcome",
                        "trace", "steps"} with --approve)
`;

export interface CliIo {
  out?: (text: string) => void;
  err?: (text: string) => void;
}

/** Flags every command that works in the systems takes. */
export const SYSTEMS_FLAGS = { systems: { type: 'string' } } as const;

/** Legwork over LEGWORK_HOME and the --systems the command was given, acting as `agent` (the signed-in account). */
export async function openLegwork(flags: { systems?: string }, agent: string): Promise<Legwork> {
  const home = legworkHome();
  const systems = systemsFrom(flags.systems, home);
  const secrets = await vaultFor(systems, home);
  return Legwork.open({ home, systems, agent, ...(secrets ? { secrets } : {}) });
}

/** The `legwork resolve` command; sets process.exitCode (0 completed or planned, 1 handed over or failed). */
export async function resolveCommand(args: string[], io: CliIo = {}): Promise<void> {
  const code = await runResolve(args, io);
  if (code) process.exitCode = code;
}

/** Runs `legwork resolve …` and returns its exit code; usage errors throw UsageError. */
export async function runResolve(args: string[], io: CliIo = {}): Promise<number> {
  const out = io.out ?? ((t: string) => void process.stdout.write(t));
  const err = io.err ?? ((t: string) => void process.stderr.write(t));
  const agent = signedInAs(args, 'agent');
  const flags = parseFlags(args, { ticket: { type: 'string' }, approve: { type: 'boolean' }, json: { type: 'boolean' }, ...SYSTEMS_FLAGS });
  const ticketId = ticketFlag(flags.ticket);
  const legwork = await openLegwork(flags, agent);
  try {
    const proposed = await legwork.propose(ticketId);
    if (!proposed.ok) {
      err(`legwork resolve: ticket #${ticketId}: ${proposed.error.message}\n`);
      return 1;
    }
    const { plan, decisions, planHash } = proposed.data;
    if (!flags.approve) {
      out(flags.json ? `${JSON.stringify({ run: null, outcome: plan.outcome, trace: null, plan, decisions, planHash })}\n` : formatPlan(plan, decisions, planHash));
      return plan.outcome === 'escalate' ? 1 : 0;
    }
    if (!flags.json) out(formatPlan(plan, decisions, null));
    const onProgress = flags.json ? undefined : (e: ProgressEvent) => out(formatProgress(e));
    const started = await legwork.approve(ticketId, planHash, onProgress ? { onProgress } : {});
    if (!started.ok) {
      err(`legwork resolve: ticket #${ticketId}: the plan was not run: ${started.error.message}\n`);
      return 1;
    }
    const summary = await started.data.done;
    const trace = legwork.traces.runDir(summary.runId);
    out(flags.json ? `${JSON.stringify({ run: summary.runId, outcome: summary.outcome, trace, steps: summary.steps, ...(summary.escalation ? { escalation: summary.escalation } : {}) })}\n` : formatSummary(summary, trace));
    return exitCodeOf(summary.outcome);
  } finally {
    await legwork.close();
  }
}

/** 0 for a run that did its work (or was cancelled on purpose), 1 for one handed over or failed. */
export function exitCodeOf(outcome: RunOutcome): number {
  return outcome === 'completed' || outcome === 'cancelled' ? 0 : 1;
}

function ticketFlag(value: string | undefined): number {
  if (value === undefined) throw new UsageError('resolve needs --ticket ID (the helpdesk ticket number)');
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) throw new UsageError(`--ticket must be a ticket number such as 1042, not "${value}"`);
  return Number(value);
}

function formatPlan(plan: Plan, decisions: Decision[], planHash: string | null): string {
  const lines = [`Ticket #${plan.ticketId}: ${plan.outcome} — ${plan.reason}`];
  if (plan.customer) lines.push(`Customer: ${plan.customer.name} <${plan.customer.email}> (${plan.customer.user_id})`);
  lines.push('', plan.steps.length ? 'Steps:' : 'Steps: none');
  for (const [i, step] of plan.steps.entries()) {
    const d = decisions[i];
    const params = Object.entries(step.params).map(([k, v]) => `${k}=${oneLine(typeof v === 'string' ? v : JSON.stringify(v))}`);
    lines.push(`  ${step.id.padEnd(4)} ${step.action} (${step.system}, ${step.kind})${step.amount !== undefined ? ` $${step.amount.toFixed(2)}` : ''}  ${d ? `${d.kind}: ${d.reason}` : ''}`.trimEnd());
    if (params.length) lines.push(`       ${params.join(', ')}`);
  }
  lines.push('', `Reply: ${oneLine(plan.reply)}`);
  if (planHash) lines.push(`Plan ${planHash.slice(0, 12)}… (run it with --approve)`);
  return `${lines.join('\n')}\n`;
}

function formatProgress(e: ProgressEvent): string {
  switch (e.type) {
    case 'step_started':
      return `  ${e.stepId.padEnd(4)} ${e.action} …${e.recovering ? ' (recovering)' : ''}\n`;
    case 'step_finished':
    case 'step_skipped':
      return `  ${e.report.stepId.padEnd(4)} ${reportLine(e.report)}\n`;
    case 'escalated':
      return `  handed over: ${e.escalation.reason}${e.escalation.noteOk ? '' : ' (the hand-over note did not land!)'}\n`;
    case 'run_finished':
      return '';
  }
}

function reportLine(r: StepReport): string {
  if (r.status === 'failed') return `failed: ${r.error?.code}: ${r.error?.message}`;
  if (r.status === 'skipped') return `skipped: ${r.reason}`;
  return r.status === 'already_done' ? 'already done (not done again)' : 'done';
}

export function formatSummary(s: RunSummary, trace: string): string {
  const notRun = s.steps.filter((r) => r.status === 'skipped' || r.status === 'pending');
  const lines = [`Run ${s.runId}: ${s.outcome}${s.escalation ? ` — handed over: ${s.escalation.reason}` : ''}`];
  if (notRun.length) lines.push(`Not run: ${notRun.map((r) => `${r.stepId} ${r.action}${r.reason ? ` (${r.reason})` : ''}`).join('; ')}`);
  for (const e of s.traceErrors) lines.push(`Trace problem: ${e}`);
  lines.push(`Trace: ${trace}`);
  return `${lines.join('\n')}\n`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
}
