// The reads behind a proposal: what was looked up where, one line each.
import type { ReadRecord } from '../../../../shared/plan.ts';
import { showDuration, words } from '../../ui/format.ts';

export function ReadsList({ reads, open = false }: { reads: ReadRecord[]; open?: boolean }) {
  const list = (
    <ul className="reads" aria-label="Reads">
      {reads.map((r, i) => (
        <li key={i} className={r.ok ? '' : 'read-failed'}>
          <span className="system-tag">{r.system}</span> {r.summary}
          <span className="muted">
            {' '}
            · {words(r.action)}
            {r.ok ? '' : ' · failed'} · {showDuration(r.durationMs)}
          </span>
        </li>
      ))}
    </ul>
  );
  if (open) return list;
  return (
    <details className="reads-details">
      <summary>Data behind the plan ({reads.length} reads)</summary>
      {list}
    </details>
  );
}
