// Settings: planner, LLM endpoint and model, the agent's name. The API key is write-only: it is
// sent once to core and never comes back (settings.get only says whether one is stored).
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApiInput, Settings } from '../../../shared/api.ts';
import { errorMessage } from '../api/envelope.ts';

export interface SettingsState {
  settings: Settings | null;
  saving: boolean;
  saved: boolean;
  error: string | null;
  load(): Promise<void>;
  save(patch: ApiInput<'settings.set'>): Promise<boolean>;
}

export const createSettingsStore = (api: ApiClient) =>
  createStore<SettingsState>()((set) => ({
    settings: null,
    saving: false,
    saved: false,
    error: null,
    async load() {
      set({ error: null });
      try {
        set({ settings: await api.call('settings.get', {}) });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
    async save(patch) {
      set({ saving: true, saved: false, error: null });
      try {
        const settings = await api.call('settings.set', patch);
        set({ settings, saving: false, saved: true });
        return true;
      } catch (error) {
        set({ saving: false, error: errorMessage(error) });
        return false;
      }
    },
  }));
