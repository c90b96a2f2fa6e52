// Metrics per playbook. The contract leaves a row's fields open (`record<string, unknown>`), so rows
// are read by the names core uses for them, with a few spellings accepted; a missing value stays null.
import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../../../shared/api.ts';
import { errorMessage } from '../api/envelope.ts';

export interface PlaybookMetrics {
  playbook: string;
  runs: number | null;
  /** 0..1 */
  autonomy: number | null;
  /** 0..1 */
  completion: number | null;
  timeSavedMinutes: number | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const first = (row: Record<string, unknown>, keys: string[]): number | null => {
  for (const key of keys) {
    const v = num(row[key]);
    if (v !== null) return v;
  }
  return null;
};
/** a rate given as 0..1 or as a percentage */
const rate = (v: number | null): number | null => (v === null ? null : v > 1 ? v / 100 : v);

export function readMetricsRow(row: Record<string, unknown>): PlaybookMetrics {
  const runs = first(row, ['runs', 'total', 'count']);
  const completed = first(row, ['completed']);
  const ms = first(row, ['timeSavedMs', 'time_saved_ms']);
  const seconds = first(row, ['timeSavedSeconds', 'time_saved_seconds', 'timeSavedS']);
  return {
    playbook: typeof row.playbook === 'string' ? row.playbook : typeof row.name === 'string' ? row.name : '(unnamed)',
    runs,
    autonomy: rate(first(row, ['autonomyRate', 'autonomy_rate', 'autonomy'])),
    completion: rate(first(row, ['completionRate', 'completion_rate', 'completion']) ?? (completed !== null && runs ? completed / runs : null)),
    timeSavedMinutes:
      first(row, ['timeSavedMinutes', 'time_saved_minutes', 'timeSaved', 'minutesSaved']) ?? (ms !== null ? ms / 60_000 : seconds !== null ? seconds / 60 : null),
  };
}

export interface MetricsState {
  rows: PlaybookMetrics[];
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
}

export const createMetricsStore = (api: ApiClient) =>
  createStore<MetricsState>()((set) => ({
    rows: [],
    loading: false,
    error: null,
    async load() {
      set({ loading: true, error: null });
      try {
        const rows = await api.call('metrics.get', {});
        set({ rows: rows.map(readMetricsRow), loading: false });
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },
  }));
