// A run's steps as QA reviews them: a list of the plan's steps (↑/↓, j/k, Home/End move through
// them, focus follows) and the chosen step in full — action in words, parameters, the decision it
// ran under, duration, the read-back's result, heals, and its before/after screenshots (masked).
import { useRef, useState, type KeyboardEvent } from 'react';
import type { DecisionKind } from '../../../../shared/decision.ts';
import { useStores } from '../../stores/index.ts';
import { showDuration, showValue, words } from '../../ui/format.ts';
import { plainDecision } from '../../ui/plain-decision.ts';
import type { ReviewedStatus, ReviewedStep } from './run-steps.ts';

const STATUS_WORDS: Record<ReviewedStatus, string> = {
  done: 'Done',
  already_done: 'Already done',
  failed: 'Failed',
  skipped: 'Not run',
  not_reached: 'Not reached',
};

export function StepsReview({ steps }: { steps: ReviewedStep[] }) {
  const [at, setAt] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  if (steps.length === 0) return <p className="muted">The trace names no steps.</p>;
  const current = steps[Math.min(at, steps.length - 1)]!;

  const go = (i: number) => {
    const next = Math.max(0, Math.min(steps.length - 1, i));
    setAt(next);
    buttons.current[next]?.focus();
  };
  const onKey = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowDown: at + 1, j: at + 1, ArrowUp: at - 1, k: at - 1, Home: 0, End: steps.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    go(moves[event.key]!);
  };

  return (
    <section aria-labelledby="steps-review-heading" className="steps-review">
      <h3 id="steps-review-heading">Steps</h3>
      <p className="muted keys-hint">↑ ↓ (or j k) move between steps</p>
      <ol className="row-list" aria-label="Steps of the run" onKeyDown={onKey}>
        {steps.map((s, i) => (
          <li key={s.stepId}>
            <button
              type="button"
              ref={(el) => {
                buttons.current[i] = el;
              }}
              className={`row review-row status-row-${s.status}`}
              aria-current={i === at ? 'step' : undefined}
              tabIndex={i === at ? 0 : -1}
              onClick={() => go(i)}
            >
              <span className="row-title">
                {s.index}. {s.system && <span className="system-tag">{s.system}</span>} {words(s.action)}
              </span>
              <span className="row-meta">
                {STATUS_WORDS[s.status]}
                {s.durationMs !== null ? ` · ${showDuration(s.durationMs)}` : ''}
                {s.before || s.after ? ' · screenshots' : ''}
              </span>
            </button>
          </li>
        ))}
      </ol>
      <StepDetail step={current} />
    </section>
  );
}

function StepDetail({ step }: { step: ReviewedStep }) {
  const { api } = useStores();
  const decision = step.decision ? plainDecision(step.decision.kind as DecisionKind, step.decision.reason, step.action) : null;
  return (
    <article className="event-detail" aria-label={`Step ${step.index}: ${words(step.action)}`}>
      <h4>
        Step {step.index}: {words(step.action)} {step.system && <span className="muted">in {step.system}</span>}
      </h4>
      <p>
        <span className={`badge status-${step.status === 'not_reached' ? 'pending' : step.status}`}>{STATUS_WORDS[step.status]}</span>
        {step.durationMs !== null && <> · took {showDuration(step.durationMs)}</>}
      </p>
      {step.why && <p className="why">{step.why}</p>}
      {decision && (
        <p title={step.decision!.reason}>
          <span className="muted">Policy:</span> {decision.sentence}
        </p>
      )}
      {step.skippedWhy && <p>Not run: {step.skippedWhy}</p>}
      {step.error && <p className="step-error">Error: {step.error}</p>}
      {Object.keys(step.params).length > 0 && (
        <dl className="params" aria-label="Parameters">
          {Object.entries(step.params).map(([k, v]) => (
            <div className="param" key={k}>
              <dt>{words(k)}</dt>
              <dd>
                <code className="param-value">{showValue(v)}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <ReadBack step={step} />
      {step.heals.length > 0 && (
        <ul className="facts" aria-label="Locators healed">
          {step.heals.map((h, i) => (
            <li key={i}>Healed: {h}</li>
          ))}
        </ul>
      )}
      {(step.before || step.after) && (
        <div className="shots">
          {step.before && (
            <figure>
              <img src={api.blobUrl(step.before)} alt={`Screenshot before step ${step.index}`} />
              <figcaption>Before</figcaption>
            </figure>
          )}
          {step.after && (
            <figure>
              <img src={api.blobUrl(step.after)} alt={`Screenshot after step ${step.index}`} />
              <figcaption>After</figcaption>
            </figure>
          )}
        </div>
      )}
    </article>
  );
}

/** What the step read back from the system after acting: its fields, or that the page confirmed it. */
function ReadBack({ step }: { step: ReviewedStep }) {
  const value = step.readBack;
  const fields = value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value as Record<string, unknown>) : null;
  if (step.status !== 'done' && step.status !== 'already_done' && value === null) return null;
  if (value === null || (fields && fields.length === 0)) {
    return <p className="read-back">Read back: {step.status === 'already_done' ? 'the system already showed it done, so it was not repeated' : 'the page was read again and showed the change'}</p>;
  }
  return (
    <div className="read-back">
      <p className="muted">Read back from the system after the step:</p>
      {fields ? (
        <dl className="params" aria-label="Read back">
          {fields.map(([k, v]) => (
            <div className="param" key={k}>
              <dt>{words(k)}</dt>
              <dd>
                <code className="param-value">{showValue(v)}</code>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <pre className="raw">{showValue(value)}</pre>
      )}
    </div>
  );
}
