// QA: runs with filters or the sampling queue, one run opened as a timeline, its verdict, export.
// On a desk with a team hub the reviewer signs in there and every call carries their session: the
// runs are every desk's (their team's), and a verdict is recorded under their name on the hub.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApiOutput, HubStatus, RunSummary } from '../../../shared/api.ts';
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
  /** whether this desk works with a team hub (null until asked) */
  hub: HubStatus | null;
  /** the reviewer signed in on the hub */
  reviewer: { name: string; role: string; session: string } | null;
  loadHub(): Promise<void>;
  signIn(name: string, password: string): Promise<boolean>;
  signOut(): void;
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
    /** the reviewer's hub session, on every call when signed in */
    const as = () => {
      const r = get().reviewer;
      return r ? { session: r.session } : {};
    };
    return {
      hub: null,
      reviewer: null,
      async loadHub() {
        // a core that cannot say (an older one) is a desk on its own
        set({ hub: await api.call('hub.status', {}).catch(() => ({ connected: false, desk: null, user: null })) });
      },
      async signIn(name, password) {
        set({ error: null });
        try {
          const reviewer = await api.call('hub.signIn', { name, password });
          set({ reviewer, runs: [], opened: null });
          await get().list();
          return true;
        } catch (error) {
          set({ error: errorMessage(error) });
          return false;
        }
      },
      signOut() {
        set({ reviewer: null, runs: [], opened: null, error: null });
      },
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
        await load(() => api.call('runs.list', { ...query, ...as() }));
      },
      async sample() {
        set({ source: 'sample' });
        await load(() => api.call('runs.sample', { share: get().share, ...as() }));
      },
      async open(runId) {
        set({ loading: true, error: null, verdictSaved: false });
        try {
          set({ opened: await api.call('runs.open', { runId, ...as() }), loading: false });
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
          await api.call('runs.verdict', { runId: opened.summary.runId, verdict, comment, ...as() });
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
          return await api.call('runs.export', { runId: opened.summary.runId, ...as() });
        } catch (error) {
          set({ error: errorMessage(error) });
          return null;
        }
      },
    };
  });
