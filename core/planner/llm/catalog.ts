// What the LLM planner may touch: the connector reads it is offered as tools, and the writes a plan
// may propose. Both lists are fixed here, in code: nothing in a ticket or a model answer changes them.
import { z } from 'zod';
import { SystemIdSchema, type SystemId } from '../../../shared/plan.ts';
import { WRITE_OPERATIONS } from '../../../shared/retail.ts';
import { SANDBOX_ACTIONS } from '../../../automations/connectors.ts';

/** The part of an action definition the planner needs: its id, system, kind and zod input. */
export interface CatalogAction {
  id: string;
  system: SystemId;
  kind: 'read' | 'write';
  input: z.ZodType;
  description: string;
}

/** The reads offered as tools, with what each is for (the model reads these). */
const READS = {
  find_user_id_by_email: 'CRM: the customer id of the customer with this email address.',
  find_user_id_by_name_zip: 'CRM: the customer id of the customer with this first name, last name and ZIP code.',
  get_user_details: 'CRM: a customer profile: name, email, default address, payment methods (masked), order ids and statuses, notes.',
  list_customer_orders: "Orders: a customer's orders (id, status, total), by customer id or email.",
  get_order_details: 'Orders: one order: status, items (item id, product id, options, price), shipping address, payment history.',
  get_product_details: "Orders: one product and all its variants (item id, options, price, availability). Takes the product id, not an item id.",
  find_products: 'Orders: the catalogue\'s products whose name holds these words (product id and name), e.g. to answer what a product the customer never bought comes in.',
  get_payment_methods: "Billing: a customer's payment methods with gift-card balances, and per order what was captured, refunded and adjusted.",
  get_order_payments: "Billing: one order's charges, refunds and adjustments as the card processor recorded them.",
} as const;

/** The writes a plan may propose. Replies go in the plan's `reply`, not in a step. */
const WRITES = {
  cancel_pending_order: 'Orders: cancel a pending order, with the reason the customer gave.',
  modify_pending_order_items: 'Orders: change items of a pending order to other variants of the same products (once per order).',
  modify_pending_order_address: 'Orders: change the shipping address of a pending order.',
  modify_pending_order_payment: 'Orders: pay a pending order with another of the customer\'s payment methods.',
  return_delivered_order_items: 'Orders: return items of a delivered order; the refund goes to the original method or a gift card.',
  exchange_delivered_order_items: 'Orders: exchange items of a delivered order for other variants of the same products.',
  modify_user_address: "CRM: change the customer's default address.",
  adjust_charge: 'Billing: give back all or part of a card charge (duplicate capture, overcharge, missing refund), with a reason.',
  add_crm_note: "CRM: add a note to the customer's profile.",
  set_ticket_status: "Helpdesk: set this ticket's status.",
} as const satisfies Record<(typeof WRITE_OPERATIONS)[number] | 'add_crm_note' | 'set_ticket_status', string>;

export type LlmReadAction = keyof typeof READS;
export type LlmWriteAction = keyof typeof WRITES;
export const LLM_READ_ACTIONS = Object.keys(READS) as [LlmReadAction, ...LlmReadAction[]];
export const LLM_WRITE_ACTIONS = Object.keys(WRITES) as [LlmWriteAction, ...LlmWriteAction[]];

/** the inputs of the roles' actions (the helpdesk's are the role's own, whichever connector fills it) */
const definitions: readonly { id: string; system: string; kind: 'read' | 'write'; input: z.ZodType }[] = SANDBOX_ACTIONS;

function catalog(descriptions: Record<string, string>, kind: 'read' | 'write'): ReadonlyMap<string, CatalogAction> {
  const out = new Map<string, CatalogAction>();
  for (const [id, description] of Object.entries(descriptions)) {
    const def = definitions.find((d) => d.id === id);
    if (!def || def.kind !== kind) throw new Error(`the LLM planner's catalog names ${id}, which is no ${kind} action of the connectors`);
    out.set(id, { id, system: SystemIdSchema.parse(def.system), kind, input: def.input, description });
  }
  return out;
}

export const READ_TOOLS = catalog(READS, 'read');
export const WRITE_ACTIONS = catalog(WRITES, 'write');

/** The JSON Schema of an action's input as a caller writes it (before zod's transforms and defaults). */
export function inputJsonSchema(action: CatalogAction): Record<string, unknown> {
  const { $schema: _drop, ...schema } = z.toJSONSchema(action.input, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Record<string, unknown>;
  return schema;
}
