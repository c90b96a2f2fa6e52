// @vitest-environment jsdom
// The planner's choices in the plan: a choice about a step sits under that step, one without a step
// at the top; one click or keys 1–4 pick (proposal.choose, bound to the plan's hash); Approve stays
// disabled, saying what is left, until every choice is picked; focus moves on to the next open one.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../renderer/src/App.tsx';
import type { Proposal } from '../../shared/api.ts';
import type { Choice } from '../../shared/request.ts';
import { FakeCore } from './fake-core.ts';
import { HASH_A, proposal, queuePage, ticket } from './fixtures.ts';

afterEach(cleanup);

const REASON: Choice = {
  id: 'c1',
  about: 'reason',
  question: 'Why is the order cancelled?',
  span: { start: 4, end: 22, text: 'ordered by mistake' },
  stepId: 's1',
  options: [
    { id: '1', label: 'ordered by mistake', why: 'the customer says "I ordered by mistake"', effect: 'cancels with reason "ordered by mistake"', writes: [], kind: 'candidate' },
    { id: '2', label: 'no longer needed', why: 'the customer says "I no longer need it"', effect: 'cancels with reason "no longer needed"', writes: [], kind: 'candidate' },
  ],
  picked: null,
};
const SENTENCE: Choice = {
  id: 'c2',
  about: 'sentence',
  question: 'What about "and check my other order"?',
  options: [
    { id: '1', label: 'Leave it out', why: 'no order is named', effect: 'the reply does not mention it', writes: [], kind: 'leave_out' },
    { id: '2', label: 'Hand over', why: 'a person can look', effect: 'the ticket goes to a person', writes: [], kind: 'hand_over' },
    { id: '3', label: 'Answer myself', why: 'you know the answer', effect: 'you write that part of the reply', writes: [], kind: 'answer_myself' },
  ],
  picked: null,
};

const hashOf = (n: number) => String(n).repeat(64).slice(0, 64);

/** a core whose plan has two choices; each pick answers a re-composed plan with that choice picked and a new hash */
function choosingCore() {
  let picks: Record<string, string> = {};
  let version = 0;
  const current = (): Proposal => ({
    ...proposal,
    plan: { ...proposal.plan, choices: [SENTENCE, REASON].map((c) => ({ ...c, picked: picks[c.id] ?? null })) },
    planHash: version === 0 ? HASH_A : hashOf(version),
  });
  return new FakeCore({
    'tickets.list': () => queuePage,
    'tickets.open': () => ticket,
    'proposal.create': current,
    'proposal.choose': ({ choiceId, optionId }) => {
      picks = { ...picks, [choiceId]: optionId };
      version++;
      return current();
    },
    'run.approve': () => ({ runId: 'r1', ticketId: 101, mode: 'all', status: 'running', steps: [] }),
  });
}

async function planWithChoices(core: FakeCore) {
  render(<App api={core} />);
  fireEvent.click(within(await screen.findByRole('list', { name: 'Tickets' })).getAllByRole('button')[0]!);
  fireEvent.click(await screen.findByRole('button', { name: 'Propose' }));
  await screen.findByRole('list', { name: 'Steps' });
}

describe('choices in the plan', () => {
  it('sit under their step or at the top, pick by key or click, and hold Approve until all are picked', async () => {
    const core = choosingCore();
    await planWithChoices(core);

    // the sentence choice (no step) is above the steps; the reason choice is inside step 1
    const top = screen.getByRole('group', { name: SENTENCE.question });
    expect(top.closest('ol[aria-label="Steps"]')).toBeNull();
    const step1 = screen.getByRole('listitem', { name: /Step 1/ });
    const reason = within(step1).getByRole('group', { name: REASON.question });
    expect(within(reason).getAllByRole('button').map((b) => b.textContent)).toEqual([
      '1 ordered by mistakebest matchthe customer says "I ordered by mistake"→ cancels with reason "ordered by mistake"',
      '2 no longer neededthe customer says "I no longer need it"→ cancels with reason "no longer needed"',
    ]);

    // Approve waits, and says for what; Ctrl+Enter does not approve either
    const approve = screen.getByRole('button', { name: /Approve/ });
    expect((approve as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/^2 choices to pick first:/).textContent).toContain(REASON.question);
    fireEvent.keyDown(document.body, { key: 'Enter', ctrlKey: true });
    expect(core.callsOf('run.approve')).toEqual([]);

    // key 2 on the focused reason choice picks "no longer needed", bound to the shown plan
    reason.focus();
    fireEvent.keyDown(reason, { key: '2' });
    await waitFor(() => expect(core.callsOf('proposal.choose')).toHaveLength(1));
    expect(core.callsOf('proposal.choose')[0]).toEqual({ ticketId: 101, planHash: HASH_A, choiceId: 'c1', optionId: '2' });
    await waitFor(() => expect(within(screen.getByRole('group', { name: REASON.question })).getByRole('button', { name: /no longer needed/ }).getAttribute('aria-pressed')).toBe('true'));
    // focus moved on to the choice still open
    expect(document.activeElement).toBe(screen.getByRole('group', { name: SENTENCE.question }));
    expect(screen.getByText(/^Pick first: What about/)).toBeTruthy();
    // a key beyond the options does nothing
    fireEvent.keyDown(document.activeElement!, { key: '4' });
    expect(core.callsOf('proposal.choose')).toHaveLength(1);

    // a click picks the other, against the re-composed plan's hash
    fireEvent.click(within(screen.getByRole('group', { name: SENTENCE.question })).getByRole('button', { name: /Leave it out/ }));
    await waitFor(() => expect(core.callsOf('proposal.choose')).toHaveLength(2));
    expect(core.callsOf('proposal.choose')[1]).toEqual({ ticketId: 101, planHash: hashOf(1), choiceId: 'c2', optionId: '1' });
    await waitFor(() => expect((screen.getByRole('button', { name: /Approve/ }) as HTMLButtonElement).disabled).toBe(false));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /Approve/ }));
    expect(screen.queryByText(/pick first/i)).toBeNull();

    fireEvent.keyDown(document.body, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(core.callsOf('run.approve')).toEqual([{ ticketId: 101, planHash: hashOf(2), mode: 'all', skip: [] }]));
  });
});
