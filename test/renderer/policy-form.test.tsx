// @vitest-environment jsdom
// The lead's policy as a form against a scripted core: modes in words, caps checked with the
// contract's schema as they are typed (the message beside the field, signing held back), the JSON
// behind it in step, the recommended start, what would change by ticket, and signing in the panel.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../renderer/src/App.tsx';
import { FakeCore } from './fake-core.ts';
import { metrics, policy } from './fixtures.ts';
import { STRICTEST_POLICY } from '../../shared/policy.ts';
import type { SigningKey } from '../../shared/api.ts';

afterEach(cleanup);

const SESSION = 's'.repeat(24);

function leadCore(opts: { builtIn?: boolean; key?: SigningKey } = {}) {
  let key: SigningKey = opts.key ?? { protection: 'passphrase', keyId: null, trustedKeyId: null };
  return new FakeCore({
    'policy.get': () => (opts.builtIn ? { policy: STRICTEST_POLICY, source: 'built-in strictest default', signedBy: null, builtIn: true } : { policy, source: '"Support team"', signedBy: 'abcd1234abcd1234', builtIn: false }),
    'policy.preview': () => ({
      changes: [
        { runId: 'run-7', stepId: 's2', action: 'adjust_charge', before: 'second_approval', after: 'approve', ticketId: 1003, subject: 'refund the duplicate charge on #W1', amount: 120, effect: 'the customer gets $120.00 back' },
      ],
    }),
    'approvals.signIn': () => ({ session: SESSION, name: 'Lee Lead' }),
    'approvals.list': () => [],
    'policy.signingKey': () => key,
    'policy.createKey': () => (key = { ...key, keyId: 'feedfacefeedface' }),
    'policy.signAndInstall': () => ({ name: 'Support team', keyId: 'feedfacefeedface', installedBy: 'Lee Lead', issuedAt: '2026-01-01T00:00:00.000Z' }),
    'metrics.get': () => metrics,
  });
}

async function openPolicy(core: FakeCore) {
  render(<App api={core} />);
  fireEvent.click(screen.getByRole('tab', { name: 'Team lead' }));
  await screen.findByText(/In force:/);
}

const rules = () => screen.getByRole('list', { name: 'Rules for every playbook' });
function openRule(name: RegExp) {
  const item = within(rules()).getByText(name).closest('li')!;
  fireEvent.click(item.querySelector('summary')!);
  return within(item as HTMLElement);
}

