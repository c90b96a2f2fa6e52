// The planner's choices: a question and up to four ranked options (why each matched, what it would
// do). One click picks, or keys 1–4 while the choice has the focus; core re-composes the plan with
// the pick, and focus moves on to the next open choice (or to the approval).
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Choice } from '../../../../shared/request.ts';
import { useSlice, useStores } from '../../stores/index.ts';

export function ChoiceList({ choices, locked }: { choices: Choice[]; locked: boolean }) {
  return (
    <ul className="choices" aria-label="Choices">
      {choices.map((c) => (
        <ChoiceItem key={c.id} choice={c} locked={locked} />
      ))}
    </ul>
  );
}

function ChoiceItem({ choice, locked }: { choice: Choice; locked: boolean }) {
  const { work } = useStores();
  const busy = useSlice('work', (s) => s.busy);
  const focus = useSlice('work', (s) => s.focus);
  const group = useRef<HTMLDivElement>(null);
  const headingId = `choice-${choice.id}-q`;
  const pick = (optionId: string) => {
    if (locked || busy) return;
    void work.getState().choose(choice.id, optionId);
  };

  useEffect(() => {
    if (focus !== `choice:${choice.id}`) return;
    group.current?.focus();
    work.getState().focused();
  }, [focus, choice.id, work]);

  const onKey = (event: KeyboardEvent) => {
    const n = Number(event.key);
    if (!Number.isInteger(n) || n < 1 || n > choice.options.length || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    pick(choice.options[n - 1]!.id);
  };

  return (
    <li className={`choice ${choice.picked === null ? 'choice-open' : 'choice-picked'}`}>
      <div ref={group} role="group" aria-labelledby={headingId} tabIndex={0} onKeyDown={onKey} className="choice-group">
        <p className="choice-question">
          <strong id={headingId}>{choice.question}</strong>
          {choice.span && <span className="muted"> — “{choice.span.text}”</span>}
        </p>
        <p className="muted keys-hint">{choice.picked === null ? `Pick one: click, or press 1–${choice.options.length}` : 'Picked; another pick re-plans'}</p>
        <ol className="choice-options">
          {choice.options.map((o, i) => (
            <li key={o.id}>
              <button type="button" className="choice-option" aria-pressed={choice.picked === o.id} onClick={() => pick(o.id)} disabled={locked || busy !== null} aria-keyshortcuts={String(i + 1)}>
                <kbd aria-hidden>{i + 1}</kbd> <strong>{o.label}</strong>
                {i === 0 && choice.picked === null && <span className="badge">best match</span>}
                <span className="choice-why">{o.why}</span>
                <span className="choice-effect">→ {o.effect}</span>
              </button>
            </li>
          ))}
        </ol>
      </div>
    </li>
  );
}
