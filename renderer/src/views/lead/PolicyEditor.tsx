// The team lead's policy: what is in force, the draft as a form (or its JSON), checked as it is
// typed with the contract's schema; what the draft would change for recent tickets; signing and
// installing it here with the lead's key. With nothing installed yet, a recommended start.
import { useEffect, useId, useState } from 'react';
import { RECOMMENDED_POLICY, RECOMMENDED_SUMMARY } from '../../../../shared/policy-presets.ts';
import { useSlice, useStores } from '../../stores/index.ts';
import type { PolicyChange } from '../../stores/policy.ts';
import { ErrorNote, StatusNote } from '../../ui/notes.tsx';
import { words } from '../../ui/format.ts';
import { DECISION_BADGES } from '../../ui/plain-decision.ts';
import type { DecisionKind } from '../../../../shared/decision.ts';
import { PolicyForm } from './PolicyForm.tsx';
import { PolicySigning } from './PolicySigning.tsx';
import { money } from './policy-draft.ts';

export function PolicyEditor() {
  const { policy } = useStores();
  const loaded = useSlice('policy', (s) => s.loaded);
  const source = useSlice('policy', (s) => s.source);
  const signedBy = useSlice('policy', (s) => s.signedBy);
  const builtIn = useSlice('policy', (s) => s.builtIn);
  const installedBy = useSlice('policy', (s) => s.installedBy);
  const issues = useSlice('policy', (s) => s.issues);
  const jsonError = useSlice('policy', (s) => s.jsonError);
  const dirty = useSlice('policy', (s) => s.dirty);
  const changes = useSlice('policy', (s) => s.changes);
  const previewing = useSlice('policy', (s) => s.previewing);
  const error = useSlice('policy', (s) => s.error);
  const [asJson, setAsJson] = useState(false);
  const summaryId = useId();

  useEffect(() => {
    if (!policy.getState().loaded) void policy.getState().load();
  }, [policy]);

  const valid = issues.length === 0 && jsonError === null;
  return (
    <section aria-labelledby="policy-heading" className="view">
      <h2 id="policy-heading">Autonomy policy</h2>
      {loaded && (
        <p className="muted">
          In force: {source || 'unknown source'} · {signedBy ? `signed with key ${signedBy}` : 'not signed'}
          {installedBy ? ` by ${installedBy}` : ''}
        </p>
      )}
      {loaded && builtIn && (
        <div className="preset" role="note" aria-label="Recommended start">
          <p>
            <strong>Nothing runs by itself yet.</strong> No policy has been signed, so the strictest default applies: every write waits for the agent, money over $25 for a
            second approver.
          </p>
          <p>{RECOMMENDED_SUMMARY}.</p>
          <button type="button" onClick={() => policy.getState().adopt(RECOMMENDED_POLICY as Record<string, unknown>)}>
            Start from the recommended policy
          </button>
        </div>
      )}
      <ErrorNote message={error} />
      <div className="toggle" role="group" aria-label="Edit the policy as">
        <button type="button" aria-pressed={!asJson} onClick={() => setAsJson(false)}>
          Form
        </button>
        <button type="button" aria-pressed={asJson} onClick={() => setAsJson(true)}>
          JSON
        </button>
      </div>
      {asJson ? <JsonEditor describedBy={summaryId} /> : jsonError ? <p className="error-inline">Fix the JSON to go on in the form.</p> : <PolicyForm />}
      <div id={summaryId} aria-live="polite" className="policy-check">
        {jsonError ? (
          <p className="error-inline">{jsonError}</p>
        ) : valid ? (
          <p className="ok-note">{dirty ? 'The draft is a valid policy (not installed yet).' : 'This is the policy in force.'}</p>
        ) : (
          <>
            <p className="error-inline">
              {issues.length} problem{issues.length === 1 ? '' : 's'} to fix before signing:
            </p>
            <ul className="error-list" aria-label="Policy errors">
              {issues.map((i, n) => (
                <li key={n}>
                  {i.path ? `${i.path.split('.').map(words).join(' › ')}: ` : ''}
                  {i.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="actions">
        <button type="button" onClick={() => void policy.getState().preview()} disabled={previewing || !valid}>
          {previewing ? 'Comparing…' : 'What would change'}
        </button>
      </div>
      {changes && <PolicyChanges changes={changes} />}
      <PolicySigning ready={valid} />
    </section>
  );
}

function JsonEditor({ describedBy }: { describedBy: string }) {
  const { policy } = useStores();
  const json = useSlice('policy', (s) => s.json);
  const bad = useSlice('policy', (s) => s.jsonError !== null || s.issues.length > 0);
  return (
    <>
      <label htmlFor="policy-text" className="field-label">
        Policy (JSON)
      </label>
      <textarea
        id="policy-text"
        className="code-editor"
        spellCheck={false}
        rows={16}
        value={json}
        onChange={(e) => policy.getState().editJson(e.target.value)}
        aria-describedby={describedBy}
        aria-invalid={bad ? true : undefined}
      />
    </>
  );
}

const badge = (kind: string) => DECISION_BADGES[kind as DecisionKind] ?? words(kind);

/** The tickets of recent runs whose plan the draft would decide differently, with what each step would do. */
function PolicyChanges({ changes }: { changes: PolicyChange[] }) {
  if (changes.length === 0) return <StatusNote>No decision in the recent tickets would change.</StatusNote>;
  const tickets = new Map<string, PolicyChange[]>();
  for (const c of changes) {
    const key = c.ticketId !== undefined ? `#${c.ticketId}` : c.runId;
    tickets.set(key, [...(tickets.get(key) ?? []), c]);
  }
  return (
    <section aria-label="What would change" className="changes">
      <h3>
        {tickets.size} recent ticket{tickets.size === 1 ? '' : 's'} would go differently
      </h3>
      <ul className="row-list">
        {[...tickets].map(([key, list]) => (
          <li key={key} className="change">
            <p className="row-title">
              Ticket {key}
              {list[0]!.subject ? `: ${list[0]!.subject}` : ''}
            </p>
            <ul>
              {list.map((c) => (
                <li key={c.stepId}>
                  <strong>{words(c.action)}</strong>
                  {c.amount !== undefined ? ` ${money(c.amount)}` : ''}: {badge(c.before)} → <strong>{badge(c.after)}</strong>
                  {c.effect ? <span className="muted"> ({c.effect})</span> : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
