// The benchmark's write operations with exactly the semantics of the data README.
// Every operation validates everything first and only then mutates, so a refusal changes nothing.
import { z } from 'zod';
import type { Address, Order, OrderItem, PaymentEntry, PaymentMethod, Product, User, Variant } from '../../shared/retail.ts';
import { roundCents, toCents } from './money.ts';
import type { RetailData } from './seed.ts';
import { conflict, invalid, notFound } from './errors.ts';

/** The two reasons the retail policy accepts for a cancellation. */
export const CANCEL_REASONS = ['no longer needed', 'ordered by mistake'] as const;

const id = z.string().trim().min(1);
const addressFields = {
  address1: z.string().trim().min(1),
  address2: z.string().trim(),
  city: z.string().trim().min(1),
  state: z.string().trim().min(1),
  country: z.string().trim().min(1),
  zip: z.string().trim().min(1),
};

export const RetailWriteSchemas = {
  cancel_pending_order: z.object({ order_id: id, reason: z.string() }),
  modify_pending_order_items: z.object({
    order_id: id,
    item_ids: z.array(id).min(1),
    new_item_ids: z.array(id).min(1),
    payment_method_id: id,
  }),
  modify_pending_order_address: z.object({ order_id: id, ...addressFields }),
  modify_pending_order_payment: z.object({ order_id: id, payment_method_id: id }),
  return_delivered_order_items: z.object({ order_id: id, item_ids: z.array(id).min(1), payment_method_id: id }),
  exchange_delivered_order_items: z.object({
    order_id: id,
    item_ids: z.array(id).min(1),
    new_item_ids: z.array(id).min(1),
    payment_method_id: id,
  }),
  modify_user_address: z.object({ user_id: id, ...addressFields }),
} as const;

export type RetailWriteName = keyof typeof RetailWriteSchemas;
export type RetailWriteArgs<N extends RetailWriteName> = z.infer<(typeof RetailWriteSchemas)[N]>;

function addressOf(a: z.infer<z.ZodObject<typeof addressFields>>): Address {
  return { address1: a.address1, address2: a.address2, city: a.city, state: a.state, country: a.country, zip: a.zip };
}

export class Retail {
  constructor(readonly data: RetailData) {}

  // ---- reads -------------------------------------------------------------------------------
  user(userId: string): User {
    const user = own(this.data.users, userId);
    if (!user) throw notFound(`Customer ${userId} not found`);
    return user;
  }

  order(orderId: string): Order {
    const order = own(this.data.orders, orderId);
    if (!order) throw notFound(`Order ${orderId} not found`);
    return order;
  }

  product(productId: string): Product {
    const product = own(this.data.products, productId);
    if (!product) throw notFound(`Product ${productId} not found`);
    return product;
  }

  paymentMethodOf(userId: string, paymentMethodId: string): PaymentMethod {
    const method = own(this.user(userId).payment_methods, paymentMethodId);
    if (!method) throw notFound(`Payment method ${paymentMethodId} does not belong to customer ${userId}`);
    return method;
  }

  // ---- writes ------------------------------------------------------------------------------
  cancel_pending_order(args: RetailWriteArgs<'cancel_pending_order'>): void {
    const order = this.order(args.order_id);
    requireStatus(order, 'pending', 'cancelled');
    if (!(CANCEL_REASONS as readonly string[]).includes(args.reason)) {
      throw invalid(`Cancellation reason must be one of: ${CANCEL_REASONS.join(', ')}`);
    }
    const user = this.user(order.user_id);
    const refunds: PaymentEntry[] = order.payment_history.map((entry) => ({
      transaction_type: 'refund',
      amount: entry.amount,
      payment_method_id: entry.payment_method_id,
    }));
    for (const refund of refunds) {
      const method = user.payment_methods[refund.payment_method_id];
      if (method?.source === 'gift_card') method.balance = roundCents((method.balance ?? 0) + refund.amount);
    }
    order.status = 'cancelled';
    order.cancel_reason = args.reason;
    order.payment_history.push(...refunds);
  }

  modify_pending_order_items(args: RetailWriteArgs<'modify_pending_order_items'>): void {
    const order = this.order(args.order_id);
    requireStatus(order, 'pending', 'modified');
    const { lines, diff } = this.pairItems(order, args.item_ids, args.new_item_ids);
    const method = this.paymentMethodOf(order.user_id, args.payment_method_id);
    if (method.source === 'gift_card' && toCents(method.balance ?? 0) < toCents(diff)) {
      throw conflict(`Gift card ${method.id} balance is not enough to pay the price difference`);
    }
    order.payment_history.push({
      transaction_type: diff > 0 ? 'payment' : 'refund',
      amount: Math.abs(diff),
      payment_method_id: args.payment_method_id,
    });
    if (method.source === 'gift_card') method.balance = roundCents((method.balance ?? 0) - diff);
    for (const { item, variant } of lines) {
      item.item_id = variant.item_id;
      item.price = variant.price;
      item.options = { ...variant.options };
    }
    order.status = 'pending (item modified)';
  }

  modify_pending_order_address(args: RetailWriteArgs<'modify_pending_order_address'>): void {
    const order = this.order(args.order_id);
    requireStatus(order, 'pending', 'modified');
    order.address = addressOf(args);
  }

