// The team lead's questions, answered over a chosen period: how many tickets were resolved, how much
// ran by itself, how much of the work Legwork did, the time saved against the manual baseline, what a
// resolution costs, and why tickets were handed over — for everyone, with a trend, and per playbook
// or per agent.
import { useEffect, useId } from 'react';
import type { MetricsRow } from '../../../../shared/metrics.ts';
import { PERIODS, type PeriodId } from '../../stores/metrics.ts';
import { useSlice, useStores } from '../../stores/index.ts';
import { ErrorNote, StatusNote } from '../../ui/notes.tsx';
import { words } from '../../ui/format.ts';
import { BarChart, ColumnChart } from './BarChart.tsx';
import { BaselinesEditor } from './BaselinesEditor.tsx';

const percent = (v: number) => `${Math.round(v * 100)} %`;
export const minutes = (v: number) => (Math.abs(v) >= 120 ? `${(v / 60).toFixed(1)} h` : v > 0 && v < 1 ? '< 1 min' : `${Math.round(v)} min`);
const usd = (v: number) => `$${v.toFixed(2)}`;
const automated = (r: MetricsRow) => (r.stepsByLegwork + r.stepsByHand ? r.stepsByLegwork / (r.stepsByLegwork + r.stepsByHand) : null);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

export function MetricsView() {
  const { metrics } = useStores();
  const report = useSlice('metrics', (s) => s.report);
  const period = useSlice('metrics', (s) => s.period);
  const group = useSlice('metrics', (s) => s.group);
  const loading = useSlice('metrics', (s) => s.loading);
  const error = useSlice('metrics', (s) => s.error);
  const periodId = useId();

  useEffect(() => {
    void metrics.getState().load();
  }, [metrics]);

  const rows = report ? (group === 'playbook' ? report.byPlaybook : report.byAgent) : [];
  const label = (r: MetricsRow) => `${group === 'playbook' ? words(r.key) : r.key} (${r.runs})`;
  const per = report?.bucket === 'week' ? 'week' : 'day';
  return (
    <section aria-labelledby="metrics-heading" className="view metrics">
      <div className="toolbar">
        <h2 id="metrics-heading">Metrics</h2>
        <label className="inline-field" htmlFor={periodId}>
          Period
        </label>
        <select id={periodId} value={period} onChange={(e) => void metrics.getState().setPeriod(e.target.value as PeriodId)}>
          {PERIODS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void metrics.getState().load()} disabled={loading}>
          Refresh
        </button>
      </div>
      <ErrorNote message={error} />
      {loading && !report && <StatusNote>Loading metrics…</StatusNote>}
      {report && report.all.runs === 0 && <StatusNote>No runs in this period yet.</StatusNote>}
      {report && report.all.runs > 0 && (
        <>
          <Headline row={report.all} rate={report.agentHourlyUsd} />
          <div className="chart-grid">
            <ColumnChart title={`Tickets resolved per ${per}`} max={Math.max(1, ...report.trend.map((p) => p.resolved))} format={String} points={report.trend.map((p) => ({ label: day(p.start), value: p.resolved }))} />
            <ColumnChart title={`Autonomy per ${per}`} max={1} format={percent} points={report.trend.map((p) => ({ label: day(p.start), value: p.autonomyRate }))} />
          </div>
          <div className="toggle" role="group" aria-label="Figures">
            <button type="button" aria-pressed={group === 'playbook'} onClick={() => metrics.getState().setGroup('playbook')}>
              Per playbook
            </button>
            <button type="button" aria-pressed={group === 'agent'} onClick={() => metrics.getState().setGroup('agent')}>
              Per agent
            </button>
          </div>
          <p className="muted hint">{group === 'playbook' ? 'Playbook' : 'Agent'} (runs).</p>
          <div className="chart-grid">
            <BarChart title="Tickets resolved" max={Math.max(1, ...rows.map((r) => r.resolved))} format={String} bars={rows.map((r) => ({ label: label(r), value: r.resolved }))} />
            <BarChart title="Autonomy rate" note="(writes that ran by themselves)" max={1} format={percent} bars={rows.map((r) => ({ label: label(r), value: r.autonomyRate }))} />
            <BarChart
              title="Work automated"
              note="(steps run by Legwork)"
              max={1}
              format={percent}
              bars={rows.map((r) => ({ label: label(r), value: automated(r), text: `${r.stepsByLegwork} of ${r.stepsByLegwork + r.stepsByHand}` }))}
            />
            <BarChart title="Time saved" note="(against the manual baseline)" max={Math.max(1, ...rows.map((r) => r.timeSavedMinutes))} format={minutes} bars={rows.map((r) => ({ label: label(r), value: r.timeSavedMinutes }))} />
            <BarChart
              title="Cost per resolution"
              note={`(model + agent time at $${report.agentHourlyUsd}/h)`}
              max={Math.max(0.01, ...rows.map((r) => r.costPerResolutionUsd ?? 0))}
              format={usd}
              bars={rows.map((r) => ({ label: label(r), value: r.costPerResolutionUsd }))}
            />
            {report.handOverReasons.length ? (
              <BarChart
                title="Why tickets were handed over"
                max={Math.max(1, ...report.handOverReasons.map((h) => h.count))}
                format={String}
                bars={report.handOverReasons.map((h) => ({ label: h.reason, value: h.count }))}
              />
            ) : (
              <figure className="chart">
                <figcaption>Why tickets were handed over</figcaption>
                <p className="muted">No ticket was handed over in this period.</p>
              </figure>
            )}
          </div>
        </>
      )}
      {report && <BaselinesEditor report={report} />}
    </section>
  );
}

function Headline({ row, rate }: { row: MetricsRow; rate: number }) {
  const share = automated(row);
  const stats: [string, string, string][] = [
    ['Tickets resolved', String(row.resolved), `in ${row.runs} run${row.runs === 1 ? '' : 's'}`],
    ['Autonomy', row.autonomyRate === null ? '—' : percent(row.autonomyRate), 'of writes ran by themselves'],
    ['Work automated', share === null ? '—' : percent(share), `${row.stepsByLegwork} of ${row.stepsByLegwork + row.stepsByHand} steps by Legwork`],
    ['Time saved', minutes(row.timeSavedMinutes), 'against doing it by hand'],
    ['Cost per resolution', row.costPerResolutionUsd === null ? '—' : usd(row.costPerResolutionUsd), `${row.llmTokens.toLocaleString()} model tokens ($${row.llmCostUsd.toFixed(2)}) + ${minutes(row.agentMinutes)} agent time at $${rate}/h`],
  ];
  return (
    <dl className="stats" aria-label="Everyone, this period">
      {stats.map(([name, value, detail]) => (
        <div key={name} className="stat">
          <dt>{name}</dt>
          <dd>
            <span className="stat-value">{value}</span>
            <span className="stat-detail">{detail}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
