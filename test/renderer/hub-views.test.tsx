// @vitest-environment jsdom
// The lead's and QA's views on a desk enrolled in a team hub, against a scripted core: the panel
// asks core whether there is a hub, people sign in with their hub name and password, every call then
// carries the session core gave (never an address or a token of the hub's), a request announced by
// the hub appears without a refresh, and a decision carries the key passphrase that signs it.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from '../../renderer/src/App.tsx';
import type { ApprovalRequest } from '../../shared/api.ts';
import { FakeCore } from './fake-core.ts';
import { HASH_A, metricsReport, openedRun, playbooksInForce, policy, runs } from './fixtures.ts';

afterEach(cleanup);

const session = 'h'.repeat(32);
const hub = { connected: true, desk: 'desk-lena', user: 'lena' };
const request: ApprovalRequest = {
  id: 'ar-1',
  ticketId: 104,
  subject: 'cancel #W7',
  planHash: HASH_A,
  requestedBy: 'ana',
  requestedAt: '2025-05-14T09:14:00Z',
  status: 'pending',
  desk: 'desk-ana',
  steps: [{ stepId: 's1', action: 'cancel_pending_order', amount: 182.03, reason: 'cancel_pending_order of $182.03 is above the $25 approve cap', expectedEffect: '#W7 is cancelled' }],
};

describe('the panel on a desk with a team hub', () => {
  it("the lead signs in on the hub, sees a request arrive live, and grants it with the key's passphrase", { timeout: 120_000 }, async () => {
    const core = new FakeCore({
      'hub.status': () => hub,
      'policy.get': () => ({ policy, source: 'built-in', signedBy: null }),
      'policy.validate': () => ({ ok: true, errors: [] }),
      'metrics.report': () => metricsReport,
      'policy.signingKey': () => ({ protection: 'passphrase', keyId: 'k'.repeat(16), trustedKeyId: 'k'.repeat(16) }),
      'playbooks.list': () => playbooksInForce,
      'approvals.signIn': () => ({ session, name: 'lena' }),
      'approvals.list': () => [],
      'approvals.decide': ({ grant }) => ({ ...request, status: grant ? 'granted' : 'declined', decidedBy: 'lena' }),
    });
    render(<App api={core} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Team lead' }));
    fireEvent.change(await screen.findByLabelText('Name on the hub'), { target: { value: 'lena' } });
    fireEvent.change(screen.getByLabelText('Hub password'), { target: { value: 'a long hub password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByText('Nothing waits for a second approval on the team hub.');
    expect(screen.getByText('Signed in as lena on the team hub')).toBeTruthy();

    core.emit({ type: 'approvals.changed', request });
    const card = within(await screen.findByRole('list', { name: 'Waiting for second approval' })).getByRole('listitem', { name: 'Ticket #104' });
    expect(card.textContent).toMatch(/Asked by ana at desk-ana/);
    const grant = within(card).getByRole('button', { name: 'Grant second approval' }) as HTMLButtonElement;
    expect(grant.disabled).toBe(true); // the decision is signed: the key's passphrase first
    fireEvent.change(within(card).getByLabelText('Signing key passphrase'), { target: { value: 'the key passphrase' } });
    fireEvent.click(grant);
    await screen.findByText('Granted: desk-ana runs ticket #104 now.');
    expect(core.callsOf('approvals.decide')).toEqual([{ session, requestId: 'ar-1', grant: true, note: '', passphrase: 'the key passphrase' }]);
    // decided elsewhere: the list follows the hub
    core.emit({ type: 'approvals.changed', request: { ...request, status: 'declined', decidedBy: 'lux', note: 'no' } });
    expect(screen.queryByRole('listitem', { name: 'Ticket #104' })).toBeNull();
  });

  it('QA signs in on the hub; every list, open and verdict carries the session; rows name the desk', async () => {
    const core = new FakeCore({
      'hub.status': () => hub,
      'hub.signIn': ({ password }) => {
        if (password !== 'a long hub password') throw new Error('the hub refused the sign-in');
        return { session, name: 'quinn', role: 'qa' };
      },
      'runs.list': () => runs.map((r) => ({ ...r, desk: 'desk-ana' })),
      'runs.open': () => openedRun,
      'runs.verdict': () => ({ ok: true }),
    });
    render(<App api={core} />);
    fireEvent.click(screen.getByRole('tab', { name: 'QA' }));
    fireEvent.change(await screen.findByLabelText('Name on the hub'), { target: { value: 'quinn' } });
    fireEvent.change(screen.getByLabelText('Hub password'), { target: { value: 'a long hub password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const list = await screen.findByRole('list', { name: 'Runs' });
    expect(screen.getByText(/Every desk, from the team hub · signed in as quinn/)).toBeTruthy();
    expect(within(list).getAllByRole('button')[0]!.textContent).toMatch(/ at desk-ana/);
    expect(core.callsOf('runs.list').every((c) => c.session === session)).toBe(true);
    fireEvent.click(within(list).getAllByRole('button')[0]!);
    fireEvent.click(await screen.findByRole('radio', { name: 'Pass' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save verdict' }));
    await screen.findByText('Verdict saved.');
    expect(core.callsOf('runs.open')[0]!.session).toBe(session);
    expect(core.callsOf('runs.verdict')[0]).toMatchObject({ session, verdict: 'pass' });
  });
});
