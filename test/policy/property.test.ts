// Thousands of generated policies and steps: whatever the policy says, no rule is ever looser
// than its own words, the caps are exact, and the provenance rule always holds.
import { describe, expect, it } from 'vitest';
import { DECISION_KINDS } from '../../shared/decision.ts';
import { MODES, POLICY_ACTIONS, PolicySchema, type Mode, type PolicyInput } from '../../shared/policy.ts';
import { PLAYBOOKS } from '../../shared/plan.ts';
import { decide } from '../../core/policy/decide.ts';
import { ctxOf, planOf, writeStep } from './fixtures.ts';
import { seededRandom as prng } from '../../sandbox/domain/random.ts';


const strictness = (kind: string) => DECISION_KINDS.indexOf(kind as (typeof DECISION_KINDS)[number]);
const KIND: Record<Mode, string> = { off: 'blocked', suggest: 'suggest', approve: 'approve', auto: 'auto' };
const cents = (n: number) => Math.round(n * 100);

describe('decide over generated policies and steps', () => {
  it('never looser than the rule, the caps, the playbook or the provenance rule allow', () => {
    const rnd = prng(20250301);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const money = () => Math.round(rnd() * 200_000) / 100;
    for (let i = 0; i < 4000; i++) {
      const action = pick(POLICY_ACTIONS);
      const playbook = pick(PLAYBOOKS);
      const [a, b, c] = [money(), money(), money()].sort((x, y) => x - y) as [number, number, number];
      const caps = rnd() < 0.6 ? { auto: a, approve: b, ...(rnd() < 0.5 ? { secondApproval: c } : {}) } : undefined;
      const mode = pick(MODES);
      const playbookMode = rnd() < 0.3 ? pick(MODES) : undefined;
      const input: PolicyInput = {
        version: 1,
        name: 'generated',
        defaultMode: pick(MODES),
        actions: { [action]: { mode, ...(caps ? { caps } : {}) } },
        playbooks: playbookMode ? { [playbook]: { mode: playbookMode } } : {},
      };
      const policy = PolicySchema.parse(input);
      // amounts on and around the caps, to the cent
      const amount = caps && rnd() < 0.5 ? Math.max(0, pick([a, b, c]) + pick([-0.01, 0, 0.01])) : rnd() < 0.8 ? money() : undefined;
      const fromTicket = rnd() < 0.2;
      const step = writeStep({
        action,
        playbook,
        params: { order_id: '#W1', amount: amount ?? 0 },
        provenance: { order_id: { source: fromTicket ? 'ticket' : 'system', detail: 'x' }, amount: { source: 'agent', detail: 'y' } },
        ...(amount === undefined ? {} : { amount }),
      });
      const kind = decide(policy, planOf([step]), step, ctxOf()).kind;
      const at = `case ${i}: ${JSON.stringify({ input, amount, fromTicket, kind })}`;

      expect(strictness(kind), at).toBeGreaterThanOrEqual(strictness(KIND[mode]));
      if (playbookMode) expect(strictness(kind), at).toBeGreaterThanOrEqual(strictness(KIND[playbookMode]));
      if (fromTicket) expect(kind, at).not.toBe('auto');
      if (caps) {
        if (amount === undefined) expect(kind, at).not.toBe('auto');
        else {
          const over = (cap: number | undefined) => cap !== undefined && cents(amount) > cents(cap);
          if (over(caps.auto)) expect(strictness(kind), at).toBeGreaterThanOrEqual(strictness('approve'));
          if (over(caps.approve)) expect(strictness(kind), at).toBeGreaterThanOrEqual(strictness('second_approval'));
          if (over(caps.secondApproval)) expect(kind, at).toBe('blocked');
          if (!over(caps.auto) && mode === 'auto' && !fromTicket && (!playbookMode || playbookMode === 'auto')) expect(kind, at).toBe('auto');
        }
      }
      const readStep = { ...step, kind: 'read' as const };
      expect(decide(policy, planOf([readStep]), readStep, ctxOf()).kind).toBe('auto');
    }
  });
});
