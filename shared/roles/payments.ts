// The payments role (the card processor's back office): a customer's payment methods and balances,
// an order's charges, refunds and adjustments.
import { z } from 'zod';
import { OrderStatusSchema } from '../retail.ts';

const Money = z.number().finite();
export const PaymentSourceSchema = z.enum(['credit_card', 'paypal', 'gift_card']);
const Source = PaymentSourceSchema;

export const PaymentMethodSchema = z.object({
  id: z.string().min(1),
  source: Source,
  brand: z.string().min(1).optional(),
  last_four: z.string().regex(/^\d{4}$/).optional(),
  /** gift cards only */
  balance: Money.optional(),
});

export const OrderPaymentTotalsSchema = z.object({
  order_id: z.string().regex(/^#W\d+$/),
  status: OrderStatusSchema,
  items_total: Money,
  captured: Money,
  refunded: Money,
  adjusted: Money,
});

export const PaymentMethodsSchema = z.object({
  user_id: z.string().min(1),
  payment_methods: z.array(PaymentMethodSchema),
  orders: z.array(OrderPaymentTotalsSchema),
});
export type PaymentMethods = z.infer<typeof PaymentMethodsSchema>;

export const ChargeSchema = z.object({
  charge_id: z.string().min(1),
  /** when the method shown matches exactly one of the customer's payment methods */
  payment_method_id: z.string().min(1).optional(),
  method_label: z.string().min(1),
  amount: Money,
  status: z.string().min(1),
});

export const RefundSchema = z.object({
  refund_id: z.string().min(1),
  payment_method_id: z.string().min(1).optional(),
  method_label: z.string().min(1),
  amount: Money,
  status: z.enum(['settled', 'processing', 'failed']),
});

export const AdjustmentSchema = z.object({
  adjustment_id: z.string().min(1),
  charge_id: z.string().min(1),
  amount: Money,
  reason: z.string(),
});

export const OrderPaymentsSchema = z.object({
  order_id: z.string().regex(/^#W\d+$/),
  status: OrderStatusSchema,
  user_id: z.string().min(1),
  items_total: Money,
  charges: z.array(ChargeSchema),
  refunds: z.array(RefundSchema),
  adjustments: z.array(AdjustmentSchema),
  /** what the adjustment form offers: charges with something left to give back, and how much */
  refundable: z.array(z.object({ charge_id: z.string().min(1), amount: Money })),
});
export type OrderPayments = z.infer<typeof OrderPaymentsSchema>;
