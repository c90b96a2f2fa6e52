// Charts drawn with HTML and CSS, so their text is the page's own size at any width (an SVG scaled
// to the width made its labels grow with it); each has its values written out, and an accessible
// name that reads them all.

export interface Bar {
  label: string;
  /** null: no data */
  value: number | null;
  /** what is written beside the bar (default: the value, formatted) */
  text?: string;
}

/** a share of the track, in %: nothing for none, at least a sliver for any value above 0 */
const width = (value: number | null, max: number) => (value === null || max <= 0 || value <= 0 ? 0 : Math.max(1, (Math.min(value, max) / max) * 100));

export function BarChart({ title, bars, max, format, note }: { title: string; bars: Bar[]; max: number; format: (v: number) => string; note?: string }) {
  const text = (b: Bar) => b.text ?? (b.value === null ? '—' : format(b.value));
  const summary = bars.map((b) => `${b.label}: ${b.value === null ? 'no data' : text(b)}`).join('; ');
  return (
    <figure className="chart">
      <figcaption>
        {title}
        {note && <span className="chart-note"> {note}</span>}
      </figcaption>
      <div role="img" aria-label={`${title}. ${summary}`} className="bars">
        {bars.map((b) => (
          <div className="bar-row" key={b.label}>
            <span className="bar-label" title={b.label}>
              {b.label}
            </span>
            <span className="bar-track">
              <span className="bar-fill" style={{ width: `${width(b.value, max)}%` }} />
            </span>
            <span className="bar-value">{text(b)}</span>
          </div>
        ))}
      </div>
    </figure>
  );
}

/** Columns over time (a trend): one per day or week, the newest right; labels thinned to fit. */
export function ColumnChart({ title, points, max, format }: { title: string; points: { label: string; value: number | null }[]; max: number; format: (v: number) => string }) {
  const summary = points.map((p) => `${p.label}: ${p.value === null ? 'no data' : format(p.value)}`).join('; ');
  const every = Math.max(1, Math.ceil(points.length / 7));
  const values = points.length <= 14;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div role="img" aria-label={`${title}. ${summary}`} className="columns">
        {points.map((p, i) => (
          <div className="column" key={p.label}>
            <span className="column-value">{values && p.value !== null && p.value > 0 ? format(p.value) : ''}</span>
            <span className="column-track">
              <span className="column-fill" style={{ height: `${width(p.value, max)}%` }} />
            </span>
            <span className="column-label">{(points.length - 1 - i) % every === 0 ? p.label : ''}</span>
          </div>
        ))}
      </div>
    </figure>
  );
}
