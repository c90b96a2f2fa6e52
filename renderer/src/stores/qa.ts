// QA: runs with filters or the sampling queue, one run opened as a timeline, its verdict, export.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApiOutput, RunSummary } from '../../../shared/api.ts';
import { errorMessage } from '../api/envelope.ts';

export interface RunFilters {
  since: string;
  until: string;
  agent: string;
  playbook: string;
  outcome: string;
  verdict: string;
}
export type OpenedRun = ApiOutput<'runs.open'>;
export type Verdict = 'pass' | 'fail' | 'needs_follow_up';

export interface QaState {
  filters: RunFilters;
  /** what the list shows: filtered runs, or the sampling queue */
  source: 'filtered' | 'sample';
  share: number;
  runs: RunSummary[];
  loading: boolean;
  opened: OpenedRun | null;
  verdictSaved: boolean;
  error: string | null;
  setFilter(key: keyof RunFilters, value: string): void;
  setShare(share: number): void;
  list(): Promise<void>;
  sample(): Promise<void>;
  open(runId: string): Promise<void>;
  close(): void;
  saveVerdict(verdict: Verdict, comment: string): Promise<void>;
  exportRun(): Promise<{ fileName: string; text: string } | null>;
}

/** a date field (yyyy-mm-dd) as the ISO bound of that day */
const dayBound = (day: string, end: boolean): string => (end ? `${day}T23:59:59.999Z` : `${day}T00:00:00.000Z`);

export const createQaStore = (api: ApiClient) =>
  createStore<QaState>()((set, get) => {
    const load = async (call: () => Promise<RunSummary[]>): Promise<void> => {
      set({ loading: true, error: null });
      try {
        set({ runs: await call(), loading: false });
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    };
    return {
      filters: { since: '', until: '', agent: '', playbook: '', outcome: '', verdict: '' },
      source: 'filtered',
      share: 0.1,
      runs: [],
      loading: false,
      opened: null,
      verdictSaved: false,
      error: null,
      setFilter(key, value) {
        set({ filters: { ...get().filters, [key]: value } });
      },
      setShare(share) {
        set({ share });
      },
      async list() {
        const f = get().filters;
        const query = {
          ...(f.since ? { since: dayBound(f.since, false) } : {}),
          ...(f.until ? { until: dayBound(f.until, true) } : {}),
          ...(f.agent.trim() ? { agent: f.agent.trim() } : {}),
          ...(f.playbook ? { playbook: f.playbook } : {}),
          ...(f.outcome ? { outcome: f.outcome } : {}),
          ...(f.verdict ? { verdict: f.verdict } : {}),
        };
        set({ source: 'filtered' });
        await load(() => api.call('runs.list', query));
      },
      async sample() {
        set({ source: 'sample' });
        await load(() => api.call('runs.sample', { share: get().share }));
      },
      async open(runId) {
        set({ loading: true, error: null, verdictSaved: false });
        try {
          set({ opened: await api.call('runs.open', { runId }), loading: false });
        } catch (error) {
          set({ loading: false, error: errorMessage(error) });
        }
      },
      close() {
        set({ opened: null, verdictSaved: false, error: null });
      },
      async saveVerdict(verdict, comment) {
        const opened = get().opened;
        if (!opened) return;
        set({ verdictSaved: false, error: null });
        try {
          await api.call('runs.verdict', { runId: opened.summary.runId, verdict, comment });
          set({
            verdictSaved: true,
            opened: { ...opened, summary: { ...opened.summary, verdict } },
            runs: get().runs.map((r) => (r.runId === opened.summary.runId ? { ...r, verdict } : r)),
          });
        } catch (error) {
          set({ error: errorMessage(error) });
        }
      },
      async exportRun() {
        const opened = get().opened;
        if (!opened) return null;
        try {
          return await api.call('runs.export', { runId: opened.summary.runId });
        } catch (error) {
          set({ error: errorMessage(error) });
          return null;
        }
      },
    };
  });
