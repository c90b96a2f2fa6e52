// The team lead's policy editor: the policy in force as JSON, validated as it is typed; what the
// draft would change for recent runs; export the draft for signing; install a signed file.
import { useEffect, useId, useState } from 'react';
import { useSlice, useStores } from '../../stores/index.ts';
import type { PolicyChange } from '../../stores/policy.ts';
import { ErrorNote, StatusNote } from '../../ui/notes.tsx';
import { downloadText, words } from '../../ui/format.ts';

export function PolicyEditor() {
  const { policy } = useStores();
  const loaded = useSlice('policy', (s) => s.loaded);
  const draft = useSlice('policy', (s) => s.draft);
  const source = useSlice('policy', (s) => s.source);
  const signedBy = useSlice('policy', (s) => s.signedBy);
  const validation = useSlice('policy', (s) => s.validation);
  const validating = useSlice('policy', (s) => s.validating);
  const changes = useSlice('policy', (s) => s.changes);
  const previewing = useSlice('policy', (s) => s.previewing);
  const error = useSlice('policy', (s) => s.error);
  const errorsId = useId();

  useEffect(() => {
    if (!policy.getState().loaded) void policy.getState().load();
  }, [policy]);

  return (
    <section aria-labelledby="policy-heading" className="view">
      <h2 id="policy-heading">Autonomy policy</h2>
      {loaded && (
        <p className="muted">
          In force: {source || 'unknown source'} · {signedBy ? `signed by ${signedBy}` : 'not signed'}
        </p>
      )}
      <ErrorNote message={error} />
      <label htmlFor="policy-text" className="field-label">
        Policy (JSON)
      </label>
      <textarea
        id="policy-text"
        className="code-editor"
        spellCheck={false}
        rows={14}
        value={draft}
        onChange={(e) => policy.getState().edit(e.target.value)}
        aria-describedby={errorsId}
        aria-invalid={validation && !validation.ok ? true : undefined}
      />
      <div id={errorsId} aria-live="polite">
        {validating && <p className="muted">Checking…</p>}
        {!validating && validation?.ok && <p className="ok-note">The draft is a valid policy.</p>}
        {!validating && validation && !validation.ok && (
          <ul className="error-list" aria-label="Policy errors">
            {validation.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="actions">
        <button type="button" onClick={() => void policy.getState().preview()} disabled={previewing || !draft}>
          {previewing ? 'Comparing…' : 'What would change'}
        </button>
        <button type="button" onClick={() => downloadText('policy.json', draft)} disabled={!draft}>
          Export for signing
        </button>
      </div>
      {changes && <PolicyChanges changes={changes} />}
      <InstallSigned />
    </section>
  );
}

function PolicyChanges({ changes }: { changes: PolicyChange[] }) {
  if (changes.length === 0) return <StatusNote>No decision of the recent runs would change.</StatusNote>;
  return (
    <table className="changes">
      <caption>Decisions that would change in recent runs ({changes.length})</caption>
      <thead>
        <tr>
          <th scope="col">Run · step</th>
          <th scope="col">Action</th>
          <th scope="col">Now → with draft</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c, i) => (
          <tr key={i}>
            <td>
              <code>{c.runId}</code> · {c.stepId}
            </td>
            <td>{words(c.action)}</td>
            <td>
              {words(c.before)} → <strong>{words(c.after)}</strong>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function InstallSigned() {
  const { policy } = useStores();
  const installing = useSlice('policy', (s) => s.installing);
  const installed = useSlice('policy', (s) => s.installed);
  const [signed, setSigned] = useState('');
  const readFile = async (file: File | undefined) => {
    if (file) setSigned(await file.text());
  };
  return (
    <section aria-labelledby="install-heading" className="install">
      <h3 id="install-heading">Install a signed policy</h3>
      <p className="muted">
        Signing happens offline with your private key, never in this panel: export the draft, then run{' '}
        <code>legwork policy sign policy.json</code> on your machine and paste or upload the signed file here. A file whose
        signature does not verify is refused and the policy in force stays.
      </p>
      <label className="field-label" htmlFor="signed-file">
        Signed policy file
      </label>
      <input id="signed-file" type="file" accept=".json,.txt,application/json,text/plain" onChange={(e) => void readFile(e.target.files?.[0])} />
      <label className="field-label" htmlFor="signed-text">
        Or paste the signed policy
      </label>
      <textarea id="signed-text" className="code-editor" rows={4} spellCheck={false} value={signed} onChange={(e) => setSigned(e.target.value)} />
      <div className="actions">
        <button type="button" className="primary" disabled={!signed.trim() || installing} onClick={() => void policy.getState().install(signed)}>
          {installing ? 'Installing…' : 'Install signed policy'}
        </button>
      </div>
      {installed && <StatusNote>Installed: the signed policy is now in force.</StatusNote>}
    </section>
  );
}
