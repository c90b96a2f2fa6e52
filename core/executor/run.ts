// One run of an approved plan: each step journalled before and after it touches a system, its
// decision taken again just before it runs, its evidence put in the trace; on a failure the run
// stops and hands the ticket to a person. The same loop finishes a run a crash left behind.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DecisionSchema, stricter, type Decision } from '../../shared/decision.ts';
import type { Failure, Result } from '../../shared/errors.ts';
import type { Step } from '../../shared/plan.ts';
import { WRITE_OPERATIONS } from '../../shared/retail.ts';
import type { RunOutcome, TraceEventType, TraceSink } from '../../shared/trace.ts';
import type { ActionRunner } from '../../automations/runtime/runner.ts';
import type { ActionEvidence } from '../../automations/runtime/evidence.ts';
import type { Approval } from '../plan-hash.ts';
import type { ActionRegistry, AnyAction } from './actions.ts';
import type { Journal, RunJournal } from './journal.ts';
import { escalationNote } from './escalation.ts';
import { fail, failure, messageOf } from './failure.ts';
import type { EscalationReport, ProgressEvent, RunSummary, Screenshots, StepReport, StopReason } from './types.ts';

export interface ExecutorDeps {
  runner: Pick<ActionRunner, 'run'>;
  /** the configured connectors' actions by role and id (see ActionRegistry) */
  actions: ActionRegistry;
  journal: Journal;
  /** the trace of one run (a run recovered after a crash gets its trace again by the same id) */
  openTrace: (runId: string) => TraceSink | Promise<TraceSink>;
  /** the policy's decision for a write step, taken again just before it runs */
  decideAtRun: (step: Step) => Decision | Promise<Decision>;
  /** who a handed-over run goes to: named in the note and the escalated event */
  escalateTo?: string;
  /** the runner's evidence folder: screenshots are copied from its blobs/ into the trace's blob store */
  evidenceDir?: string;
}

export type RunMode = 'all' | 'step';

export interface RunHandle {
  readonly runId: string;
  readonly mode: RunMode;
  /** step mode: runs the next step (skipped steps are passed over) and gives its report; undefined once the run is over (and always in 'all' mode) */
  next(): Promise<StepReport | undefined>;
  /** marks a step that has not been reached as skipped by the agent */
  skip(stepId: string): Result<void>;
  /** stops the run before its next step (a step that is running finishes first) */
  cancel(): void;
  /** the steps as they stand now */
  reports(): StepReport[];
  readonly done: Promise<RunSummary>;
  on(event: 'progress', listener: (e: ProgressEvent) => void): this;
  off(event: 'progress', listener: (e: ProgressEvent) => void): this;
}

type Outcome = { ok: true; alreadyDone: boolean; evidence?: ActionEvidence } | { ok: false; error: Failure; evidence?: ActionEvidence };

export class Run extends EventEmitter implements RunHandle {
  readonly runId: string;
  readonly done: Promise<RunSummary>;
  private readonly approval: Approval;
  private readonly reportsById = new Map<string, StepReport>();
  private readonly skipRequests = new Set<string>();
  private readonly permits: ((r: StepReport | undefined) => void)[] = [];
  private readonly traceErrors: string[] = [];
  private wake: (() => void) | undefined;
  private cancelRequested = false;
  private current: string | undefined;
  private finished = false;
  private escalation: EscalationReport | undefined;
  private readonly started = Date.now();

