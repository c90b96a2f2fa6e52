// The figures time saved and cost are measured against, shown and editable by the lead: minutes an
// experienced agent takes per playbook by hand (the lead's own, or the default), and the agent's
// hourly cost. Saved in core's settings when a field is left.
import { useEffect, useId, useState } from 'react';
import type { Baseline, MetricsReport } from '../../../../shared/metrics.ts';
import { useStores } from '../../stores/index.ts';
import { words } from '../../ui/format.ts';

export function BaselinesEditor({ report }: { report: MetricsReport }) {
  const { metrics } = useStores();
  const rateId = useId();
  const [rate, setRate] = useState(String(report.agentHourlyUsd));
  useEffect(() => setRate(String(report.agentHourlyUsd)), [report.agentHourlyUsd]);
  const rateValue = Number(rate);
  const rateBad = rate.trim() === '' || !Number.isFinite(rateValue) || rateValue < 0;
  return (
    <details className="baselines">
      <summary>Manual baselines and agent cost</summary>
      <p className="muted hint">Time saved is each resolved ticket's manual baseline minus how long its run took.</p>
      <ul className="row-list" aria-label="Manual baselines">
        {report.baselines.map((b) => (
          <BaselineField key={b.playbook} baseline={b} />
        ))}
      </ul>
      <div className="form-field">
        <label htmlFor={rateId}>Agent time costs, per hour ($)</label>
        <input
          id={rateId}
          type="text"
          inputMode="decimal"
          value={rate}
          aria-invalid={rateBad ? true : undefined}
          onChange={(e) => setRate(e.target.value)}
          onBlur={() => !rateBad && rateValue !== report.agentHourlyUsd && void metrics.getState().setRate(rateValue)}
        />
        {rateBad && <span className="field-error">enter an amount of 0 or more</span>}
      </div>
    </details>
  );
}

function BaselineField({ baseline }: { baseline: Baseline }) {
  const { metrics } = useStores();
  const id = useId();
  const [text, setText] = useState(String(baseline.minutes));
  useEffect(() => setText(String(baseline.minutes)), [baseline.minutes]);
  const value = Number(text);
  const bad = text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1440;
  const save = () => {
    if (!bad && value !== baseline.minutes) void metrics.getState().setBaseline(baseline.playbook, value);
  };
  return (
    <li className="form-field">
      <label htmlFor={id}>{words(baseline.playbook)} (minutes by hand)</label>
      <input id={id} type="text" inputMode="numeric" value={text} aria-invalid={bad ? true : undefined} onChange={(e) => setText(e.target.value)} onBlur={save} onKeyDown={(e) => e.key === 'Enter' && save()} />
      <span className="muted hint">
        {baseline.overridden ? (
          <>
            yours · default {baseline.defaultMinutes}{' '}
            <button type="button" className="link-button" onClick={() => void metrics.getState().setBaseline(baseline.playbook, null)}>
              Use the default
            </button>
          </>
        ) : (
          'the default'
        )}
      </span>
      {bad && <span className="field-error">enter minutes from 0 to 1440</span>}
    </li>
  );
}
