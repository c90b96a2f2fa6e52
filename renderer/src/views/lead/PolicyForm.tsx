// The policy as a form: its name, what a write no rule names does, a rule per action for every
// playbook, and each playbook's ceiling and own rules. Every field shows the schema's message.
import { useId, useState } from 'react';
import { POLICY_ACTIONS, type Mode } from '../../../../shared/policy.ts';
import { PLAYBOOKS } from '../../../../shared/plan.ts';
import { MONEY_ACTIONS } from '../../../../shared/policy-presets.ts';
import { useSlice, useStores } from '../../stores/index.ts';
import { words } from '../../ui/format.ts';
import { ActionRuleFields } from './ActionRuleFields.tsx';
import { FieldErrors, ModeSelect } from './fields.tsx';
import { getIn, issuesAt, MODE_LABELS, ruleLine, type ModeChoice } from './policy-draft.ts';

const sentence = (id: string) => words(id).replace(/^./, (c) => c.toUpperCase());

export function PolicyForm() {
  const { policy } = useStores();
  const draft = useSlice('policy', (s) => s.draft);
  const issues = useSlice('policy', (s) => s.issues);
  const nameId = useId();
  const defaultMode = (typeof draft.defaultMode === 'string' ? draft.defaultMode : 'approve') as Mode;
  const fallback = `Team default (${(MODE_LABELS[defaultMode] ?? defaultMode).toLowerCase()})`;
  return (
    <div className="policy-form">
      <div className="form-field">
        <label htmlFor={nameId}>Name</label>
        <input id={nameId} type="text" value={String(draft.name ?? '')} aria-invalid={issuesAt(issues, ['name']).length ? true : undefined} onChange={(e) => policy.getState().update(['name'], e.target.value)} />
        <FieldErrors id={`${nameId}-err`} errors={issuesAt(issues, ['name'])} />
      </div>
      <ModeSelect
        label="A write no rule names"
        value={defaultMode as ModeChoice}
        unset="Agent approves (default)"
        money={false}
        errors={issuesAt(issues, ['defaultMode'])}
        onChange={(c) => policy.getState().update(['defaultMode'], c || undefined)}
      />
      <h3>Every playbook</h3>
      <p className="muted hint">Reads always run by themselves. A value only the customer's message gives always needs the agent.</p>
      <ul className="rule-list" aria-label="Rules for every playbook">
        {POLICY_ACTIONS.map((action) => (
          <li key={action}>
            <details>
              <summary>
                <span className="rule-name">{sentence(action)}</span> <span className="rule-line">{ruleLine(getIn(draft, ['actions', action]), fallback)}</span>
                {issues.some((i) => i.path.startsWith(`actions.${action}.`) || i.path === `actions.${action}`) && <span className="badge badge-bad"> needs a fix</span>}
              </summary>
              <ActionRuleFields draft={draft} issues={issues} path={['actions', action]} money={MONEY_ACTIONS.includes(action)} unset={fallback} />
            </details>
          </li>
        ))}
      </ul>
      <h3>Per playbook</h3>
      <ul className="rule-list" aria-label="Rules per playbook">
        {PLAYBOOKS.map((pb) => (
          <PlaybookRules key={pb} playbook={pb} />
        ))}
      </ul>
    </div>
  );
}

function PlaybookRules({ playbook }: { playbook: string }) {
  const { policy } = useStores();
  const draft = useSlice('policy', (s) => s.draft);
  const issues = useSlice('policy', (s) => s.issues);
  const [adding, setAdding] = useState<string>(POLICY_ACTIONS[0]);
  const addId = useId();
  const base = ['playbooks', playbook];
  const own = getIn(draft, [...base, 'actions']);
  const actions = own && typeof own === 'object' ? Object.keys(own) : [];
  const available = POLICY_ACTIONS.filter((a) => !actions.includes(a));
  const chosen = available.find((a) => a === adding) ?? available[0];
  const ceiling = getIn(draft, [...base, 'mode']);
  const summary = [ceiling ? `at most: ${MODE_LABELS[ceiling as Mode]?.toLowerCase() ?? String(ceiling)}` : 'no ceiling', actions.length ? `${actions.length} own rule${actions.length === 1 ? '' : 's'}` : ''].filter(Boolean).join(' · ');
  return (
    <li>
      <details>
        <summary>
          <span className="rule-name">{sentence(playbook)}</span> <span className="rule-line">{summary}</span>
          {issues.some((i) => i.path.startsWith(`playbooks.${playbook}.`)) && <span className="badge badge-bad"> needs a fix</span>}
        </summary>
        <div className="rule-fields">
          <ModeSelect
            label="No step looser than"
            value={(typeof ceiling === 'string' ? ceiling : '') as ModeChoice}
            unset="No ceiling"
            money={false}
            errors={issuesAt(issues, [...base, 'mode'])}
            onChange={(c) => policy.getState().update([...base, 'mode'], c || undefined)}
          />
          {actions.map((action) => (
            <fieldset key={action} className="own-rule">
              <legend>{sentence(action)} in this playbook</legend>
              <ActionRuleFields draft={draft} issues={issues} path={[...base, 'actions', action]} money={MONEY_ACTIONS.includes(action as never)} unset="As for every playbook" />
              <button type="button" className="link-button" onClick={() => policy.getState().update([...base, 'actions', action], undefined)}>
                Remove this playbook's rule for {words(action)}
              </button>
            </fieldset>
          ))}
          <div className="actions">
            <label htmlFor={addId} className="visually-hidden">
              Action for a rule of this playbook
            </label>
            <select id={addId} value={chosen ?? ''} onChange={(e) => setAdding(e.target.value)}>
              {available.map((a) => (
                <option key={a} value={a}>
                  {words(a)}
                </option>
              ))}
            </select>
            <button type="button" disabled={!chosen} onClick={() => chosen && policy.getState().update([...base, 'actions', chosen], { mode: 'approve' })}>
              Add a rule
            </button>
          </div>
          <FieldErrors id={`${addId}-err`} errors={issuesAt(issues, base)} />
        </div>
      </details>
    </li>
  );
}
