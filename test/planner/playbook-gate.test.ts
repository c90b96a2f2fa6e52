// The playbooks' rules gate a plan another planner made (the LLM planner's): a write against a rule
// turns the plan into a hand-over quoting the rule, one within the rules passes unchanged, with the
// facts the rules saw recorded. Over the in-process World (reads as the connectors answer them).
import { describe, expect, it } from 'vitest';
import { PlanSchema, type Plan } from '../../shared/plan.ts';
import { World } from '../../sandbox/domain/world.ts';
import { gatePlan } from '../../core/planner/playbook-gate.ts';
import { builtInPlaybooks } from '../../core/playbooks/built-in.ts';
import { worldReadTool } from './fixtures/world-read-tool.ts';

const world = new World();
const orders = Object.values(world.retail.data.orders);
const withStatus = (status: string) => orders.find((o) => o.status === status)!;
const ticket = { id: 9, requester_name: 'A B', requester_email: 'a@b.c', subject: 'cancel', body: 'please cancel' };

function llmPlan(orderId: string, userId: string): Plan {
  return PlanSchema.parse({
    ticketId: 9,
    planner: 'llm',
    outcome: 'resolve',
    reason: `cancel ${orderId}`,
    requests: [{ playbook: 'cancel_order', summary: `cancel ${orderId}` }],
    customer: { user_id: userId, name: 'A B', email: 'a@b.c' },
    steps: [
      { id: 's1', playbook: 'cancel_order', system: 'orders', action: 'cancel_pending_order', kind: 'write', params: { order_id: orderId, reason: 'no longer needed' }, why: 'asked', expectedEffect: 'cancelled' },
      { id: 's2', playbook: 'cancel_order', system: 'helpdesk', action: 'reply_to_customer', kind: 'write', params: { ticket_id: 9, body: 'done' }, why: 'tell', expectedEffect: 'reply' },
    ],
    reply: 'done',
    createdAt: new Date().toISOString(),
  });
}

describe('the playbooks\' rules over an LLM plan', () => {
  it('hand over a cancellation of an order that is not pending, quoting the rule', async () => {
    const delivered = withStatus('delivered');
    const gated = await gatePlan(llmPlan(delivered.order_id, delivered.user_id), ticket, worldReadTool(world), builtInPlaybooks());
    expect(gated.outcome).toBe('escalate');
    expect(gated.reason).toBe(`the playbooks' rules refuse: cancel_pending_order: order ${delivered.order_id} is delivered; only pending orders can be cancelled (rule pending_only)`);
    expect(gated.steps.map((s) => s.action)).toEqual(['add_internal_note', 'reply_to_customer', 'set_ticket_status']);
    expect(gated.checks?.[0]).toMatchObject({ playbook: 'cancel_order', refused: { rule: 'pending_only', refuse: 'escalate' } });
  });

  it('let a cancellation within the rules through unchanged, recording what the rules saw', async () => {
    const pending = withStatus('pending');
    const plan = llmPlan(pending.order_id, pending.user_id);
    const gated = await gatePlan(plan, ticket, worldReadTool(world), builtInPlaybooks());
    expect({ ...gated, checks: undefined }).toEqual({ ...plan, checks: undefined });
    expect(gated.checks).toHaveLength(1);
    expect(gated.checks![0]!.refused).toBeNull();
    expect((gated.checks![0]!.facts.order as { status: string }).status).toBe('pending');
  });
});
