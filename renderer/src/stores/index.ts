// One store per concern, created per panel (so each test and each window has its own).
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../../shared/api.ts';
import { createApprovalsStore, type ApprovalsState } from './approvals.ts';
import { createMetricsStore, type MetricsState } from './metrics.ts';
import { createNavStore, type NavState } from './nav.ts';
import { createPolicyStore, type PolicyState } from './policy.ts';
import { createPlaybooksStore, type PlaybooksState } from './playbooks.ts';
import { createPlaybookEditorStore, type PlaybookEditorState } from './playbook-editor.ts';
import { createQaStore, type QaState } from './qa.ts';
import { createQueueStore, type QueueState } from './queue.ts';
import { createSettingsStore, type SettingsState } from './settings.ts';
import { createWorkStore, type WorkState } from './work.ts';

interface States {
  nav: NavState;
  queue: QueueState;
  work: WorkState;
  policy: PolicyState;
  playbooks: PlaybooksState;
  playbookEditor: PlaybookEditorState;
  approvals: ApprovalsState;
  metrics: MetricsState;
  qa: QaState;
  settings: SettingsState;
}
type StoreMap = { [K in keyof States]: StoreApi<States[K]> };
export type Stores = { api: ApiClient } & StoreMap;

export function createStores(api: ApiClient): Stores {
  return {
    api,
    nav: createNavStore(),
    queue: createQueueStore(api),
    work: createWorkStore(api),
    policy: createPolicyStore(api),
    playbooks: createPlaybooksStore(api),
    playbookEditor: createPlaybookEditorStore(api),
    approvals: createApprovalsStore(api),
    metrics: createMetricsStore(api),
    qa: createQaStore(api),
    settings: createSettingsStore(api),
  };
}

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('the panel is rendered without its stores');
  return stores;
}

/** A slice of one store, e.g. `useSlice('work', (s) => s.proposal)`. */
export function useSlice<K extends keyof States, T>(key: K, selector: (state: States[K]) => T): T {
  const stores: StoreMap = useStores();
  return useStore(stores[key], selector);
}
