// The policy file's schema: strict, versioned, and every problem named by its path.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy, PolicySchema, STRICTEST_POLICY } from '../../shared/policy.ts';

const base = { version: 1, name: 'team' };

function problems(input: unknown): string {
  const parsed = parsePolicy(input);
  if (parsed.ok) throw new Error('expected the policy to be refused');
  expect(parsed.error.code).toBe('invalid_input');
  return parsed.error.message;
}

describe('PolicySchema', () => {
  it('accepts the example team policy and fills the defaults', () => {
    const example = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../examples/policy.json'), 'utf8'));
    const parsed = parsePolicy(example);
    expect(parsed.ok).toBe(true);
    const minimal = PolicySchema.parse(base);
    expect(minimal).toEqual({ ...base, defaultMode: 'approve', actions: {}, playbooks: {} });
  });

  it.each([
    [{ ...base, actions: { adjust_charge: { mdoe: 'auto' } } }, 'actions.adjust_charge.mdoe: unknown key'],
    [{ ...base, actions: { refund_everything: { mode: 'auto' } } }, 'actions.refund_everything: unknown key'],
    [{ ...base, playbooks: { cancel_orders: { mode: 'off' } } }, 'playbooks.cancel_orders: unknown key'],
    [{ ...base, playbooks: { cancel_order: { actions: { cancel_pending_order: { caps: { auto: 5, aprove: 9 } } } } } }, 'playbooks.cancel_order.actions.cancel_pending_order.caps.aprove: unknown key'],
    [{ ...base, extra: true }, 'extra: unknown key'],
    [{ ...base, version: 2 }, 'version: Invalid input: expected 1'],
    [{ version: 1 }, 'name: '],
    [{ ...base, defaultMode: 'yolo' }, 'defaultMode: '],
    [{ ...base, actions: { adjust_charge: { mode: 'automatic' } } }, 'actions.adjust_charge.mode: '],
    [{ ...base, actions: { adjust_charge: { caps: { auto: -1 } } } }, 'actions.adjust_charge.caps.auto: '],
    [{ ...base, actions: { adjust_charge: { caps: { auto: 500, approve: 50 } } } }, 'actions.adjust_charge.caps.approve: must be at least the auto cap (500)'],
    [{ ...base, actions: { adjust_charge: { caps: { auto: 50, secondApproval: 10 } } } }, 'actions.adjust_charge.caps.secondApproval: must be at least the auto cap (50)'],
    [{ ...base, actions: { adjust_charge: { rateLimit: { autoPerAgentPerHour: 2.5 } } } }, 'actions.adjust_charge.rateLimit.autoPerAgentPerHour: '],
    [{ ...base, actions: { adjust_charge: { conditions: [{ when: [], mode: 'approve' }] } } }, 'actions.adjust_charge.conditions.0.when: '],
    [{ ...base, actions: { adjust_charge: { conditions: [{ when: [{ fact: 'order.total', gt: 1, lt: 5 }], mode: 'approve' }] } } }, 'actions.adjust_charge.conditions.0.when.0: needs exactly one of'],
    [{ ...base, actions: { adjust_charge: { conditions: [{ when: [{ fact: 'order.total' }], mode: 'approve' }] } } }, '(found none)'],
    [{ ...base, actions: { adjust_charge: { conditions: [{ when: [{ fact: 'order..total', eq: 1 }], mode: 'approve' }] } } }, 'actions.adjust_charge.conditions.0.when.0.fact: must be a dotted path'],
    [{ ...base, actions: { adjust_charge: { conditions: [{ when: [{ fact: 'order.total', gt: '5' }], mode: 'approve' }] } } }, 'actions.adjust_charge.conditions.0.when.0.gt: '],
    [{ ...base, issuedAt: 'yesterday' }, 'issuedAt: '],
    ['not an object', '(top level): '],
  ])('refuses %j naming the path', (input, expected) => {
    expect(problems(input)).toContain(expected);
  });

  it('reports every problem, not only the first', () => {
    const message = problems({ ...base, defaultMode: 'x', actions: { adjust_charge: { mode: 'y' } } });
    expect(message).toContain('defaultMode: ');
    expect(message).toContain('actions.adjust_charge.mode: ');
  });

  it('the built-in strictest default: every write approve, money above $25 a second approver', () => {
    expect(STRICTEST_POLICY.defaultMode).toBe('approve');
    for (const rule of Object.values(STRICTEST_POLICY.actions)) {
      expect(rule.mode).toBe('approve');
      expect(rule.caps).toEqual({ approve: 25 });
    }
    expect(Object.keys(STRICTEST_POLICY.actions).sort()).toEqual(
      ['adjust_charge', 'cancel_pending_order', 'exchange_delivered_order_items', 'modify_pending_order_items', 'return_delivered_order_items'],
    );
  });
});
