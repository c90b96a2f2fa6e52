// The team lead's metrics: the report over the chosen period (per playbook or per agent), and the
// lead's own figures (a playbook's manual baseline, the agent's hourly cost) sent to core.
import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../../../shared/api.ts';
import type { MetricsReport } from '../../../shared/metrics.ts';
import { errorMessage } from '../api/envelope.ts';

export const PERIODS = [
  { id: '7', label: 'Last 7 days', days: 7, bucket: 'day' },
  { id: '30', label: 'Last 30 days', days: 30, bucket: 'day' },
  { id: '90', label: 'Last 90 days', days: 90, bucket: 'week' },
  { id: 'all', label: 'All time', days: null, bucket: 'week' },
] as const;
export type PeriodId = (typeof PERIODS)[number]['id'];

export interface MetricsState {
  period: PeriodId;
  group: 'playbook' | 'agent';
  report: MetricsReport | null;
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
  setPeriod(period: PeriodId): Promise<void>;
  setGroup(group: 'playbook' | 'agent'): void;
  /** the lead's baseline for a playbook, minutes (null: back to the default) */
  setBaseline(playbook: string, minutes: number | null): Promise<void>;
  setRate(agentHourlyUsd: number): Promise<void>;
}

/** The first day of the period (UTC), as the API takes it. */
export function periodStart(days: number | null, now = new Date()): string | undefined {
  if (days === null) return undefined;
  return new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
}

export const createMetricsStore = (api: ApiClient) =>
  createStore<MetricsState>()((set, get) => {
    let asked = 0;
    const configure = async (input: Parameters<ApiClient['call']>[1]) => {
      try {
        await api.call('metrics.configure', input as never);
        await get().load();
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    };
    return {
      period: '30',
      group: 'playbook',
      report: null,
      loading: false,
      error: null,
      async load() {
        const ticket = ++asked;
        const period = PERIODS.find((p) => p.id === get().period)!;
        const since = periodStart(period.days);
        set({ loading: true, error: null });
        try {
          const report = await api.call('metrics.report', { ...(since ? { since } : {}), bucket: period.bucket });
          if (ticket === asked) set({ report, loading: false });
        } catch (error) {
          if (ticket === asked) set({ loading: false, error: errorMessage(error) });
        }
      },
      async setPeriod(period) {
        set({ period });
        await get().load();
      },
      setGroup(group) {
        set({ group });
      },
      setBaseline(playbook, minutes) {
        return configure({ baseline: { playbook, minutes } });
      },
      setRate(agentHourlyUsd) {
        return configure({ agentHourlyUsd });
      },
    };
  });
