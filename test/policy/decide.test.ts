// Every decision rule, seen from outside: decide() and decidePlan() on real plans and policies.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stricter, type Decision } from '../../shared/decision.ts';
import { PolicySchema, STRICTEST_POLICY, type Clause } from '../../shared/policy.ts';
import { decide, decidePlan } from '../../core/policy/decide.ts';
import { ctxOf, minutesAgo, NOW, planOf, policyOf, writeStep } from './fixtures.ts';

const charge = (amount: number | undefined, extra: Partial<Parameters<typeof writeStep>[0]> = {}) =>
  writeStep({ action: 'adjust_charge', params: { charge_id: 'ch_1', amount: amount ?? 0 }, ...(amount === undefined ? {} : { amount }), ...extra });
const capsPolicy = policyOf({ actions: { adjust_charge: { mode: 'auto', caps: { auto: 50, approve: 500, secondApproval: 2000 } } } });
const decideOne = (policy = capsPolicy, step = charge(10), ctx = ctxOf()) => decide(policy, planOf([step]), step, ctx);

describe('decide: modes', () => {
  it.each([
    ['off', 'blocked'],
    ['suggest', 'suggest'],
    ['approve', 'approve'],
    ['auto', 'auto'],
  ] as const)('mode %s → %s, naming the rule', (mode, kind) => {
    const d = decideOne(policyOf({ actions: { cancel_pending_order: { mode } } }), writeStep({ action: 'cancel_pending_order', playbook: 'cancel_order', system: 'orders' }));
    expect(d).toEqual({ stepId: 's1', kind, reason: `the policy sets cancel_pending_order to ${mode}` });
  });

  it('a write no rule names takes the default mode', () => {
    const d = decideOne(policyOf({ defaultMode: 'suggest' }), writeStep({ action: 'modify_user_address' }));
    expect(d.kind).toBe('suggest');
    expect(d.reason).toBe('no rule names modify_user_address, so the policy\'s default mode suggest applies');
  });

  it('reads are never restricted, even in an "off" playbook with an "off" default', () => {
    const read = writeStep({ action: 'get_order_details', kind: 'read', playbook: 'cancel_order' });
    const d = decideOne(policyOf({ defaultMode: 'off', playbooks: { cancel_order: { mode: 'off' } } }), read);
    expect(d.kind).toBe('auto');
    expect(d.reason).toMatch(/reads are never restricted/);
  });

  it('a write the policy cannot name is blocked', () => {
    const d = decideOne(policyOf({ defaultMode: 'auto' }), writeStep({ action: 'delete_customer' }));
    expect(d.kind).toBe('blocked');
    expect(d.reason).toMatch(/delete_customer/);
  });

  it("a playbook's mode is a ceiling for its steps; its own action rule replaces the policy-wide one", () => {
    const policy = policyOf({
      actions: { add_internal_note: { mode: 'auto' }, cancel_pending_order: { mode: 'auto' } },
      playbooks: { hand_over: { mode: 'approve' }, cancel_order: { actions: { cancel_pending_order: { mode: 'suggest' } } } },
    });
    const note = decideOne(policy, writeStep({ action: 'add_internal_note', playbook: 'hand_over', system: 'helpdesk' }));
    expect(note).toMatchObject({ kind: 'approve', reason: 'the hand_over playbook is set to approve' });
    const noteElsewhere = decideOne(policy, writeStep({ action: 'add_internal_note', playbook: 'information', system: 'helpdesk' }));
    expect(noteElsewhere.kind).toBe('auto');
    const cancel = decideOne(policy, writeStep({ action: 'cancel_pending_order', playbook: 'cancel_order', system: 'orders' }));
    expect(cancel).toMatchObject({ kind: 'suggest', reason: "the cancel_order playbook's rule sets cancel_pending_order to suggest" });
    const off = decideOne(policyOf({ actions: { adjust_charge: { mode: 'auto' } }, playbooks: { billing_discrepancy: { mode: 'off' } } }), charge(1));
    expect(off.kind).toBe('blocked');
  });
});

