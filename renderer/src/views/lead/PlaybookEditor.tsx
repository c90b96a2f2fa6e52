// The lead edits playbooks here: opens an installed one or starts a new one (from a template or a
// copy), edits its common parts in the form or the whole file, sees every change checked by the
// core as the install checks it (the reason beside the field, the line in the file), sees what the
// draft would change for recent tickets, and signs and installs it with the lead key. The draft is
// kept by the core until it is installed or discarded.
import { useEffect, useId, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSlice, useStores } from '../../stores/index.ts';
import { draftReady, openText, type PlaybookPreview } from '../../stores/playbook-editor.ts';
import { ErrorNote, StatusNote } from '../../ui/notes.tsx';
import { words } from '../../ui/format.ts';
import { PlaybookFile } from './PlaybookFile.tsx';
import { PlaybookForm } from './PlaybookForm.tsx';
import { PolicySigning } from './PolicySigning.tsx';
import { fieldAtLine, readFields } from './playbook-yaml.ts';

export function PlaybookEditor() {
  const { playbookEditor: editor, playbooks } = useStores();
  const loaded = useSlice('playbookEditor', (s) => s.loaded);
  const version = useSlice('playbookEditor', (s) => s.version);
  const draft = useSlice('playbookEditor', (s) => s.draft);
  const text = useSlice('playbookEditor', openText);
  const problems = useSlice('playbookEditor', (s) => s.problems);
  const ready = useSlice('playbookEditor', draftReady);
  const checking = useSlice('playbookEditor', (s) => s.draft.files.length > 0 && s.checkedFor !== JSON.stringify(s.draft.files));
  const keeping = useSlice('playbookEditor', (s) => s.keeping);
  const { preview, previewing, busy, installed, error } = useSlice('playbookEditor', useShallow((s) => ({ preview: s.preview, previewing: s.previewing, busy: s.busy, installed: s.installed, error: s.error })));
  const [asFile, setAsFile] = useState(false);
  const summaryId = useId();

  useEffect(() => {
    if (!editor.getState().loaded) void editor.getState().load();
  }, [editor]);

  const open = draft.open;
  const mine = useMemo(() => problems.filter((p) => p.file === open), [problems, open]);
  const parsed = useMemo(() => (text === null ? null : readFields(text)), [text]);
  const byField = useMemo(() => {
    const map = new Map<string, string[]>();
    if (text === null) return map;
    for (const p of mine) {
      const key = fieldAtLine(text, p.line);
      if (key) map.set(key, [...(map.get(key) ?? []), p.reason.replace(/^[\w.]+: /, '')]);
    }
    return map;
  }, [mine, text]);
  const edit = (t: string) => editor.getState().edit(t);
  const sign = async (session: string, passphrase: string) => {
    const done = await editor.getState().signAndInstall(session, passphrase);
    if (done) await playbooks.getState().load();
    return done;
  };

  return (
    <section aria-labelledby="pb-editor-heading" className="view" id="playbook-editor">
      <h2 id="pb-editor-heading">Edit playbooks</h2>
      {draft.files.length === 0 && <ErrorNote message={error} />}
      {!loaded && <StatusNote>Loading the playbook files…</StatusNote>}
      {loaded && <Chooser />}
      {draft.files.length > 0 && (
        <div className="draft-note" role="note" aria-label="Unsaved changes">
          <p>
            Not installed yet: {draft.files.map((f) => f.file).join(', ')} · {keeping === 'kept' ? 'the draft is kept on this computer' : keeping === 'saving' ? 'keeping the draft…' : 'changed'}
          </p>
          {draft.basedOn !== null && version !== draft.basedOn && (
            <p className="error-inline">
              The draft was started on version {draft.basedOn}; version {version ?? 'none'} is in force now. Installing it puts the draft's files in place of theirs.
            </p>
          )}
          {open !== null && draft.files.some((f) => f.file === open) && (
            <button type="button" className="link-button" onClick={() => editor.getState().discard(open)}>
              Discard the changes to {open}
            </button>
          )}
        </div>
      )}
      {open !== null && text !== null && (
        <>
          <div className="toggle" role="group" aria-label="Edit the playbook as">
            <button type="button" aria-pressed={!asFile} onClick={() => setAsFile(false)}>
              Form
            </button>
            <button type="button" aria-pressed={asFile} onClick={() => setAsFile(true)}>
              File
            </button>
          </div>
          {asFile ? (
            <PlaybookFile file={open} text={text} problems={mine} describedBy={summaryId} onText={edit} />
          ) : parsed?.ok ? (
            <PlaybookForm text={text} fields={parsed.fields} problems={byField} onText={edit} />
          ) : (
            <p className="error-inline">{parsed?.error ?? ''}. Fix the file to go on in the form.</p>
          )}
        </>
      )}
      <div id={summaryId} aria-live="polite" className="policy-check">
        {draft.files.length === 0 ? null : checking ? (
          <p className="muted">Checking the draft…</p>
        ) : problems.length === 0 ? (
          <p className="ok-note">The draft loads as the install checks it (not installed yet).</p>
        ) : (
          <>
            <p className="error-inline">
              {problems.length} problem{problems.length === 1 ? '' : 's'} to fix before signing:
            </p>
            <ul className="error-list" aria-label="Playbook errors">
              {problems.map((p, n) => (
                <li key={n}>
                  {p.file}, line {p.line}: {p.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {draft.files.length > 0 && (
        <>
          <div className="actions">
            <button type="button" onClick={() => void editor.getState().previewChanges()} disabled={previewing || !ready}>
              {previewing ? 'Comparing…' : 'Check recent tickets against the draft'}
            </button>
          </div>
          {preview && <PlaybookChanges preview={preview} />}
          <ErrorNote message={error} />
          <PolicySigning
            ready={ready}
            noun="playbook set"
            sign={sign}
            installed={installed}
            busy={busy}
            keyElsewhere="No signing key is kept here yet: create one (or pick your key file) under the autonomy policy's Sign and install, above."
          />
        </>
      )}
      {draft.files.length === 0 && installed && (
        <p role="status" className="ok-note">
          {installed}
        </p>
      )}
    </section>
  );
}

/** Open an installed playbook, or start a new one from a template or a copy. */
function Chooser() {
  const { playbookEditor: editor } = useStores();
  const inForce = useSlice('playbookEditor', (s) => s.inForce);
  const templates = useSlice('playbookEditor', (s) => s.templates);
  const draft = useSlice('playbookEditor', (s) => s.draft);
  const id = useId();
  const [name, setName] = useState('');
  const [from, setFrom] = useState('');
  const files = [...new Set([...inForce.map((f) => f.file), ...draft.files.map((f) => f.file)])].sort();
  const start = from || templates[0]?.file || '';
  return (
    <div className="pb-chooser">
      <div className="form-field">
        <label htmlFor={`${id}-open`}>Playbook</label>
        <select id={`${id}-open`} value={draft.open ?? ''} onChange={(e) => e.target.value && editor.getState().openFile(e.target.value)}>
          <option value="">Choose one to open…</option>
          {files.map((f) => (
            <option key={f} value={f}>
              {f}
              {draft.files.some((d) => d.file === f) ? ' (changed)' : ''}
            </option>
          ))}
        </select>
      </div>
      <details>
        <summary>New playbook</summary>
        <div className="form-field">
          <label htmlFor={`${id}-name`}>Name of the new playbook</label>
          <input id={`${id}-name`} type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="form-field">
          <label htmlFor={`${id}-from`}>Start from</label>
          <select id={`${id}-from`} value={start} onChange={(e) => setFrom(e.target.value)}>
            <optgroup label="Templates">
              {templates.map((t) => (
                <option key={t.file} value={t.file}>
                  {t.title}
                </option>
              ))}
            </optgroup>
            <optgroup label="A copy of">
              {inForce.map((f) => (
                <option key={f.file} value={f.file}>
                  {f.file}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div className="actions">
          <button type="button" disabled={!name.trim() || !start} onClick={() => editor.getState().create(name, start) && setName('')}>
            Create
          </button>
        </div>
      </details>
    </div>
  );
}

/** The draft's changes to the playbooks, and the recent tickets whose rules would decide otherwise. */
function PlaybookChanges({ preview }: { preview: PlaybookPreview }) {
  const tickets = new Map<number, PlaybookPreview['plans']>();
  for (const c of preview.plans) tickets.set(c.ticketId, [...(tickets.get(c.ticketId) ?? []), c]);
  return (
    <section aria-label="What the draft would change" className="changes">
      <h3>Changes to the playbooks</h3>
      {preview.files.length === 0 ? (
        <p className="muted">The playbooks are the same.</p>
      ) : (
        <ul>
          {preview.files.map((c, n) => (
            <li key={n}>
              <strong>{words(c.playbook)}</strong>: {c.change}
            </li>
          ))}
        </ul>
      )}
      {tickets.size === 0 ? (
        <StatusNote>No rule in the {preview.plansChecked} recent ticket{preview.plansChecked === 1 ? '' : 's'} would decide differently.</StatusNote>
      ) : (
        <>
          <h3>
            {tickets.size} recent ticket{tickets.size === 1 ? '' : 's'} would go differently
          </h3>
          <ul className="row-list">
            {[...tickets].map(([ticketId, list]) => (
              <li key={ticketId} className="change">
                <p className="row-title">
                  Ticket #{ticketId}
                  {list[0]!.subject ? `: ${list[0]!.subject}` : ''}
                </p>
                <ul>
                  {list.map((c, n) => (
                    <li key={n}>
                      <strong>{words(c.action)}</strong>: {c.before} → <strong>{c.after}</strong>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
