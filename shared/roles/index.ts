// The roles a resolution needs, and what each role's connector must offer. A plan step names the
// role it acts in (`helpdesk`, `crm`, `orders`, `billing`) and a role's action; which system fills
// the role (the sandbox's SupportDesk, a Request Tracker…) is configuration (systems.json).
import { z } from 'zod';
import { HELPDESK_ACTIONS } from './helpdesk.ts';

export const ROLES = ['helpdesk', 'crm', 'orders', 'billing'] as const;
export const RoleIdSchema = z.enum(ROLES);
export type RoleId = z.infer<typeof RoleIdSchema>;

/** What a person calls each role. */
export const ROLE_TITLES: Record<RoleId, string> = {
  helpdesk: 'helpdesk',
  crm: 'customer records',
  orders: 'orders',
  billing: 'payments',
};

export interface RoleAction {
  kind: 'read' | 'write';
  /** where the role fixes them, a connector's action takes this input and gives this output */
  input?: z.ZodType;
  output?: z.ZodType;
}

/**
 * The actions a connector filling each role must have (by id and kind). The helpdesk's are fully
 * typed (shared/roles/helpdesk.ts); the others fix the read outputs the planner parses
 * (customers.ts, orders.ts, payments.ts) and leave write inputs to the connector's own schemas.
 */
export const ROLE_ACTIONS: Record<RoleId, Record<string, RoleAction>> = {
  helpdesk: HELPDESK_ACTIONS,
  crm: {
    find_user_id_by_email: { kind: 'read' },
    find_user_id_by_name_zip: { kind: 'read' },
    get_user_details: { kind: 'read' },
    modify_user_address: { kind: 'write' },
    add_crm_note: { kind: 'write' },
  },
  orders: {
    get_order_details: { kind: 'read' },
    list_customer_orders: { kind: 'read' },
    get_product_details: { kind: 'read' },
    find_products: { kind: 'read' },
    cancel_pending_order: { kind: 'write' },
    modify_pending_order_items: { kind: 'write' },
    modify_pending_order_address: { kind: 'write' },
    modify_pending_order_payment: { kind: 'write' },
    return_delivered_order_items: { kind: 'write' },
    exchange_delivered_order_items: { kind: 'write' },
  },
  billing: {
    get_payment_methods: { kind: 'read' },
    get_order_payments: { kind: 'read' },
    adjust_charge: { kind: 'write' },
  },
};

/** What a connector lacks to fill a role: one line per missing or mis-kinded action (empty when it fills it). */
export function roleGaps(role: RoleId, actions: readonly { id: string; kind: 'read' | 'write' }[]): string[] {
  const gaps: string[] = [];
  for (const [id, want] of Object.entries(ROLE_ACTIONS[role])) {
    const have = actions.find((a) => a.id === id);
    if (!have) gaps.push(`it has no ${want.kind} action ${id}`);
    else if (have.kind !== want.kind) gaps.push(`its ${id} is a ${have.kind}, the role's is a ${want.kind}`);
  }
  return gaps;
}