describe('decide: amount caps (exact to the cent at the boundary)', () => {
  it.each([
    [0, 'auto'],
    [49.99, 'auto'],
    [50, 'auto'],
    [0.1 + 0.2 + 49.7, 'auto'], // 50.00000000000001 in floating point: still $50.00
    [50.01, 'approve'],
    [500, 'approve'],
    [500.01, 'second_approval'],
    [2000, 'second_approval'],
    [2000.01, 'blocked'],
  ] as const)('$%s → %s', (amount, kind) => {
    expect(decideOne(capsPolicy, charge(amount)).kind).toBe(kind);
  });

  it('says which cap, with the amount, in a sentence', () => {
    expect(decideOne(capsPolicy, charge(72.1)).reason).toBe('adjust_charge of $72.10 is above the $50 auto cap');
    expect(decideOne(capsPolicy, charge(1234.5)).reason).toBe('adjust_charge of $1,234.50 is above the $500 approve cap');
    expect(decideOne(capsPolicy, charge(2500)).reason).toBe('adjust_charge of $2,500.00 is above the $2,000 second-approval cap');
    expect(decideOne(capsPolicy, charge(20)).reason).toBe('the policy sets adjust_charge to auto; $20.00 is within the $50 auto cap');
  });

  it('caps only tighten: an amount within the auto cap does not loosen an "approve" or "suggest" mode', () => {
    const approve = policyOf({ actions: { adjust_charge: { mode: 'approve', caps: { auto: 50, approve: 500 } } } });
    expect(decideOne(approve, charge(5)).kind).toBe('approve');
    expect(decideOne(approve, charge(600)).kind).toBe('second_approval');
    const suggest = policyOf({ actions: { adjust_charge: { mode: 'suggest', caps: { auto: 50, approve: 500 } } } });
    expect(decideOne(suggest, charge(600)).kind).toBe('suggest');
  });

  it('a capped action without an amount needs approval', () => {
    const d = decideOne(capsPolicy, charge(undefined));
    expect(d.kind).toBe('approve');
    expect(d.reason).toMatch(/no amount/);
  });

  it('without secondApproval there is no upper limit; without approve, above auto is approve', () => {
    expect(decideOne(policyOf({ actions: { adjust_charge: { mode: 'auto', caps: { auto: 50, approve: 500 } } } }), charge(1e6)).kind).toBe('second_approval');
    expect(decideOne(policyOf({ actions: { adjust_charge: { mode: 'auto', caps: { auto: 50 } } } }), charge(1e6)).kind).toBe('approve');
  });
});

