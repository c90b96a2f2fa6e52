// @vitest-environment jsdom
// QA against a scripted core: runs with filters and the sampling queue, a run's timeline stepped
// through with its screenshots, a verdict saved with its comment, and the export.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from '../../renderer/src/App.tsx';
import { FakeCore } from './fake-core.ts';
import { openedRun, runs } from './fixtures.ts';

afterEach(cleanup);

function qaCore() {
  return new FakeCore({
    'runs.list': () => runs,
    'runs.sample': () => [runs[1]!],
    'runs.open': () => openedRun,
    'runs.verdict': () => ({ ok: true }),
    'runs.export': () => ({ fileName: 'run-101-1.legwork-run.json', text: '{}' }),
  });
}

describe('QA view', () => {
  it('filters runs, opens one, steps through its timeline and saves a verdict', async () => {
    const core = qaCore();
    render(<App api={core} />);
    fireEvent.click(screen.getByRole('tab', { name: 'QA' }));
    const list = await screen.findByRole('list', { name: 'Runs' });
    expect(within(list).getAllByRole('button')).toHaveLength(2);

    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'completed' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-05-14' } });
    fireEvent.change(screen.getByLabelText('Agent'), { target: { value: ' ana ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await screen.findByRole('list', { name: 'Runs' });
    expect(core.callsOf('runs.list').at(-1)).toEqual({ outcome: 'completed', since: '2025-05-14T00:00:00.000Z', agent: 'ana', limit: 200 });

    fireEvent.click(screen.getByRole('button', { name: 'Sampling queue' }));
    const sampled = await screen.findByRole('list', { name: 'Sampled runs' });
    expect(within(sampled).getAllByRole('button')).toHaveLength(1);
    expect(core.callsOf('runs.sample')).toEqual([{ share: 0.1, seed: 1 }]);

    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    fireEvent.click(within(await screen.findByRole('list', { name: 'Runs' })).getByRole('button', { name: /Ticket #101/ }));

    await screen.findByRole('heading', { name: 'Run run-101-1' });
    expect(screen.getByText("Verified: the trace's hash chain is intact.").getAttribute('role')).toBe('status');
    expect(screen.getByText('ana and lee')).toBeTruthy();

    // the steps: action in words, status, duration; the first one's detail with both screenshots and the read-back
    const steps = screen.getByRole('list', { name: 'Steps of the run' });
    expect(within(steps).getAllByRole('button').map((b) => b.textContent)).toEqual([
      '1. orders cancel pending orderDone · 2.3 s · screenshots',
      '2. helpdesk reply to customerNot run',
    ]);
    const first = screen.getByRole('article', { name: 'Step 1: cancel pending order' });
    expect(within(first).getByRole<HTMLImageElement>('img', { name: 'Screenshot before step 1' }).src).toBe(`https://blobs.test/${'d'.repeat(64)}`);
    expect(within(first).getByRole<HTMLImageElement>('img', { name: 'Screenshot after step 1' }).src).toBe(`https://blobs.test/${'e'.repeat(64)}`);
    expect(within(first).getByText('ordered by mistake')).toBeTruthy();
    expect(within(first).getByText(/took 2\.3 s/)).toBeTruthy();
    expect(within(first).getByLabelText('Read back').textContent).toBe('statuscancelled');
    expect(within(first).getByText('Needs your approval (team rule: cancellations are checked)')).toBeTruthy();
    // keyboard: ↓ moves to the next step and focus follows
    within(steps).getAllByRole('button')[0]!.focus();
    fireEvent.keyDown(steps, { key: 'ArrowDown' });
    const second = screen.getByRole('article', { name: 'Step 2: reply to customer' });
    expect(within(second).getByText('Not run: the agent skipped it')).toBeTruthy();
    expect(document.activeElement).toBe(within(steps).getAllByRole('button')[1]);
    fireEvent.keyDown(steps, { key: 'Home' });
    expect(screen.getByRole('article', { name: 'Step 1: cancel pending order' })).toBeTruthy();

    // every event stays reachable, in order
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    expect(within(timeline).getAllByRole('button').map((b) => b.querySelector('.row-title')?.textContent)).toEqual([
      'Run started',
      'Plan proposed',
      'Approved',
      'Step about to run',
      'Step result',
      'Step skipped',
      'Run finished',
    ]);
    const stepper = screen.getByRole('region', { name: 'Step through events' });
    fireEvent.click(within(timeline).getByRole('button', { name: /Step result/ }));
    expect(within(stepper).getByRole<HTMLImageElement>('img', { name: 'Screenshot before the step' }).src).toBe(`https://blobs.test/${'d'.repeat(64)}`);
    expect(within(stepper).getByRole<HTMLImageElement>('img', { name: 'Screenshot after the step' }).src).toBe(`https://blobs.test/${'e'.repeat(64)}`);

    fireEvent.click(screen.getByRole('radio', { name: 'Needs follow-up' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Comment' }), { target: { value: 'Reason came from the ticket only; check the call recording.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save verdict' }));
    await screen.findByText('Verdict saved.');
    expect(core.callsOf('runs.verdict')).toEqual([{ runId: 'run-101-1', verdict: 'needs_follow_up', comment: 'Reason came from the ticket only; check the call recording.' }]);
  });

  it('a run that asked the customer reads "asked the customer", not completed', async () => {
    const asked = { ...openedRun, summary: { ...runs[0]!, playbooks: [], outcome: 'asked' } };
    asked.events = openedRun.events.map((e) => ((e as { type: string }).type === 'plan' ? { ...(e as object), data: { plan: { outcome: 'ask', requests: [{ playbook: 'hand_over', summary: 'the customer could not be identified' }], steps: [] } } } : e));
    const core = new FakeCore({ 'runs.list': () => [asked.summary], 'runs.open': () => asked });
    render(<App api={core} />);
    fireEvent.click(screen.getByRole('tab', { name: 'QA' }));
    const row = within(await screen.findByRole('list', { name: 'Runs' })).getByRole('button', { name: /Ticket #101/ });
    expect(row.textContent).toMatch(/a question to the customer/);
    expect(row.textContent).toMatch(/asked the customer/);
    fireEvent.click(row);
    await screen.findByRole('heading', { name: 'Run run-101-1' });
    expect(screen.getByText('asked the customer')).toBeTruthy();
  });

  it('shows the problems of a run whose trace does not verify', async () => {
    const broken = new FakeCore({ 'runs.list': () => runs, 'runs.open': () => ({ ...openedRun, verified: false, problems: ['event 3: hash does not match'] }) });
    render(<App api={broken} />);
    fireEvent.click(screen.getByRole('tab', { name: 'QA' }));
    fireEvent.click(within(await screen.findByRole('list', { name: 'Runs' })).getByRole('button', { name: /Ticket #101/ }));
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toMatch(/Not verified/);
    expect(banner.textContent).toMatch(/event 3: hash does not match/);
  });
});
