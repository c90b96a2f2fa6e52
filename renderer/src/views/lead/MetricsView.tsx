// Metrics per playbook: autonomy rate, completion and time saved, as bar charts with their values.
import { useEffect } from 'react';
import { useSlice, useStores } from '../../stores/index.ts';
import { ErrorNote, StatusNote } from '../../ui/notes.tsx';
import { words } from '../../ui/format.ts';
import { BarChart } from './BarChart.tsx';

const percent = (v: number) => `${Math.round(v * 100)} %`;
const minutes = (v: number) => (v >= 120 ? `${(v / 60).toFixed(1)} h` : `${Math.round(v)} min`);

export function MetricsView() {
  const { metrics } = useStores();
  const rows = useSlice('metrics', (s) => s.rows);
  const loading = useSlice('metrics', (s) => s.loading);
  const error = useSlice('metrics', (s) => s.error);

  useEffect(() => {
    void metrics.getState().load();
  }, [metrics]);

  const label = (playbook: string, runs: number | null) => `${words(playbook)}${runs === null ? '' : ` (${runs})`}`;
  const saved = rows.map((r) => r.timeSavedMinutes ?? 0);
  return (
    <section aria-labelledby="metrics-heading" className="view">
      <div className="toolbar">
        <h2 id="metrics-heading">Metrics per playbook</h2>
        <button type="button" onClick={() => void metrics.getState().load()} disabled={loading}>
          Refresh
        </button>
      </div>
      <ErrorNote message={error} />
      {loading && <StatusNote>Loading metrics…</StatusNote>}
      {!loading && !error && rows.length === 0 && <StatusNote>No runs yet.</StatusNote>}
      {rows.length > 0 && (
        <>
          <p className="muted">Playbook (runs). Autonomy: steps that ran without asking.</p>
          <BarChart title="Autonomy rate" max={1} format={percent} bars={rows.map((r) => ({ label: label(r.playbook, r.runs), value: r.autonomy }))} />
          <BarChart title="Completion" max={1} format={percent} bars={rows.map((r) => ({ label: label(r.playbook, r.runs), value: r.completion }))} />
          <BarChart
            title="Time saved"
            max={Math.max(1, ...saved)}
            format={minutes}
            bars={rows.map((r) => ({ label: label(r.playbook, r.runs), value: r.timeSavedMinutes }))}
          />
        </>
      )}
    </section>
  );
}
