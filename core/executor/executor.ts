// The run executor: starts runs of approved plans (only the exact plan approved, checked by its
// hash, before anything runs), and on start-up finishes or hands over the runs a crash left open.
import { randomBytes } from 'node:crypto';
import { rename } from 'node:fs/promises';
import type { Result } from '../../shared/errors.ts';
import { PlanSchema, type Plan } from '../../shared/plan.ts';
import { ApprovalSchema, planHash, type Approval } from '../plan-hash.ts';
import { replay, type RunJournal } from './journal.ts';
import { fail, failure, messageOf } from './failure.ts';
import { escalationNote } from './escalation.ts';
import { Run, type ExecutorDeps, type RunHandle, type RunMode } from './run.ts';
import type { ProgressEvent, RunSummary } from './types.ts';

export interface StartOptions {
  mode?: RunMode;
  /** defaults to a new time-ordered id */
  runId?: string;
  /** attached before the first step starts */
  onProgress?: (e: ProgressEvent) => void;
  /** who started it (the agent), for the trace */
  agent?: string;
}

export class Executor {
  constructor(private readonly deps: ExecutorDeps) {}

  /**
   * Starts a run of `plan` under `approval`. Refused (nothing runs, nothing is written) when the
   * approval is not for exactly this plan, or when a step names an action that does not exist,
   * belongs to another system or kind, or whose parameters it would not accept.
   */
  async start(rawPlan: unknown, rawApproval: unknown, opts: StartOptions = {}): Promise<Result<RunHandle>> {
    const checked = this.check(rawPlan, rawApproval);
    if (!checked.ok) return checked;
    const { plan, approval } = checked.data;
    const runId = opts.runId ?? newRunId();
    const release = await this.deps.journal.lock(runId).catch(() => null);
    if (!release) return fail('precondition_failed', `run ${runId} is already running`);
    try {
      const trace = await this.deps.openTrace(runId);
      // the trace first: a crash before the journal has the run leaves a trace of a run that did nothing
      await trace.append('run_started', { ticketId: plan.ticketId, planner: plan.planner, agent: opts.agent ?? approval.approver, mode: opts.mode ?? 'all' });
      await trace.append('plan', { plan, planHash: approval.planHash });
      if (approval.decisions) await trace.append('decisions', { decisions: approval.decisions });
      await trace.append('approved', { approver: approval.approver, ...(approval.secondApprover ? { secondApprover: approval.secondApprover } : {}), planHash: approval.planHash, at: approval.at });
      const opened = { type: 'run_opened' as const, run: runId, plan, approval, ...(this.deps.escalateTo ? { escalateTo: this.deps.escalateTo } : {}) };
      await this.deps.journal.create(opened);
      const state: RunJournal = replay([{ ...opened, at: new Date().toISOString() }]);
      return { ok: true, data: new Run(this.deps, state, trace, opts.mode ?? 'all', release, opts.onProgress) };
    } catch (e) {
      await release();
      return fail('internal', `could not start run ${runId}: ${messageOf(e)}`);
    }
  }

  /**
   * Finishes every run the journal shows unfinished (a crash, a kill): a step that was running is
   * settled by its alreadyDone check, the steps after it run under the approval that stands, and a
   * write no check can settle goes to a person. Runs held by a live process are left alone.
   */
  async recoverRuns(opts: { onProgress?: (e: ProgressEvent) => void } = {}): Promise<RunSummary[]> {
    const summaries: RunSummary[] = [];
    for (const runId of await this.deps.journal.unclosed()) {
      const release = await this.deps.journal.lock(runId);
      if (!release) continue;
      let state: RunJournal;
      try {
        await this.deps.journal.repair(runId);
        state = await this.deps.journal.load(runId);
      } catch (e) {
        summaries.push(await this.setAside(runId, messageOf(e)));
        await release();
        continue;
      }
      if (state.closed) {
        await release();
        continue;
      }
      const trace = await this.deps.openTrace(runId);
      const { plan, approval } = state.opened;
      if (planHash(plan) !== approval.planHash) {
        // nothing of it may run; hand it over as a failed step would be
        const stop = { kind: 'damaged_journal' as const, message: `the journal's approval is not for its plan (${approval.planHash} ≠ ${planHash(plan)}); nothing more runs` };
        const body = escalationNote({ runId, plan, reports: [], stop, ...(this.deps.escalateTo ? { escalateTo: this.deps.escalateTo } : {}) });
        await this.deps.journal.append(runId, { type: 'escalation_intent', reason: stop.message, body });
        state = await this.deps.journal.load(runId);
      }
      summaries.push(await new Run(this.deps, state, trace, 'all', release, opts.onProgress).done);
    }
    return summaries;
  }

  private check(rawPlan: unknown, rawApproval: unknown): Result<{ plan: Plan; approval: Approval }> {
    const plan = PlanSchema.safeParse(rawPlan);
    if (!plan.success) return fail('invalid_input', `the plan does not parse: ${issues(plan.error)}`);
    const approval = ApprovalSchema.safeParse(rawApproval);
    if (!approval.success) return fail('invalid_input', `the approval does not parse: ${issues(approval.error)}`);
    const hash = planHash(plan.data);
    if (approval.data.planHash !== hash) {
      return fail('precondition_failed', `the approval is for another version of this plan (approved ${approval.data.planHash.slice(0, 12)}…, this plan ${hash.slice(0, 12)}…): approve it again`);
    }
    const seen = new Set<string>();
    for (const step of plan.data.steps) {
      if (seen.has(step.id)) return fail('invalid_input', `two steps are named ${step.id}`);
      seen.add(step.id);
      const def = this.deps.actions.get(step.system, step.action);
      if (!def) return fail('invalid_input', `step ${step.id}: the ${step.system} has no action ${step.action}`);
      if (def.system !== step.system || def.kind !== step.kind) {
        return fail('invalid_input', `step ${step.id}: ${step.action} is a ${def.system} ${def.kind}, not a ${step.system} ${step.kind}`);
      }
      const params = def.input.safeParse(step.params);
      if (!params.success) return fail('invalid_input', `step ${step.id} (${step.action}): ${issues(params.error)}`);
    }
    return { ok: true, data: { plan: plan.data, approval: approval.data } };
  }

  /** A journal that cannot be read is moved aside (kept for a person), so it is not tried at every start. */
  private async setAside(runId: string, why: string): Promise<RunSummary> {
    const file = this.deps.journal.file(runId);
    await rename(file, `${file}.damaged`).catch(() => undefined);
    const error = failure('internal', `the journal of run ${runId} cannot be read (${why}); it was kept as ${file}.damaged for a person to check`);
    return { runId, outcome: 'failed', steps: [], escalation: { reason: error.message, noteOk: false, error }, traceErrors: [] };
  }
}

/** Starts a run in 'all' mode and waits for its end: what `legwork resolve` and `legwork eval` call. */
export async function runPlan(deps: ExecutorDeps, plan: unknown, approval: unknown, opts: Omit<StartOptions, 'mode'> = {}): Promise<Result<RunSummary>> {
  const started = await new Executor(deps).start(plan, approval, { ...opts, mode: 'all' });
  if (!started.ok) return started;
  return { ok: true, data: await started.data.done };
}

export function newRunId(at: Date = new Date()): string {
  return `${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(4).toString('hex')}`;
}

function issues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || 'value'}: ${i.message}`).join('; ');
}
