// One parameter of a write: its value and where the value came from. Values the agent or the
// ticket gave are editable before approval; values read from a system are locked, and unlocking one
// is a deliberate act that core records in the trace. Every save re-composes the plan in core.
import { useState, type FormEvent } from 'react';
import type { Step } from '../../../../shared/plan.ts';
import { useSlice, useStores } from '../../stores/index.ts';
import { ProvenanceBadge } from '../../ui/badges.tsx';
import { parseEdited, showValue, words } from '../../ui/format.ts';

interface ParamRowProps {
  step: Step;
  name: string;
  value: unknown;
  /** before approval, and a write */
  editable: boolean;
  /** shown elsewhere (the reply): named here, not repeated */
  shownElsewhere?: string;
}

export function ParamRow({ step, name, value, editable, shownElsewhere }: ParamRowProps) {
  const { work } = useStores();
  const busy = useSlice('work', (s) => s.busy);
  const [editing, setEditing] = useState(false);
  const [unlocking, setUnlocking] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const source = step.provenance[name];
  const locked = source?.source === 'system';

  const start = (unlock: boolean) => {
    setText(showValue(value));
    setProblem(null);
    setUnlocking(unlock);
    setEditing(true);
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseEdited(text, value);
    if (!parsed.ok) return setProblem(parsed.message);
    if (await work.getState().editParam(step.id, name, parsed.value, unlocking)) setEditing(false);
  };
  const long = typeof value === 'string' && (value.length > 60 || value.includes('\n'));

  return (
    <div className="param">
      <dt>{words(name)}</dt>
      <dd>
        {editing ? (
          <form className="param-edit" data-editing onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}>
            {unlocking && <p className="warn-inline">Unlocked: this value was read from {step.system}; your change is recorded.</p>}
            {long ? (
              <textarea aria-label={`New value for ${words(name)}`} value={text} rows={6} onChange={(e) => setText(e.target.value)} autoFocus aria-invalid={problem ? true : undefined} />
            ) : (
              <input aria-label={`New value for ${words(name)}`} value={text} onChange={(e) => setText(e.target.value)} autoFocus aria-invalid={problem ? true : undefined} />
            )}
            <button type="submit" disabled={busy === 'edit'}>
              Save
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
            {problem && (
              <span role="alert" className="error-inline">
                {problem}
              </span>
            )}
          </form>
        ) : (
          <>
            {shownElsewhere ? <span className="muted">{shownElsewhere}</span> : <code className="param-value">{showValue(value)}</code>}{' '}
            {source && <ProvenanceBadge source={source.source} detail={source.detail} />}
            {editable && !locked && (
              <button type="button" className="link-button" onClick={() => start(false)} aria-label={`Edit ${words(name)}`}>
                Edit
              </button>
            )}
            {editable && locked && (
              <button type="button" className="link-button" onClick={() => start(true)} aria-label={`Unlock ${words(name)}`} title="Read from the system: change it only if the system is wrong">
                Unlock
              </button>
            )}
            {source?.detail && <span className="param-detail muted">{source.detail}</span>}
          </>
        )}
      </dd>
    </div>
  );
}
