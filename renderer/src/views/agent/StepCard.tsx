// One step of the plan: where and what, why, the expected effect, each parameter with where its
// value came from (editable inline before approval), the policy's decision, and once it runs its
// status and screenshot.
import { useState, type FormEvent } from 'react';
import type { StepState } from '../../../../shared/api.ts';
import type { Decision } from '../../../../shared/decision.ts';
import type { Step } from '../../../../shared/plan.ts';
import { useSlice, useStores } from '../../stores/index.ts';
import { DecisionBadge, ProvenanceBadge, StatusBadge } from '../../ui/badges.tsx';
import { parseEdited, showDuration, showValue, words } from '../../ui/format.ts';

interface StepCardProps {
  index: number;
  step: Step;
  decision: Decision | undefined;
  state: StepState | undefined;
  /** approved: no more edits or skips from the plan */
  locked: boolean;
}

export function StepCard({ index, step, decision, state, locked }: StepCardProps) {
  const { work, api } = useStores();
  const skipped = useSlice('work', (s) => s.skip.includes(step.id));
  const label = `Step ${index}: ${step.system} · ${words(step.action)}`;
  return (
    <li className={`step step-${state?.status ?? (skipped ? 'skipped' : 'planned')}`} aria-label={label}>
      <div className="step-head">
        <span className="step-index">{index}</span>
        <span className="system-tag">{step.system}</span>
        <strong className="step-action">{words(step.action)}</strong>
        {step.kind === 'read' && <span className="muted">read</span>}
        <span className="spacer" />
        {state && <StatusBadge status={state.status} />}
      </div>
      {decision && (
        <p className="decision">
          <DecisionBadge kind={decision.kind} reason={decision.reason} /> <span className="muted">{decision.reason}</span>
        </p>
      )}
      <p className="why">{step.why}</p>
      <p className="effect">
        <span className="muted">Expected:</span> {step.expectedEffect}
        {step.amount !== undefined && <> · <strong>${step.amount.toFixed(2)}</strong></>}
      </p>
      {Object.keys(step.params).length > 0 && (
        <dl className="params" aria-label={`Parameters of step ${index}`}>
          {Object.entries(step.params).map(([name, value]) => (
            <ParamRow key={name} stepId={step.id} name={name} value={value} step={step} editable={!locked && step.kind === 'write'} />
          ))}
        </dl>
      )}
      {!locked && step.kind === 'write' && (
        <label className="checkbox">
          <input type="checkbox" checked={skipped} onChange={() => work.getState().toggleSkip(step.id)} />
          Skip this step
        </label>
      )}
      {state && (
        <div className="step-run">
          {state.after && <img className="thumb" src={api.blobUrl(state.after)} alt={`Screenshot after step ${index}`} />}
          <div>
            {state.durationMs !== undefined && <p className="muted">{showDuration(state.durationMs)}</p>}
            {state.note && <p>{state.note}</p>}
            {state.error && (
              <p className="step-error">
                {state.error.message} <span className="muted">({state.error.code})</span>
              </p>
            )}
          </div>
        </div>
      )}
    </li>
  );
}

function ParamRow({ stepId, name, value, step, editable }: { stepId: string; name: string; value: unknown; step: Step; editable: boolean }) {
  const { work } = useStores();
  const busy = useSlice('work', (s) => s.busy);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const source = step.provenance[name];

  const start = () => {
    setText(showValue(value));
    setProblem(null);
    setEditing(true);
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseEdited(text, value);
    if (!parsed.ok) return setProblem(parsed.message);
    if (await work.getState().editParam(stepId, name, parsed.value)) setEditing(false);
  };

  return (
    <div className="param">
      <dt>{name}</dt>
      <dd>
        {editing ? (
          <form className="param-edit" data-editing onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}>
            <input aria-label={`New value for ${name}`} value={text} onChange={(e) => setText(e.target.value)} autoFocus aria-invalid={problem ? true : undefined} />
            <button type="submit" disabled={busy === 'edit'}>
              Save
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
            {problem && <span role="alert" className="error-inline">{problem}</span>}
          </form>
        ) : (
          <>
            <code className="param-value">{showValue(value)}</code>{' '}
            {source && <ProvenanceBadge source={source.source} detail={source.detail} />}
            {editable && (
              <button type="button" className="link-button" onClick={start} aria-label={`Edit ${name}`}>
                Edit
              </button>
            )}
            {source?.detail && <span className="param-detail muted">{source.detail}</span>}
          </>
        )}
      </dd>
    </div>
  );
}
