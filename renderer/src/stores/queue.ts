// The agent's ticket queue: a view (open work by default, a status, or all), a search, and a page
// at a time over every ticket, with the count of each status.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApiOutput, TicketSummary } from '../../../shared/api.ts';
import { errorMessage } from '../api/envelope.ts';

export interface QueueState {
  /** 'open_work' (new, open, pending), 'all', or one status */
  view: string;
  q: string;
  page: number;
  pages: number;
  total: number;
  counts: Record<string, number>;
  complete: boolean;
  tickets: TicketSummary[];
  loading: boolean;
  error: string | null;
  /** loads a page (default the one shown); the page number changes with the tickets, never before them */
  load(page?: number): Promise<void>;
  setView(view: string): Promise<void>;
  search(q: string): Promise<void>;
  goTo(page: number): Promise<void>;
}

export const createQueueStore = (api: ApiClient) =>
  createStore<QueueState>()((set, get) => ({
    view: 'open_work',
    q: '',
    page: 1,
    pages: 1,
    total: 0,
    counts: {},
    complete: true,
    tickets: [],
    loading: false,
    error: null,
    async load(page = get().page) {
      set({ loading: true, error: null });
      try {
        const { view, q } = get();
        const got: ApiOutput<'tickets.list'> = await api.call('tickets.list', { view, page, ...(q.trim() ? { q: q.trim() } : {}) });
        set({ ...got, loading: false });
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },
    async setView(view) {
      set({ view, page: 1 });
      await get().load();
    },
    async search(q) {
      set({ q, page: 1 });
      await get().load();
    },
    async goTo(page) {
      await get().load(page);
    },
  }));
