// The run bar, sticky at the bottom of the panel for the whole run: where the run is (step k of n,
// elapsed), its controls (Next step, Skip, Cancel; Retry after a failure that is safe to retry),
// and once it ends, its result, which stays on screen and takes the focus.
import { useEffect, useRef, useState } from 'react';
import type { RunView } from '../../../../shared/api.ts';
import type { Step } from '../../../../shared/plan.ts';
import { useSlice, useStores } from '../../stores/index.ts';
import { words } from '../../ui/format.ts';
import { plainError } from './step-text.ts';

function resultText(run: RunView): string {
  switch (run.outcome) {
    case 'completed':
      return 'Done: every step ran and was verified.';
    case 'asked':
      return 'The question was sent to the customer.';
    case 'cancelled':
      return 'Cancelled: the steps not yet run were not run.';
    case 'escalated':
      return run.handOverNoteAdded === false
        ? 'Stopped. The hand-over note could not be added to the ticket: tell a colleague yourself.'
        : 'Handed over to a person: a note with what happened is on the ticket.';
    case 'failed':
      return 'Stopped: Legwork could not carry on. Check the steps before answering the customer.';
    default:
      return 'Finished.';
  }
}

function useElapsed(from: number | null, to: number | null): string {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (from === null || to !== null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [from, to]);
  if (from === null) return '';
  const s = Math.max(0, Math.round(((to ?? now) - from) / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export function RunBar({ run, steps }: { run: RunView; steps: Step[] }) {
  const { work } = useStores();
  const busy = useSlice('work', (s) => s.busy);
  const focus = useSlice('work', (s) => s.focus);
  const elapsed = useElapsed(
    useSlice('work', (s) => s.runStartedAt),
    useSlice('work', (s) => s.runEndedAt),
  );
  const status = useRef<HTMLParagraphElement>(null);
  const result = useRef<HTMLDivElement>(null);
  const finished = run.status === 'finished';
  const n = run.steps.length;
  const settled = run.steps.filter((s) => s.status !== 'pending' && s.status !== 'running').length;
  const runningAt = run.steps.findIndex((s) => s.status === 'running');
  const k = runningAt >= 0 ? runningAt + 1 : Math.min(n, settled + (finished ? 0 : 1));
  const nextStep = run.steps.find((s) => s.status === 'pending');
  const failed = run.steps.filter((s) => s.status === 'failed');
  const retryable = finished && failed.length > 0 && failed.every((s) => s.error?.retryable && s.error.code !== 'outcome_unknown');
  const nameOf = (stepId: string) => {
    const at = steps.findIndex((s) => s.id === stepId);
    return at < 0 ? 'a step' : `step ${at + 1} (${words(steps[at]!.action)})`;
  };

  useEffect(() => {
    const target = focus === 'run' ? status.current : focus === 'result' ? result.current : null;
    if (!target) return;
    target.focus();
    work.getState().focused();
  }, [focus, work]);

  return (
    <section aria-label="Run" className="run-bar sticky-actions">
      {!finished ? (
        <p ref={status} tabIndex={-1} className="run-status" aria-live="polite">
          <strong>
            Step {k} of {n}
          </strong>
          {runningAt >= 0 ? `: ${words(steps[runningAt]?.action ?? '')}` : run.status === 'waiting' ? ': waiting for you' : ''}
          {elapsed && <span className="muted"> · {elapsed}</span>}
        </p>
      ) : (
        <div ref={result} tabIndex={-1} className={`run-result result-${run.outcome ?? 'unknown'}`} role="status">
          <p>
            <strong>{resultText(run)}</strong>
            {elapsed && <span className="muted"> · {elapsed}</span>}
          </p>
          {run.escalation && <p className="escalation-note">{plainError(run.escalation)}</p>}
          {failed.map((s) => (
            <p key={s.stepId}>
              {nameOf(s.stepId)[0]!.toUpperCase() + nameOf(s.stepId).slice(1)} failed{s.error ? `: ${plainError(s.error.message)}` : ''}
            </p>
          ))}
        </div>
      )}
      <progress max={n || 1} value={settled} aria-label="Steps finished" />
      <div className="actions">
        {!finished && run.mode === 'step' && (
          <button type="button" className="primary" onClick={() => void work.getState().next()} disabled={busy !== null || run.status !== 'waiting'}>
            Next step
          </button>
        )}
        {!finished && run.mode === 'step' && nextStep && (
          <button type="button" onClick={() => void work.getState().skipStep(nextStep.stepId)} disabled={busy !== null || run.status !== 'waiting'}>
            Skip it
          </button>
        )}
        {!finished && (
          <button type="button" className="danger" onClick={() => void work.getState().cancel()} disabled={busy === 'cancel'}>
            Cancel run
          </button>
        )}
        {retryable && (
          <button type="button" className="primary" onClick={() => void work.getState().retry()} disabled={busy !== null}>
            Retry
          </button>
        )}
      </div>
    </section>
  );
}
