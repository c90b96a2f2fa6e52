// The retail domain as the benchmark data shapes it (../shared/data/taubench-retail).
// These schemas are the contract for data read from the legacy systems and exported by the sandbox.
import { z } from 'zod';

export const AddressSchema = z.object({
  address1: z.string(),
  address2: z.string(),
  city: z.string(),
  state: z.string(),
  country: z.string(),
  zip: z.string(),
});
export type Address = z.infer<typeof AddressSchema>;

export const PaymentMethodSchema = z.object({
  source: z.enum(['credit_card', 'gift_card', 'paypal']),
  id: z.string(),
  brand: z.string().optional(),
  last_four: z.string().optional(),
  balance: z.number().optional(),
});
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

export const UserSchema = z.object({
  user_id: z.string().optional(),
  name: z.object({ first_name: z.string(), last_name: z.string() }),
  address: AddressSchema,
  email: z.string(),
  payment_methods: z.record(z.string(), PaymentMethodSchema),
  orders: z.array(z.string()),
});
export type User = z.infer<typeof UserSchema>;

export const OrderItemSchema = z.object({
  name: z.string(),
  product_id: z.string(),
  item_id: z.string(),
  price: z.number(),
  options: z.record(z.string(), z.string()),
});
export type OrderItem = z.infer<typeof OrderItemSchema>;

export const PaymentEntrySchema = z.object({
  transaction_type: z.enum(['payment', 'refund']),
  amount: z.number(),
  payment_method_id: z.string(),
});
export type PaymentEntry = z.infer<typeof PaymentEntrySchema>;

export const OrderStatusSchema = z.enum([
  'pending',
  'pending (item modified)',
  'processed',
  'delivered',
  'cancelled',
  'return requested',
  'exchange requested',
]);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const OrderSchema = z.object({
  order_id: z.string(),
  user_id: z.string(),
  address: AddressSchema,
  items: z.array(OrderItemSchema),
  fulfillments: z.array(z.object({ tracking_id: z.array(z.string()), item_ids: z.array(z.string()) })),
  status: OrderStatusSchema,
  payment_history: z.array(PaymentEntrySchema),
  cancel_reason: z.string().optional(),
  return_items: z.array(z.string()).optional(),
  return_payment_method_id: z.string().optional(),
  exchange_items: z.array(z.string()).optional(),
  exchange_new_items: z.array(z.string()).optional(),
  exchange_payment_method_id: z.string().optional(),
  exchange_price_difference: z.number().optional(),
});
export type Order = z.infer<typeof OrderSchema>;

export const VariantSchema = z.object({
  item_id: z.string(),
  options: z.record(z.string(), z.string()),
  available: z.boolean(),
  price: z.number(),
});
export type Variant = z.infer<typeof VariantSchema>;

export const ProductSchema = z.object({
  name: z.string(),
  product_id: z.string(),
  variants: z.record(z.string(), VariantSchema),
});
export type Product = z.infer<typeof ProductSchema>;

export const CANCEL_REASONS = ['no longer needed', 'ordered by mistake'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** The benchmark's write operations, plus the billing adjustment the benchmark lacks. */
export const WRITE_OPERATIONS = [
  'cancel_pending_order',
  'modify_pending_order_items',
  'modify_pending_order_address',
  'modify_pending_order_payment',
  'return_delivered_order_items',
  'exchange_delivered_order_items',
  'modify_user_address',
  'adjust_charge',
] as const;
export type WriteOperation = (typeof WRITE_OPERATIONS)[number];

export const ActionCallSchema = z.object({
  name: z.string().min(1),
  kwargs: z.record(z.string(), z.unknown()).default({}),
});
export type ActionCall = z.infer<typeof ActionCallSchema>;

/** Billing as the card processor sees it: reported under `billing` beside the benchmark's state. */
export const ChargeSchema = z.object({
  charge_id: z.string(),
  order_id: z.string(),
  payment_method_id: z.string(),
  amount: z.number(),
  status: z.enum(['captured']),
});
export type Charge = z.infer<typeof ChargeSchema>;

export const RefundSchema = z.object({
  refund_id: z.string(),
  order_id: z.string(),
  payment_method_id: z.string(),
  amount: z.number(),
  status: z.enum(['settled', 'processing', 'failed']),
});
export type Refund = z.infer<typeof RefundSchema>;

export const AdjustmentSchema = z.object({
  adjustment_id: z.string(),
  order_id: z.string(),
  charge_id: z.string(),
  amount: z.number(),
  reason: z.string(),
});
export type Adjustment = z.infer<typeof AdjustmentSchema>;

export const BillingStateSchema = z.object({
  charges: z.array(ChargeSchema),
  refunds: z.array(RefundSchema),
  adjustments: z.array(AdjustmentSchema),
});
export type BillingState = z.infer<typeof BillingStateSchema>;

export const DISCREPANCY_KINDS = ['duplicate_capture', 'overcharge', 'unsettled_refund'] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

export const DiscrepancySchema = z.object({
  kind: z.enum(DISCREPANCY_KINDS),
  order_id: z.string(),
  user_id: z.string(),
  /** the charge or refund record that is wrong */
  record_id: z.string(),
  /** what the customer is owed back, in dollars */
  amount: z.number(),
});
export type Discrepancy = z.infer<typeof DiscrepancySchema>;

export const TICKET_STATUSES = ['new', 'open', 'pending', 'solved'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