describe('decide: conditions over the facts', () => {
  const conditional = policyOf({
    actions: {
      adjust_charge: {
        mode: 'auto',
        caps: { auto: 50, approve: 500 },
        conditions: [
          { when: [{ fact: 'order.total', gt: 1000 }], mode: 'approve' },
          { when: [{ fact: 'order.status', in: ['cancelled', 'processed'] }], mode: 'suggest', reason: 'charges on cancelled or processed orders are fixed by billing staff' },
        ],
      },
    },
  });
  const facts = (order: Record<string, unknown>) => ctxOf({ facts: { order } });

  it('a matching condition tightens, with its reason or a generated one', () => {
    expect(decideOne(conditional, charge(10), facts({ status: 'delivered', total: 1000 })).kind).toBe('auto');
    const big = decideOne(conditional, charge(10), facts({ status: 'delivered', total: 1000.01 }));
    expect(big).toMatchObject({ kind: 'approve', reason: 'the policy makes adjust_charge approve when order.total is above 1000' });
    const cancelled = decideOne(conditional, charge(10), facts({ status: 'cancelled', total: 20 }));
    expect(cancelled).toMatchObject({ kind: 'suggest', reason: 'charges on cancelled or processed orders are fixed by billing staff' });
  });

  it('the strictest of several matching conditions and the caps wins', () => {
    expect(decideOne(conditional, charge(600), facts({ status: 'processed', total: 5000 })).kind).toBe('suggest');
    expect(decideOne(conditional, charge(600), facts({ status: 'delivered', total: 5000 })).kind).toBe('second_approval');
  });

  it('a tightening condition whose fact is unknown applies, and says so', () => {
    const d = decideOne(conditional, charge(10), facts({ status: 'delivered' }));
    expect(d.kind).toBe('approve');
    expect(d.reason).toMatch(/order\.total is not known/);
    expect(decideOne(conditional, charge(10), facts({ status: 'delivered', total: 'lots' })).kind).toBe('approve');
  });

  it('customer facts default to the plan\'s customer; the caller\'s facts can be per step', () => {
    const vip = policyOf({ actions: { adjust_charge: { mode: 'auto', conditions: [{ when: [{ fact: 'customer.user_id', eq: 'mia_garcia_4516' }], mode: 'approve' }] } } });
    const step = charge(10);
    const plan = planOf([step], { user_id: 'mia_garcia_4516', name: 'Mia', email: 'm@x' });
    expect(decide(vip, plan, step, ctxOf()).kind).toBe('approve');
    expect(decide(vip, plan, step, ctxOf({ facts: () => ({ customer: { user_id: 'someone_else' } }) })).kind).toBe('auto');
  });

  it.each([
    [{ fact: 'order.status', eq: 'pending' }, { status: 'pending' }, true],
    [{ fact: 'order.status', ne: 'pending' }, { status: 'pending' }, false],
    [{ fact: 'order.status', notIn: ['pending', 'processed'] }, { status: 'delivered' }, true],
    [{ fact: 'order.total', gte: 100 }, { total: 100 }, true],
    [{ fact: 'order.total', lt: 100 }, { total: 100 }, false],
    [{ fact: 'order.total', lte: 100 }, { total: 100 }, true],
    [{ fact: 'order.gift', exists: true }, {}, false],
    [{ fact: 'order.gift', exists: false }, {}, true],
  ] satisfies [Clause, Record<string, unknown>, boolean][])('clause %j over order %j holds: %s', (clause, order, holds) => {
    const policy = policyOf({ actions: { adjust_charge: { mode: 'auto', conditions: [{ when: [clause], mode: 'suggest' }] } } });
    expect(decideOne(policy, charge(1), ctxOf({ facts: { order } })).kind).toBe(holds ? 'suggest' : 'auto');
  });

  it('a loosening condition the lead wrote loosens the mode, but stays within the caps and the playbook', () => {
    const loosening = policyOf({
      actions: {
        adjust_charge: {
          mode: 'approve',
          caps: { auto: 50, approve: 500 },
          conditions: [{ when: [{ fact: 'discrepancy.kind', eq: 'duplicate_capture' }], mode: 'auto', loosen: true, reason: 'duplicate captures are refunded without asking' }],
        },
      },
    });
    const dup = ctxOf({ facts: { discrepancy: { kind: 'duplicate_capture' } } });
    expect(decideOne(loosening, charge(40), dup)).toMatchObject({ kind: 'auto', reason: 'duplicate captures are refunded without asking; $40.00 is within the $50 auto cap' });
    expect(decideOne(loosening, charge(60), dup).kind).toBe('approve');
    expect(decideOne(loosening, charge(40), ctxOf({ facts: { discrepancy: { kind: 'overcharge' } } })).kind).toBe('approve');
    // unknown facts never loosen
    expect(decideOne(loosening, charge(40)).kind).toBe('approve');
    const capped = policyOf({ ...loosening, playbooks: { billing_discrepancy: { mode: 'approve' } } });
    expect(decideOne(capped, charge(40), dup).kind).toBe('approve');
  });

  it('a tightening condition wins over a loosening one', () => {
    const both = policyOf({
      actions: {
        adjust_charge: {
          mode: 'approve',
          conditions: [
            { when: [{ fact: 'order.total', gt: 100 }], mode: 'suggest' },
            { when: [{ fact: 'order.status', eq: 'delivered' }], mode: 'auto', loosen: true },
          ],
        },
      },
    });
    expect(decideOne(both, charge(1), ctxOf({ facts: { order: { status: 'delivered', total: 20 } } })).kind).toBe('auto');
    expect(decideOne(both, charge(1), ctxOf({ facts: { order: { status: 'delivered', total: 200 } } })).kind).toBe('suggest');
  });
});

