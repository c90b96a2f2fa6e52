// @vitest-environment jsdom
// The lead's view lists the playbooks in force against a scripted core: where the set came from,
// each playbook's rules in words, and a failure to load shown as an error.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from '../../renderer/src/App.tsx';
import { ApiCallError } from '../../renderer/src/api/envelope.ts';
import { FakeCore } from './fake-core.ts';
import { metricsReport, playbooksInForce, policy } from './fixtures.ts';

afterEach(cleanup);

const core = (list: () => typeof playbooksInForce) =>
  new FakeCore({ 'policy.get': () => ({ policy, source: 'built-in', signedBy: null }), 'policy.validate': () => ({ ok: true, errors: [] }), 'metrics.report': () => metricsReport, 'metrics.configure': () => ({ ok: true }), 'policy.signingKey': () => ({ protection: 'passphrase', keyId: null, trustedKeyId: null }), 'playbooks.list': list });

describe('playbooks in the lead view', () => {
  it('lists the installed set, each playbook with its rules in words', async () => {
    render(<App api={core(() => playbooksInForce)} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Team lead' }));
    const list = await screen.findByRole('list', { name: 'Playbooks' });
    expect(screen.getByText(/playbook set version 2 \(2 playbooks\)/)).toBeTruthy();
    expect(within(list).getByText('Resend the order confirmation')).toBeTruthy();
    const rules = within(list).getByRole('list', { name: 'Rules of Return items of a delivered order' });
    expect(within(rules).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['returns only within 30 days of delivery', 'only a delivered order']);
  });

  it('shows why the playbooks could not be listed', async () => {
    render(
      <App
        api={core(() => {
          throw new ApiCallError('internal', 'the playbooks could not be read');
        })}
      />,
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Team lead' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/the playbooks could not be read/);
  });
});
