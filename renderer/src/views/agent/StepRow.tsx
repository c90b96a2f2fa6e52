// One step of the plan on one line — where, what in words, the key values, the policy's decision as
// a short badge — that opens to the decision in a sentence, why, the expected effect and each
// parameter with its source. Once the run reaches it: its status, duration, screenshot or error.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { StepState } from '../../../../shared/api.ts';
import type { Decision } from '../../../../shared/decision.ts';
import type { Step } from '../../../../shared/plan.ts';
import { useSlice, useStores } from '../../stores/index.ts';
import { DecisionBadge, StatusBadge } from '../../ui/badges.tsx';
import { showDuration, words } from '../../ui/format.ts';
import { plainDecision } from '../../ui/plain-decision.ts';
import { ParamRow } from './ParamRow.tsx';
import { keyValues, notRunWhy, plainError, wontRun } from './step-text.ts';

interface StepRowProps {
  index: number;
  step: Step;
  decision: Decision | undefined;
  state: StepState | undefined;
  /** approved: no more edits or skips from the plan */
  locked: boolean;
  runOver: boolean;
  /** the plan's choices that sit under this step */
  children?: ReactNode;
}

export function StepRow({ index, step, decision, state, locked, runOver, children }: StepRowProps) {
  const { work, api } = useStores();
  const skipped = useSlice('work', (s) => s.skip.includes(step.id));
  const focus = useSlice('work', (s) => s.focus);
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const label = `Step ${index}: ${step.system} · ${words(step.action)}`;
  const planned = decision ? plainDecision(decision.kind, decision.reason, step.action) : null;
  const notRun = state ? notRunWhy(state, runOver, step.action) : skipped ? 'you chose to skip it' : wontRun(decision, step.action);
  const detailsId = `step-details-${step.id}`;

  // after an edit of this step, focus comes back to it
  useEffect(() => {
    if (focus !== `step:${step.id}`) return;
    toggle.current?.focus();
    work.getState().focused();
  }, [focus, step.id, work]);

  return (
    <li className={`step step-${state?.status ?? (notRun ? 'skipped' : 'planned')}`} aria-label={label}>
      <div className="step-line">
        <button type="button" ref={toggle} className="step-toggle" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
          <span className="step-index" aria-hidden>
            {index}
          </span>
          <span className="system-tag">{step.system}</span> <strong className="step-action">{words(step.action)}</strong>
          {step.kind === 'read' && <span className="muted"> (read)</span>}
          <span className="step-keys">{keyValues(step).join(' · ')}</span>
        </button>
        <span className="step-badges">
          {state && state.status !== 'pending' ? <StatusBadge status={state.status} /> : decision && <DecisionBadge kind={decision.kind} reason={decision.reason} />}
        </span>
      </div>
      {notRun && <p className="not-run">Not run: {notRun}</p>}
      {children}
      {open && (
        <div id={detailsId} className="step-details">
          {planned && (
            <p className="decision" title={decision!.reason}>
              {planned.sentence}
            </p>
          )}
          <p className="why">{step.why}</p>
          <p className="effect">
            <span className="muted">Expected:</span> {step.expectedEffect}
          </p>
          {Object.keys(step.params).length > 0 && (
            <dl className="params" aria-label={`Parameters of step ${index}`}>
              {Object.entries(step.params).map(([name, value]) => (
                <ParamRow
                  key={name}
                  step={step}
                  name={name}
                  value={value}
                  editable={!locked && step.kind === 'write'}
                  {...(step.action === 'reply_to_customer' && name === 'body' ? { shownElsewhere: 'the reply shown below' } : {})}
                />
              ))}
            </dl>
          )}
          {!locked && step.kind === 'write' && (
            <label className="checkbox">
              <input type="checkbox" checked={skipped} onChange={() => work.getState().toggleSkip(step.id)} />
              Skip this step
            </label>
          )}
        </div>
      )}
      {state && (state.durationMs !== undefined || state.after || state.error) && (
        <div className="step-run">
          {state.after && <img className="thumb" src={api.blobUrl(state.after)} alt={`Screenshot after step ${index}`} />}
          <div>
            {state.durationMs !== undefined && <p className="muted">took {showDuration(state.durationMs)}</p>}
            {state.error && <p className="step-error">{plainError(state.error.message)}</p>}
          </div>
        </div>
      )}
    </li>
  );
}