  modify_pending_order_payment(args: RetailWriteArgs<'modify_pending_order_payment'>): void {
    const order = this.order(args.order_id);
    requireStatus(order, 'pending', 'modified');
    const method = this.paymentMethodOf(order.user_id, args.payment_method_id);
    const history = order.payment_history;
    const first = history[0];
    if (history.length !== 1 || first?.transaction_type !== 'payment') {
      throw conflict(`Order ${order.order_id} has more than one payment entry; its payment method cannot be changed`);
    }
    if (first.payment_method_id === args.payment_method_id) {
      throw conflict(`The new payment method must differ from the current one (${first.payment_method_id})`);
    }
    const amount = first.amount;
    if (method.source === 'gift_card' && toCents(method.balance ?? 0) < toCents(amount)) {
      throw conflict(`Gift card ${method.id} balance is not enough to pay ${amount.toFixed(2)}`);
    }
    history.push(
      { transaction_type: 'payment', amount, payment_method_id: args.payment_method_id },
      { transaction_type: 'refund', amount, payment_method_id: first.payment_method_id },
    );
    if (method.source === 'gift_card') method.balance = roundCents((method.balance ?? 0) - amount);
    const old = this.user(order.user_id).payment_methods[first.payment_method_id];
    if (old?.source === 'gift_card') old.balance = roundCents((old.balance ?? 0) + amount);
  }

  return_delivered_order_items(args: RetailWriteArgs<'return_delivered_order_items'>): void {
    const order = this.order(args.order_id);
    requireStatus(order, 'delivered', 'returned');
    const method = this.paymentMethodOf(order.user_id, args.payment_method_id);
    if (method.source !== 'gift_card' && args.payment_method_id !== order.payment_history[0]?.payment_method_id) {
      throw conflict('A refund goes to the original payment method or to one of the customer\'s gift cards');
    }
    requireItemsInOrder(order, args.item_ids);
    order.status = 'return requested';
    order.return_items = [...args.item_ids].sort();
    order.return_payment_method_id = args.payment_method_id;
  }

  exchange_delivered_order_items(args: RetailWriteArgs<'exchange_delivered_order_items'>): void {
    const order = this.order(args.order_id);
    requireStatus(order, 'delivered', 'exchanged');
    const { diff } = this.pairItems(order, args.item_ids, args.new_item_ids);
    const method = this.paymentMethodOf(order.user_id, args.payment_method_id);
    if (method.source === 'gift_card' && toCents(method.balance ?? 0) < toCents(diff)) {
      throw conflict(`Gift card ${method.id} balance is not enough to pay the price difference`);
    }
    order.status = 'exchange requested';
    order.exchange_items = [...args.item_ids].sort();
    order.exchange_new_items = [...args.new_item_ids].sort();
    order.exchange_payment_method_id = args.payment_method_id;
    order.exchange_price_difference = diff;
  }

  modify_user_address(args: RetailWriteArgs<'modify_user_address'>): void {
    this.user(args.user_id).address = addressOf(args);
  }

  /** Pairs old items with new variants of the same product; the price difference is in dollars, rounded to cents. */
  private pairItems(order: Order, itemIds: string[], newItemIds: string[]) {
    requireItemsInOrder(order, itemIds);
    if (itemIds.length !== newItemIds.length) {
      throw invalid('Each item to change needs exactly one new item (the lists differ in length)');
    }
    const taken = new Set<OrderItem>();
    let diffCents = 0;
    const lines: { item: OrderItem; variant: Variant }[] = [];
    itemIds.forEach((itemId, i) => {
      const item = order.items.find((it) => it.item_id === itemId && !taken.has(it));
      if (!item) throw notFound(`Item ${itemId} not found in order ${order.order_id}`);
      taken.add(item);
      const newId = newItemIds[i] ?? '';
      const variant = own(this.product(item.product_id).variants, newId);
      if (!variant) throw notFound(`Item ${newId} is not a variant of ${item.name}`);
      if (!variant.available) throw conflict(`Item ${newId} (${item.name}) is not available`);
      diffCents += toCents(variant.price) - toCents(item.price);
      lines.push({ item, variant });
    });
    return { lines, diff: diffCents / 100 };
  }
}

/** A record's own entry: ids such as "constructor" or "__proto__" name nothing in the data. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function requireStatus(order: Order, status: 'pending' | 'delivered', verb: 'cancelled' | 'modified' | 'returned' | 'exchanged'): void {
  if (order.status !== status) {
    throw conflict(`Order ${order.order_id} is ${order.status}; only ${status} orders can be ${verb}`);
  }
}

function requireItemsInOrder(order: Order, itemIds: string[]): void {
  const counts = new Map<string, number>();
  for (const it of order.items) counts.set(it.item_id, (counts.get(it.item_id) ?? 0) + 1);
  for (const itemId of new Set(itemIds)) {
    const wanted = itemIds.filter((x) => x === itemId).length;
    if (wanted > (counts.get(itemId) ?? 0)) throw notFound(`Item ${itemId} not found in order ${order.order_id}`);
  }
}
