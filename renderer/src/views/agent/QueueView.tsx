// The agent's queue: tickets by status; arrow keys move between them, Enter opens one.
import { useEffect, type KeyboardEvent } from 'react';
import { useSlice, useStores } from '../../stores/index.ts';
import { ErrorNote, StatusNote } from '../../ui/notes.tsx';
import { showDate } from '../../ui/format.ts';

const STATUSES = ['new', 'open', 'pending', 'solved'];

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
  const status = useSlice('queue', (s) => s.status);
  const loading = useSlice('queue', (s) => s.loading);
  const error = useSlice('queue', (s) => s.error);

  useEffect(() => {
    void queue.getState().load();
  }, [queue]);

  return (
    <section aria-labelledby="queue-heading" className="view">
      <div className="toolbar">
        <h2 id="queue-heading">Queue</h2>
        <label className="inline-field">
          Status
          <select value={status} onChange={(e) => void queue.getState().setStatus(e.target.value)}>
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void queue.getState().load()} disabled={loading}>
          Refresh
        </button>
      </div>
      <ErrorNote message={error} />
      {loading && <StatusNote>{tickets.length > 0 ? 'Refreshing…' : 'Loading tickets…'}</StatusNote>}
      {!loading && !error && tickets.length === 0 && <StatusNote>No tickets{status ? ` with status ${status}` : ''}.</StatusNote>}
      <ul className="row-list" aria-label="Tickets" onKeyDown={moveFocusInList}>
        {tickets.map((t) => (
          <li key={t.id}>
            <button type="button" data-row className="row" onClick={() => void work.getState().open(t.id)}>
              <span className="row-title">
                <span className="muted">#{t.id}</span> {t.subject}
              </span>
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
    </section>
  );
}
