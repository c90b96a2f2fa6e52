// What a run reports: per step, at the end, and as it goes.
import type { Decision } from '../../shared/decision.ts';
import type { Failure } from '../../shared/errors.ts';
import type { Step } from '../../shared/plan.ts';
import type { RunOutcome } from '../../shared/trace.ts';

/** Content hashes (sha256) of the masked screenshots the runtime stored for a step. */
export interface Screenshots {
  before?: string;
  after?: string;
}

export type StepStatus =
  /** not reached (yet) */
  | 'pending'
  /** ran and was verified */
  | 'done'
  /** its effect was already there (found by the action's alreadyDone check): not done again */
  | 'already_done'
  | 'failed'
  /** the agent skipped it, or its decision does not let it run */
  | 'skipped';

export interface StepReport {
  stepId: string;
  action: string;
  system: Step['system'];
  kind: Step['kind'];
  status: StepStatus;
  /** for a write: the stricter of the plan-time and the run-time decision */
  decision?: Decision;
  /** why it was skipped */
  reason?: string;
  error?: Failure;
  screenshots?: Screenshots;
  /** settled after a crash */
  recovered?: boolean;
}

/** Why a run stopped before its end and went to a person. */
export interface StopReason {
  kind: 'step_failed' | 'policy' | 'damaged_journal';
  stepId?: string;
  error?: Failure;
  /** one line: what happened */
  message: string;
}

export interface EscalationReport {
  reason: string;
  /** the hand-over note landed in the helpdesk */
  noteOk: boolean;
  error?: Failure;
}

export interface RunSummary {
  runId: string;
  outcome: RunOutcome;
  steps: StepReport[];
  escalation?: EscalationReport;
  /** trace events that could not be written (the journal still has the run) */
  traceErrors: string[];
}

export type ProgressEvent =
  | { type: 'step_started'; runId: string; stepId: string; action: string; system: string; index: number; total: number; recovering: boolean }
  | { type: 'step_finished'; runId: string; report: StepReport }
  | { type: 'step_skipped'; runId: string; report: StepReport }
  | { type: 'escalated'; runId: string; escalation: EscalationReport }
  | { type: 'run_finished'; runId: string; outcome: RunOutcome };
