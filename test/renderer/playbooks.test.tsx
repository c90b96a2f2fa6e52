// @vitest-environment jsdom
// The lead's view lists the playbooks in force against a scripted core: where the set came from,
// each playbook's rules in words, and a failure to load shown as an error.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../renderer/src/App.tsx';
import { ApiCallError } from '../../renderer/src/api/envelope.ts';
import { FakeCore, type Script } from './fake-core.ts';
import { playbookSources } from '../../core/playbooks/built-in.ts';
import { playbookTemplates, problemsOf, withDraft } from '../../core/playbooks/drafts.ts';

const SHIPPED = playbookSources(path.resolve(import.meta.dirname, '../../automations/playbooks/retail'));
import { metricsReport, playbooksInForce, policy } from './fixtures.ts';

afterEach(cleanup);

const core = (list: () => typeof playbooksInForce, more: Script = {}) =>
  new FakeCore({
    'policy.get': () => ({ policy, source: 'built-in', signedBy: null }),
    'policy.validate': () => ({ ok: true, errors: [] }),
    'metrics.report': () => metricsReport,
    'metrics.configure': () => ({ ok: true }),
    'policy.signingKey': () => ({ protection: 'passphrase', keyId: null, trustedKeyId: null }),
    'playbooks.list': list,
    'playbooks.files': () => ({ version: 2, files: SHIPPED, templates: playbookTemplates(path.resolve(import.meta.dirname, '../../automations/playbooks/templates')) }),
    'playbooks.draft': () => null,
    'playbooks.saveDraft': () => ({ ok: true }),
    // the install's own check, over the shipped files
    'playbooks.check': ({ files }) => ({ problems: problemsOf(withDraft(SHIPPED, files)).problems }),
    ...more,
  });

