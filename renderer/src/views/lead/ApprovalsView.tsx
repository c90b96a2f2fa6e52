// Second approvals, for a lead: sign in with your own name and passphrase (set up with `legwork
// approver add`), see the plans waiting — ticket, who asked, each step that needs you with its
// amount and expected effect, the plan's hash — and grant (the run starts) or decline with why.
// On a desk with a team hub: signed in with the hub's name and password, the team's requests from
// every desk, live; a decision is signed with the lead's key and the agent's desk runs the plan.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ApprovalRequest } from '../../../../shared/api.ts';
import { useSlice, useStores } from '../../stores/index.ts';
import { ErrorNote, StatusNote } from '../../ui/notes.tsx';
import { showDate, words } from '../../ui/format.ts';
import { plainReason } from '../../ui/plain-decision.ts';

export function ApprovalsView() {
  const { approvals } = useStores();
  const lead = useSlice('approvals', (s) => s.lead);
  const requests = useSlice('approvals', (s) => s.requests);
  const error = useSlice('approvals', (s) => s.error);
  const done = useSlice('approvals', (s) => s.done);
  const hub = useSlice('approvals', (s) => s.hub);
  const pending = requests.filter((r) => r.status === 'pending');
  useEffect(() => {
    void approvals.getState().loadHub();
  }, [approvals]);

  return (
    <section aria-labelledby="approvals-heading" className="view">
      <div className="toolbar">
        <h2 id="approvals-heading">Approvals</h2>
        {lead && (
          <>
            <span className="muted">
              Signed in as {lead.name}
              {hub?.connected ? ' on the team hub' : ''}
            </span>
            <button type="button" onClick={() => void approvals.getState().load()}>
              Refresh
            </button>
            <button type="button" className="link-button" onClick={() => approvals.getState().signOut()}>
              Sign out
            </button>
          </>
        )}
      </div>
      {!lead ? (
        hub?.connected ? (
          <SignIn hub why="This desk works with the team hub: sign in with your name and password there to see every desk's requests." />
        ) : (
          <SignIn />
        )
      ) : (
        <>
          {done && (
            <p role="status" className="ok-note">
              {done}
            </p>
          )}
          {pending.length === 0 ? <StatusNote>Nothing waits for a second approval{hub?.connected ? ' on the team hub' : ''}.</StatusNote> : null}
          <ul className="row-list" aria-label="Waiting for second approval">
            {pending.map((r) => (
              <RequestCard key={r.id} request={r} />
            ))}
          </ul>
        </>
      )}
      <ErrorNote message={error} />
    </section>
  );
}

/** The lead signs in with their approver name and passphrase (used here and to sign a policy). */
export function SignIn({ why = 'A second approval comes from another person than the agent: sign in with your own approver name and passphrase.', hub = false }: { why?: string; hub?: boolean }) {
  const { approvals } = useStores();
  const id = useId();
  const busy = useSlice('approvals', (s) => s.busy);
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await approvals.getState().signIn(name, passphrase)) setPassphrase('');
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Sign in as approver">
      <p className="muted">{why}</p>
      <label className="field-label" htmlFor={`${id}-name`}>
        {hub ? 'Name on the hub' : 'Approver name'}
      </label>
      <input id={`${id}-name`} type="text" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
      <label className="field-label" htmlFor={`${id}-passphrase`}>
        {hub ? 'Hub password' : 'Passphrase'}
      </label>
      <input id={`${id}-passphrase`} type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !name || !passphrase}>
          Sign in
        </button>
      </div>
    </form>
  );
}

function RequestCard({ request }: { request: ApprovalRequest }) {
  const { approvals } = useStores();
  const busy = useSlice('approvals', (s) => s.busy);
  const hub = useSlice('approvals', (s) => s.hub);
  const key = useSlice('policy', (s) => s.key);
  const [note, setNote] = useState('');
  const [keyPassphrase, setKeyPassphrase] = useState('');
  const noteId = `decline-why-${request.id}`;
  const keyId = `key-passphrase-${request.id}`;
  // through the hub the decision is signed with the lead's key: a key file needs its passphrase
  const needsKey = Boolean(hub?.connected && key?.protection !== 'keychain');
  const decide = (grant: boolean) => void approvals.getState().decide(request.id, grant, note, needsKey ? keyPassphrase : undefined);
  return (
    <li className="approval-card" aria-label={`Ticket #${request.ticketId}`}>
      <p className="row-title">
        Ticket #{request.ticketId}: {request.subject}
      </p>
      <p className="muted">
        Asked by {request.requestedBy}
        {request.desk ? ` at ${request.desk}` : ''} · {showDate(request.requestedAt)} · plan {request.planHash.slice(0, 10)}…
      </p>
      <ul>
        {request.steps.map((s) => (
          <li key={s.stepId}>
            <strong>{words(s.action)}</strong>
            {s.amount !== undefined && <> · ${s.amount.toFixed(2)}</>}: {s.expectedEffect} <span className="muted">({plainReason('second_approval', s.reason, s.action)})</span>
          </li>
        ))}
      </ul>
      <label className="field-label" htmlFor={noteId}>
        Why (needed to decline)
      </label>
      <input id={noteId} type="text" value={note} onChange={(e) => setNote(e.target.value)} />
      {needsKey && (
        <>
          <label className="field-label" htmlFor={keyId}>
            Signing key passphrase
          </label>
          <input id={keyId} type="password" autoComplete="off" value={keyPassphrase} onChange={(e) => setKeyPassphrase(e.target.value)} />
        </>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={busy || (needsKey && !keyPassphrase)} onClick={() => decide(true)}>
          Grant second approval
        </button>
        <button type="button" className="danger" disabled={busy || !note.trim() || (needsKey && !keyPassphrase)} onClick={() => decide(false)}>
          Decline
        </button>
      </div>
    </li>
  );
}