describe('decide: rate limits', () => {
  const limited = policyOf({ actions: { adjust_charge: { mode: 'auto', rateLimit: { autoPerAgentPerHour: 2 } } } });
  const run = (at: string, agent = 'ana', action = 'adjust_charge') => ({ agent, action, at });

  it('counts only this agent\'s auto-runs of this action in the last hour', () => {
    expect(decideOne(limited, charge(1), ctxOf({ recentAutoRuns: [run(minutesAgo(5))] })).kind).toBe('auto');
    const others = [run(minutesAgo(5)), run(minutesAgo(1), 'ben'), run(minutesAgo(1), 'ana', 'add_crm_note'), run(minutesAgo(60)), run(minutesAgo(61))];
    expect(decideOne(limited, charge(1), ctxOf({ recentAutoRuns: others })).kind).toBe('auto');
    const d = decideOne(limited, charge(1), ctxOf({ recentAutoRuns: [run(minutesAgo(59)), run(minutesAgo(1))] }));
    expect(d).toMatchObject({ kind: 'approve', reason: 'ana already ran adjust_charge without asking 2 times in the last hour (the limit is 2 an hour)' });
  });

  it('a run with an unreadable time counts', () => {
    expect(decideOne(limited, charge(1), ctxOf({ recentAutoRuns: [run('garbage'), run(minutesAgo(1))] })).kind).toBe('approve');
  });

  it('a limit of 0 means never without asking', () => {
    expect(decideOne(policyOf({ actions: { adjust_charge: { mode: 'auto', rateLimit: { autoPerAgentPerHour: 0 } } } })).kind).toBe('approve');
  });

  it('decidePlan counts the plan\'s own auto steps', () => {
    const steps = ['s1', 's2', 's3'].map((id) => charge(1, { id }));
    const kinds = decidePlan(limited, planOf(steps), ctxOf()).map((d) => d.kind);
    expect(kinds).toEqual(['auto', 'auto', 'approve']);
    expect(decidePlan(limited, planOf(steps), ctxOf({ recentAutoRuns: [run(minutesAgo(2))] })).map((d) => d.kind)).toEqual(['auto', 'approve', 'approve']);
  });
});

describe('decide: the provenance rule', () => {
  const autoAll = policyOf({ defaultMode: 'auto', actions: { adjust_charge: { mode: 'auto', caps: { auto: 50 } } } });

  it('a write parameter only the ticket supports never runs without a human', () => {
    const step = charge(10, {
      provenance: { charge_id: { source: 'system', detail: 'billing: ch_1' }, amount: { source: 'ticket', detail: 'the customer says "refund $10"' } },
    });
    const d = decideOne(autoAll, step);
    expect(d.kind).toBe('approve');
    expect(d.reason).toBe('only the ticket\'s text supports amount (the customer says "refund $10"), so a person must approve it');
  });

  it('nor does a write parameter with no recorded source', () => {
    const step = charge(10, { provenance: { charge_id: { source: 'system', detail: 'billing: ch_1' } } });
    expect(decideOne(autoAll, step)).toMatchObject({ kind: 'approve', reason: 'the plan records no source for amount, so a person must approve it' });
  });

  it('agent- and system-sourced parameters may run without asking; the rule never loosens a stricter decision', () => {
    const step = charge(10, { provenance: { charge_id: { source: 'system', detail: 'x' }, amount: { source: 'agent', detail: 'y' } } });
    expect(decideOne(autoAll, step).kind).toBe('auto');
    const ticket = charge(10, { provenance: { charge_id: { source: 'ticket', detail: 'x' }, amount: { source: 'system', detail: 'y' } } });
    expect(decideOne(policyOf({ actions: { adjust_charge: { mode: 'off' } } }), ticket).kind).toBe('blocked');
    expect(decideOne(capsPolicy, charge(700, { provenance: ticket.provenance })).kind).toBe('second_approval');
  });
});

