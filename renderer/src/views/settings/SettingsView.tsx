// Settings: the planner, the LLM endpoint and model, the agent's name, and the API key — a
// write-only field: the key goes to core once and is never shown again (core only says one is stored).
import { useEffect, useState, type FormEvent } from 'react';
import type { ApiInput, Settings } from '../../../../shared/api.ts';
import { useSlice, useStores } from '../../stores/index.ts';
import { ErrorNote, StatusNote } from '../../ui/notes.tsx';

export function SettingsView() {
  const { settings } = useStores();
  const current = useSlice('settings', (s) => s.settings);
  const error = useSlice('settings', (s) => s.error);

  useEffect(() => {
    void settings.getState().load();
  }, [settings]);

  return (
    <section aria-labelledby="settings-heading" className="view">
      <h2 id="settings-heading">Settings</h2>
      <ErrorNote message={error} />
      {current ? <SettingsForm key={JSON.stringify(current)} current={current} /> : !error && <StatusNote>Loading settings…</StatusNote>}
    </section>
  );
}

type Field = 'baseURL' | 'model' | 'apiKey';
type Problems = Partial<Record<Field, string>>;

/** What is missing before these settings can plan: checked before anything is saved. */
export function problemsOf(form: { planner: Settings['planner']; baseURL: string; model: string; apiKey: string }, current: Settings): Problems {
  const out: Problems = {};
  if (form.planner !== 'llm') return out;
  const base = form.baseURL.trim();
  if (!base) out.baseURL = 'The LLM planner needs the endpoint’s base URL.';
  else if (!/^https?:\/\/[^\s/]+/.test(base)) out.baseURL = 'Enter a URL starting with https:// (or http:// for a local endpoint).';
  if (!form.model.trim()) out.model = 'The LLM planner needs a model name (e.g. gpt-4o-mini).';
  const endpointChanged = base !== current.llm.baseURL;
  if (!form.apiKey && (!current.llm.hasKey || endpointChanged)) {
    out.apiKey = endpointChanged && current.llm.hasKey ? 'The endpoint changed: enter the API key for the new endpoint (the stored key is for the old one).' : 'The LLM planner needs an API key.';
  }
  return out;
}

const FIELD_IDS: Record<Field, string> = { baseURL: 'llm-base', model: 'llm-model', apiKey: 'llm-key' };

function SettingsForm({ current }: { current: Settings }) {
  const { settings } = useStores();
  const saving = useSlice('settings', (s) => s.saving);
  const saved = useSlice('settings', (s) => s.saved);
  const [planner, setPlanner] = useState(current.planner);
  const [baseURL, setBaseURL] = useState(current.llm.baseURL);
  const [model, setModel] = useState(current.llm.model);
  const [apiKey, setApiKey] = useState('');
  const [problems, setProblems] = useState<Problems>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf({ planner, baseURL, model, apiKey }, current);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const llm: NonNullable<ApiInput<'settings.set'>['llm']> = {};
    if (baseURL.trim() && baseURL.trim() !== current.llm.baseURL) llm.baseURL = baseURL.trim();
    if (model.trim() && model.trim() !== current.llm.model) llm.model = model.trim();
    if (apiKey) llm.apiKey = apiKey;
    const patch: ApiInput<'settings.set'> = {
      ...(planner !== current.planner ? { planner } : {}),
      ...(Object.keys(llm).length ? { llm } : {}),
    };
    // the key leaves the field whatever happens: it is never kept in the panel
    setApiKey('');
    await settings.getState().save(patch);
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="settings-form">
      <fieldset>
        <legend>Planner</legend>
        <label className="checkbox">
          <input type="radio" name="planner" value="offline" checked={planner === 'offline'} onChange={() => setPlanner('offline')} />
          Offline (rules only, nothing leaves this machine)
        </label>
        <label className="checkbox">
          <input type="radio" name="planner" value="llm" checked={planner === 'llm'} onChange={() => setPlanner('llm')} />
          LLM (an OpenAI-compatible endpoint)
        </label>
      </fieldset>
      <label className="field-label" htmlFor="llm-base">
        LLM base URL
      </label>
      <input id="llm-base" type="url" aria-invalid={problems.baseURL ? true : undefined} value={baseURL} onChange={(e) => setBaseURL(e.target.value)} placeholder="https://api.openai.com/v1" />
      <label className="field-label" htmlFor="llm-model">
        Model
      </label>
      <input id="llm-model" type="text" aria-invalid={problems.model ? true : undefined} value={model} onChange={(e) => setModel(e.target.value)} />
      <label className="field-label" htmlFor="llm-key">
        API key
      </label>
      <input
        id="llm-key"
        aria-invalid={problems.apiKey ? true : undefined}
        type="password"
        autoComplete="off"
        value={apiKey}
        onChange={(e) => setApiKey(e.target.value)}
        aria-describedby="llm-key-help"
        placeholder={current.llm.hasKey ? 'A key is stored; type to replace it' : 'No key stored'}
      />
      <p id="llm-key-help" className="muted">
        {current.llm.hasKey ? 'A key is stored by Legwork. ' : ''}The key is sent once and stored securely; it is never shown again.
      </p>
      <label className="field-label" htmlFor="agent-name">
        Agent name
      </label>
      <input id="agent-name" type="text" value={current.agent} readOnly aria-describedby="agent-name-help" />
      <p id="agent-name-help" className="muted">
        Approvals are recorded under the account signed in to this computer.
      </p>
      {Object.keys(problems).length > 0 && (
        <div role="alert" className="error-note">
          Not saved — missing or wrong:
          <ul className="error-list">
            {(Object.entries(problems) as [Field, string][]).map(([field, message]) => (
              <li key={field}>
                <a href={`#${FIELD_IDS[field]}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
      </div>
      {saved && <StatusNote>Settings saved.</StatusNote>}
    </form>
  );
}
