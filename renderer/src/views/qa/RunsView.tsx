// QA's runs: filter by date, agent, playbook, outcome and verdict, or take the sampling queue;
// open one as a timeline. On a desk with a team hub, the reviewer signs in there first and sees
// every desk's runs.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { PLAYBOOKS } from '../../../../shared/plan.ts';
import { RUN_OUTCOMES } from '../../../../shared/trace.ts';
import { useSlice, useStores } from '../../stores/index.ts';
import type { RunFilters } from '../../stores/qa.ts';
import { ErrorNote, StatusNote } from '../../ui/notes.tsx';
import { showDate, showDuration, words } from '../../ui/format.ts';
import { moveFocusInList } from '../agent/QueueView.tsx';
import { RunTimeline } from './RunTimeline.tsx';
import { outcomeWords } from './run-steps.ts';

const VERDICT_FILTERS = ['pass', 'fail', 'needs_follow_up'];

export function QaView() {
  const { qa } = useStores();
  const opened = useSlice('qa', (s) => s.opened);
  const hub = useSlice('qa', (s) => s.hub);
  const reviewer = useSlice('qa', (s) => s.reviewer);
  useEffect(() => {
    void qa.getState().loadHub();
  }, [qa]);
  if (!hub) return <StatusNote>Loading…</StatusNote>;
  if (hub.connected && !reviewer) return <HubSignIn />;
  return opened ? <RunTimeline key={opened.summary.runId} opened={opened} /> : <RunsView />;
}

/** A reviewer signs in on the team hub (their name and password there) to review every desk's runs. */
function HubSignIn() {
  const { qa } = useStores();
  const id = useId();
  const error = useSlice('qa', (s) => s.error);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    if (await qa.getState().signIn(name, password)) setPassword('');
    setBusy(false);
  };
  return (
    <section aria-labelledby={`${id}-h`} className="view">
      <h2 id={`${id}-h`}>Runs</h2>
      <form onSubmit={(e) => void submit(e)} aria-label="Sign in on the team hub">
        <p className="muted">This desk works with the team hub: sign in with your name and password there to review every desk's runs.</p>
        <label className="field-label" htmlFor={`${id}-name`}>
          Name on the hub
        </label>
        <input id={`${id}-name`} type="text" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
        <label className="field-label" htmlFor={`${id}-password`}>
          Hub password
        </label>
        <input id={`${id}-password`} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !name || !password}>
            Sign in
          </button>
        </div>
      </form>
      <ErrorNote message={error} />
    </section>
  );
}

function RunsView() {
  const { qa } = useStores();
  const filters = useSlice('qa', (s) => s.filters);
  const runs = useSlice('qa', (s) => s.runs);
  const source = useSlice('qa', (s) => s.source);
  const share = useSlice('qa', (s) => s.share);
  const loading = useSlice('qa', (s) => s.loading);
  const error = useSlice('qa', (s) => s.error);
  const reviewer = useSlice('qa', (s) => s.reviewer);

  useEffect(() => {
    void qa.getState().list();
  }, [qa]);

  const field = (key: keyof RunFilters) => ({ value: filters[key], onChange: (e: { target: { value: string } }) => qa.getState().setFilter(key, e.target.value) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void qa.getState().list();
  };

  return (
    <section aria-labelledby="runs-heading" className="view">
      <div className="toolbar">
        <h2 id="runs-heading">Runs</h2>
        {reviewer && (
          <>
            <span className="muted">Every desk, from the team hub · signed in as {reviewer.name}</span>
            <button type="button" className="link-button" onClick={() => qa.getState().signOut()}>
              Sign out
            </button>
          </>
        )}
      </div>
      <form className="filters" onSubmit={submit} aria-label="Run filters">
        <label>
          From
          <input type="date" {...field('since')} />
        </label>
        <label>
          To
          <input type="date" {...field('until')} />
        </label>
        <label>
          Agent
          <input type="text" {...field('agent')} />
        </label>
        <label>
          Playbook
          <select {...field('playbook')}>
            <option value="">Any</option>
            {PLAYBOOKS.map((p) => (
              <option key={p} value={p}>
                {words(p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Outcome
          <select {...field('outcome')}>
            <option value="">Any</option>
            {RUN_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label>
          Verdict
          <select {...field('verdict')}>
            <option value="">Any</option>
            {VERDICT_FILTERS.map((v) => (
              <option key={v} value={v}>
                {words(v)}
              </option>
            ))}
          </select>
        </label>
        <div className="actions">
          <button type="submit" className="primary">
            Apply filters
          </button>
        </div>
      </form>
      <div className="actions sampling">
        <label className="inline-field">
          Sample share
          <select value={String(share)} onChange={(e) => qa.getState().setShare(Number(e.target.value))}>
            {[0.05, 0.1, 0.25, 0.5, 1].map((s) => (
              <option key={s} value={String(s)}>
                {Math.round(s * 100)} %
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void qa.getState().sample()}>
          Sampling queue
        </button>
      </div>
      <p className="muted">
        {source === 'sample' ? 'Sampling queue: every escalation and failure, plus a random share of the rest.' : 'Runs matching the filters.'}
      </p>
      <ErrorNote message={error} />
      {loading && <StatusNote>Loading runs…</StatusNote>}
      {!loading && !error && runs.length === 0 && <StatusNote>No runs.</StatusNote>}
      <ul className="row-list" aria-label={source === 'sample' ? 'Sampled runs' : 'Runs'} onKeyDown={moveFocusInList}>
        {runs.map((r) => (
          <li key={r.runId}>
            <button type="button" data-row className="row" onClick={() => void qa.getState().open(r.runId)}>
              <span className="row-title">
                Ticket #{r.ticketId} · {r.playbooks.map(words).join(', ') || (r.outcome === 'asked' ? 'a question to the customer' : 'no playbook')}
              </span>
              <span className="row-meta">
                <span className={`pill outcome-${r.outcome ?? 'none'}`}>{outcomeWords(r.outcome, null)}</span> · {r.agent}
                {r.desk ? ` at ${r.desk}` : ''} · {showDate(r.startedAt)} ·{' '}
                {showDuration(r.durationMs)} · {r.verdict ? `verdict: ${words(r.verdict)}` : 'no verdict'}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
