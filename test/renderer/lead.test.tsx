// @vitest-environment jsdom
// The team lead's view against a scripted core: metrics render as labelled charts (the policy form
// has its own tests in policy-form.test.tsx).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from '../../renderer/src/App.tsx';
import { FakeCore } from './fake-core.ts';
import { metrics, policy } from './fixtures.ts';

afterEach(cleanup);

function leadCore() {
  return new FakeCore({
    'policy.get': () => ({ policy, source: '/home/ana/.legwork/policy.signed.json', signedBy: 'lead-key-1' }),
    'metrics.get': () => metrics,
  });
}

async function openLead(core: FakeCore) {
  render(<App api={core} />);
  fireEvent.click(screen.getByRole('tab', { name: 'Team lead' }));
  expect(screen.getByRole('tab', { name: 'Team lead', selected: true })).toBeTruthy();
  await screen.findByText(/In force:/);
}

describe('team lead view', () => {
  it('shows metrics per playbook as charts with their values', async () => {
    await openLead(leadCore());
    const autonomy = await screen.findByRole('img', { name: /^Autonomy rate\./ });
    expect(autonomy.getAttribute('aria-label')).toBe('Autonomy rate. cancel order (42): 62 %; return items (17): 35 %; billing discrepancy (9): 11 %');
    expect(screen.getByRole('img', { name: /^Completion\./ }).getAttribute('aria-label')).toContain('cancel order (42): 95 %');
    expect(screen.getByRole('img', { name: /^Time saved\./ }).getAttribute('aria-label')).toContain('cancel order (42): 3.5 h');
    expect(within(autonomy).getByText('62 %')).toBeTruthy();
  });
});