describe('stricter-wins between plan time and execution time', () => {
  it('combining the two decisions gives the stricter, whichever came first', () => {
    const step = charge(40);
    const plan = planOf([step]);
    const atPlan = decide(capsPolicy, plan, step, ctxOf({ facts: { order: { total: 10 } } }));
    const tighter = policyOf({ actions: { adjust_charge: { mode: 'auto', caps: { auto: 30 } } } });
    const atRun = decide(tighter, plan, step, ctxOf());
    expect(atPlan.kind).toBe('auto');
    expect(atRun.kind).toBe('approve');
    expect(stricter(atPlan, atRun)).toEqual(atRun);
    expect(stricter(atRun, atPlan)).toEqual(atRun);
  });

  it('the order of strictness is auto < approve < second_approval < suggest < blocked', () => {
    const kinds = ['auto', 'approve', 'second_approval', 'suggest', 'blocked'] as const;
    const d = (kind: (typeof kinds)[number]): Decision => ({ stepId: 's1', kind, reason: kind });
    for (const [i, a] of kinds.entries()) for (const [j, b] of kinds.entries()) expect(stricter(d(a), d(b)).kind).toBe(kinds[Math.max(i, j)]);
  });
});

describe('the shipped policies', () => {
  it('the built-in strictest default never lets a write run without a person', () => {
    const steps = ['cancel_pending_order', 'reply_to_customer', 'add_internal_note', 'adjust_charge'].map((action, i) => writeStep({ id: `s${i}`, action, amount: 10 }));
    const kinds = decidePlan(STRICTEST_POLICY, planOf(steps), ctxOf()).map((d) => d.kind);
    expect(kinds).toEqual(['approve', 'approve', 'approve', 'approve']);
    expect(decideOne(STRICTEST_POLICY, charge(25)).kind).toBe('approve');
    expect(decideOne(STRICTEST_POLICY, charge(25.01)).kind).toBe('second_approval');
  });

  it('the example team policy decides the sandbox playbooks sensibly', () => {
    const example = PolicySchema.parse(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../examples/policy.json'), 'utf8')));
    const pending = ctxOf({ facts: { order: { status: 'pending', total: 300 } } });
    const cancel = writeStep({ action: 'cancel_pending_order', playbook: 'cancel_order', system: 'orders', amount: 300 });
    expect(decideOne(example, cancel, pending).kind).toBe('approve');
    expect(decideOne(example, cancel, ctxOf({ facts: { order: { status: 'delivered', total: 300 } } })).kind).toBe('suggest');
    expect(decideOne(example, charge(30), pending).kind).toBe('auto');
    expect(decideOne(example, charge(72.1), pending).reason).toBe('adjust_charge of $72.10 is above the $50 auto cap');
    expect(decideOne(example, writeStep({ action: 'add_internal_note', system: 'helpdesk' })).kind).toBe('auto');
    const reply = writeStep({ action: 'reply_to_customer', playbook: 'hand_over', system: 'helpdesk' });
    expect(decideOne(example, reply, ctxOf({ facts: { customer: { user_id: 'u1' } } })).kind).toBe('auto');
    expect(decideOne(example, { ...reply, playbook: 'information' }, ctxOf({ facts: { customer: { user_id: 'u1' } } })).kind).toBe('approve');
    expect(NOW).toBeInstanceOf(Date);
  });
});
