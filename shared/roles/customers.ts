// The customer-records role (a CRM): who the customer is, their default address, payment methods
// as the CRM shows them (masked), their orders and notes.
import { z } from 'zod';
import { AddressSchema, OrderStatusSchema } from '../retail.ts';

export const CrmPaymentMethodSchema = z.object({
  /** the CRM does not show the method's id; kept optional for systems that do */
  id: z.string().optional(),
  source: z.enum(['credit_card', 'paypal', 'gift_card']),
  brand: z.string().min(1).optional(),
  /** card numbers are masked to the last four */
  last_four: z.string().regex(/^\d{4}$/).optional(),
});
export type CrmPaymentMethod = z.infer<typeof CrmPaymentMethodSchema>;

export const CrmNoteSchema = z.object({ author: z.string(), at: z.iso.datetime(), body: z.string() });
export type CrmNote = z.infer<typeof CrmNoteSchema>;

export const CrmCustomerSchema = z.object({
  user_id: z.string().min(1),
  name: z.object({ first_name: z.string().min(1), last_name: z.string().min(1) }),
  email: z.string().min(3).includes('@'),
  address: AddressSchema,
  payment_methods: z.array(CrmPaymentMethodSchema),
  orders: z.array(z.object({ order_id: z.string().regex(/^#\w+$/), status: OrderStatusSchema })),
  notes: z.array(CrmNoteSchema),
});
export type CrmCustomer = z.infer<typeof CrmCustomerSchema>;
