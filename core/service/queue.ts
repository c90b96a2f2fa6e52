// The agent's queue over every ticket: each status read in full from the helpdesk (page by page,
// with the search the helpdesk offers), counted per status, and served a page at a time. The
// default view is the work still open (new, open, pending — new first); "all" lists solved last.
import type { ApiHandlers } from '../api/handlers.ts';
import type { TicketSummary } from '../../shared/api.ts';
import { ServiceError, unwrap, type ServiceContext } from './context.ts';

export const QUEUE_STATUSES = ['new', 'open', 'pending', 'solved'] as const;
const OPEN_WORK = ['new', 'open', 'pending'];
export const PAGE_SIZE = 20;
/** pages read per status at most: a queue beyond this says so */
const MAX_PAGES = 50;

export function queueHandlers({ legwork }: ServiceContext, waiting: () => Set<number>): Pick<ApiHandlers, 'tickets.list'> {
  async function everyTicket(status: string, q: string | undefined): Promise<{ tickets: TicketSummary[]; complete: boolean }> {
    const tickets: TicketSummary[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const got = unwrap(await legwork.queuePage({ status, ...(q ? { q } : {}), page }));
      tickets.push(...got.tickets);
      if (got.page >= got.pages) return { tickets, complete: true };
    }
    return { tickets, complete: false };
  }

  return {
    async 'tickets.list'({ view, q, page }) {
      if (view !== 'open_work' && view !== 'all' && !(QUEUE_STATUSES as readonly string[]).includes(view)) {
        throw new ServiceError('invalid_input', `view must be open_work, all or one of ${QUEUE_STATUSES.join(', ')}, not "${view.slice(0, 40)}"`);
      }
      const byStatus: Record<string, TicketSummary[]> = {};
      let complete = true;
      for (const status of QUEUE_STATUSES) {
        const read = await everyTicket(status, q?.trim() || undefined);
        byStatus[status] = read.tickets;
        complete &&= read.complete;
      }
      const counts = Object.fromEntries(QUEUE_STATUSES.map((s) => [s, byStatus[s]!.length]));
      const shown = view === 'open_work' ? OPEN_WORK : view === 'all' ? [...QUEUE_STATUSES] : [view];
      const held = waiting();
      const rows = shown.flatMap((s) => byStatus[s]!).map((t) => (held.has(t.id) ? { ...t, waitingForApproval: true } : t));
      const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
      const at = Math.min(page, pages);
      return { tickets: rows.slice((at - 1) * PAGE_SIZE, at * PAGE_SIZE), page: at, pages, total: rows.length, counts, complete };
    },
  };
}
