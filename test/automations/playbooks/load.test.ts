// Playbook files as data: the retail set compiles, its rules evaluate over what the reads return,
// and a file that does not parse, names an unknown action or read field, or has an expression that
// does not type-check is refused with its line and the reason.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Playbooks, refusal, render, type CompiledPlaybook } from '../../../automations/playbooks/index.ts';

const dir = new URL('../../../automations/playbooks/retail/', import.meta.url);
const retail = () => readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((file) => ({ file, text: readFileSync(new URL(file, dir), 'utf8') }));
const edited = (file: string, from: string, to: string) => retail().map((s) => (s.file === file ? { file, text: s.text.replace(from, to) } : s));

function compiled(): Playbooks {
  const got = Playbooks.compile(retail());
  if (!got.ok) throw new Error(JSON.stringify(got.problems));
  return got.data;
}

const order = (status: string) => ({
  order_id: '#W1',
  user_id: 'u1',
  address: { address1: 'a', address2: '', city: 'c', state: 's', country: 'USA', zip: '1' },
  items: [{ name: 'Lamp', item_id: '1', price: 10, options: {} }],
  fulfillments: [],
  status,
  payment_history: [{ transaction_type: 'payment', amount: 10, payment_method_id: 'credit_card_1' }],
});
const facts = (method: { id: string; source: string; balance: number }, difference = 0) => ({ original_method_id: 'credit_card_1', paid_total: 10, price_difference: difference, method });

describe('the retail playbook files', () => {
  it('compile, with their baselines and rules in words', () => {
    const set = compiled();
    expect(set.all.map((p) => p.spec.id).sort()).toEqual([
      'billing_discrepancy', 'cancel_order', 'change_default_address', 'change_items', 'change_payment_method', 'change_shipping_address', 'exchange_items', 'hand_over', 'information', 'return_items',
    ]);
    expect(set.baselines()).toMatchObject({ cancel_order: 6, billing_discrepancy: 12, hand_over: 0 });
    expect(set.summaries().find((s) => s.id === 'cancel_order')!.rules.map((r) => r.says)).toContain('only a pending order is cancelled');
  });

  it('refuse a write against policy with the rule\'s message, and let one within it through', () => {
    const pb = compiled().get('return_items') as CompiledPlaybook;
    expect(refusal(pb, 'return_delivered_order_items', { order: order('pending') })).toEqual({
      rule: 'delivered_only',
      message: 'order #W1 is pending; only delivered orders can be returned',
      refuse: 'escalate',
    });
    // the refund-method rule waits for the write's parameters
    expect(refusal(pb, 'return_delivered_order_items', { order: order('delivered') })).toBeNull();
    const write = { order_id: '#W1', item_ids: ['1'], payment_method_id: 'paypal_2' };
    expect(refusal(pb, 'return_delivered_order_items', { order: order('delivered'), write, facts: facts({ id: 'paypal_2', source: 'paypal', balance: 0 }) })?.refuse).toBe('ask');
    expect(refusal(pb, 'return_delivered_order_items', { order: order('delivered'), write, facts: facts({ id: 'paypal_2', source: 'gift_card', balance: 0 }) })).toBeNull();
  });

  it('gate a gift card that does not cover a price difference, with the amounts in the message', () => {
    const pb = compiled().get('change_items')!;
    const write = { order_id: '#W1', item_ids: ['1'], new_item_ids: ['2'], payment_method_id: 'gift_card_9' };
    const got = refusal(pb, 'modify_pending_order_items', { order: order('pending'), write, facts: facts({ id: 'gift_card_9', source: 'gift_card', balance: 5 }, 12.5) });
    expect(got?.message).toBe('gift card gift_card_9 holds $5.00, less than the difference of $12.50; which other payment method should pay it?');
    expect(render(pb.rules[0]!.message, pb.toCel({ order: order('pending (item modified)') }))).toContain('#W1 were already modified once');
  });
});

describe('a playbook file with bad input', () => {
  const refused = (sources: ReturnType<typeof retail>) => {
    const got = Playbooks.compile(sources);
    expect(got.ok).toBe(false);
    return got.ok ? [] : got.problems;
  };

  it('that does not parse is refused with its line', () => {
    const problems = refused([...retail(), { file: 'broken.yaml', text: 'id: broken\ntitle: "unclosed\nserves: [cancel]\n' }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'broken.yaml' });
    expect(problems[0]!.reason).toMatch(/^not valid YAML/);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('that breaks the schema is refused at the offending key', () => {
    const [p] = refused(edited('cancel_order.yaml', 'baseline_minutes: 6', 'baseline_minutes: six'));
    expect(p).toMatchObject({ file: 'cancel_order.yaml', line: 5 });
    expect(p!.reason).toMatch(/^baseline_minutes: /);
  });

  it('naming an unknown action is refused with the line of the action', () => {
    const [p] = refused(edited('cancel_order.yaml', 'action: cancel_pending_order', 'action: cancel_order_now'));
    expect(p).toEqual({ file: 'cancel_order.yaml', line: 21, reason: 'unknown action "cancel_order_now": no connector has it' });
  });

  it('naming a read field no schema declares is refused with the line and the field', () => {
    const [p] = refused(edited('return_items.yaml', 'check: order.status == "delivered"', 'check: order.delivered_at != ""'));
    expect(p).toEqual({ file: 'return_items.yaml', line: 12, reason: 'rules.0.check: No such key: delivered_at' });
  });

  it('with an expression that does not type-check is refused, on the line inside a block', () => {
    const [p] = refused(edited('cancel_order.yaml', 'check: order.status == "pending"', 'check: >\n      order.status == "pending" &&\n      order.payment_history.size() + "1"'));
    expect(p).toMatchObject({ file: 'cancel_order.yaml', line: 14 });
    expect(p!.reason).toMatch(/^rules\.0\.check: no such overload: int \+ string/);
    const [q] = refused(edited('cancel_order.yaml', 'check: order.status == "pending"', 'check: order.status'));
    expect(q!.reason).toBe('rules.0.check: the expression is a string, not a bool');
  });

  it('serving a kind the planner does not know, without cue words, is refused', () => {
    const [p] = refused(edited('information.yaml', 'serves: [information]', 'serves: [resend_invoice]'));
    expect(p!.reason).toMatch(/serves "resend_invoice", a request kind the planner does not know/);
  });
});
