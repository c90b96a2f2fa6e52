// Plans, steps and policies for the policy tests.
import { PlanSchema, StepSchema, type Plan, type Step } from '../../shared/plan.ts';
import { PolicySchema, type Policy, type PolicyInput } from '../../shared/policy.ts';
import type { DecideContext } from '../../core/policy/decide.ts';

/** A write step whose every parameter comes from a system of record, unless overridden. */
export function writeStep(overrides: Partial<Step> & Pick<Step, 'action'>): Step {
  const params = overrides.params ?? { order_id: '#W2378156' };
  const provenance =
    overrides.provenance ?? Object.fromEntries(Object.keys(params).map((k) => [k, { source: 'system' as const, detail: `orders: ${k}` }]));
  return StepSchema.parse({
    id: 's1',
    playbook: 'billing_discrepancy',
    system: 'billing',
    kind: 'write',
    why: 'test',
    expectedEffect: 'test',
    ...overrides,
    params,
    provenance,
  });
}

export function planOf(steps: Step[], customer: Plan['customer'] = null): Plan {
  return PlanSchema.parse({ ticketId: 1, planner: 'offline', outcome: 'resolve', reason: 'test', steps, reply: 'ok', customer, createdAt: '2025-01-01T00:00:00Z' });
}

export function policyOf(input: Omit<PolicyInput, 'version' | 'name'>): Policy {
  return PolicySchema.parse({ version: 1, name: 'test policy', ...input });
}

export const NOW = new Date('2025-03-01T12:00:00Z');

export function ctxOf(overrides: Partial<DecideContext> = {}): DecideContext {
  return { facts: {}, agent: 'ana', now: NOW, recentAutoRuns: [], ...overrides };
}

/** An ISO time `minutes` before NOW. */
export function minutesAgo(minutes: number): string {
  return new Date(NOW.getTime() - minutes * 60_000).toISOString();
}
