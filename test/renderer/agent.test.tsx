// @vitest-environment jsdom
// The agent's path through the panel against a scripted core: queue → ticket → proposal (reads as
// they arrive, then the plan with provenance and decisions) → approve by Ctrl+Enter bound to the
// shown hash → live progress → escalation on failure; and editing a parameter re-binds the approval.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../renderer/src/App.tsx';
import { deferred, FakeCore } from './fake-core.ts';
import { editedProposal, HASH_A, HASH_B, proposal, queuePage, reads, run, ticket } from './fixtures.ts';
import type { Proposal } from '../../shared/api.ts';

afterEach(cleanup);

function agentCore(answer: () => Promise<Proposal> | Proposal = () => proposal) {
  return new FakeCore({
    'tickets.list': () => queuePage,
    'tickets.open': () => ticket,
    'proposal.create': answer,
    'proposal.editParam': () => editedProposal,
    'run.approve': (input) => run([{ stepId: 's1', status: 'pending' }, { stepId: 's2', status: 'pending' }], { mode: input.mode ?? 'all' }),
  });
}

async function openFirstTicket(core: FakeCore) {
  render(<App api={core} />);
  const list = await screen.findByRole('list', { name: 'Tickets' });
  const rows = within(list).getAllByRole('button');
  expect(rows).toHaveLength(3);
  // arrow keys move between tickets; Enter on a focused ticket activates its button
  rows[1]!.focus();
  fireEvent.keyDown(rows[1]!, { key: 'ArrowUp' });
  expect(document.activeElement).toBe(rows[0]);
  fireEvent.click(document.activeElement!);
  await screen.findByRole('heading', { name: /Ticket #101: Please cancel my order/ });
  return core;
}

describe('agent view', () => {
  it('takes a ticket from the queue through proposal, approval, progress and escalation', async () => {
    const planned = deferred<Proposal>();
    const core = await openFirstTicket(agentCore(() => planned.promise));
    expect(core.callsOf('tickets.open')).toEqual([{ ticketId: 101 }]);
    expect(screen.getByText(/Please cancel order #W2378156, I no longer need it/)).toBeTruthy();
    expect(screen.getByText(/Yusuf Rossi <yusuf.rossi@example.com>/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Propose' }));
    // reads show as they arrive, before the plan
    core.emit({ type: 'proposal.read', ticketId: 101, read: reads[0] });
    core.emit({ type: 'proposal.read', ticketId: 999, read: reads[1] }); // another ticket's: not shown
    const readList = await screen.findByRole('list', { name: 'Reads' });
    expect(within(readList).getAllByRole('listitem')).toHaveLength(1);
    expect(within(readList).getByText(/customer yusuf_rossi_9620/)).toBeTruthy();
    planned.resolve(proposal);

    const steps = await screen.findByRole('list', { name: 'Steps' });
    // focus moves to the plan that just arrived
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: /^Plan:/ }));
    const cancel = within(steps).getByRole('listitem', { name: 'Step 1: orders · cancel pending order' });
    // one line: system, action in words, key values, the decision as a short badge
    const line = within(cancel).getByRole('button', { name: /cancel pending order/ });
    expect(line.textContent).toMatch(/orders cancel pending order\$1,204\.33 · #W2378156 · ordered by mistake/);
    expect(line.getAttribute('aria-expanded')).toBe('false');
    expect(within(cancel).getByText('Needs your approval')).toBeTruthy();
    expect(within(cancel).queryByText(/Expected/)).toBeNull();
    // …that opens to the decision in a sentence, why, the expected effect and each parameter with its source
    fireEvent.click(line);
    expect(within(cancel).getByText('Needs your approval (team rule: cancellations run after the agent approves)')).toBeTruthy();
    expect(within(cancel).getByText(/\$1,204\.33 is refunded/)).toBeTruthy();
    const paramOf = (name: string) => within(cancel).getByText(name, { selector: 'dt' }).nextElementSibling as HTMLElement;
    expect(within(paramOf('order id')).getByText('#W2378156')).toBeTruthy();
    expect(within(paramOf('order id')).getByText('system')).toBeTruthy();
    expect(within(paramOf('reason')).getByText('ordered by mistake')).toBeTruthy();
    expect(within(paramOf('reason')).getByText('ticket only')).toBeTruthy();
    const reply = within(steps).getByRole('listitem', { name: 'Step 2: helpdesk · reply and solve' });
    expect(within(reply).getByText('Runs by itself')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Reply draft' })).toBeTruthy();
    // the reply is on screen once
    expect(screen.getAllByText(/your order #W2378156 is cancelled/)).toHaveLength(1);

    // Ctrl+Enter approves exactly the plan on screen
    fireEvent.keyDown(document.body, { key: 'Enter', ctrlKey: true });
    const bar = await screen.findByRole('region', { name: 'Run' });
    expect(core.callsOf('run.approve')).toEqual([{ ticketId: 101, planHash: HASH_A, mode: 'all', skip: [] }]);
    expect(screen.queryByRole('button', { name: /Approve/ })).toBeNull();
    expect(within(bar).getByText('Step 1 of 2')).toBeTruthy();
    expect(document.activeElement).toBe(bar.querySelector('.run-status'));

    // progress events update each step and the bar
    core.emit({ type: 'run.progress', run: run([{ stepId: 's1', status: 'running' }, { stepId: 's2', status: 'pending' }]) });
    expect(within(cancel).getByText('Running')).toBeTruthy();
    core.emit({ type: 'run.progress', run: run([{ stepId: 's1', status: 'done', after: 'f'.repeat(64), durationMs: 2300 }, { stepId: 's2', status: 'running' }]) });
    expect(within(cancel).getByText('Done')).toBeTruthy();
    expect(within(cancel).getByText('took 2.3 s')).toBeTruthy();
    expect(within(cancel).getByRole<HTMLImageElement>('img', { name: 'Screenshot after step 1' }).src).toBe(`https://blobs.test/${'f'.repeat(64)}`);
    expect(within(reply).getByText('Running')).toBeTruthy();
    expect(within(bar).getByText('Step 2 of 2')).toBeTruthy();

    // a failure: the result stays in the bar, in plain words, takes the focus, and offers Retry (the error is retryable)
    core.emit({
      type: 'run.progress',
      run: run(
        [
          { stepId: 's1', status: 'done', after: 'f'.repeat(64) },
          { stepId: 's2', status: 'failed', error: { code: 'system_error', message: 'system_error: the helpdesk answered 500 for reply_and_solve (s2)', retryable: true } },
        ],
        { status: 'finished', outcome: 'escalated', escalation: 'Reply could not be sent; ticket #101 assigned to the team queue with a note.', handOverNoteAdded: true },
      ),
    });
    expect(within(reply).getByText('Failed')).toBeTruthy();
    const result = within(bar).getByRole('status');
    expect(document.activeElement).toBe(result);
    expect(within(result).getByText('Handed over to a person: a note with what happened is on the ticket.')).toBeTruthy();
    expect(within(result).getByText(/ticket #101 assigned to the team queue/)).toBeTruthy();
    expect(within(result).getByText(/^Step 2 \(reply and solve\) failed/).textContent).toBe('Step 2 (reply and solve) failed: the helpdesk answered 500 for reply and solve');
    expect(bar.textContent).not.toMatch(/s2\)|system_error/);
    expect(within(bar).queryByRole('button', { name: 'Cancel run' })).toBeNull();
    fireEvent.click(within(bar).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(core.callsOf('run.approve')).toHaveLength(2));
    expect(core.callsOf('run.approve')[1]).toEqual({ ticketId: 101, planHash: HASH_A, mode: 'all', skip: ['s1'] });
  });

  it('a run whose hand-over note could not be added does not say "handed over"; steps it never reached are marked not run', async () => {
    const core = await openFirstTicket(agentCore());
    fireEvent.click(screen.getByRole('button', { name: 'Propose' }));
    await screen.findByRole('list', { name: 'Steps' });
    fireEvent.click(screen.getByRole('button', { name: /Approve/ }));
    const bar = await screen.findByRole('region', { name: 'Run' });
    core.emit({
      type: 'run.progress',
      run: run(
        [
          { stepId: 's1', status: 'failed', error: { code: 'outcome_unknown', message: 'cancel_pending_order (s1) was running when Legwork stopped', retryable: false } },
          { stepId: 's2', status: 'pending' },
        ],
        { status: 'finished', outcome: 'escalated', escalation: 'cancel failed (the hand-over note could not be added: helpdesk down)', handOverNoteAdded: false },
      ),
    });
    expect(within(bar).getByText(/^Stopped\. The hand-over note could not be added/)).toBeTruthy();
    expect(bar.textContent).not.toMatch(/Handed over/);
    expect(within(bar).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(within(screen.getByRole('listitem', { name: /Step 2/ })).getByText('Not run: the run stopped before it')).toBeTruthy();
  });

  it('a hand-over plan offers Hand over, never Approve, and says Handed over once the note is on the ticket', async () => {
    const handOver: Proposal = { ...proposal, plan: { ...proposal.plan, outcome: 'escalate', reason: 'out of scope: a legal threat' } };
    const core = new FakeCore({ 'tickets.list': () => queuePage, 'tickets.open': () => ticket, 'proposal.create': () => handOver, 'ticket.escalate': () => ({ ok: true }) });
    await openFirstTicket(core);
    fireEvent.click(screen.getByRole('button', { name: 'Propose' }));
    await screen.findByRole('list', { name: 'Steps' });
    expect(screen.queryByRole('button', { name: /Approve/ })).toBeNull();
    fireEvent.keyDown(document.body, { key: 'Enter', ctrlKey: true });
    fireEvent.click(screen.getByRole('button', { name: 'Hand over to a person' }));
    await screen.findByText('Handed over: the note is on the ticket.');
    expect(core.callsOf('ticket.escalate')).toEqual([{ ticketId: 101, note: 'out of scope: a legal threat' }]);
    expect(core.callsOf('run.approve')).toEqual([]);
    expect(screen.queryByRole('button', { name: /Approve|Hand over/ })).toBeNull();
  });

  it('where the policy needs a second approver: Request second approval replaces Approve, the agent waits, hears a decline with why, and a grant starts the run', async () => {
    const needs: Proposal = { ...proposal, decisions: [{ stepId: 's1', kind: 'second_approval', reason: 'cancel_pending_order of $1,204.33 is above the $1,000 approve cap' }, proposal.decisions[1]!] };
    const request = { id: 'a-1', ticketId: 101, subject: 'cancel order #W2378156', planHash: HASH_A, requestedBy: 'ana', requestedAt: '2025-05-14T09:14:00Z', status: 'pending' as const, steps: [] };
    const core = new FakeCore({ 'tickets.list': () => queuePage, 'tickets.open': () => ticket, 'proposal.create': () => needs, 'approvals.request': () => request });
    await openFirstTicket(core);
    fireEvent.click(screen.getByRole('button', { name: 'Propose' }));
    const cancel = within(await screen.findByRole('list', { name: 'Steps' })).getByRole('listitem', { name: /Step 1/ });
    expect(within(cancel).getByText('Needs a second approval')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Approve/ })).toBeNull();
    expect(screen.getByText('Step 1 needs a second approval ($1,204.33 is over the team\'s $1,000 limit for one approver).')).toBeTruthy();
    // Ctrl+Enter asks for it too: never an approval by the agent alone
    fireEvent.keyDown(document.body, { key: 'Enter', ctrlKey: true });
    await screen.findByText(/^Waiting for second approval/);
    expect(core.callsOf('approvals.request')).toEqual([{ ticketId: 101, planHash: HASH_A, mode: 'all', skip: [] }]);
    expect(core.callsOf('run.approve')).toEqual([]);
    expect(screen.getByText('waiting for second approval', { selector: '.pill' })).toBeTruthy();

    core.emit({ type: 'approval.decided', request: { ...request, status: 'declined', decidedBy: 'Lee', note: 'call the customer first' } });
    expect(screen.getByRole('alert').textContent).toBe('Declined by Lee: call the customer first');
    expect(screen.getByRole('button', { name: /Request second approval again/ })).toBeTruthy();

    core.emit({ type: 'approval.decided', request: { ...request, status: 'granted', decidedBy: 'Lee', runId: 'run-101-1' }, run: run([{ stepId: 's1', status: 'running' }, { stepId: 's2', status: 'pending' }]) });
    const bar = screen.getByRole('region', { name: 'Run' });
    expect(within(bar).getByText('Step 1 of 2')).toBeTruthy();
    core.emit({ type: 'run.progress', run: run([{ stepId: 's1', status: 'done' }, { stepId: 's2', status: 'done' }], { status: 'finished', outcome: 'completed' }) });
    expect(within(bar).getByText('Done: every step ran and was verified.')).toBeTruthy();
  });

  it('a plan-time decision that will not let the step run says so before approving', async () => {
    const second: Proposal = { ...proposal, decisions: [{ stepId: 's1', kind: 'suggest', reason: 'only pending orders are cancelled through Legwork' }, proposal.decisions[1]!] };
    await openFirstTicket(agentCore(() => second));
    fireEvent.click(screen.getByRole('button', { name: 'Propose' }));
    const cancel = within(await screen.findByRole('list', { name: 'Steps' })).getByRole('listitem', { name: /Step 1/ });
    expect(within(cancel).getByText('Do it by hand')).toBeTruthy();
    expect(within(cancel).getByText('Not run: do it by hand in the system (team rule: only pending orders are cancelled through Legwork)')).toBeTruthy();
  });

  it('editing a parameter asks core for a new plan, focus returns to the step, and approval then carries the new hash; system values are locked', async () => {
    const core = await openFirstTicket(agentCore());
    fireEvent.click(screen.getByRole('button', { name: 'Propose' }));
    const steps = await screen.findByRole('list', { name: 'Steps' });
    const cancel = within(steps).getByRole('listitem', { name: /Step 1/ });
    fireEvent.click(within(cancel).getByRole('button', { name: /cancel pending order/ }));

    // the order id was read from the orders system: no Edit, only a deliberate Unlock
    expect(within(cancel).queryByRole('button', { name: 'Edit order id' })).toBeNull();
    expect(within(cancel).getByRole('button', { name: 'Unlock order id' })).toBeTruthy();

    fireEvent.click(within(cancel).getByRole('button', { name: 'Edit reason' }));
    const input = within(cancel).getByRole('textbox', { name: 'New value for reason' });
    expect((input as HTMLInputElement).value).toBe('ordered by mistake');
    // Ctrl+Enter inside the editor does not approve the old plan
    fireEvent.keyDown(input, { key: 'Enter', ctrlKey: true });
    fireEvent.change(input, { target: { value: 'no longer needed' } });
    fireEvent.click(within(cancel).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(within(cancel).getByText('no longer needed', { selector: 'code' })).toBeTruthy());
    expect(core.callsOf('proposal.editParam')).toEqual([{ ticketId: 101, planHash: HASH_A, stepId: 's1', param: 'reason', value: 'no longer needed', unlock: false }]);
    expect(document.activeElement).toBe(within(cancel).getByRole('button', { name: /cancel pending order/ }));

    // unlocking a system value is sent as such
    fireEvent.click(within(cancel).getByRole('button', { name: 'Unlock order id' }));
    expect(within(cancel).getByText(/Unlocked: this value was read from orders/)).toBeTruthy();
    fireEvent.change(within(cancel).getByRole('textbox', { name: 'New value for order id' }), { target: { value: '#W0000001' } });
    fireEvent.click(within(cancel).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(core.callsOf('proposal.editParam')).toHaveLength(2));
    expect(core.callsOf('proposal.editParam')[1]).toMatchObject({ param: 'order_id', value: '#W0000001', unlock: true });

    // skip the reply step and go step by step
    const second = within(steps).getByRole('listitem', { name: /Step 2/ });
    fireEvent.click(within(second).getByRole('button', { name: /reply and solve/ }));
    fireEvent.click(within(second).getByRole('checkbox', { name: 'Skip this step' }));
    expect(within(second).getByText('Not run: you chose to skip it')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Step by step' }));
    fireEvent.click(screen.getByRole('button', { name: /Approve/ }));
    const bar = await screen.findByRole('region', { name: 'Run' });
    expect(core.callsOf('run.approve')).toEqual([{ ticketId: 101, planHash: HASH_B, mode: 'step', skip: ['s2'] }]);
    expect(within(bar).getByRole('button', { name: 'Next step' })).toBeTruthy();
  });

  it('shows an error, not a crash, when core refuses a call', async () => {
    const core = new FakeCore({ 'tickets.list': () => queuePage, 'tickets.open': () => ticket });
    await openFirstTicket(core);
    fireEvent.click(screen.getByRole('button', { name: 'Propose' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/no answer scripted for proposal.create/);
    expect(screen.getByRole('button', { name: 'Propose' })).toBeTruthy();
  });
});
