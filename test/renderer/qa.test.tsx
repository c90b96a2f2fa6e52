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
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    expect(within(timeline).getAllByRole('button').map((b) => b.querySelector('.row-title')?.textContent)).toEqual([
      'Run started',
      'Approved',
      'Step about to run',
      'Step result',
      'Run finished',
    ]);
    const stepper = screen.getByRole('region', { name: 'Step through events' });
    fireEvent.click(within(stepper).getByRole('button', { name: 'Next →' }));
    expect(within(stepper).getByText('approver: ana')).toBeTruthy();
    fireEvent.keyDown(stepper, { key: 'ArrowRight' });
    expect(within(stepper).getByText(/decision: approve \(cancellations run after the agent approves\)/)).toBeTruthy();
    expect(within(stepper).getByText('ordered by mistake')).toBeTruthy();
    fireEvent.click(within(timeline).getByRole('button', { name: /Step result/ }));
    expect(within(stepper).getByRole<HTMLImageElement>('img', { name: 'Screenshot before the step' }).src).toBe(`https://blobs.test/${'d'.repeat(64)}`);
    expect(within(stepper).getByRole<HTMLImageElement>('img', { name: 'Screenshot after the step' }).src).toBe(`https://blobs.test/${'e'.repeat(64)}`);

    fireEvent.click(screen.getByRole('radio', { name: 'Needs follow-up' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Comment' }), { target: { value: 'Reason came from the ticket only; check the call recording.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save verdict' }));
    await screen.findByText('Verdict saved.');
    expect(core.callsOf('runs.verdict')).toEqual([{ runId: 'run-101-1', verdict: 'needs_follow_up', comment: 'Reason came from the ticket only; check the call recording.' }]);
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
