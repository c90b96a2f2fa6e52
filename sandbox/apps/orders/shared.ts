// What the OrderTrack pages share: finding the order in the URL, status gates with a clear reason,
// how customers, addresses and payment methods are shown, and the app's own small stylesheet.
import { html } from 'hono/html';
import type { Order, PaymentMethod, Product, User } from '../../../shared/retail.ts';
import { PageError, type Ctx, type Form, type LegacyApp } from '../../web/kit.ts';
import { formatMoney, formatOptions, methodLabel, orderIdFromInput, orderPath } from '../../web/format.ts';
import { toCents } from '../../domain/money.ts';

export const PER_PAGE = 20;

export function orderUrl(order: Order | string): string {
  return `/orders/${orderPath(typeof order === 'string' ? order : order.order_id)}`;
}

export function productUrl(productId: string): string {
  return `/products/${encodeURIComponent(productId)}`;
}

/** The order named in the URL (`/orders/W2611340/...`), or a 404 page. */
export function orderOf(c: Ctx): Order {
  const raw = c.req.param('id') ?? '';
  const id = orderIdFromInput(raw);
  const orders = c.var.app.world.retail.data.orders;
  const order = /^#W\d+$/.test(id) && Object.hasOwn(orders, id) ? orders[id] : undefined;
  if (!order) throw new PageError(404, 'Order not found', `There is no order ${id}. Order numbers look like #W1234567.`);
  return order;
}

export function customerOf(app: LegacyApp, order: Order): User {
  const users = app.world.retail.data.users;
  const user = Object.hasOwn(users, order.user_id) ? users[order.user_id] : undefined;
  if (!user) throw new PageError(500, 'Internal Server Error', `Order ${order.order_id} refers to an unknown customer.`);
  return user;
}

export function productOf(app: LegacyApp, productId: string): Product | undefined {
  const products = app.world.retail.data.products;
  return Object.hasOwn(products, productId) ? products[productId] : undefined;
}

export function fullName(u: User): string {
  return `${u.name.first_name} ${u.name.last_name}`;
}

/** Why nothing can be changed on an order in this status (null: something can). */
export function lockedReason(order: Order): string | null {
  switch (order.status) {
    case 'pending':
    case 'delivered':
      return null;
    case 'pending (item modified)':
      return 'The items of this order were already modified once; it can no longer be changed or cancelled.';
    case 'processed':
      return 'This order is being processed for shipping: it can no longer be changed or cancelled, and it can be returned or exchanged only once delivered.';
    case 'cancelled':
      return 'This order was cancelled; nothing more can be done with it.';
    case 'return requested':
      return 'A return was already requested for this order; nothing more can be changed.';
    case 'exchange requested':
      return 'An exchange was already requested for this order; nothing more can be changed.';
  }
}

const WHAT: Record<'pending' | 'delivered', string> = {
  pending: 'changed or cancelled',
  delivered: 'returned or exchanged',
};

/** A 409 page unless the order is exactly in `status`. */
export function requireStatus(order: Order, status: 'pending' | 'delivered'): void {
  if (order.status !== status) {
    throw new PageError(
      409,
      'Not allowed',
      `Order ${order.order_id} is ${order.status}; only ${status} orders can be ${WHAT[status]}. ${lockedReason(order) ?? ''}`.trim(),
    );
  }
}

/** "Visa •••• 1234 (credit_card_123)"; gift cards with their balance. */
export function methodText(method: PaymentMethod): string {
  const base = `${methodLabel(method)} (${method.id})`;
  return method.source === 'gift_card' ? `${base}, balance ${formatMoney(method.balance ?? 0)}` : base;
}

/** A payment method of the order's customer by id, shown as the agent sees it; unknown ids as they are. */
export function methodName(user: User, methodId: string): string {
  const m = Object.hasOwn(user.payment_methods, methodId) ? user.payment_methods[methodId] : undefined;
  return m ? `${methodLabel(m)} (${methodId})` : methodId;
}

