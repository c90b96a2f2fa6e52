// The plan: outcome and reason, the requests, each step with its policy decision, the reply draft;
// approve (button or Ctrl+Enter), step by step, skip; then the run's progress and result.
import { useEffect } from 'react';
import { useSlice, useStores } from '../../stores/index.ts';
import { words } from '../../ui/format.ts';
import { ReadsList } from './ReadsList.tsx';
import { RunPanel } from './RunPanel.tsx';
import { StepCard } from './StepCard.tsx';

const OUTCOME_TITLES = { resolve: 'Resolve', ask: 'Ask the customer', escalate: 'Hand over to a person' } as const;

export function ProposalView() {
  const { work } = useStores();
  const proposal = useSlice('work', (s) => s.proposal);
  const run = useSlice('work', (s) => s.run);
  const busy = useSlice('work', (s) => s.busy);
  const stepMode = useSlice('work', (s) => s.stepMode);
  const escalated = useSlice('work', (s) => s.escalated);
  const canApprove = Boolean(proposal) && !run && busy === null;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      // inside a parameter being edited, Ctrl+Enter does not approve the plan on screen
      if (event.target instanceof Element && event.target.closest('[data-editing]')) return;
      event.preventDefault();
      void work.getState().approve();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [work]);

  if (!proposal) return null;
  const { plan, decisions } = proposal;
  const runState = (stepId: string) => run?.steps.find((s) => s.stepId === stepId);

  return (
    <section aria-labelledby="plan-heading" className="plan">
      <h3 id="plan-heading">
        Plan: <span className={`outcome outcome-${plan.outcome}`}>{OUTCOME_TITLES[plan.outcome]}</span>
      </h3>
      <p className="reason">{plan.reason}</p>
      {plan.requests.length > 0 && (
        <ul className="requests" aria-label="Requests">
          {plan.requests.map((r, i) => (
            <li key={i}>
              <strong>{words(r.playbook)}</strong>: {r.summary}
            </li>
          ))}
        </ul>
      )}
      {plan.reads.length > 0 && <ReadsList reads={plan.reads} />}
      <ol className="steps" aria-label="Steps">
        {plan.steps.map((step, i) => (
          <StepCard key={step.id} index={i + 1} step={step} decision={decisions.find((d) => d.stepId === step.id)} state={runState(step.id)} locked={Boolean(run)} />
        ))}
      </ol>
      <section aria-labelledby="reply-heading" className="reply">
        <h4 id="reply-heading">{run?.outcome === 'completed' ? 'Reply sent' : 'Reply draft'}</h4>
        <p className="reply-body">{plan.reply}</p>
      </section>
      {!run && (
        <div className="actions sticky-actions">
          <label className="checkbox">
            <input type="checkbox" checked={stepMode} onChange={(e) => work.getState().setStepMode(e.target.checked)} />
            Step by step
          </label>
          {plan.outcome === 'escalate' && (
            <button type="button" onClick={() => void work.getState().escalate(plan.reason)} disabled={busy !== null || escalated}>
              {escalated ? 'Handed over' : 'Hand over'}
            </button>
          )}
          <button type="button" className="primary" onClick={() => void work.getState().approve()} disabled={!canApprove} aria-keyshortcuts="Control+Enter">
            {busy === 'approve' ? 'Approving…' : 'Approve'} <kbd>Ctrl+Enter</kbd>
          </button>
        </div>
      )}
      {run && <RunPanel run={run} steps={plan.steps} />}
    </section>
  );
}
