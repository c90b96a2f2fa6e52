// @vitest-environment jsdom
// The agent's queue against a scripted core: open work by default with counts per status, a
// search sent to core, paging over every ticket, and a line of each customer's message.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../renderer/src/App.tsx';
import { FakeCore } from './fake-core.ts';
import { queue } from './fixtures.ts';

afterEach(cleanup);

describe('queue', () => {
  it('shows open work first with counts, searches, and pages through every ticket', async () => {
    const core = new FakeCore({
      'tickets.list': ({ page = 1, q }) => ({
        tickets: q ? [queue[2]!] : page === 1 ? queue.slice(0, 2) : [{ ...queue[2]!, waitingForApproval: true }],
        page: q ? 1 : page,
        pages: q ? 1 : 2,
        total: q ? 1 : 23,
        counts: { new: 12, open: 6, pending: 5, solved: 40 },
        complete: true,
      }),
    });
    render(<App api={core} />);
    const list = await screen.findByRole('list', { name: 'Tickets' });
    expect(within(list).getAllByRole('button')).toHaveLength(2);
    // a line of what the customer wrote, where the helpdesk gives one
    expect(within(list).getByRole('button', { name: /#101 / }).textContent).toContain('Hi, I ordered by mistake. Please cancel order #W2378156');
    expect(core.callsOf('tickets.list')[0]).toEqual({ view: 'open_work', page: 1 });
    const show = screen.getByRole('combobox', { name: 'Show' }) as HTMLSelectElement;
    expect([...show.options].map((o) => o.textContent)).toEqual(['Open work (23)', 'New (12)', 'Open (6)', 'Pending (5)', 'Solved (40)', 'All (63)']);
    expect(screen.getByText('Page 1 of 2 · 23 tickets')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Next →' }));
    await waitFor(() => expect(screen.getByText('Page 2 of 2 · 23 tickets')).toBeTruthy());
    expect(core.callsOf('tickets.list').at(-1)).toEqual({ view: 'open_work', page: 2 });
    expect(within(screen.getByRole('list', { name: 'Tickets' })).getByText('waiting for second approval')).toBeTruthy();

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search tickets' }), { target: { value: ' charged twice ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(core.callsOf('tickets.list').at(-1)).toEqual({ view: 'open_work', page: 1, q: 'charged twice' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Tickets' })).getAllByRole('button')).toHaveLength(1));
    expect(screen.queryByRole('navigation', { name: 'Queue pages' })).toBeNull();

    fireEvent.change(show, { target: { value: 'solved' } });
    await waitFor(() => expect(core.callsOf('tickets.list').at(-1)).toEqual({ view: 'solved', page: 1, q: ' charged twice '.trim() }));
  });
});
