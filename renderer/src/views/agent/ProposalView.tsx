// The plan, compact: outcome and reason, the sentences set aside as addressed to the agent, the requests, one line per step (opens to its details),
// the choices the agent still has to make, the reply once; then a sticky bar — before the run the
// plan bar (approve with Ctrl+Enter, or hand over), during and after it the run bar.
import { useEffect, useRef } from 'react';
import { useSlice, useStores } from '../../stores/index.ts';
import { words } from '../../ui/format.ts';
import { ChoiceList } from './ChoiceList.tsx';
import { PlanBar } from './PlanBar.tsx';
import { ReadsList } from './ReadsList.tsx';
import { SetAsideWarning } from './SetAsideWarning.tsx';
import { RunBar } from './RunBar.tsx';
import { StepRow } from './StepRow.tsx';

const OUTCOME_TITLES = { resolve: 'Resolve', ask: 'Ask the customer', escalate: 'Hand over to a person' } as const;

export function ProposalView() {
  const { work } = useStores();
  const proposal = useSlice('work', (s) => s.proposal);
  const run = useSlice('work', (s) => s.run);
  const focus = useSlice('work', (s) => s.focus);
  const heading = useRef<HTMLHeadingElement>(null);

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

  useEffect(() => {
    if (focus !== 'plan') return;
    heading.current?.focus();
    work.getState().focused();
  }, [focus, work]);

  if (!proposal) return null;
  const { plan, decisions } = proposal;
  const runState = (stepId: string) => run?.steps.find((s) => s.stepId === stepId);
  const stepIds = new Set(plan.steps.map((s) => s.id));
  const replyStep = plan.steps.find((s) => s.action === 'reply_to_customer');
  const replyState = replyStep ? runState(replyStep.id)?.status : undefined;
  const replySent = replyState === 'done' || replyState === 'already_done';
  const topChoices = plan.choices.filter((c) => !c.stepId || !stepIds.has(c.stepId));

  return (
    <section aria-labelledby="plan-heading" className="plan">
      <h3 id="plan-heading" tabIndex={-1} ref={heading}>
        Plan: <span className={`outcome outcome-${plan.outcome}`}>{OUTCOME_TITLES[plan.outcome]}</span>
      </h3>
      <p className="reason">{plan.reason}</p>
      <SetAsideWarning sentences={plan.setAside} />
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
      {topChoices.length > 0 && <ChoiceList choices={topChoices} locked={Boolean(run)} />}
      <ol className="steps" aria-label="Steps">
        {plan.steps.map((step, i) => {
          const under = plan.choices.filter((c) => c.stepId === step.id);
          return (
            <StepRow
              key={step.id}
              index={i + 1}
              step={step}
              decision={decisions.find((d) => d.stepId === step.id)}
              state={runState(step.id)}
              locked={Boolean(run)}
              runOver={run?.status === 'finished'}
            >
              {under.length > 0 && <ChoiceList choices={under} locked={Boolean(run)} />}
            </StepRow>
          );
        })}
      </ol>
      <section aria-labelledby="reply-heading" className="reply">
        <h4 id="reply-heading">{replySent ? 'Reply sent' : 'Reply draft'}</h4>
        <p className="reply-body">{plan.reply}</p>
      </section>
      {run ? <RunBar run={run} steps={plan.steps} /> : <PlanBar />}
    </section>
  );
}