describe('playbooks in the lead view', () => {
  it('lists the installed set, each playbook with its rules in words', async () => {
    render(<App api={core(() => playbooksInForce)} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Team lead' }));
    const list = await screen.findByRole('list', { name: 'Playbooks' });
    expect(screen.getByText(/playbook set version 2 \(2 playbooks\)/)).toBeTruthy();
    expect(within(list).getByText('Resend the order confirmation')).toBeTruthy();
    const rules = within(list).getByRole('list', { name: 'Rules of Return items of a delivered order' });
    expect(within(rules).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['returns only within 30 days of delivery', 'only a delivered order']);
  });

  it('shows why the playbooks could not be listed', async () => {
    render(
      <App
        api={core(() => {
          throw new ApiCallError('internal', 'the playbooks could not be read');
        })}
      />,
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Team lead' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/the playbooks could not be read/);
  });
});

const TYPO = 'has(order.delivered_on) && now - date(order.delivered_onn) <= duration("720h")';
const slow = { timeout: 10_000 };

describe('the playbook editor', () => {
  it('adds a rule in the form, shows the check\'s reason beside it and its line in the file, and keeps the draft with the core', async () => {
    const api = core(() => playbooksInForce);
    render(<App api={api} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Team lead' }));
    const editor = await screen.findByRole('region', { name: 'Edit playbooks' });
    fireEvent.change(await within(editor).findByRole('combobox', { name: 'Playbook' }), { target: { value: 'return_items.yaml' } });
    expect((within(editor).getByLabelText('Name') as HTMLInputElement).value).toBe('Return items of a delivered order');
    fireEvent.click(within(editor).getByRole('button', { name: 'Add a rule' }));
    const rule = within(within(editor).getByRole('group', { name: 'Rule 3' }));
    fireEvent.change(rule.getByLabelText('Id'), { target: { value: 'within_30_days' } });
    fireEvent.change(rule.getByLabelText('In words'), { target: { value: 'returns only within 30 days of delivery' } });
    fireEvent.change(rule.getByLabelText('Message when it refuses'), { target: { value: 'too late' } });
    fireEvent.change(rule.getByLabelText('Check (CEL)'), { target: { value: TYPO } });
    expect((await rule.findByRole('alert', {}, slow)).textContent).toBe('No such key: delivered_onn');
    expect(within(editor).getByRole('list', { name: 'Playbook errors' }).textContent).toBe('return_items.yaml, line 21: rules.2.check: No such key: delivered_onn');
    // what the core keeps is the text as typed, the rule in its place
    const saved = api.callsOf('playbooks.saveDraft').at(-1)!.draft as { open: string; files: { file: string; text: string }[] };
    expect(saved.open).toBe('return_items.yaml');
    expect(saved.files[0]!.text).toContain(`  - id: within_30_days\n    says: returns only within 30 days of delivery\n    check: ${TYPO}\n`);

    // the file: the line marked and named; an edit there shows in the form
    fireEvent.click(within(editor).getByRole('button', { name: 'File' }));
    expect(within(editor).getByRole('list', { name: 'Problems in the file' }).textContent).toBe('Line 21: rules.2.check: No such key: delivered_onn');
    const file = within(editor).getByLabelText('return_items.yaml (YAML)') as HTMLTextAreaElement;
    fireEvent.change(file, { target: { value: file.value.replace('delivered_onn', 'delivered_on').replace('baseline_minutes: 8', 'baseline_minutes: 12') } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Form' }));
    expect((within(editor).getByLabelText('Minutes by hand') as HTMLInputElement).value).toBe('12');
    await within(editor).findByText('The draft loads as the install checks it (not installed yet).', {}, slow);
    expect(within(editor).queryAllByRole('alert')).toEqual([]);
  }, 120_000);

  it('takes up the draft the core kept, as it was, after a reload', async () => {
    const text = SHIPPED.find((f) => f.file === 'cancel_order.yaml')!.text.replace('baseline_minutes: 6', 'baseline_minutes: 6x');
    render(<App api={core(() => playbooksInForce, { 'playbooks.draft': () => ({ open: 'cancel_order.yaml', files: [{ file: 'cancel_order.yaml', text }], basedOn: 2 }) })} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Team lead' }));
    const editor = await screen.findByRole('region', { name: 'Edit playbooks' });
    await within(editor).findByText(/Not installed yet: cancel_order\.yaml/);
    const minutes = (await within(editor).findByLabelText('Minutes by hand')) as HTMLInputElement;
    expect(minutes.value).toBe('6x');
    await waitFor(() => expect(within(editor).getByText(/baseline_minutes: Invalid input: expected number, received string/)).toBeTruthy(), slow);
    expect((within(editor).getByRole('button', { name: 'Check recent tickets against the draft' }) as HTMLButtonElement).disabled).toBe(true);
  }, 60_000);

  it('starts a new playbook from a template or as a copy, named by the lead, and refuses a name taken', async () => {
    const api = core(() => playbooksInForce);
    render(<App api={api} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Team lead' }));
    const editor = await screen.findByRole('region', { name: 'Edit playbooks' });
    fireEvent.click(await within(editor).findByText('New playbook', {}, slow));
    fireEvent.change(within(editor).getByLabelText('Name of the new playbook'), { target: { value: 'Resend the invoice' } });
    fireEvent.change(within(editor).getByLabelText('Start from'), { target: { value: 'reply_with_order_facts.yaml' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Create' }));
    expect((within(editor).getByLabelText('Name') as HTMLInputElement).value).toBe('Resend the invoice');
    expect((within(editor).getAllByLabelText('Id')[0] as HTMLInputElement).value).toBe('resend_the_invoice');
    expect((within(editor).getByLabelText('Reply') as HTMLTextAreaElement).value).toContain('here are the details of your order {{ order.order_id }}:');
    await within(editor).findByText('The draft loads as the install checks it (not installed yet).', {}, slow);
    expect(api.callsOf('playbooks.check').at(-1)!.files).toEqual([expect.objectContaining({ file: 'resend_the_invoice.yaml', text: expect.stringContaining('id: resend_the_invoice\ntitle: Resend the invoice\n') })]);

    // a copy of an installed one: its rules come along under the new name
    fireEvent.change(within(editor).getByLabelText('Name of the new playbook'), { target: { value: 'Cancel order' } });
    fireEvent.change(within(editor).getByLabelText('Start from'), { target: { value: 'cancel_order.yaml' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Create' }));
    expect(within(editor).getByRole('alert').textContent).toMatch(/a playbook file cancel_order\.yaml exists already/);
    fireEvent.change(within(editor).getByLabelText('Name of the new playbook'), { target: { value: 'Cancel a gift order' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Create' }));
    expect((within(editor).getAllByLabelText('Id')[0] as HTMLInputElement).value).toBe('cancel_a_gift_order');
    expect(within(within(editor).getByRole('group', { name: 'Rule 1' })).getByDisplayValue('pending_only')).toBeTruthy();
    expect(within(editor).getByText(/Not installed yet: resend_the_invoice\.yaml, cancel_a_gift_order\.yaml/)).toBeTruthy();
  }, 120_000);
});
