// An edit carried through the plan (core/planner/recompose.ts): the refund's amount, the texts
// composed from it (expected effect, reply, CRM note) and — through the step's amount — the policy's
// decision follow; short values are not hunted through prose; the edit's source is recorded.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recompose } from '../../core/planner/recompose.ts';
import { decidePlan } from '../../core/policy/decide.ts';
import { parsePolicy } from '../../shared/policy.ts';
import { PlanSchema, type Plan } from '../../shared/plan.ts';

const policy = (() => {
  const parsed = parsePolicy(JSON.parse(readFileSync(new URL('../../examples/policy.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.data;
})();

const refundPlan = (): Plan =>
  PlanSchema.parse({
    ticketId: 7,
    planner: 'offline',
    outcome: 'resolve',
    reason: 'charged twice',
    requests: [{ playbook: 'billing_discrepancy', summary: 'refund $3,990.32 charged twice on #W1' }],
    steps: [
      {
        id: 's1',
        playbook: 'billing_discrepancy',
        system: 'billing',
        action: 'adjust_charge',
        kind: 'write',
        params: { order_id: '#W1', charge_id: 'ch_1', amount: 3990.32, reason: 'duplicate capture' },
        provenance: {
          order_id: { source: 'system', detail: 'orders: #W1' },
          charge_id: { source: 'system', detail: 'billing: ch_1' },
          amount: { source: 'system', detail: 'billing: ch_1 captured twice' },
          reason: { source: 'agent', detail: 'the discrepancy found' },
        },
        why: 'charge ch_1 was captured twice',
        expectedEffect: '$3,990.32 of charge ch_1 is given back (duplicate capture)',
        amount: 3990.32,
      },
      {
        id: 's2',
        playbook: 'billing_discrepancy',
        system: 'crm',
        action: 'add_crm_note',
        kind: 'write',
        params: { user_id: 'u1', body: 'Refunded $3,990.32 on #W1 (duplicate capture). Amount 3990.32 per billing.' },
        why: 'keep the record',
        expectedEffect: 'the note is on the customer',
      },
      {
        id: 's3',
        playbook: 'billing_discrepancy',
        system: 'helpdesk',
        action: 'reply_to_customer',
        kind: 'write',
        params: { ticket_id: 7, body: 'We refunded $3,990.32 on #W1.' },
        why: 'tell the customer',
        expectedEffect: 'the reply shows on ticket #7',
      },
    ],
    reply: 'We refunded $3,990.32 on #W1.',
    createdAt: '2026-01-01T00:00:00Z',
  });

const ctx = { facts: { order: { id: '#W1', status: 'delivered', total: 600 } }, agent: 'ana', now: new Date('2026-01-01T00:00:00Z'), recentAutoRuns: [] };

describe('recompose: an edit carried through the plan', () => {
  it('a refund edited from 3990.32 to 20: amount, expected effect, note, reply and the decision follow', () => {
    const before = refundPlan();
    expect(decidePlan(policy, before, ctx)[0]!.kind).toBe('blocked');
    const after = recompose(before, 's1', 'amount', 20, { source: 'agent', detail: 'unlocked and set by ana' });
    const refund = after.steps[0]!;
    expect(refund.params.amount).toBe(20);
    expect(refund.amount).toBe(20);
    expect(refund.provenance.amount).toEqual({ source: 'agent', detail: 'unlocked and set by ana' });
    expect(refund.expectedEffect).toBe('$20.00 of charge ch_1 is given back (duplicate capture)');
    expect(after.steps[1]!.params.body).toBe('Refunded $20.00 on #W1 (duplicate capture). Amount 20.00 per billing.');
    expect(after.steps[2]!.params.body).toBe('We refunded $20.00 on #W1.');
    expect(after.reply).toBe('We refunded $20.00 on #W1.');
    expect(after.requests[0]!.summary).toBe('refund $20.00 charged twice on #W1');
    expect(decidePlan(policy, after, ctx)[0]).toMatchObject({ kind: 'auto', reason: expect.stringMatching(/\$20\.00 is within the \$50 auto cap/) });
    // the plan it came from is untouched
    expect(before.reply).toBe('We refunded $3,990.32 on #W1.');
  });

  it('an edited reason changes the texts it appears in; a value too short to tell apart is left in the prose', () => {
    const edited = recompose(refundPlan(), 's1', 'reason', 'overcharge', { source: 'agent', detail: 'set by ana' });
    expect(edited.steps[0]!.expectedEffect).toBe('$3,990.32 of charge ch_1 is given back (overcharge)');
    expect(edited.steps[1]!.params.body).toMatch(/\(overcharge\)/);
    const short = recompose(refundPlan(), 's1', 'order_id', '#W2', { source: 'agent', detail: 'set by ana' });
    expect(short.steps[0]!.params.order_id).toBe('#W2');
    expect(short.reply).toBe('We refunded $3,990.32 on #W1.');
  });

  it('editing the reply step body is the reply', () => {
    const edited = recompose(refundPlan(), 's3', 'body', 'Hello again: we refunded $3,990.32 on #W1.', { source: 'agent', detail: 'set by ana' });
    expect(edited.reply).toBe('Hello again: we refunded $3,990.32 on #W1.');
  });
});
