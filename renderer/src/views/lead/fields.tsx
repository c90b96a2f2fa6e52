// Small form fields of the policy form: a number typed as text (kept as typed until it is a number,
// so "1." or "12x" is not lost, and the schema's message shows beside it), a mode select in words.
import { useEffect, useId, useState } from 'react';
import { MODE_LABELS, typedNumber, type ModeChoice } from './policy-draft.ts';

export function FieldErrors({ id, errors }: { id: string; errors: string[] }) {
  if (!errors.length) return null;
  return (
    <span id={id} className="field-error" role="alert">
      {errors.join('; ')}
    </span>
  );
}

export function NumberField({
  label,
  value,
  errors,
  onChange,
  prefix,
  hint,
}: {
  label: string;
  value: unknown;
  errors: string[];
  onChange: (value: number | string | undefined) => void;
  prefix?: string;
  hint?: string;
}) {
  const id = useId();
  const shown = value === undefined ? '' : String(value);
  const [text, setText] = useState(shown);
  // a change from elsewhere (the JSON, a preset) replaces what is typed here
  useEffect(() => {
    if (typedNumber(text) !== value) setText(shown);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <span className="number-input">
        {prefix && <span aria-hidden="true">{prefix}</span>}
        <input
          id={id}
          type="text"
          inputMode="decimal"
          value={text}
          placeholder={hint ?? 'no limit'}
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={errors.length ? `${id}-err` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            onChange(typedNumber(e.target.value));
          }}
        />
      </span>
      <FieldErrors id={`${id}-err`} errors={errors} />
    </div>
  );
}

export function ModeSelect({
  label,
  value,
  onChange,
  unset,
  money,
  errors = [],
}: {
  label: string;
  value: ModeChoice;
  onChange: (choice: ModeChoice) => void;
  /** what leaving it unset means, e.g. "Team default (agent approves)" */
  unset: string;
  /** the action carries an amount: "second approval" is offered */
  money: boolean;
  errors?: string[];
}) {
  const id = useId();
  const choices = (['auto', 'approve', ...(money || value === 'second' ? (['second'] as const) : []), 'suggest', 'off'] as const).filter(Boolean) as Exclude<ModeChoice, ''>[];
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as ModeChoice)} aria-invalid={errors.length ? true : undefined}>
        <option value="">{unset}</option>
        {choices.map((c) => (
          <option key={c} value={c}>
            {MODE_LABELS[c]}
          </option>
        ))}
      </select>
      <FieldErrors id={`${id}-err`} errors={errors} />
    </div>
  );
}