  constructor(
    private readonly deps: ExecutorDeps,
    private readonly state: RunJournal,
    private readonly trace: TraceSink,
    readonly mode: RunMode,
    private readonly release: () => Promise<void>,
    onProgress?: (e: ProgressEvent) => void,
  ) {
    super();
    this.runId = state.opened.run;
    this.approval = state.opened.approval;
    if (onProgress) this.on('progress', onProgress);
    for (const step of this.plan.steps) {
      const j = state.steps.get(step.id);
      const report: StepReport = { stepId: step.id, action: step.action, system: step.system, kind: step.kind, status: 'pending' };
      if (j?.result) Object.assign(report, resultReport(j.result.ok, j.result.alreadyDone, j.result.error, j.result.screenshots, j.result.recovered));
      else if (j?.skipped) Object.assign(report, { status: 'skipped', reason: j.skipped.reason, decision: j.skipped.decision });
      if (j?.intent?.decision) report.decision = j.intent.decision;
      this.reportsById.set(step.id, report);
    }
    // started on the next turn, so that whoever holds the handle can listen first
    this.done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drive());
  }

  private get plan() {
    return this.state.opened.plan;
  }

  reports(): StepReport[] {
    return [...this.reportsById.values()].map((r) => ({ ...r }));
  }

  next(): Promise<StepReport | undefined> {
    if (this.mode !== 'step' || this.finished) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.permits.push(resolve);
      this.wake?.();
    });
  }

  skip(stepId: string): Result<void> {
    const report = this.reportsById.get(stepId);
    if (!report) return fail('invalid_input', `there is no step ${stepId} in this plan`);
    if (this.finished || report.status !== 'pending' || this.current === stepId) return fail('precondition_failed', `step ${stepId} has already been reached`);
    this.skipRequests.add(stepId);
    return { ok: true, data: undefined };
  }

  cancel(): void {
    this.cancelRequested = true;
    this.wake?.();
  }

  // ---- the loop ---------------------------------------------------------------------------

  private async drive(): Promise<RunSummary> {
    let outcome: RunOutcome;
    try {
      if (this.state.closed) {
        outcome = this.state.closed;
      } else if (this.state.cancelled) {
        outcome = await this.close('cancelled');
      } else if (this.state.escalation) {
        const { intent, result } = this.state.escalation;
        if (!result) await this.sendNote(intent.reason, intent.body, undefined);
        else this.escalation = { reason: intent.reason, noteOk: result.ok, error: result.error };
        outcome = await this.close('escalated');
      } else {
        const stop = await this.steps();
        if (stop === 'cancelled') {
          await this.deps.journal.append(this.runId, { type: 'cancel' });
          outcome = await this.close('cancelled');
        } else if (stop) {
          await this.escalate(stop);
          outcome = await this.close('escalated');
        } else {
          // a plan that asks the customer ends when the question went out: the run asked, it did not resolve
          outcome = await this.close(this.plan.outcome === 'ask' ? 'asked' : 'completed');
        }
      }
    } catch (e) {
      // the journal could not be written (disk full, …): nothing more may run; the run stays open for `recover`
      // No run_finished in the trace: it would sign the head and close a run that recovery must still carry on.
      outcome = 'failed';
      this.traceErrors.push(`run stopped and left for recovery: ${failure('internal', messageOf(e)).message}`);
      this.emit('progress', { type: 'run_finished', runId: this.runId, outcome } satisfies ProgressEvent);
    } finally {
      this.finished = true;
      for (const p of this.permits.splice(0)) p(undefined);
      await this.release();
    }
    return { runId: this.runId, outcome, steps: this.reports(), ...(this.escalation ? { escalation: this.escalation } : {}), traceErrors: [...this.traceErrors] };
  }

  /** Runs the steps left; gives why it stopped early, if it did. */
  private async steps(): Promise<StopReason | 'cancelled' | undefined> {
    for (const [index, step] of this.plan.steps.entries()) {
      const j = this.state.steps.get(step.id);
      if (j?.result) {
        if (!j.result.ok) return stopFor(step, j.result.error ?? failure('internal', 'failed'));
        continue;
      }
      if (j?.skipped) {
        if (j.skipped.stops) return { kind: 'policy', stepId: step.id, message: `${step.action} (${step.id}) may not run now: ${j.skipped.reason}` };
        continue;
      }
      if (j?.intent) {
        // started before a crash: settle it (no gate, no new decision: its approval and decision were taken)
        const stop = await this.settle(step, index);
        if (stop) return stop;
        continue;
      }
      if (this.cancelRequested) return 'cancelled';
      if (!this.skipRequests.has(step.id) && this.mode === 'step') {
        await this.permit();
        if (this.cancelRequested) return 'cancelled';
      }
      if (this.skipRequests.has(step.id)) {
        await this.skipStep(step, 'agent', 'skipped by the agent');
        continue;
      }
      this.current = step.id;
      const stop = await this.execute(step, index);
      this.current = undefined;
      this.permits.shift()?.(this.reportsById.get(step.id));
      if (stop) return stop;
    }
    return undefined;
  }

  private permit(): Promise<void> {
    if (this.permits.length > 0 || this.cancelRequested) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = () => {
        if (this.permits.length > 0 || this.cancelRequested) {
          this.wake = undefined;
          resolve();
        }
      };
    });
  }

  private async execute(step: Step, index: number): Promise<StopReason | undefined> {
    let decision: Decision | undefined;
    if (step.kind === 'write') {
      const { decision: d, planTime } = await this.decide(step);
      decision = d;
      const why = refusal(d, this.approval);
      if (why) {
        // A refusal that came up since approval stops the run. One the approver saw (a step to do by
        // hand) lets it go on — unless the step changes a system of record: the reply and the status
        // after it would tell the customer something that did not happen, so a person takes over.
        const stops = !planTime || !refusal(planTime, this.approval) || changesRecord(step);
        await this.skipStep(step, 'policy', why, d, stops);
        return stops ? { kind: 'policy', stepId: step.id, message: `${step.action} (${step.id}) may not run now: ${why}` } : undefined;
      }
      this.reportsById.get(step.id)!.decision = d;
    }
    await this.deps.journal.append(this.runId, { type: 'intent', stepId: step.id, ...(decision ? { decision } : {}) });
    await this.event('step_intent', { stepId: step.id, action: step.action, system: step.system, kind: step.kind, params: step.params, ...(decision ? { decision } : {}) });
    this.progress({ type: 'step_started', runId: this.runId, stepId: step.id, action: step.action, system: step.system, index, total: this.plan.steps.length, recovering: false });
    return this.record(step, await this.act(this.action(step), step.params), false);
  }

  /** A step whose intent is on disk but not its result: the crash came while it ran. */
  private async settle(step: Step, index: number): Promise<StopReason | undefined> {
    this.progress({ type: 'step_started', runId: this.runId, stepId: step.id, action: step.action, system: step.system, index, total: this.plan.steps.length, recovering: true });
    await this.event('step_intent', { stepId: step.id, action: step.action, system: step.system, kind: step.kind, params: step.params, recovered: true });
    const def = this.action(step);
    if (step.kind === 'write' && !def.alreadyDone) {
      const error = failure('outcome_unknown', `${step.action} (${step.id}) was running when Legwork stopped, and no check can tell whether it happened; it is not run again`);
      return this.record(step, { ok: false, error }, true);
    }
    // a write runs again only through the runner, which checks alreadyDone before it acts
    return this.record(step, await this.act(def, step.params), true);
  }

  private async record(step: Step, outcome: Outcome, recovered: boolean): Promise<StopReason | undefined> {
    const screenshots = await this.keepScreenshots(outcome.evidence);
    const error = outcome.ok ? undefined : outcome.error;
    const report = this.reportsById.get(step.id)!;
    Object.assign(report, resultReport(outcome.ok, outcome.ok && outcome.alreadyDone, error, screenshots, recovered || undefined));
    for (const heal of outcome.evidence?.heals ?? []) await this.event('heal', { stepId: step.id, ...heal });
    await this.event('step_result', {
      stepId: step.id,
      action: step.action,
      system: step.system,
      ok: outcome.ok,
      alreadyDone: outcome.ok && outcome.alreadyDone,
      ...(error ? { error } : {}),
      ...(recovered ? { recovered } : {}),
      evidence: evidenceSummary(outcome.evidence, screenshots),
    });
    // after the trace: a crash in between settles the step again (a second, recovered result) rather than lose one
    await this.deps.journal.append(this.runId, {
      type: 'result',
      stepId: step.id,
      ok: outcome.ok,
      alreadyDone: outcome.ok && outcome.alreadyDone,
      ...(error ? { error } : {}),
      ...(screenshots ? { screenshots } : {}),
      ...(recovered ? { recovered } : {}),
    });
    this.progress({ type: 'step_finished', runId: this.runId, report: { ...report } });
    return error ? stopFor(step, error) : undefined;
  }

  private async skipStep(step: Step, by: 'agent' | 'policy', reason: string, decision?: Decision, stops?: boolean): Promise<void> {
    const report = this.reportsById.get(step.id)!;
    Object.assign(report, { status: 'skipped', reason, ...(decision ? { decision } : {}) });
    await this.deps.journal.append(this.runId, { type: 'skipped', stepId: step.id, by, reason, ...(decision ? { decision } : {}), ...(stops ? { stops } : {}) });
    await this.event('step_skipped', { stepId: step.id, action: step.action, by, reason, ...(decision ? { decision } : {}) });
    this.progress({ type: 'step_skipped', runId: this.runId, report: { ...report } });
  }

  private async decide(step: Step): Promise<{ decision: Decision; planTime?: Decision }> {
    const planTime = this.approval.decisions?.find((d) => d.stepId === step.id);
    let runTime: Decision;
    try {
      const parsed = DecisionSchema.safeParse(await this.deps.decideAtRun(step));
      runTime = parsed.success
        ? { ...parsed.data, stepId: step.id }
        : { stepId: step.id, kind: 'blocked', reason: `the policy gave no valid decision (${parsed.error.issues.map((i) => i.message).join('; ')})` };
    } catch (e) {
      runTime = { stepId: step.id, kind: 'blocked', reason: `the policy could not be evaluated: ${messageOf(e)}` };
    }
    return { decision: planTime ? stricter(planTime, runTime) : runTime, ...(planTime ? { planTime } : {}) };
  }

  private action(step: Step): AnyAction {
    const def = this.deps.actions.get(step.system, step.action);
    if (!def) throw new Error(`the ${step.system} has no action ${step.action}`);
    return def;
  }

  private async act(def: AnyAction, params: Record<string, unknown>): Promise<Outcome> {
    try {
      return await this.deps.runner.run(def, params);
    } catch (e) {
      // the runner reports failures as data; a throw means we cannot know how far a write got
      return { ok: false, error: failure(def.kind === 'write' ? 'outcome_unknown' : 'internal', `${def.id}: ${messageOf(e)}`) };
    }
  }

  // ---- hand-over -------------------------------------------------------------------------

  private async escalate(stop: StopReason): Promise<void> {
    const body = escalationNote({ runId: this.runId, plan: this.plan, reports: this.reports(), stop, ...(this.deps.escalateTo ? { escalateTo: this.deps.escalateTo } : {}) });
    await this.deps.journal.append(this.runId, { type: 'escalation_intent', reason: stop.message, body });
    await this.sendNote(stop.message, body, stop);
  }

  /** The internal note on the ticket; whether it landed or not is kept in the trace and the journal. */
  private async sendNote(reason: string, body: string, stop: StopReason | undefined): Promise<void> {
    const def = this.deps.actions.get('helpdesk', 'add_internal_note');
    const outcome: Outcome = def
      ? await this.act(def, { ticket_id: this.plan.ticketId, body })
      : { ok: false, error: failure('internal', 'no add_internal_note action is configured') };
    const screenshots = await this.keepScreenshots(outcome.evidence);
    const error = outcome.ok ? undefined : outcome.error;
    this.escalation = { reason, noteOk: outcome.ok, ...(error ? { error } : {}) };
    await this.event('escalated', {
      reason,
      ticketId: this.plan.ticketId,
      ...(this.deps.escalateTo ? { to: this.deps.escalateTo } : {}),
      ...(stop?.stepId ? { stepId: stop.stepId } : {}),
      ...(stop?.error ? { stepError: stop.error } : {}),
      note: { ok: outcome.ok, alreadyDone: outcome.ok && outcome.alreadyDone, ...(error ? { error } : {}), evidence: evidenceSummary(outcome.evidence, screenshots) },
      body,
    });
    await this.deps.journal.append(this.runId, { type: 'escalation_result', ok: outcome.ok, alreadyDone: outcome.ok && outcome.alreadyDone, ...(error ? { error } : {}) });
    this.progress({ type: 'escalated', runId: this.runId, escalation: this.escalation });
  }

  private async close(outcome: RunOutcome): Promise<RunOutcome> {
    await this.event('run_finished', {
      outcome,
      durationMs: Date.now() - this.started,
      steps: this.reports().map((r) => ({ stepId: r.stepId, action: r.action, status: r.status })),
    });
    await this.deps.journal.append(this.runId, { type: 'closed', outcome });
    this.progress({ type: 'run_finished', runId: this.runId, outcome });
    return outcome;
  }

  // ---- trace and evidence ------------------------------------------------------------------

  /** A trace event; one that cannot be written is counted, not allowed to stop the run (the journal has it). */
  private async event(type: TraceEventType, data: Record<string, unknown>): Promise<void> {
    try {
      await this.trace.append(type, data);
    } catch (e) {
      this.traceErrors.push(`${type}: ${messageOf(e)}`);
    }
  }

  /** The step's screenshots, copied into the trace's blob store when it has one; their hashes either way. */
  private async keepScreenshots(evidence: ActionEvidence | undefined): Promise<Screenshots | undefined> {
    const shots = evidence?.screenshots;
    if (!shots || (!shots.before && !shots.after)) return undefined;
    const kept: Screenshots = {};
    for (const which of ['before', 'after'] as const) {
      const hash = shots[which];
      if (!hash) continue;
      kept[which] = hash;
      if (!this.trace.putBlob || !this.deps.evidenceDir) continue;
      try {
        const stored = await this.trace.putBlob(await readFile(path.join(this.deps.evidenceDir, 'blobs', `${hash}.png`)));
        if (stored !== hash) this.traceErrors.push(`screenshot ${hash} was stored as ${stored}`);
      } catch (e) {
        this.traceErrors.push(`screenshot ${hash}: ${messageOf(e)}`);
      }
    }
    return kept;
  }

  private progress(e: ProgressEvent): void {
    try {
      this.emit('progress', e);
    } catch {
      // a listener's bug must not stop a run halfway
    }
  }
}

