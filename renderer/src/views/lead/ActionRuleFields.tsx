// One action's rule in the policy form: its mode in words, money caps (for writes with an amount),
// the hourly limit for running by itself, and conditions over what the systems say.
import { useId } from 'react';
import { MODES } from '../../../../shared/policy.ts';
import { useStores } from '../../stores/index.ts';
import { FieldErrors, ModeSelect, NumberField } from './fields.tsx';
import { choiceOf, getIn, issuesAt, MODE_LABELS, withChoice, type Draft, type Issue, type Path } from './policy-draft.ts';

const OPERATORS = [
  ['eq', 'is'],
  ['ne', 'is not'],
  ['in', 'is one of'],
  ['notIn', 'is none of'],
  ['gt', 'is above'],
  ['gte', 'is at least'],
  ['lt', 'is below'],
  ['lte', 'is at most'],
  ['exists', 'is known'],
] as const;
type Op = (typeof OPERATORS)[number][0];

interface Props {
  draft: Draft;
  issues: Issue[];
  /** where the rule is: ['actions', action] or ['playbooks', pb, 'actions', action] */
  path: Path;
  money: boolean;
  /** what an unset mode means here */
  unset: string;
}

export function ActionRuleFields({ draft, issues, path, money, unset }: Props) {
  const { policy } = useStores();
  const rule = getIn(draft, path);
  const update = (rel: Path, value: unknown) => policy.getState().update([...path, ...rel], value);
  const at = (rel: Path) => issuesAt(issues, [...path, ...rel]);
  const second = choiceOf(rule) === 'second';
  return (
    <div className="rule-fields">
      <ModeSelect label="Mode" value={choiceOf(rule)} unset={unset} money={money} errors={at(['mode'])} onChange={(c) => policy.getState().update(path, withChoice(rule, c))} />
      {money && (
        <fieldset className="caps">
          <legend>Money limits</legend>
          {!second && <NumberField label="Runs by itself up to" prefix="$" value={getIn(rule, ['caps', 'auto'])} errors={at(['caps', 'auto'])} onChange={(v) => update(['caps', 'auto'], v)} />}
          {!second && (
            <NumberField label="One approval up to" prefix="$" hint="no limit" value={getIn(rule, ['caps', 'approve'])} errors={at(['caps', 'approve'])} onChange={(v) => update(['caps', 'approve'], v)} />
          )}
          <NumberField label="Second approval up to" prefix="$" hint="no limit" value={getIn(rule, ['caps', 'secondApproval'])} errors={at(['caps', 'secondApproval'])} onChange={(v) => update(['caps', 'secondApproval'], v)} />
          <p className="muted hint">Above a limit the next one applies; above the last, it is not allowed.</p>
          <FieldErrors id={`${path.join('-')}-caps`} errors={at(['caps'])} />
        </fieldset>
      )}
      <NumberField
        label="Runs by itself at most, per agent per hour"
        hint="no limit"
        value={getIn(rule, ['rateLimit', 'autoPerAgentPerHour'])}
        errors={at(['rateLimit', 'autoPerAgentPerHour'])}
        onChange={(v) => update(['rateLimit', 'autoPerAgentPerHour'], v)}
      />
      <Conditions draft={draft} issues={issues} path={[...path, 'conditions']} />
    </div>
  );
}

function Conditions({ draft, issues, path }: { draft: Draft; issues: Issue[]; path: Path }) {
  const { policy } = useStores();
  const list = getIn(draft, path);
  const conditions = Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
  const add = () => policy.getState().update([...path, conditions.length], { when: [{ fact: 'order.status', eq: 'pending' }], mode: 'approve' });
  return (
    <div className="conditions">
      <p className="field-title">Conditions</p>
      {conditions.length === 0 && <p className="muted hint">None: the mode and limits above always apply.</p>}
      <ol>
        {conditions.map((c, i) => (
          <ConditionFields key={i} condition={c} issues={issues} path={[...path, i]} />
        ))}
      </ol>
      <button type="button" onClick={add}>
        Add a condition
      </button>
    </div>
  );
}

