// @vitest-environment jsdom
// The team lead's metrics against a scripted core: the whole team's figures, the trend, per playbook
// and per agent as labelled charts with their values, hand-over reasons ranked, and the baselines
// shown and editable (the policy form has its own tests in policy-form.test.tsx).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../renderer/src/App.tsx';
import { FakeCore } from './fake-core.ts';
import { metricsReport, playbooksInForce, policy } from './fixtures.ts';

afterEach(cleanup);

function leadCore() {
  return new FakeCore({
    'policy.get': () => ({ policy, source: '"Support team"', signedBy: 'lead-key-1' }),
    'metrics.report': () => metricsReport,
    'metrics.configure': () => ({ ok: true }),
    'playbooks.list': () => playbooksInForce,
  });
}

async function openLead(core: FakeCore) {
  render(<App api={core} />);
  fireEvent.click(screen.getByRole('tab', { name: 'Team lead' }));
  await screen.findByText(/In force:/);
}

describe('team lead metrics', () => {
  it('answers per playbook and per agent over the chosen period, with a trend and hand-over reasons', async () => {
    const core = leadCore();
    await openLead(core);
    const team = await screen.findByLabelText('Everyone, this period');
    expect(team.textContent).toContain('Tickets resolved60in 68 runs');
    expect(team.textContent).toContain('Work automated89 %410 of 462 steps by Legwork');
    expect(team.textContent).toContain('Cost per resolution$0.91');
    expect(screen.getByRole('img', { name: /^Tickets resolved per day\./ }).getAttribute('aria-label')).toMatch(/(14 May|May 14): 12$/);

    const autonomy = screen.getByRole('img', { name: /^Autonomy rate\./ });
    expect(autonomy.getAttribute('aria-label')).toBe('Autonomy rate. cancel order (42): 62 %; return items (17): 35 %; billing discrepancy (9): 11 %');
    expect(within(autonomy).getByText('62 %')).toBeTruthy();
    expect(screen.getByRole('img', { name: /^Work automated\./ }).getAttribute('aria-label')).toContain('cancel order (42): 250 of 262');
    expect(screen.getByRole('img', { name: /^Time saved\./ }).getAttribute('aria-label')).toContain('cancel order (42): 3.5 h');
    expect(screen.getByRole('img', { name: /^Cost per resolution\./ }).getAttribute('aria-label')).toContain('billing discrepancy (9): $1.60');
    expect(screen.getByRole('img', { name: /^Why tickets were handed over\./ }).getAttribute('aria-label')).toBe(
      'Why tickets were handed over. adjust charge: system error: 4; the customer asks for something no playbook serves: 3; cancel pending order: precondition failed: 1',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Per agent' }));
    expect(screen.getByRole('img', { name: /^Tickets resolved\./ }).getAttribute('aria-label')).toBe('Tickets resolved. ana (50): 45; ben (18): 15');

    fireEvent.change(screen.getByLabelText('Period'), { target: { value: '90' } });
    await waitFor(() => expect(core.callsOf('metrics.report').at(-1)).toMatchObject({ bucket: 'week', since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }));
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'all' } });
    await waitFor(() => expect(core.callsOf('metrics.report').at(-1)).toEqual({ bucket: 'week' }));
  });

  it('shows the manual baselines and saves the lead\'s own, or goes back to the default', async () => {
    const core = leadCore();
    await openLead(core);
    const cancel = (await screen.findByLabelText('cancel order (minutes by hand)')) as HTMLInputElement;
    expect(cancel.value).toBe('6');
    fireEvent.change(cancel, { target: { value: 'abc' } });
    expect(screen.getByText('enter minutes from 0 to 1440')).toBeTruthy();
    fireEvent.blur(cancel);
    expect(core.callsOf('metrics.configure')).toEqual([]);
    fireEvent.change(cancel, { target: { value: '9' } });
    fireEvent.blur(cancel);
    await waitFor(() => expect(core.callsOf('metrics.configure')).toEqual([{ baseline: { playbook: 'cancel_order', minutes: 9 } }]));
    fireEvent.click(screen.getByRole('button', { name: 'Use the default' }));
    await waitFor(() => expect(core.callsOf('metrics.configure').at(-1)).toEqual({ baseline: { playbook: 'return_items', minutes: null } }));
    const rate = screen.getByLabelText('Agent time costs, per hour ($)');
    fireEvent.change(rate, { target: { value: '42' } });
    fireEvent.blur(rate);
    await waitFor(() => expect(core.callsOf('metrics.configure').at(-1)).toEqual({ agentHourlyUsd: 42 }));
  });
});
