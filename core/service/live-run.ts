// A run as the panel sees it (RunView), kept up to date from the executor's progress events: the
// step under way, each step's status, screenshots (blob hashes in the trace store), duration and
// why it was skipped or failed. Every change is pushed as a `run.progress` event.
import type { RunView, StepState } from '../../shared/api.ts';
import type { RunOutcome } from '../../shared/trace.ts';
import type { RunHandle } from '../executor/run.ts';
import type { ProgressEvent, StepReport } from '../executor/types.ts';

export class LiveRun {
  #running: string | undefined;
  readonly #startedAt = new Map<string, number>();
  readonly #durations = new Map<string, number>();
  #outcome: RunOutcome | undefined;
  #escalation: string | undefined;
  #noteAdded: boolean | undefined;

  constructor(
    readonly handle: RunHandle,
    readonly ticketId: number,
    private readonly changed: (view: RunView) => void,
  ) {
    void handle.done.then(
      (summary) => {
        // a run stopped by a journal failure ends without a run_finished event of its own
        if (this.#outcome === undefined) this.onProgress({ type: 'run_finished', runId: handle.runId, outcome: summary.outcome });
      },
      () => this.onProgress({ type: 'run_finished', runId: handle.runId, outcome: 'failed' }),
    );
  }

  get finished(): boolean {
    return this.#outcome !== undefined;
  }

  /** Whether a step is being carried out now. */
  get busy(): boolean {
    return this.#running !== undefined;
  }

  onProgress(e: ProgressEvent): void {
    switch (e.type) {
      case 'step_started':
        this.#running = e.stepId;
        this.#startedAt.set(e.stepId, Date.now());
        break;
      case 'step_finished':
      case 'step_skipped': {
        const started = this.#startedAt.get(e.report.stepId);
        if (started !== undefined) this.#durations.set(e.report.stepId, Date.now() - started);
        if (this.#running === e.report.stepId) this.#running = undefined;
        break;
      }
      case 'escalated':
        this.#noteAdded = e.escalation.noteOk;
        this.#escalation = e.escalation.noteOk ? e.escalation.reason : `${e.escalation.reason} (the hand-over note could not be added: ${e.escalation.error?.message ?? 'unknown error'})`;
        break;
      case 'run_finished':
        this.#running = undefined;
        this.#outcome = e.outcome;
        break;
    }
    this.changed(this.view());
  }

  view(): RunView {
    const status = this.#outcome !== undefined ? 'finished' : this.handle.mode === 'step' && this.#running === undefined ? 'waiting' : 'running';
    return {
      runId: this.handle.runId,
      ticketId: this.ticketId,
      mode: this.handle.mode,
      status,
      ...(this.#outcome ? { outcome: this.#outcome } : {}),
      steps: this.handle.reports().map((r) => this.stepState(r)),
      ...(this.#escalation ? { escalation: this.#escalation } : {}),
      ...(this.#noteAdded !== undefined ? { handOverNoteAdded: this.#noteAdded } : {}),
    };
  }

  private stepState(r: StepReport): StepState {
    const note = r.status === 'skipped' ? r.reason : r.decision && r.decision.kind !== 'auto' && r.decision.kind !== 'approve' ? r.decision.reason : undefined;
    const duration = this.#durations.get(r.stepId);
    return {
      stepId: r.stepId,
      status: this.#running === r.stepId && r.status === 'pending' ? 'running' : r.status,
      ...(r.screenshots?.before ? { before: r.screenshots.before } : {}),
      ...(r.screenshots?.after ? { after: r.screenshots.after } : {}),
      ...(r.error ? { error: r.error } : {}),
      ...(duration !== undefined ? { durationMs: duration } : {}),
      ...(note ? { note } : {}),
    };
  }
}
