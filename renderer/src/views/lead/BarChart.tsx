// A horizontal bar chart in SVG with its values written out, so it reads without the bars too.
export interface Bar {
  label: string;
  /** null: no data */
  value: number | null;
}

const ROW = 26;
const LABEL_W = 170;
const BAR_W = 150;

export function BarChart({ title, bars, max, format }: { title: string; bars: Bar[]; max: number; format: (v: number) => string }) {
  const height = Math.max(1, bars.length) * ROW + 4;
  const summary = bars.map((b) => `${b.label}: ${b.value === null ? 'no data' : format(b.value)}`).join('; ');
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg role="img" aria-label={`${title}. ${summary}`} viewBox={`0 0 ${LABEL_W + BAR_W + 70} ${height}`} width="100%">
        {bars.map((b, i) => {
          const y = i * ROW + 2;
          const w = b.value === null || max <= 0 ? 0 : Math.max(2, (Math.min(b.value, max) / max) * BAR_W);
          return (
            <g key={b.label}>
              <text x={LABEL_W - 6} y={y + 16} textAnchor="end" className="chart-label">
                {b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label}
              </text>
              <rect x={LABEL_W} y={y + 3} width={BAR_W} height={ROW - 8} className="chart-track" />
              <rect x={LABEL_W} y={y + 3} width={w} height={ROW - 8} className="chart-bar" />
              <text x={LABEL_W + BAR_W + 6} y={y + 16} className="chart-value">
                {b.value === null ? '—' : format(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
