// @vitest-environment jsdom
// A lead's second approvals in the panel, against a scripted core: sign in with name and
// passphrase (a refusal is shown), the requests waiting, a decline that needs a why, a grant.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from '../../renderer/src/App.tsx';
import { ApiCallError } from '../../renderer/src/api/envelope.ts';
import type { ApprovalRequest } from '../../shared/api.ts';
import { FakeCore } from './fake-core.ts';
import { HASH_A, metricsReport, playbooksInForce, policy } from './fixtures.ts';

afterEach(cleanup);

const waiting: ApprovalRequest = {
  id: 'a-1',
  ticketId: 103,
  subject: 'check the charges of #W9',
  planHash: HASH_A,
  requestedBy: 'ana',
  requestedAt: '2025-05-14T09:14:00Z',
  status: 'pending',
  steps: [{ stepId: 's1', action: 'adjust_charge', amount: 903.95, reason: 'adjust_charge of $903.95 is above the $500 approve cap', expectedEffect: '$903.95 of charge ch_9 is given back' }],
};

describe('second approvals for a lead', () => {
  it('signs in, lists what waits, refuses a decline without why, and grants', async () => {
    const session = 's'.repeat(32);
    const core = new FakeCore({
      'policy.get': () => ({ policy, source: 'built-in', signedBy: null }),
      'policy.validate': () => ({ ok: true, errors: [] }),
      'metrics.report': () => metricsReport,
      'policy.signingKey': () => ({ protection: 'passphrase', keyId: null, trustedKeyId: null }),
      'playbooks.list': () => playbooksInForce,
      'playbooks.files': () => ({ version: 2, files: [], templates: [] }),
      'playbooks.draft': () => null,
      'approvals.signIn': ({ passphrase }) => {
        if (passphrase !== 'a long lead passphrase') throw new ApiCallError('invalid_input', 'that name and passphrase do not match an approver set up here');
        return { session, name: 'Lee' };
      },
      'approvals.list': () => [waiting],
      'approvals.decide': ({ grant, note }) => ({ ...waiting, status: grant ? 'granted' : 'declined', decidedBy: 'Lee', note, runId: 'r1' }),
    });
    render(<App api={core} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Team lead' }));
    fireEvent.change(screen.getByLabelText('Approver name'), { target: { value: 'Lee' } });
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'guess' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/do not match an approver/);

    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'a long lead passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const card = within(await screen.findByRole('list', { name: 'Waiting for second approval' })).getByRole('listitem', { name: 'Ticket #103' });
    expect(screen.getByText('Signed in as Lee')).toBeTruthy();
    expect(card.textContent).toMatch(/adjust charge · \$903\.95: \$903\.95 of charge ch_9 is given back \(\$903\.95 is over the team's \$500 limit for one approver\)/);
    expect(card.textContent).toMatch(/Asked by ana/);
    expect((within(card).getByRole('button', { name: 'Decline' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(within(card).getByRole('button', { name: 'Grant second approval' }));
    await screen.findByText('Granted: the run for ticket #103 has started.');
    expect(core.callsOf('approvals.decide')).toEqual([{ session, requestId: 'a-1', grant: true, note: '' }]);
    // the session, not a typed name, names the approver on every call
    expect(core.callsOf('approvals.list')).toEqual([{ session }]);
  });
});
