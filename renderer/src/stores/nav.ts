// Which of the panel's views is shown.
import { createStore } from 'zustand/vanilla';

export const VIEWS = [
  { id: 'agent', label: 'Agent' },
  { id: 'lead', label: 'Team lead' },
  { id: 'qa', label: 'QA' },
  { id: 'settings', label: 'Settings' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

export interface NavState {
  view: ViewId;
  show(view: ViewId): void;
}

export const createNavStore = () =>
  createStore<NavState>()((set) => ({
    view: 'agent',
    show: (view) => set({ view }),
  }));
