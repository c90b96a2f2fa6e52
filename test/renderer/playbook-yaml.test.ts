// The playbook editor's two views of one file: the form's fields read from the YAML, a form change
// written back into the text with the rest of the file (comments, flow maps, other lines) as it
// was, and a problem's line found on the form field it belongs to.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addRule, fieldAtLine, idOf, readFields, setField } from '../../renderer/src/views/lead/playbook-yaml.ts';

const RETURNS = readFileSync(path.resolve(import.meta.dirname, '../../automations/playbooks/retail/return_items.yaml'), 'utf8');
const CANCEL = readFileSync(path.resolve(import.meta.dirname, '../../automations/playbooks/retail/cancel_order.yaml'), 'utf8');

describe('a playbook file and its form', () => {
  it('reads the common parts', () => {
    const got = readFields(RETURNS);
    expect(got.ok && got.fields).toMatchObject({ id: 'return_items', title: 'Return items of a delivered order', serves: ['return'], baseline: '8', reads: ['customer', 'order', 'methods'] });
    expect(got.ok && got.fields.rules.map((r) => r.id)).toEqual(['delivered_only', 'refund_to_original_or_gift_card']);
    expect(readFields('id: [')).toMatchObject({ ok: false, error: expect.stringMatching(/^the file is not valid YAML/) });
  });

  it('writes a field back changing only its lines; comments and flow maps stay', () => {
    const text = setField(CANCEL, ['baseline_minutes'], 9);
    expect(text).toBe(CANCEL.replace('baseline_minutes: 6', 'baseline_minutes: 9'));
    const titled = setField(CANCEL, ['title'], 'Cancel: a pending order');
    expect(titled.split('\n').filter((l, i) => l !== CANCEL.split('\n')[i])).toEqual(['title: "Cancel: a pending order"']);
    expect(setField(CANCEL, ['rules', 1, 'message'], 'say "why"')).toContain(`    message: 'say "why"'`);
    // what the form cannot show is kept as typed: a baseline that is not a number reaches the check
    expect(readFields(setField(CANCEL, ['baseline_minutes'], '6x'))).toMatchObject({ ok: true, fields: { baseline: '6x' } });
    expect(setField(CANCEL, ['serves'], ['cancel', 'cancel_twice'])).toContain('serves: [cancel, cancel_twice]');
  });

  it('adds a rule, and edits a multi-line reply as a block', () => {
    const text = addRule(RETURNS, { id: 'within_30_days', says: 'returns only within 30 days of delivery', check: 'true', message: 'm', refuse: 'decline' });
    const got = readFields(text);
    expect(got.ok && got.fields.rules.map((r) => r.id)).toEqual(['delivered_only', 'refund_to_original_or_gift_card', 'within_30_days']);
    expect(text.startsWith(RETURNS.trimEnd().split('\n').slice(0, 18).join('\n'))).toBe(true);
    const replied = setField(RETURNS, ['reply'], 'line one\nline two {{ order.order_id }}\n');
    expect(replied).toContain('reply: |\n  line one\n  line two {{ order.order_id }}\n');
  });

  it("finds the form field a problem's line belongs to", () => {
    const lines = RETURNS.split('\n');
    const at = (s: string) => lines.findIndex((l) => l.includes(s)) + 1;
    expect(fieldAtLine(RETURNS, at('check: order.status'))).toBe('rules.0.check');
    expect(fieldAtLine(RETURNS, at('title:'))).toBe('title');
    expect(fieldAtLine(RETURNS, at('get_payment_methods'))).toBe(null);
    expect(idOf('Resend the invoice!')).toBe('resend_the_invoice');
  });
});