describe('the policy form', () => {
  it('shows each action in words and checks a cap as it is typed', async () => {
    const core = leadCore();
    await openPolicy(core);
    const adjust = openRule(/^Adjust charge$/);
    expect(within(rules()).getByText(/^Adjust charge$/).parentElement!.textContent).toContain('Runs by itself · by itself up to $50 · second approver above $500');
    expect((adjust.getByLabelText('Mode') as HTMLSelectElement).value).toBe('auto');

    // a cap below the one under it is refused by the contract's schema, beside the field
    const approve = adjust.getByLabelText('One approval up to') as HTMLInputElement;
    fireEvent.change(approve, { target: { value: '20' } });
    expect(adjust.getByRole('alert').textContent).toBe('must be at least the auto cap (50)');
    expect(approve.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('list', { name: 'Policy errors' }).textContent).toContain('actions › adjust charge › caps › approve');
    expect((screen.getByRole('button', { name: 'What would change' }) as HTMLButtonElement).disabled).toBe(true);

    // text that is not a number keeps what was typed, and says so
    fireEvent.change(approve, { target: { value: '12x' } });
    expect(approve.value).toBe('12x');
    expect(adjust.getByRole('alert').textContent).toBe('enter a number');

    fireEvent.change(approve, { target: { value: '800' } });
    expect(adjust.queryByRole('alert')).toBeNull();
    await screen.findByText('The draft is a valid policy (not installed yet).');

    // the JSON behind the form follows
    fireEvent.click(screen.getByRole('button', { name: 'JSON' }));
    const json = JSON.parse((screen.getByRole('textbox', { name: 'Policy (JSON)' }) as HTMLTextAreaElement).value);
    expect(json.actions.adjust_charge.caps).toEqual({ auto: 50, approve: 800 });
  });

  it('offers second approval for money and writes it as a $0 approve cap; the JSON edits the form', async () => {
    await openPolicy(leadCore());
    const refund = openRule(/^Return delivered order items$/);
    fireEvent.change(refund.getByLabelText('Mode'), { target: { value: 'second' } });
    const note = openRule(/^Add crm note$/);
    expect(within(note.getByLabelText('Mode')).queryByRole('option', { name: 'Second approval' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'JSON' }));
    const editor = screen.getByRole('textbox', { name: 'Policy (JSON)' }) as HTMLTextAreaElement;
    const json = JSON.parse(editor.value);
    expect(json.actions.return_delivered_order_items).toEqual({ mode: 'approve', caps: { approve: 0 } });

    fireEvent.change(editor, { target: { value: '{"version": 1,' } });
    expect(await screen.findByText(/^not valid JSON/)).toBeTruthy();
    expect(editor.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(editor, { target: { value: JSON.stringify({ ...json, actions: { ...json.actions, add_crm_note: { mode: 'suggest' } } }) } });
    fireEvent.click(screen.getByRole('button', { name: 'Form' }));
    expect(within(rules()).getByText(/^Add crm note$/).parentElement!.textContent).toContain('Suggestion only');
  });

  it('offers the recommended start when nothing was ever signed', async () => {
    await openPolicy(leadCore({ builtIn: true }));
    const note = screen.getByRole('note', { name: 'Recommended start' });
    expect(note.textContent).toContain('Nothing runs by itself yet');
    expect(note.textContent).toContain('Recommended: reads and notes by themselves, writes approved, refunds over $100 a second approver');
    fireEvent.click(within(note).getByRole('button', { name: 'Start from the recommended policy' }));
    expect(within(rules()).getByText(/^Add internal note$/).parentElement!.textContent).toContain('Runs by itself');
    expect(within(rules()).getByText(/^Adjust charge$/).parentElement!.textContent).toContain('Agent approves · second approver above $100');
    expect(within(rules()).getByText(/^Reply to customer$/).parentElement!.textContent).toContain('Team default (agent approves)');
    await screen.findByText('The draft is a valid policy (not installed yet).');
  });

  it('lists what would change by ticket, and signs and installs as the signed-in lead', async () => {
    const core = leadCore();
    await openPolicy(core);
    const adjust = openRule(/^Adjust charge$/);
    const approve = adjust.getByLabelText('One approval up to');
    fireEvent.change(approve, { target: { value: '1000' } });
    fireEvent.click(screen.getByRole('button', { name: 'What would change' }));
    const changes = await screen.findByRole('region', { name: 'What would change' });
    expect(changes.textContent).toContain('1 recent ticket would go differently');
    expect(changes.textContent).toContain('Ticket #1003: refund the duplicate charge on #W1');
    expect(changes.textContent).toContain('adjust charge $120: Needs a second approval → Needs your approval');
    expect(changes.textContent).not.toContain('run-7');

    expect(screen.getByText(/Sign in as a lead \(under Approvals, above\)/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Approver name'), { target: { value: 'Lee Lead' } });
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'a long lead passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    // no key yet: create one, protected by a passphrase typed twice
    const create = await screen.findByRole('button', { name: 'Create my signing key' });
    fireEvent.change(screen.getByLabelText('New key passphrase (at least 10 characters)'), { target: { value: 'key passphrase 1' } });
    fireEvent.change(screen.getByLabelText('The passphrase again'), { target: { value: 'key passphrase 2' } });
    expect(screen.getByText('The two passphrases differ.')).toBeTruthy();
    expect((create as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('The passphrase again'), { target: { value: 'key passphrase 1' } });
    fireEvent.click(create);
    expect(core.callsOf('policy.createKey')).toEqual([{ session: SESSION, passphrase: 'key passphrase 1' }]);

    const form = await screen.findByRole('form', { name: 'Sign and install the policy' });
    expect(form.textContent).toContain('Your key feedfacefeedface is kept in a passphrase-protected file');
    fireEvent.change(within(form).getByLabelText('Key passphrase'), { target: { value: 'key passphrase 1' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Sign and install' }));
    await screen.findByText(/Signed by Lee Lead with key feedfacefeedface and installed/);
    const signed = core.callsOf('policy.signAndInstall');
    expect(signed).toHaveLength(1);
    expect(signed[0]!.passphrase).toBe('key passphrase 1');
    expect((signed[0]!.policy as typeof policy).actions.adjust_charge.caps).toEqual({ auto: 50, approve: 1000 });
    await waitFor(() => expect(core.callsOf('policy.get').length).toBeGreaterThan(1));
  });

  it('edits conditions, a rate limit and a playbook\'s own rule, each checked where it is typed', async () => {
    await openPolicy(leadCore());
    const refund = openRule(/^Return delivered order items$/);
    fireEvent.change(refund.getByLabelText('Runs by itself at most, per agent per hour'), { target: { value: '5' } });
    fireEvent.click(refund.getByRole('button', { name: 'Add a condition' }));
    const condition = within(refund.getByRole('listitem', { name: 'Condition 1' }));
    fireEvent.change(condition.getByLabelText('Fact'), { target: { value: 'order total' } });
    expect(condition.getByRole('alert').textContent).toBe('must be a dotted path such as order.status');
    fireEvent.change(condition.getByLabelText('Fact'), { target: { value: 'order.total' } });
    fireEvent.change(condition.getByLabelText('Test'), { target: { value: 'gt' } });
    fireEvent.change(condition.getByLabelText('Value'), { target: { value: '250' } });
    fireEvent.change(condition.getByLabelText('then at least'), { target: { value: 'suggest' } });
    fireEvent.change(condition.getByLabelText('Why (the agent reads it)'), { target: { value: 'big returns are done by hand' } });
    expect(condition.queryByRole('alert')).toBeNull();

    // a playbook's own rule, tighter than the policy-wide one
    const playbooks = screen.getByRole('list', { name: 'Rules per playbook' });
    const exchange = within(playbooks).getByText(/^Exchange items$/).closest('li')!;
    fireEvent.click(exchange.querySelector('summary')!);
    fireEvent.change(within(exchange).getByLabelText('No step looser than'), { target: { value: 'approve' } });
    fireEvent.change(within(exchange).getByLabelText('Action for a rule of this playbook'), { target: { value: 'reply_to_customer' } });
    fireEvent.click(within(exchange).getByRole('button', { name: 'Add a rule' }));
    fireEvent.change(within(exchange).getAllByLabelText('Mode').at(-1)!, { target: { value: 'suggest' } });
    expect(exchange.querySelector('summary')!.textContent).toContain('at most: agent approves · 1 own rule');

    await screen.findByText('The draft is a valid policy (not installed yet).');
    fireEvent.click(screen.getByRole('button', { name: 'JSON' }));
    const json = JSON.parse((screen.getByRole('textbox', { name: 'Policy (JSON)' }) as HTMLTextAreaElement).value);
    expect(json.actions.return_delivered_order_items).toEqual({
      rateLimit: { autoPerAgentPerHour: 5 },
      conditions: [{ when: [{ fact: 'order.total', gt: 250 }], mode: 'suggest', reason: 'big returns are done by hand' }],
    });
    expect(json.playbooks.exchange_items).toEqual({ mode: 'approve', actions: { reply_to_customer: { mode: 'suggest' } } });
  });
});
