// The playbooks in force, for the lead's view: where they came from and each one's rules in words.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApiOutput } from '../../../shared/api.ts';
import { errorMessage } from '../api/envelope.ts';

export type PlaybooksInForce = ApiOutput<'playbooks.list'>;

export interface PlaybooksState {
  inForce: PlaybooksInForce | null;
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
}

export const createPlaybooksStore = (api: ApiClient) =>
  createStore<PlaybooksState>()((set) => ({
    inForce: null,
    loading: false,
    error: null,
    async load() {
      set({ loading: true, error: null });
      try {
        set({ inForce: await api.call('playbooks.list', {}), loading: false });
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },
  }));
