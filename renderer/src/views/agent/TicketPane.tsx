// One ticket: the customer's messages, then the proposal (reads as they arrive, the plan), then the run.
import { useEffect, useRef } from 'react';
import { useSlice, useStores } from '../../stores/index.ts';
import { ErrorNote, StatusNote } from '../../ui/notes.tsx';
import { showDate, words } from '../../ui/format.ts';
import { ProposalView } from './ProposalView.tsx';
import { ReadsList } from './ReadsList.tsx';

export function TicketPane() {
  const { work, queue } = useStores();
  const ticketId = useSlice('work', (s) => s.ticketId);
  const ticket = useSlice('work', (s) => s.ticket);
  const proposal = useSlice('work', (s) => s.proposal);
  const reads = useSlice('work', (s) => s.reads);
  const busy = useSlice('work', (s) => s.busy);
  const error = useSlice('work', (s) => s.error);
  const waiting = useSlice('work', (s) => s.secondApproval?.status === 'pending');
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), [ticketId]);

  const back = () => {
    work.getState().close();
    void queue.getState().load();
  };

  return (
    <section aria-labelledby="ticket-heading" className="view">
      <button type="button" className="link-button" onClick={back}>
        ← Back to queue
      </button>
      <h2 id="ticket-heading" tabIndex={-1} ref={heading}>
        Ticket #{ticketId}
        {ticket ? `: ${ticket.subject}` : ''}
      </h2>
      {busy === 'open' && <StatusNote>Opening the ticket…</StatusNote>}
      {ticket && (
        <>
          <p className="requester">
            <span className="muted">Requester</span> {ticket.requester_name} &lt;{ticket.requester_email}&gt; ·{' '}
            <span className={`pill ticket-${ticket.status}`}>{ticket.status}</span>
            {waiting && (
              <>
                {' · '}
                <span className="pill waiting">waiting for second approval</span>
              </>
            )}
          </p>
          <ol className="messages" aria-label="Conversation">
            {ticket.messages.map((m, i) => (
              <li key={i} className={`message message-${m.kind}`}>
                <p className="message-head">
                  <strong>{m.kind === 'customer' ? m.author : `${m.author} (${words(m.kind)})`}</strong>{' '}
                  <span className="muted">{showDate(m.at)}</span>
                </p>
                <p className="message-body">{m.body}</p>
              </li>
            ))}
          </ol>
        </>
      )}
      <ErrorNote message={error} />
      {ticket && !proposal && (
        <div className="actions">
          <button type="button" className="primary" onClick={() => void work.getState().propose()} disabled={busy === 'propose'}>
            {busy === 'propose' ? 'Proposing…' : 'Propose'}
          </button>
        </div>
      )}
      {busy === 'propose' && (
        <div aria-live="polite">
          <StatusNote>Reading the systems…</StatusNote>
          <ReadsList reads={reads} open />
        </div>
      )}
      {proposal && <ProposalView />}
    </section>
  );
}
