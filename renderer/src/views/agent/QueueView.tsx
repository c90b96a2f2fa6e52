// The agent's queue over every ticket: open work first (new, open, pending), a status or all, with
// counts; a search; a page at a time; a line of each customer's message. Arrow keys move between
// tickets, Enter opens one.
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useSlice, useStores } from '../../stores/index.ts';
import { ErrorNote, StatusNote } from '../../ui/notes.tsx';
import { showDate } from '../../ui/format.ts';

const STATUSES = ['new', 'open', 'pending', 'solved'];
const OPEN = ['new', 'open', 'pending'];
const VIEW_LABELS: Record<string, string> = { open_work: 'Open work', new: 'New', open: 'Open', pending: 'Pending', solved: 'Solved', all: 'All' };

/** ArrowUp/ArrowDown (and Home/End) move focus between the buttons of a list */
export function moveFocusInList(event: KeyboardEvent<HTMLElement>): void {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-row]')];
  const at = buttons.indexOf(document.activeElement as HTMLElement);
  const next =
    event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : Math.min(buttons.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)));
  buttons[next]?.focus();
  event.preventDefault();
}

export function QueueView() {
  const { queue, work } = useStores();
  const tickets = useSlice('queue', (s) => s.tickets);
  const view = useSlice('queue', (s) => s.view);
  const q = useSlice('queue', (s) => s.q);
  const page = useSlice('queue', (s) => s.page);
  const pages = useSlice('queue', (s) => s.pages);
  const total = useSlice('queue', (s) => s.total);
  const counts = useSlice('queue', (s) => s.counts);
  const complete = useSlice('queue', (s) => s.complete);
  const loading = useSlice('queue', (s) => s.loading);
  const error = useSlice('queue', (s) => s.error);
  const [text, setText] = useState(q);

  useEffect(() => {
    void queue.getState().load();
  }, [queue]);

  const count = (v: string) => (v === 'open_work' ? OPEN.reduce((n, s) => n + (counts[s] ?? 0), 0) : v === 'all' ? STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0) : (counts[v] ?? 0));
  const label = (v: string) => `${VIEW_LABELS[v] ?? v}${counts.new === undefined ? '' : ` (${count(v)})`}`;

  return (
    <section aria-labelledby="queue-heading" className="view">
      <div className="toolbar">
        <h2 id="queue-heading">Queue</h2>
        <label className="inline-field">
          Show
          <select value={view} onChange={(e) => void queue.getState().setView(e.target.value)}>
            {['open_work', ...STATUSES, 'all'].map((v) => (
              <option key={v} value={v}>
                {label(v)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void queue.getState().load()} disabled={loading}>
          Refresh
        </button>
      </div>
      <form
        role="search"
        className="queue-search"
        onSubmit={(e) => {
          e.preventDefault();
          void queue.getState().search(text);
        }}
      >
        <input type="search" aria-label="Search tickets" placeholder="Search subject, requester…" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit">Search</button>
        {q && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setText('');
              void queue.getState().search('');
            }}
          >
            Clear
          </button>
        )}
      </form>
      <ErrorNote message={error} />
      {loading && <StatusNote>{tickets.length > 0 ? 'Refreshing…' : 'Loading tickets…'}</StatusNote>}
      {!loading && !error && tickets.length === 0 && <StatusNote>No tickets{q ? ` matching "${q}"` : ''} in {(VIEW_LABELS[view] ?? view).toLowerCase()}.</StatusNote>}
      {!complete && <p className="muted">Only the first pages of a very long queue are read: search to narrow it.</p>}
      <ul className="row-list" aria-label="Tickets" onKeyDown={moveFocusInList}>
        {tickets.map((t) => (
          <li key={t.id}>
            <button type="button" data-row className="row" onClick={() => void work.getState().open(t.id)}>
              <span className="row-title">
                <span className="muted">#{t.id}</span> {t.subject}
              </span>
              {t.preview && <span className="row-preview">{t.preview}</span>}
              <span className="row-meta">
                {t.requester} · <span className={`pill ticket-${t.status}`}>{t.status}</span> · {showDate(t.created)}
                {t.assignee ? ` · ${t.assignee}` : ''}
                {t.waitingForApproval && (
                  <>
                    {' · '}
                    <span className="pill waiting">waiting for second approval</span>
                  </>
                )}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <nav aria-label="Queue pages" className="actions pager">
          <button type="button" onClick={() => void queue.getState().goTo(page - 1)} disabled={loading || page <= 1}>
            ← Previous
          </button>
          <span>
            Page {page} of {pages} · {total} tickets
          </span>
          <button type="button" onClick={() => void queue.getState().goTo(page + 1)} disabled={loading || page >= pages}>
            Next →
          </button>
        </nav>
      )}
    </section>
  );
}
