// @vitest-environment jsdom
// The agent's path through the panel against a scripted core: queue → ticket → proposal (reads as
// they arrive, then the plan with provenance and decisions) → approve by Ctrl+Enter bound to the
// shown hash → live progress → escalation on failure; and editing a parameter re-binds the approval.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../renderer/src/App.tsx';
import { deferred, FakeCore } from './fake-core.ts';
import { editedProposal, HASH_A, HASH_B, proposal, queue, reads, run, ticket } from './fixtures.ts';
import type { Proposal } from '../../shared/api.ts';

afterEach(cleanup);

function agentCore(answer: () => Promise<Proposal> | Proposal = () => proposal) {
  return new FakeCore({
    'tickets.queue': () => queue,
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
    const cancel = within(steps).getByRole('listitem', { name: 'Step 1: orders · cancel pending order' });
    expect(within(cancel).getByText('Needs approval')).toBeTruthy();
    expect(within(cancel).getByText('cancellations run after the agent approves')).toBeTruthy();
    // each parameter with the provenance of its value
    const paramOf = (name: string) => within(cancel).getByText(name, { selector: 'dt' }).nextElementSibling as HTMLElement;
    expect(within(paramOf('order_id')).getByText('#W2378156')).toBeTruthy();
    expect(within(paramOf('order_id')).getByText('system')).toBeTruthy();
    expect(within(paramOf('reason')).getByText('ordered by mistake')).toBeTruthy();
    expect(within(paramOf('reason')).getByText('ticket only')).toBeTruthy();
    const reply = within(steps).getByRole('listitem', { name: 'Step 2: helpdesk · reply and solve' });
    expect(within(reply).getByText('Auto')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Reply draft' })).toBeTruthy();
    expect(screen.getByText(/your order #W2378156 is cancelled/)).toBeTruthy();

    // Ctrl+Enter approves exactly the plan on screen
    fireEvent.keyDown(document.body, { key: 'Enter', ctrlKey: true });
    await screen.findByRole('heading', { name: 'Run' });
    expect(core.callsOf('run.approve')).toEqual([{ ticketId: 101, planHash: HASH_A, mode: 'all', skip: [] }]);
    expect(screen.queryByRole('button', { name: /Approve/ })).toBeNull();

    // progress events update each step
    core.emit({ type: 'run.progress', run: run([{ stepId: 's1', status: 'running' }, { stepId: 's2', status: 'pending' }]) });
    expect(within(cancel).getByText('Running')).toBeTruthy();
    core.emit({ type: 'run.progress', run: run([{ stepId: 's1', status: 'done', after: 'f'.repeat(64), durationMs: 2300 }, { stepId: 's2', status: 'running' }]) });
    expect(within(cancel).getByText('Done')).toBeTruthy();
    expect(within(cancel).getByRole<HTMLImageElement>('img', { name: 'Screenshot after step 1' }).src).toBe(`https://blobs.test/${'f'.repeat(64)}`);
    expect(within(reply).getByText('Running')).toBeTruthy();
    expect(screen.queryByRole('region', { name: /Escalation/ })).toBeNull();

    // a failure ends in an escalation card
    core.emit({
      type: 'run.progress',
      run: run(
        [
          { stepId: 's1', status: 'done', after: 'f'.repeat(64) },
          { stepId: 's2', status: 'failed', error: { code: 'system_error', message: 'the helpdesk answered 500', retryable: true } },
        ],
        { status: 'finished', outcome: 'escalated', escalation: 'Reply could not be sent; ticket #101 assigned to the team queue with a note.' },
      ),
    });
    expect(within(reply).getByText('Failed')).toBeTruthy();
    const card = screen.getByRole('region', { name: 'Escalation: a person takes over' });
    expect(within(card).getByText(/ticket #101 assigned to the team queue/)).toBeTruthy();
    expect(within(card).getByText(/the helpdesk answered 500/).textContent).toMatch(/^Step 2 \(reply and solve\) failed: the helpdesk answered 500/);
    expect(screen.getByText('Handed over to a person.')).toBeTruthy();
  });

  it('editing a parameter asks core for a new plan, and approval then carries the new hash', async () => {
    const core = await openFirstTicket(agentCore());
    fireEvent.click(screen.getByRole('button', { name: 'Propose' }));
    const steps = await screen.findByRole('list', { name: 'Steps' });
    const cancel = within(steps).getByRole('listitem', { name: /Step 1/ });

    fireEvent.click(within(cancel).getByRole('button', { name: 'Edit reason' }));
    const input = within(cancel).getByRole('textbox', { name: 'New value for reason' });
    expect((input as HTMLInputElement).value).toBe('ordered by mistake');
    // Ctrl+Enter inside the editor does not approve the old plan
    fireEvent.keyDown(input, { key: 'Enter', ctrlKey: true });
    fireEvent.change(input, { target: { value: 'no longer needed' } });
    fireEvent.click(within(cancel).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(within(cancel).getByText('no longer needed')).toBeTruthy());
    expect(core.callsOf('proposal.editParam')).toEqual([{ ticketId: 101, planHash: HASH_A, stepId: 's1', param: 'reason', value: 'no longer needed' }]);

    // skip the reply step and go step by step
    fireEvent.click(within(within(steps).getByRole('listitem', { name: /Step 2/ })).getByRole('checkbox', { name: 'Skip this step' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Step by step' }));
    fireEvent.click(screen.getByRole('button', { name: /Approve/ }));
    await screen.findByRole('heading', { name: 'Run' });
    expect(core.callsOf('run.approve')).toEqual([{ ticketId: 101, planHash: HASH_B, mode: 'step', skip: ['s2'] }]);
  });

  it('shows an error, not a crash, when core refuses a call', async () => {
    const core = new FakeCore({ 'tickets.queue': () => queue, 'tickets.open': () => ticket });
    await openFirstTicket(core);
    fireEvent.click(screen.getByRole('button', { name: 'Propose' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/no answer scripted for proposal.create/);
    expect(screen.getByRole('button', { name: 'Propose' })).toBeTruthy();
  });
});
