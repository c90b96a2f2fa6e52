// Plans built by hand from the seed data, and the executor wired to a real runner, a temp journal
// and a file trace: shared by the executor tests and the crash child.
import path from 'node:path';
import { PlanSchema, type Plan, type Step } from '../../shared/plan.ts';
import type { Decision } from '../../shared/decision.ts';
import type { ActionRunner } from '../../automations/runtime/runner.ts';
import { approvePlan, type Approval, type ApproveOptions } from '../../core/plan-hash.ts';
import { Journal } from '../../core/executor/journal.ts';
import { actionRegistry, type ActionRegistry } from '../../core/executor/actions.ts';
import type { ExecutorDeps } from '../../core/executor/run.ts';
import { freshRetailState } from '../helpers/retail-data.ts';
import { FileTraceSink } from './file-trace.ts';

export interface Customer {
  user_id: string;
  name: string;
  email: string;
}

const seed = freshRetailState();

export function ordersWithStatus(status: string): { order_id: string; customer: Customer }[] {
  return Object.values(seed.orders as Record<string, any>)
    .filter((o) => o.status === status)
    .sort((a, b) => (a.order_id < b.order_id ? -1 : 1))
    .map((o) => {
      const u = (seed.users as Record<string, any>)[o.user_id];
      return { order_id: o.order_id as string, customer: { user_id: o.user_id as string, name: `${u.name.first_name} ${u.name.last_name}`, email: u.email as string } };
    });
}

export function step(id: string, action: string, system: Step['system'], kind: Step['kind'], params: Record<string, unknown>): Step {
  return { id, playbook: 'cancel_order', system, action, kind, params, provenance: {}, why: `test step ${id}`, expectedEffect: `${action} done` };
}

export function makePlan(ticketId: number, customer: Customer, steps: Step[], orderId: string): Plan {
  return PlanSchema.parse({
    ticketId,
    planner: 'offline',
    outcome: 'resolve',
    reason: `the customer asks to cancel ${orderId}`,
    requests: [{ playbook: 'cancel_order', summary: `cancel order ${orderId}` }],
    customer,
    steps,
    reply: `Your order ${orderId} is cancelled.`,
    reads: [{ system: 'orders', action: 'get_order_details', input: { order_id: orderId }, ok: true, summary: `order ${orderId}: pending` }],
    createdAt: '2026-11-16T09:00:00.000Z',
  });
}

/** Cancel an order, note it in the CRM, tell the customer, close the ticket: 4 systems' worth of writes. */
export function cancelSteps(ticketId: number, orderId: string, customer: Customer, tag: string): Step[] {
  return [
    step('s1', 'get_order_details', 'orders', 'read', { order_id: orderId }),
    step('s2', 'cancel_pending_order', 'orders', 'write', { order_id: orderId, reason: 'no longer needed' }),
    step('s3', 'add_crm_note', 'crm', 'write', { user_id: customer.user_id, body: `Cancelled ${orderId} at the customer's request (${tag}).` }),
    step('s4', 'reply_to_customer', 'helpdesk', 'write', { ticket_id: ticketId, body: `Hi ${customer.name}, your order ${orderId} is cancelled (${tag}).` }),
    step('s5', 'set_ticket_status', 'helpdesk', 'write', { ticket_id: ticketId, status: 'solved' }),
  ];
}

/** The same with a billing read after the cancellation: six steps across all four systems. */
export function crashSteps(ticketId: number, orderId: string, customer: Customer, tag: string): Step[] {
  const [read, cancel, ...rest] = cancelSteps(ticketId, orderId, customer, tag);
  const renumber = (s: Step, i: number): Step => ({ ...s, id: `s${i + 1}` });
  return [read!, cancel!, step('x', 'get_order_payments', 'billing', 'read', { order_id: orderId }), ...rest].map(renumber);
}

export function approve(plan: Plan, opts: ApproveOptions = {}): Approval {
  const a = approvePlan(plan, 'Ana Ruiz', opts);
  if (!a.ok) throw new Error(a.error.message);
  return a.data;
}

export const approveAll = (step: Step): Decision => ({ stepId: step.id, kind: 'approve', reason: 'writes run after the agent approves' });

export interface Wiring {
  deps: ExecutorDeps;
  journal: Journal;
  trace: (runId: string) => FileTraceSink;
}

export function wire(opts: {
  runner: Pick<ActionRunner, 'run'>;
  home: string;
  evidenceDir?: string;
  decideAtRun?: ExecutorDeps['decideAtRun'];
  actions?: ActionRegistry;
}): Wiring {
  const journal = Journal.inHome(opts.home);
  const trace = (runId: string) => new FileTraceSink(path.join(opts.home, 'traces'), runId);
  return {
    journal,
    trace,
    deps: {
      runner: opts.runner,
      actions: opts.actions ?? actionRegistry(),
      journal,
      openTrace: trace,
      decideAtRun: opts.decideAtRun ?? approveAll,
      escalateTo: 'Team lead',
      ...(opts.evidenceDir ? { evidenceDir: opts.evidenceDir } : {}),
    },
  };
}
