// @vitest-environment jsdom
// The team lead's view against a scripted core: the policy editor validates as you type and lists
// the errors, previews what would change, installs a signed file; metrics render as labelled charts.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../renderer/src/App.tsx';
import { FakeCore } from './fake-core.ts';
import { metrics, playbooksInForce, policy } from './fixtures.ts';

afterEach(cleanup);

function leadCore() {
  return new FakeCore({
    'policy.get': () => ({ policy, source: '/home/ana/.legwork/policy.signed.json', signedBy: 'lead-key-1' }),
    'policy.validate': ({ text }) => {
      try {
        JSON.parse(text);
        return { ok: true, errors: [] };
      } catch {
        return { ok: false, errors: ['line 1: not valid JSON', 'playbooks: required'] };
      }
    },
    'policy.preview': () => ({ changes: [{ runId: 'run-101-1', stepId: 's1', action: 'cancel_pending_order', before: 'auto', after: 'approve' }] }),
    'policy.install': () => ({ ok: true }),
    'metrics.get': () => metrics,
    'playbooks.list': () => playbooksInForce,
  });
}

async function openLead(core: FakeCore) {
  render(<App api={core} />);
  fireEvent.click(screen.getByRole('tab', { name: 'Team lead' }));
  expect(screen.getByRole('tab', { name: 'Team lead', selected: true })).toBeTruthy();
  return screen.findByRole('textbox', { name: 'Policy (JSON)' });
}

describe('team lead view', () => {
  it('validates the policy as it is typed and lists the errors', async () => {
    const core = leadCore();
    const editor = (await openLead(core)) as HTMLTextAreaElement;
    await waitFor(() => expect(editor.value).toContain('"cancel_pending_order": "approve"'));
    expect(screen.getByText(/signed by lead-key-1/)).toBeTruthy();

    fireEvent.change(editor, { target: { value: '{"version": 1,' } });
    const errors = await screen.findByRole('list', { name: 'Policy errors' });
    expect(within(errors).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['line 1: not valid JSON', 'playbooks: required']);
    expect(editor.getAttribute('aria-invalid')).toBe('true');
    expect(core.callsOf('policy.validate').at(-1)).toEqual({ text: '{"version": 1,' });

    fireEvent.change(editor, { target: { value: JSON.stringify({ ...policy, version: 2 }) } });
    await screen.findByText('The draft is a valid policy.');
    expect(screen.queryByRole('list', { name: 'Policy errors' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'What would change' }));
    const table = await screen.findByRole('table', { name: /Decisions that would change in recent runs \(1\)/ });
    expect(within(table).getByText('cancel pending order')).toBeTruthy();
    expect(within(table).getByText('approve')).toBeTruthy();
    expect(core.callsOf('policy.preview')).toEqual([{ text: JSON.stringify({ ...policy, version: 2 }) }]);
  });

  it('installs a pasted signed policy and says signing happens offline', async () => {
    const core = leadCore();
    await openLead(core);
    expect(screen.getByText(/Signing happens offline with your private key/)).toBeTruthy();
    const install = screen.getByRole('button', { name: 'Install signed policy' }) as HTMLButtonElement;
    expect(install.disabled).toBe(true);
    fireEvent.change(screen.getByRole('textbox', { name: 'Or paste the signed policy' }), { target: { value: '{"policy":{},"signature":"abc"}' } });
    fireEvent.click(install);
    await screen.findByText(/Installed: the signed policy is now in force/);
    expect(core.callsOf('policy.install')).toEqual([{ signedText: '{"policy":{},"signature":"abc"}' }]);
  });

  it('shows metrics per playbook as charts with their values', async () => {
    await openLead(leadCore());
    const autonomy = await screen.findByRole('img', { name: /^Autonomy rate\./ });
    expect(autonomy.getAttribute('aria-label')).toBe('Autonomy rate. cancel order (42): 62 %; return items (17): 35 %; billing discrepancy (9): 11 %');
    expect(screen.getByRole('img', { name: /^Completion\./ }).getAttribute('aria-label')).toContain('cancel order (42): 95 %');
    expect(screen.getByRole('img', { name: /^Time saved\./ }).getAttribute('aria-label')).toContain('cancel order (42): 3.5 h');
    expect(within(autonomy).getByText('62 %')).toBeTruthy();
  });
});
