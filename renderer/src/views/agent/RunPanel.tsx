// The run after approval: its state, the controls for step-by-step mode, cancel, and the result or
// the escalation when something fails.
import type { RunView } from '../../../../shared/api.ts';
import type { Step } from '../../../../shared/plan.ts';
import { useSlice, useStores } from '../../stores/index.ts';
import { StatusNote } from '../../ui/notes.tsx';
import { words } from '../../ui/format.ts';

const OUTCOME_TEXT = {
  completed: 'Done: every step ran and was verified.',
  escalated: 'Handed over to a person.',
  cancelled: 'Cancelled.',
  failed: 'Failed.',
  asked: 'The question was sent to the customer.',
} as const;

export function RunPanel({ run, steps }: { run: RunView; steps: Step[] }) {
  const { work } = useStores();
  const busy = useSlice('work', (s) => s.busy);
  const done = run.steps.filter((s) => s.status !== 'pending' && s.status !== 'running').length;
  const nextStep = run.steps.find((s) => s.status === 'pending');
  const failed = run.steps.filter((s) => s.status === 'failed');
  const needsPerson = Boolean(run.escalation) || run.outcome === 'failed' || run.outcome === 'escalated';

  return (
    <section aria-labelledby="run-heading" className="run">
      <h3 id="run-heading">Run</h3>
      <div aria-live="polite">
        {run.status === 'finished' ? (
          <p className={`run-result result-${run.outcome ?? 'unknown'}`}>{run.outcome ? OUTCOME_TEXT[run.outcome] : 'Finished.'}</p>
        ) : (
          <StatusNote>
            {run.status === 'waiting' ? 'Waiting for you' : 'Running'}: {done} of {run.steps.length} steps
          </StatusNote>
        )}
      </div>
      <progress max={run.steps.length || 1} value={done} aria-label="Steps finished" />
      {run.status !== 'finished' && (
        <div className="actions">
          {run.mode === 'step' && (
            <button type="button" className="primary" onClick={() => void work.getState().next()} disabled={busy !== null || run.status !== 'waiting'}>
              Run next step
            </button>
          )}
          {run.mode === 'step' && nextStep && (
            <button type="button" onClick={() => void work.getState().skipStep(nextStep.stepId)} disabled={busy !== null || run.status !== 'waiting'}>
              Skip next step
            </button>
          )}
          <button type="button" className="danger" onClick={() => void work.getState().cancel()} disabled={busy === 'cancel'}>
            Cancel run
          </button>
        </div>
      )}
      {needsPerson && (
        <section role="region" aria-labelledby="escalation-heading" className="escalation">
          <h4 id="escalation-heading">Escalation: a person takes over</h4>
          {run.escalation && <p className="escalation-note">{run.escalation}</p>}
          {failed.map((s) => (
            <p key={s.stepId}>
              <strong>{stepName(steps, s.stepId)}</strong> failed
              {s.error ? `: ${s.error.message} (${words(s.error.code)}${s.error.retryable ? ', can be retried' : ''})` : ''}
            </p>
          ))}
          <p className="muted">Nothing more runs for this ticket. Check the steps above before answering the customer.</p>
        </section>
      )}
    </section>
  );
}

function stepName(steps: Step[], stepId: string): string {
  const at = steps.findIndex((s) => s.id === stepId);
  return at < 0 ? `Step ${stepId}` : `Step ${at + 1} (${words(steps[at]!.action)})`;
}
