// The team lead's metrics: the report over a period (core/trace/report.ts) with the baselines in
// use, and the lead's own figures (a playbook's manual baseline, the agent's hourly cost), kept in
// the settings apart from the defaults (which `defaultBaselineFor` reads).
import { PLAYBOOKS } from '../../shared/plan.ts';
import type { ApiHandlers } from '../api/handlers.ts';
import { defaultBaselineFor } from '../trace/metrics.ts';
import { metricsReport } from '../trace/report.ts';
import { ServiceError, unwrap, type ServiceContext } from './context.ts';

export function metricsHandlers({ legwork, settings }: ServiceContext): Pick<ApiHandlers, 'metrics.report' | 'metrics.configure'> {
  return {
    async 'metrics.report'({ since, until, bucket }) {
      for (const [name, value] of [['since', since], ['until', until]] as const) {
        if (value !== undefined && Number.isNaN(Date.parse(value))) throw new ServiceError('invalid_input', `${name} must be a date like 2025-01-31 or an ISO time, not "${value}"`);
      }
      const runs = unwrap(await legwork.traces.listRuns({ ...(since ? { since } : {}), ...(until ? { until } : {}) }));
      const own = settings.current.metrics;
      const baseline = (playbook: string) => own.baselines[playbook] ?? defaultBaselineFor(playbook);
      const report = metricsReport(runs, { since: since ?? null, until: until ?? null, bucket, baseline, agentHourlyUsd: own.agentHourlyUsd });
      const baselines = PLAYBOOKS.filter((p) => p !== 'hand_over').map((playbook) => ({
        playbook,
        minutes: baseline(playbook),
        defaultMinutes: defaultBaselineFor(playbook),
        overridden: own.baselines[playbook] !== undefined,
      }));
      return { ...report, baselines };
    },
    async 'metrics.configure'({ baseline, agentHourlyUsd }) {
      if (baseline && !(PLAYBOOKS as readonly string[]).includes(baseline.playbook)) throw new ServiceError('invalid_input', `no playbook is called "${baseline.playbook}"`);
      await settings.setMetrics({ ...(baseline ? { baseline } : {}), ...(agentHourlyUsd !== undefined ? { agentHourlyUsd } : {}) });
      return { ok: true as const };
    },
  };
}
