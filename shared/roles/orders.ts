// The orders role: orders with their items, status, shipping and payment history; products and
// their variants.
import { z } from 'zod';
import { OrderItemSchema, OrderSchema, OrderStatusSchema, ProductSchema } from '../retail.ts';

/** An order in the benchmark's shape, as far as the order page shows it. */
export const OrderDetailsSchema = OrderSchema.extend({
  items: z.array(OrderItemSchema.extend({ product_id: z.string().optional() })),
  /** the day it was delivered (YYYY-MM-DD), where the page shows one */
  delivered_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export type OrderDetails = z.infer<typeof OrderDetailsSchema>;
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const ProductDetailsSchema = ProductSchema;
export type ProductDetails = z.infer<typeof ProductDetailsSchema>;

export const OrderRowSchema = z.object({ order_id: z.string(), status: OrderStatusSchema, total: z.number() });
export type OrderRow = z.infer<typeof OrderRowSchema>;
