// The whole sandbox state: the retail data, billing, helpdesk and CRM, with the one entry point
// (`write`) through which both the web pages and the control endpoint change it.
import { z } from 'zod';
import type { ActionCall } from '../../shared/retail.ts';
import { loadRetailData, type RetailData } from './seed.ts';
import { Retail, RetailWriteSchemas, type RetailWriteName } from './retail.ts';
import { AdjustChargeSchema, Billing, plantDiscrepancies } from './billing.ts';
import { Helpdesk } from './helpdesk.ts';
import { Crm } from './crm.ts';
import { DomainError, invalid } from './errors.ts';

export type SystemName = 'helpdesk' | 'crm' | 'orders' | 'billing';
export const SYSTEMS: readonly SystemName[] = ['helpdesk', 'crm', 'orders', 'billing'];

/** One committed side effect, kept so tests can count writes (nothing lands twice, nothing on the wrong target). */
export interface WriteRecord {
  seq: number;
  via: SystemName | 'control';
  op: string;
  target: string;
  args: Record<string, unknown>;
}

export type WriteResult = { ok: true } | { ok: false; error: string };

const NO_CHANGE_TOOLS = new Set(['transfer_to_human_agents']);

export class World {
  retail!: Retail;
  billing!: Billing;
  helpdesk!: Helpdesk;
  crm!: Crm;
  writes: WriteRecord[] = [];
  /** the day the world was made: delivery dates are counted back from it */
  today = new Date();

  constructor() {
    this.reset();
  }

  reset(): void {
    const data: RetailData = loadRetailData();
    this.retail = new Retail(data);
    this.billing = new Billing(this.retail, plantDiscrepancies(data));
    this.helpdesk = new Helpdesk(data);
    this.helpdesk.seedDemoTickets();
    this.crm = new Crm();
    this.writes = [];
    this.today = new Date();
  }

  /**
   * Validates and applies one write operation (a benchmark tool name, or `adjust_charge`).
   * Throws DomainError on refusal; nothing changes then.
   */
  write(via: WriteRecord['via'], name: string, kwargs: Record<string, unknown>): void {
    if (NO_CHANGE_TOOLS.has(name)) return;
    if (name === 'adjust_charge') {
      const args = parseArgs(AdjustChargeSchema, name, kwargs);
      this.billing.adjust_charge(args);
      this.log(via, name, args.order_id, args);
      return;
    }
    if (!Object.hasOwn(RetailWriteSchemas, name)) {
      throw invalid(`Unknown write operation "${name}"`);
    }
    const op = name as RetailWriteName;
    const args = parseArgs(RetailWriteSchemas[op], name, kwargs) as never;
    (this.retail[op] as (a: unknown) => void)(args);
    const target = (args as { order_id?: string; user_id?: string }).order_id ?? (args as { user_id: string }).user_id;
    this.log(via, name, target, args);
  }

  /** The control endpoint's `/apply`: errors come back as data. */
  apply(call: ActionCall): WriteResult {
    try {
      this.write('control', call.name, call.kwargs);
      return { ok: true };
    } catch (e) {
      if (e instanceof DomainError) return { ok: false, error: e.message };
      throw e;
    }
  }

  log(via: WriteRecord['via'], op: string, target: string, args: object): void {
    this.writes.push({ seq: this.writes.length + 1, via, op, target, args: structuredClone(args) as Record<string, unknown> });
  }

  /** The benchmark's three collections in their exact shape, and billing beside them. */
  state() {
    const { users, orders, products } = this.retail.data;
    return { users, orders, products, billing: this.billing.state() };
  }

  /** What the benchmark's shape has no room for: helpdesk tickets, CRM notes, the planted discrepancies. */
  extras() {
    return { helpdesk: { tickets: this.helpdesk.tickets }, crm: { notes: this.crm.notes }, billing: { discrepancies: this.billing.discrepancies } };
  }
}

function parseArgs<S extends z.ZodType>(schema: S, name: string, kwargs: Record<string, unknown>): z.infer<S> {
  const parsed = schema.safeParse(kwargs);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'kwargs'}: ${i.message}`).join('; ');
    throw invalid(`Invalid arguments for ${name}: ${issues}`);
  }
  return parsed.data;
}