function resultReport(ok: boolean, alreadyDone: boolean, error: Failure | undefined, screenshots: Screenshots | undefined, recovered: boolean | undefined): Partial<StepReport> {
  return {
    status: !ok ? 'failed' : alreadyDone ? 'already_done' : 'done',
    ...(error ? { error } : {}),
    ...(screenshots ? { screenshots } : {}),
    ...(recovered ? { recovered } : {}),
  };
}

function stopFor(step: Step, error: Failure): StopReason {
  return { kind: 'step_failed', stepId: step.id, error, message: `${step.action} (${step.id}) failed: ${error.code}: ${error.message}` };
}

/** Why a decision does not let a write run under this approval; undefined when it may run. */
/** The writes to orders, customers and billing (the benchmark's writes): a reply confirming them must not go out without them. */
export function changesRecord(step: Step): boolean {
  return (WRITE_OPERATIONS as readonly string[]).includes(step.action);
}

export function refusal(d: Decision, approval: Approval): string | undefined {
  switch (d.kind) {
    case 'auto':
    case 'approve':
      return undefined;
    case 'second_approval':
      return approval.secondApprover ? undefined : `it needs a second approver (${d.reason})`;
    case 'suggest':
      return `the policy has a person do it by hand (${d.reason})`;
    case 'blocked':
      return `the policy does not allow it (${d.reason})`;
  }
}

function evidenceSummary(evidence: ActionEvidence | undefined, screenshots: Screenshots | undefined): Record<string, unknown> {
  if (!evidence) return {};
  return {
    url: evidence.url,
    startedAt: evidence.startedAt,
    durationMs: evidence.durationMs,
    attempts: evidence.attempts,
    screenshots: screenshots ?? {},
    ...(evidence.output !== undefined ? { output: evidence.output } : {}),
  };
}
