// The agent's ticket queue, filtered by status.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, TicketSummary } from '../../../shared/api.ts';
import { errorMessage } from '../api/envelope.ts';

export interface QueueState {
  /** '' = every status */
  status: string;
  tickets: TicketSummary[];
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
  setStatus(status: string): Promise<void>;
}

export const createQueueStore = (api: ApiClient) =>
  createStore<QueueState>()((set, get) => ({
    status: '',
    tickets: [],
    loading: false,
    error: null,
    async load() {
      set({ loading: true, error: null });
      try {
        const status = get().status;
        const tickets = await api.call('tickets.queue', status ? { status } : {});
        set({ tickets, loading: false });
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },
    async setStatus(status) {
      set({ status });
      await get().load();
    },
  }));