function ConditionFields({ condition, issues, path }: { condition: Record<string, unknown>; issues: Issue[]; path: Path }) {
  const { policy } = useStores();
  const id = useId();
  const update = (rel: Path, value: unknown) => policy.getState().update([...path, ...rel], value);
  const when = Array.isArray(condition.when) ? (condition.when as Record<string, unknown>[]) : [];
  return (
    <li className="condition" aria-label={`Condition ${Number(path.at(-1)) + 1}`}>
      <p className="field-title">When</p>
      {when.map((clause, j) => (
        <ClauseFields key={j} clause={clause} issues={issues} path={[...path, 'when', j]} />
      ))}
      <FieldErrors id={`${id}-when`} errors={issuesAt(issues, [...path, 'when'])} />
      <div className="actions">
        <button type="button" onClick={() => update(['when', when.length], { fact: 'order.total', gt: 0 })}>
          And…
        </button>
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-mode`}>then at least</label>
        <select id={`${id}-mode`} value={String(condition.mode ?? 'approve')} onChange={(e) => update(['mode'], e.target.value)}>
          {[...MODES].reverse().map((m) => (
            <option key={m} value={m}>
              {MODE_LABELS[m]}
            </option>
          ))}
        </select>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={condition.loosen === true} onChange={(e) => update(['loosen'], e.target.checked || undefined)} />
        may loosen the mode (within the limits)
      </label>
      <div className="form-field">
        <label htmlFor={`${id}-why`}>Why (the agent reads it)</label>
        <input id={`${id}-why`} type="text" value={String(condition.reason ?? '')} onChange={(e) => update(['reason'], e.target.value || undefined)} />
      </div>
      <button type="button" className="link-button" onClick={() => policy.getState().update(path, undefined)}>
        Remove this condition
      </button>
    </li>
  );
}

function ClauseFields({ clause, issues, path }: { clause: Record<string, unknown>; issues: Issue[]; path: Path }) {
  const { policy } = useStores();
  const id = useId();
  const op = (OPERATORS.find(([o]) => clause[o] !== undefined)?.[0] ?? 'eq') as Op;
  const value = clause[op];
  const set = (next: Record<string, unknown>) => policy.getState().update(path, next);
  const shown = Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value);
  const errors = [...issuesAt(issues, path), ...issuesAt(issues, [...path, 'fact']), ...issuesAt(issues, [...path, op])];
  return (
    <div className="clause">
      <input aria-label="Fact" className="clause-fact" type="text" value={String(clause.fact ?? '')} onChange={(e) => set({ ...clause, fact: e.target.value })} />
      <select aria-label="Test" value={op} onChange={(e) => set({ fact: clause.fact, [e.target.value]: valueFor(e.target.value as Op, shown) })}>
        {OPERATORS.map(([o, w]) => (
          <option key={o} value={o}>
            {w}
          </option>
        ))}
      </select>
      {op !== 'exists' && <input aria-label="Value" className="clause-value" type="text" value={shown} onChange={(e) => set({ fact: clause.fact, [op]: valueFor(op, e.target.value) })} />}
      <button type="button" className="link-button" aria-label="Remove this test" onClick={() => policy.getState().update(path, undefined)}>
        ✕
      </button>
      <FieldErrors id={`${id}-err`} errors={errors} />
    </div>
  );
}

/**
 * The value as the operator wants it: a list for "one of", a number for comparisons, a scalar
 * otherwise. Text that is not yet a whole number as written ("1.") stays text while it is typed.
 */
function valueFor(op: Op, text: string): unknown {
  const asNumber = (s: string) => (s !== '' && String(Number(s)) === s ? Number(s) : undefined);
  const scalar = (t: string): unknown => {
    const s = t.trim();
    if (s === 'true' || s === 'false') return s === 'true';
    return asNumber(s) ?? s;
  };
  if (op === 'exists') return true;
  if (op === 'in' || op === 'notIn') return text.split(',').map(scalar);
  if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') return asNumber(text.trim()) ?? text;
  return scalar(text);
}
