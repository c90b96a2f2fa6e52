// The playbooks in force: where the set came from (signed version, last-good copy, or shipped), and
// for each playbook what it serves, its rules in words, what it writes and its minutes by hand.
// Read-only: a lead changes them as files, signed and installed with `legwork playbooks`.
import { useEffect } from 'react';
import { useSlice, useStores } from '../../stores/index.ts';
import { ErrorNote, StatusNote } from '../../ui/notes.tsx';
import { words } from '../../ui/format.ts';

export function PlaybooksView() {
  const { playbooks } = useStores();
  const inForce = useSlice('playbooks', (s) => s.inForce);
  const loading = useSlice('playbooks', (s) => s.loading);
  const error = useSlice('playbooks', (s) => s.error);

  useEffect(() => {
    void playbooks.getState().load();
  }, [playbooks]);

  return (
    <section aria-labelledby="playbooks-heading" className="view">
      <div className="toolbar">
        <h2 id="playbooks-heading">Playbooks in force</h2>
        <button type="button" onClick={() => void playbooks.getState().load()} disabled={loading}>
          Reload
        </button>
      </div>
      <ErrorNote message={error} />
      {loading && !inForce && <StatusNote>Loading playbooks…</StatusNote>}
      {inForce && (
        <>
          <p className="muted">{inForce.notice}. Change them as files: legwork playbooks sign, diff, install.</p>
          <ul aria-label="Playbooks">
            {inForce.playbooks.map((p) => (
              <li key={p.id}>
                <details>
                  <summary>
                    {p.title} <span className="muted">({p.serves.map(words).join(', ')}; {p.baselineMinutes} min by hand)</span>
                  </summary>
                  <ul aria-label={`Rules of ${p.title}`}>
                    {p.rules.map((r) => (
                      <li key={r.id}>{r.says}</li>
                    ))}
                  </ul>
                  <p className="muted">Writes: {p.writes.map(words).join(', ')}</p>
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
