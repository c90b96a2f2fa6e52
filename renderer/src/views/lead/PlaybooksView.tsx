// The playbooks in force: which version is in force and who installed it (or that the shipped ones
// are), and for each playbook what it serves, its rules in words, what it writes and its minutes by
// hand, with a way to open it in the editor below.
import { useEffect } from 'react';
import { useSlice, useStores } from '../../stores/index.ts';
import { ErrorNote, StatusNote } from '../../ui/notes.tsx';
import { words } from '../../ui/format.ts';
import { PlaybookEditor } from './PlaybookEditor.tsx';

export function PlaybooksView() {
  const { playbooks, playbookEditor } = useStores();
  const inForce = useSlice('playbooks', (s) => s.inForce);
  const loading = useSlice('playbooks', (s) => s.loading);
  const error = useSlice('playbooks', (s) => s.error);

  useEffect(() => {
    void playbooks.getState().load();
  }, [playbooks]);

  const edit = (id: string) => {
    const file = playbookEditor.getState().inForce.find((f) => new RegExp(`^id:\\s*${id}\\s*$`, 'm').test(f.text))?.file;
    if (!file) return;
    playbookEditor.getState().openFile(file);
    document.getElementById('playbook-editor')?.scrollIntoView?.();
  };

  return (
    <>
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
            <p className="in-force" aria-label="Playbook set in force">
              <strong>{inForce.version === null ? 'The playbooks shipped with Legwork' : `Version ${inForce.version}`}</strong>
              {inForce.version !== null && inForce.installedBy ? ` · installed by ${inForce.installedBy}` : ''}
            </p>
            <p className="muted">{inForce.notice}.</p>
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
                    <button type="button" className="link-button" onClick={() => edit(p.id)}>
                      Edit {p.title}
                    </button>
                  </details>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <PlaybookEditor />
    </>
  );
}
