// The common parts of a playbook as a form: its name, the request kinds it serves, its minutes by
// hand, its business rules (a CEL expression each, with its words and message), and its reply.
// Every change is written into the file's text (playbook-yaml.ts); each field shows beside it the
// problems the core's check found on its lines.
import { useEffect, useId, useState, type ReactNode } from 'react';
import { REFUSALS } from '../../../../shared/playbook.ts';
import { REQUEST_KINDS } from '../../../../shared/request.ts';
import { words } from '../../ui/format.ts';
import { FieldErrors } from './fields.tsx';
import { addRule, setField, type FieldPath, type PlaybookFields } from './playbook-yaml.ts';

const REFUSE_LABELS: Record<string, string> = { escalate: 'Hand over to a person', ask: 'Ask the customer (the message is the question)', decline: 'Leave the write out; the reply says why' };

interface Props {
  text: string;
  fields: PlaybookFields;
  /** problems by form field (`title`, `rules.0.check`…) */
  problems: Map<string, string[]>;
  onText: (text: string) => void;
}

export function PlaybookForm({ text, fields, problems, onText }: Props) {
  const set = (path: FieldPath, value: unknown) => onText(setField(text, path, value));
  const at = (key: string) => problems.get(key) ?? [];
  const variables = [...fields.reads, 'write', 'facts', 'request', 'now'].join(', ');
  return (
    <div className="policy-form playbook-form">
      <TextField label="Name" value={fields.title} errors={at('title')} onChange={(v) => set(['title'], v)} />
      <TextField label="Id" value={fields.id} errors={at('id')} hint="lower_snake_case; the plans and metrics name the playbook by it" onChange={(v) => set(['id'], v)} />
      <ListField
        label="Request kinds it serves"
        value={fields.serves}
        errors={at('serves')}
        hint={`Known kinds: ${REQUEST_KINDS.join(', ')}. A new kind needs the words that ask for it (cues) in the file.`}
        onChange={(v) => set(['serves'], v)}
      />
      <TextField
        label="Minutes by hand"
        value={fields.baseline}
        errors={at('baseline_minutes')}
        hint="what an experienced agent takes for such a ticket (the metrics' baseline)"
        onChange={(v) => set(['baseline_minutes'], /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v)}
      />
      <h3>Business rules</h3>
      <p className="muted hint">
        Each rule is a CEL expression that must be true before the playbook's writes are proposed. It can use: {variables}.
      </p>
      <ol className="rule-list pb-rules" aria-label="Business rules">
        {fields.rules.map((rule, n) => (
          <li key={n}>
            <fieldset aria-label={`Rule ${n + 1}`}>
              <legend>
                Rule {n + 1}
                {rule.id ? `: ${words(rule.id)}` : ''}
                {[...problems.keys()].some((k) => k === `rules.${n}` || k.startsWith(`rules.${n}.`)) && <span className="badge badge-bad"> needs a fix</span>}
              </legend>
              <TextField label="Id" value={rule.id} errors={at(`rules.${n}.id`)} onChange={(v) => set(['rules', n, 'id'], v)} />
              <TextField label="In words" value={rule.says} errors={at(`rules.${n}.says`)} hint="as the agent reads it beside a plan" onChange={(v) => set(['rules', n, 'says'], v)} />
              <TextField label="Check (CEL)" value={rule.check} errors={at(`rules.${n}.check`)} code onChange={(v) => set(['rules', n, 'check'], v)} />
              <TextField label="Message when it refuses" value={rule.message} errors={at(`rules.${n}.message`)} hint="{{ expr }} puts a value in" onChange={(v) => set(['rules', n, 'message'], v)} />
              <SelectField label="When it refuses" value={rule.refuse || 'escalate'} errors={at(`rules.${n}.refuse`)} onChange={(v) => set(['rules', n, 'refuse'], v)}>
                {REFUSALS.map((r) => (
                  <option key={r} value={r}>
                    {REFUSE_LABELS[r]}
                  </option>
                ))}
              </SelectField>
              <FieldErrors id={`rule-${n}-err`} errors={at(`rules.${n}`)} />
              <button type="button" className="link-button" onClick={() => set(['rules', n], undefined)}>
                Remove rule {n + 1}
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" onClick={() => onText(addRule(text, { id: `rule_${fields.rules.length + 1}`, says: '', check: '', message: '', refuse: 'escalate' }))}>
          Add a rule
        </button>
      </div>
      <TextField label="Reply" value={fields.reply} errors={at('reply')} rows={5} hint="the reply's paragraph for a playbook served from data; {{ expr }} puts a value in" onChange={(v) => set(['reply'], v === '' ? undefined : v)} />
    </div>
  );
}

function Field({ label, errors, hint, children }: { label: string; errors: string[]; hint?: string; children: (id: string, describedBy: string | undefined) => ReactNode }) {
  const id = useId();
  const describedBy = [errors.length ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {children(id, describedBy)}
      {hint && (
        <span id={`${id}-hint`} className="muted hint">
          {hint}
        </span>
      )}
      <FieldErrors id={`${id}-err`} errors={errors} />
    </div>
  );
}

function TextField({ label, value, errors, onChange, hint, code, rows }: { label: string; value: string; errors: string[]; onChange: (v: string) => void; hint?: string; code?: boolean; rows?: number }) {
  return (
    <Field label={label} errors={errors} {...(hint ? { hint } : {})}>
      {(id, describedBy) =>
        rows || code ? (
          <textarea
            id={id}
            className={code ? 'code-editor code-line' : undefined}
            rows={rows ?? 2}
            spellCheck={false}
            value={value}
            aria-invalid={errors.length ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <input id={id} type="text" value={value} aria-invalid={errors.length ? true : undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} />
        )
      }
    </Field>
  );
}

function SelectField({ label, value, errors, onChange, children }: { label: string; value: string; errors: string[]; onChange: (v: string) => void; children: ReactNode }) {
  return (
    <Field label={label} errors={errors}>
      {(id, describedBy) => (
        <select id={id} value={value} aria-invalid={errors.length ? true : undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
          {children}
        </select>
      )}
    </Field>
  );
}

/** A list typed as "a, b": kept as typed while it reads as the same list. */
function ListField({ label, value, errors, hint, onChange }: { label: string; value: string[]; errors: string[]; hint: string; onChange: (v: string[]) => void }) {
  const listOf = (t: string) => t.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const [typed, setTyped] = useState(value.join(', '));
  useEffect(() => {
    if (JSON.stringify(listOf(typed)) !== JSON.stringify(value)) setTyped(value.join(', '));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <Field label={label} errors={errors} hint={hint}>
      {(id, describedBy) => (
        <input
          id={id}
          type="text"
          value={typed}
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            setTyped(e.target.value);
            onChange(listOf(e.target.value));
          }}
        />
      )}
    </Field>
  );
}
