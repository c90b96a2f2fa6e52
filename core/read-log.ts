// What a plan's reads said, kept with its proposal: the policy's conditions are evaluated per step
// from it, and an agent's pick re-composes the plan from the same data instead of reading every
// page again. Catalogue searches are kept a while across tickets (the catalogue changes seldom, and
// a desk plans ticket after ticket).
import type { Plan, ReadTool, Step } from '../shared/plan.ts';
import type { Facts } from '../shared/policy.ts';

/** how long a proposal's reads may answer a re-plan of the same ticket (a pick); older ones are read again */
export const REPLAN_FROM_READS_MS = 120_000;
/** how long a catalogue search answers again */
export const CATALOGUE_KEPT_MS = 5 * 60_000;

const keyOf = (action: string, input: Record<string, unknown>) => `${action}:${JSON.stringify(input)}`;

export class ReadLog {
  private readonly outputs = new Map<string, unknown>();
  /** when these reads were made; a run started from the plan makes them stale (see `stale`) */
  private readAt = Date.now();

  tool(inner: ReadTool): ReadTool {
    return async (system, action, input) => {
      const result = await inner(system, action, input);
      if (result.ok) this.outputs.set(keyOf(action, input), result.data);
      return result;
    };
  }

  /** Once a run has written from this plan (or the reads are old), a re-plan reads the systems again. */
  stale(): void {
    this.readAt = 0;
  }

  /**
   * A ReadTool answering from these reads while they are fresh, and asking `inner` for anything
   * they lack (a pick may lead the planner to read something new).
   */
  replaying(inner: ReadTool, now = Date.now()): ReadTool {
    if (now - this.readAt > REPLAN_FROM_READS_MS) return inner;
    return async (system, action, input) => {
      const key = keyOf(action, input);
      return this.outputs.has(key) ? { ok: true, data: this.outputs.get(key) } : inner(system, action, input);
    };
  }

  /** The facts a policy condition may name for one step: the order it changes, the customer. */
  factsFor(plan: Plan, step: Step): Facts {
    const orderId = typeof step.params.order_id === 'string' ? step.params.order_id : undefined;
    const order = orderId ? (this.outputs.get(keyOf('get_order_details', { order_id: orderId })) as Record<string, any> | undefined) : undefined;
    const facts: Record<string, unknown> = {};
    if (plan.customer) facts.customer = { user_id: plan.customer.user_id, email: plan.customer.email };
    if (order) {
      const total = (order.items as { price: number }[] | undefined)?.reduce((sum, i) => sum + i.price, 0);
      facts.order = { id: order.order_id, status: order.status, ...(total === undefined ? {} : { total: Math.round(total * 100) / 100 }), items: order.items?.length ?? 0 };
    }
    if (step.amount !== undefined) facts.amount = step.amount;
    return facts as Facts;
  }
}

/** Catalogue searches (the orders role's `find_products`), answered from memory for CATALOGUE_KEPT_MS. */
export class CatalogueCache {
  private readonly kept = new Map<string, { at: number; data: unknown }>();

  constructor(private readonly now: () => number = Date.now) {}

  tool(inner: ReadTool): ReadTool {
    return async (system, action, input) => {
      if (system !== 'orders' || action !== 'find_products') return inner(system, action, input);
      const key = keyOf(action, input);
      const hit = this.kept.get(key);
      if (hit && this.now() - hit.at <= CATALOGUE_KEPT_MS) return { ok: true, data: hit.data };
      const result = await inner(system, action, input);
      if (result.ok) {
        this.kept.set(key, { at: this.now(), data: result.data });
        // a bounded memory: the oldest searches go first
        if (this.kept.size > 500) this.kept.delete(this.kept.keys().next().value!);
      }
      return result;
    };
  }
}
