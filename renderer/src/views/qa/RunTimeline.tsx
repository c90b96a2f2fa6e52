// One run for QA: verified or not, its events in order (step through them with their before/after
// screenshots, parameters, decisions, approver, heals and errors), a verdict, and the export.
import { useState, type KeyboardEvent } from 'react';
import { useSlice, useStores } from '../../stores/index.ts';
import type { OpenedRun, Verdict } from '../../stores/qa.ts';
import { ErrorNote, StatusNote } from '../../ui/notes.tsx';
import { downloadText, showDate, showDuration, showValue, words } from '../../ui/format.ts';
import { readTimeline, type TimelineEvent } from './trace-events.ts';
import { outcomeWords, reviewRun } from './run-steps.ts';
import { StepsReview } from './StepsReview.tsx';

export function RunTimeline({ opened }: { opened: OpenedRun }) {
  const { qa } = useStores();
  const events = readTimeline(opened.events);
  const review = reviewRun(opened.events);
  const [at, setAt] = useState(0);
  const current = events[Math.min(at, events.length - 1)];
  const { summary } = opened;

  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowRight') setAt((i) => Math.min(events.length - 1, i + 1));
    else if (event.key === 'ArrowLeft') setAt((i) => Math.max(0, i - 1));
    else return;
    event.preventDefault();
  };

  return (
    <section aria-labelledby="run-timeline-heading" className="view">
      <button type="button" className="link-button" onClick={() => qa.getState().close()}>
        ← Back to runs
      </button>
      <h2 id="run-timeline-heading">
        Run <code>{summary.runId}</code>
      </h2>
      <p className="muted">
        Ticket #{summary.ticketId} · {summary.agent} · {showDate(summary.startedAt)} · {showDuration(summary.durationMs)}
      </p>
      <dl className="run-facts">
        <div>
          <dt>Outcome</dt>
          <dd className={`pill outcome-${summary.outcome ?? 'none'}`}>{outcomeWords(summary.outcome, review.planOutcome)}</dd>
        </div>
        <div>
          <dt>About</dt>
          <dd>{review.about.length ? review.about.join('; ') : summary.playbooks.map(words).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>Approved by</dt>
          <dd>{review.approvers.length ? review.approvers.join(' and ') : 'nobody (nothing needed approval)'}</dd>
        </div>
      </dl>
      {opened.verified && opened.problems.length === 0 ? (
        <p className="banner banner-ok" role="status">
          Verified: the trace's hash chain is intact.
        </p>
      ) : (
        <div className="banner banner-bad" role="alert">
          <strong>{opened.verified ? 'Problems found' : 'Not verified'}</strong>
          <ul>
            {opened.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <StepsReview steps={review.steps} />
      <h3>Every event</h3>
      {current ? (
        <section aria-label="Step through events" className="stepper" onKeyDown={onKey}>
          <div className="actions">
            <button type="button" onClick={() => setAt(Math.max(0, at - 1))} disabled={at === 0}>
              ← Previous
            </button>
            <span aria-live="polite">
              Event {Math.min(at, events.length - 1) + 1} of {events.length}
            </span>
            <button type="button" onClick={() => setAt(Math.min(events.length - 1, at + 1))} disabled={at >= events.length - 1}>
              Next →
            </button>
          </div>
          <EventDetail event={current} />
        </section>
      ) : (
        <StatusNote>This run has no events.</StatusNote>
      )}
      <ol className="timeline" aria-label="Timeline">
        {events.map((e, i) => (
          <li key={`${e.seq}-${i}`}>
            <button type="button" className={`row timeline-row type-${e.type}`} aria-current={i === at ? 'step' : undefined} onClick={() => setAt(i)}>
              <span className="row-title">{e.title}</span>
              <span className="row-meta">{[e.at ? showDate(e.at) : null, e.facts[0], e.error].filter(Boolean).join(' · ')}</span>
            </button>
          </li>
        ))}
      </ol>
      <VerdictForm runId={summary.runId} current={summary.verdict} />
    </section>
  );
}

function EventDetail({ event }: { event: TimelineEvent }) {
  const { api } = useStores();
  return (
    <article className={`event-detail type-${event.type}`} aria-label={event.title}>
      <h3>{event.title}</h3>
      {event.facts.length > 0 && (
        <ul className="facts">
          {event.facts.map((f, i) => (
            <li key={i}>{f}</li>
          ))}
        </ul>
      )}
      {event.error && <p className="step-error">Error: {event.error}</p>}
      {event.params && (
        <dl className="params" aria-label="Parameters">
          {Object.entries(event.params).map(([k, v]) => (
            <div className="param" key={k}>
              <dt>{k}</dt>
              <dd>
                <code className="param-value">{showValue(v)}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {(event.before || event.after) && (
        <div className="shots">
          {event.before && (
            <figure>
              <img src={api.blobUrl(event.before)} alt="Screenshot before the step" />
              <figcaption>Before</figcaption>
            </figure>
          )}
          {event.after && (
            <figure>
              <img src={api.blobUrl(event.after)} alt="Screenshot after the step" />
              <figcaption>After</figcaption>
            </figure>
          )}
        </div>
      )}
      <details>
        <summary>Raw event</summary>
        <pre className="raw">{JSON.stringify(event.raw, null, 2)}</pre>
      </details>
    </article>
  );
}

const VERDICTS: { id: Verdict; label: string }[] = [
  { id: 'pass', label: 'Pass' },
  { id: 'fail', label: 'Fail' },
  { id: 'needs_follow_up', label: 'Needs follow-up' },
];

function VerdictForm({ runId, current }: { runId: string; current: string | null }) {
  const { qa } = useStores();
  const saved = useSlice('qa', (s) => s.verdictSaved);
  const error = useSlice('qa', (s) => s.error);
  const [verdict, setVerdict] = useState<Verdict | null>(VERDICTS.find((v) => v.id === current)?.id ?? null);
  const [comment, setComment] = useState('');
  const exportRun = async () => {
    const bundle = await qa.getState().exportRun();
    if (bundle) downloadText(bundle.fileName, bundle.text);
  };
  return (
    <section aria-labelledby="verdict-heading" className="verdict">
      <h3 id="verdict-heading">Verdict</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (verdict) void qa.getState().saveVerdict(verdict, comment);
        }}
      >
        <fieldset>
          <legend>Verdict for run {runId}</legend>
          {VERDICTS.map((v) => (
            <label key={v.id} className="checkbox">
              <input type="radio" name="verdict" value={v.id} checked={verdict === v.id} onChange={() => setVerdict(v.id)} />
              {v.label}
            </label>
          ))}
        </fieldset>
        <label className="field-label" htmlFor="verdict-comment">
          Comment
        </label>
        <textarea id="verdict-comment" rows={3} maxLength={5000} value={comment} onChange={(e) => setComment(e.target.value)} />
        <div className="actions">
          <button type="submit" className="primary" disabled={!verdict}>
            Save verdict
          </button>
          <button type="button" onClick={() => void exportRun()}>
            Export bundle
          </button>
        </div>
      </form>
      <ErrorNote message={error} />
      {saved && <StatusNote>Verdict saved.</StatusNote>}
    </section>
  );
}