/** The customer's method chosen in a form field, or a 400 page. */
export function chosenMethod(user: User, form: Form, key: string, label: string): PaymentMethod {
  const raw = form[key];
  const id = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
  if (!id) throw new PageError(400, 'Missing information', `${label} is required.`);
  const m = Object.hasOwn(user.payment_methods, id) ? user.payment_methods[id] : undefined;
  if (!m) throw new PageError(400, 'Invalid request', `${id} is not a payment method of ${fullName(user)}.`);
  return m;
}

export function itemLabel(item: { name: string; options: Record<string, string> }): string {
  return `${item.name} (${formatOptions(item.options)})`;
}

export { addressLines } from '../../web/address.ts';

/** Every field of a submitted form except the token and the confirmation flag: what a confirmation page sends back. */
export function echoFields(form: Form): Form {
  const out: Form = {};
  for (const [k, v] of Object.entries(form)) if (k !== '_csrf' && k !== 'confirm') out[k] = v;
  return out;
}

/** The selected line numbers of an order (`line` checkboxes), each at most once, or a 400 page. */
export function chosenLines(order: Order, form: Form, none: string): number[] {
  const raw = form['line'];
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const lines: number[] = [];
  for (const v of values) {
    const n = /^\d{1,3}$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < 0 || n >= order.items.length) {
      throw new PageError(400, 'Invalid request', `"${v}" is not an item line of order ${order.order_id}.`);
    }
    if (lines.includes(n)) throw new PageError(400, 'Invalid request', `Item line ${n + 1} was chosen twice.`);
    lines.push(n);
  }
  if (lines.length === 0) throw new PageError(400, 'Missing information', none);
  return lines.sort((a, b) => a - b);
}

export function styles(c: Ctx) {
  const v = c.var.view;
  const s = (part: string) => `.${v.cls(part)}`;
  return html`<style>
    ${s('search')} .${v.cls('field')}{display:inline-block;margin:2px 16px 2px 0} ${s('search')} label{min-width:0;margin-right:4px}
    ${s('crumbs')}{margin:0 0 8px;font-size:12px}
    ${s('status')}{font-weight:bold;font-size:12px;padding:1px 6px;border:1px solid #888;background:#f4f4f4}
    ${s('status-pending')}{color:#8a5a00;border-color:#d9b84a;background:#fff6cc}
    ${s('status-delivered')}{color:#2f6b2f;border-color:#7bb274;background:#e3f4e1}
    ${s('status-cancelled')}{color:#8b2c24;border-color:#cf6f66;background:#fbe3e1}
    ${s('order-actions')} a,${s('order-actions')} button{margin-right:10px}
    ${s('locked')}{color:#555;font-style:italic}
    ${s('line')} legend{font-weight:bold} ${s('line')}{background:#fafbfc}
    ${s('line-meta')}{margin:0 0 4px;color:#555;font-size:12px}
    ${s('variant-info')}{margin:4px 0 0;color:#2b4a6f;font-weight:bold}
    ${s('hint')}{color:#666;font-size:12px}
    ${s('warning')}{background:#fff6cc;border:1px solid #d9b84a;padding:6px 10px}
    ${s('money-in')}{color:#2f6b2f} ${s('money-out')}{color:#8b2c24}
  </style>`;
}

/** `+$5.00` / `-$3.50` from cents. */
export function signedMoney(cents: number): string {
  return `${cents >= 0 ? '+' : '-'}${formatMoney(Math.abs(cents) / 100)}`;
}

/** A 409 page when a gift card cannot cover a charge of `cents`. */
export function requireBalance(method: PaymentMethod, cents: number): void {
  if (method.source === 'gift_card' && cents > 0 && toCents(method.balance ?? 0) < cents) {
    throw new PageError(
      409,
      'Insufficient balance',
      `Gift card ${method.id} holds ${formatMoney(method.balance ?? 0)}, less than the ${formatMoney(cents / 100)} to charge. Choose another payment method.`,
    );
  }
}
