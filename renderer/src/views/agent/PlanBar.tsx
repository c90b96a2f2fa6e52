// The sticky bar under a plan before it runs: what is left to do before approving (open choices),
// step by step, and the one action that fits the plan — Approve (Ctrl+Enter), or Hand over for a
// plan that hands the ticket to a person (no Approve there, and none after handing over).
import { useEffect, useRef } from 'react';
import { useSlice, useStores } from '../../stores/index.ts';
import { StatusNote } from '../../ui/notes.tsx';
import { plainReason } from '../../ui/plain-decision.ts';
import { needsSecondApproval } from '../../stores/work.ts';

export function PlanBar() {
  const { work } = useStores();
  const proposal = useSlice('work', (s) => s.proposal);
  const busy = useSlice('work', (s) => s.busy);
  const stepMode = useSlice('work', (s) => s.stepMode);
  const escalated = useSlice('work', (s) => s.escalated);
  const skip = useSlice('work', (s) => s.skip);
  const asked = useSlice('work', (s) => s.secondApproval);
  const focus = useSlice('work', (s) => s.focus);
  const approveButton = useRef<HTMLButtonElement>(null);
  const waitingNote = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (focus !== 'approve') return;
    (waitingNote.current ?? approveButton.current)?.focus();
    work.getState().focused();
  }, [focus, work]);

  if (!proposal) return null;
  const { plan } = proposal;
  const open = plan.choices.filter((c) => c.picked === null);
  const second = needsSecondApproval(proposal, skip);
  const stepNo = (id: string) => plan.steps.findIndex((s) => s.id === id) + 1;

  if (plan.outcome === 'escalate') {
    return (
      <div className="actions sticky-actions plan-bar">
        {escalated ? (
          <p role="status" className="ok-note">
            Handed over: the note is on the ticket.
          </p>
        ) : (
          <button type="button" className="primary" onClick={() => void work.getState().escalate(plan.reason)} disabled={busy !== null}>
            {busy === 'escalate' ? 'Handing over…' : 'Hand over to a person'}
          </button>
        )}
      </div>
    );
  }

  return (
    <div className="actions sticky-actions plan-bar">
      {open.length > 0 && (
        <p className="left-to-do" id="left-to-do">
          {open.length === 1 ? `Pick first: ${open[0]!.question}` : `${open.length} choices to pick first: ${open.map((c) => c.question).join('; ')}`}
        </p>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={stepMode} onChange={(e) => work.getState().setStepMode(e.target.checked)} />
        Step by step
      </label>
      {busy === 'choose' && <StatusNote>Re-planning with your pick…</StatusNote>}
      {second.length > 0 && asked?.status === 'pending' ? (
        <p ref={waitingNote} tabIndex={-1} role="status" className="waiting-note">
          Waiting for second approval: a lead grants it in Team lead → Approvals. The run starts when they do.
        </p>
      ) : second.length > 0 ? (
        <>
          {asked?.status === 'declined' && (
            <p role="alert" className="error-inline declined-note">
              Declined by {asked.decidedBy}: {asked.note}
            </p>
          )}
          {asked?.status === 'expired' && (
            <p role="alert" className="error-inline declined-note">
              The request expired: {asked.note}. Nothing ran.
            </p>
          )}
          <p className="left-to-do">
            Step {second.map(stepNo).join(', ')} needs a second approval ({plainReason('second_approval', proposal.decisions.find((d) => d.stepId === second[0])!.reason, plan.steps[stepNo(second[0]!) - 1]!.action)}).
          </p>
          <button ref={approveButton} type="button" className="primary" onClick={() => void work.getState().requestSecondApproval()} disabled={busy !== null || open.length > 0} aria-keyshortcuts="Control+Enter">
            {busy === 'approve' ? 'Asking…' : asked?.status === 'declined' || asked?.status === 'expired' ? 'Request second approval again' : 'Request second approval'} <kbd>Ctrl+Enter</kbd>
          </button>
        </>
      ) : (
        <button
          ref={approveButton}
          type="button"
          className="primary"
          onClick={() => void work.getState().approve()}
          disabled={busy !== null || open.length > 0}
          aria-keyshortcuts="Control+Enter"
          {...(open.length > 0 ? { 'aria-describedby': 'left-to-do' } : {})}
        >
          {busy === 'approve' ? 'Approving…' : 'Approve'} <kbd>Ctrl+Enter</kbd>
        </button>
      )}
    </div>
  );
}
