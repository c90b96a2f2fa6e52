// OrderTrack's read pages: order search (by number, customer email or customer ID, with a status
// filter), the order page with its actions, and the product catalogue.
import { html, raw } from 'hono/html';
import type { Order, OrderStatus, PaymentEntry, Product, User, Variant } from '../../../shared/retail.ts';
import { CANCEL_REASONS } from '../../domain/retail.ts';
import { deliveredOn } from '../../domain/deliveries.ts';
import { csrfField, field, paginate, PageError, table, type Ctx, type Html, type LegacyApp } from '../../web/kit.ts';
import { formatMoney, formatOptions, itemsTotal, orderIdFromInput } from '../../web/format.ts';
import {
  addressLines,
  customerOf,
  fullName,
  lockedReason,
  methodName,
  orderOf,
  orderUrl,
  PER_PAGE,
  productOf,
  productUrl,
  styles,
} from './shared.ts';

// every status of the data, in the order a person thinks of them (the Record keeps it complete)
const STATUS_ORDER: Record<OrderStatus, number> = {
  pending: 0,
  'pending (item modified)': 1,
  processed: 2,
  delivered: 3,
  cancelled: 4,
  'return requested': 5,
  'exchange requested': 6,
};
const STATUSES = (Object.keys(STATUS_ORDER) as OrderStatus[]).sort((a, b) => STATUS_ORDER[a] - STATUS_ORDER[b]);

// Sorted lists, computed once per data set (a reset brings a new one): pages stay O(orders).
const sortedOrders = new WeakMap<object, Order[]>();
const sortedProducts = new WeakMap<object, Product[]>();

function allOrders(orders: Record<string, Order>): Order[] {
  let list = sortedOrders.get(orders);
  if (!list) {
    list = Object.values(orders).sort((a, b) => a.order_id.localeCompare(b.order_id));
    sortedOrders.set(orders, list);
  }
  return list;
}

function allProducts(products: Record<string, Product>): Product[] {
  let list = sortedProducts.get(products);
  if (!list) {
    list = Object.values(products).sort((a, b) => a.name.localeCompare(b.name) || a.product_id.localeCompare(b.product_id));
    sortedProducts.set(products, list);
  }
  return list;
}

export function browseRoutes(app: LegacyApp): void {
  const r = app.hono;
  const data = () => app.world.retail.data;

  r.get('/', (c) => c.redirect('/orders'));

  // ---- search ------------------------------------------------------------------------------

  r.get('/orders', (c) => {
    const v = c.var.view;
    const q = {
      order: (c.req.query('order') ?? '').trim(),
      email: (c.req.query('email') ?? '').trim(),
      customer: (c.req.query('customer') ?? '').trim(),
      status: (c.req.query('status') ?? '').trim(),
    };
    if (q.status && !(STATUSES as readonly string[]).includes(q.status)) {
      throw new PageError(400, 'Invalid filter', `Unknown status "${q.status}". Use one of: ${STATUSES.join(', ')}.`);
    }
    const { orders, users } = data();
    if (q.order) {
      const id = orderIdFromInput(q.order);
      if (Object.hasOwn(orders, id)) return c.redirect(orderUrl(id));
    }
    let found: Order[];
    if (q.email || q.customer) {
      const email = q.email.toLowerCase();
      const customer = q.customer.toLowerCase();
      const ids: string[] = [];
      for (const [userId, u] of Object.entries(users)) {
        if (email && !u.email.toLowerCase().includes(email)) continue;
        if (customer && !userId.toLowerCase().includes(customer)) continue;
        ids.push(...u.orders);
      }
      found = ids
        .filter((id) => Object.hasOwn(orders, id))
        .sort()
        .map((id) => orders[id] as Order);
    } else {
      found = allOrders(orders);
    }
    if (q.order) {
      const needle = q.order.toUpperCase().replace(/^#/, '');
      found = found.filter((o) => o.order_id.includes(needle));
    }
    if (q.status) found = found.filter((o) => o.status === q.status);
    const searched = Boolean(q.order || q.email || q.customer);
    const { rows, nav } = paginate(c, found, PER_PAGE);
    const results =
      found.length === 0
        ? html`<p role="alert" class="${v.cls('error')}">No orders match this search. Order numbers look like #W1234567.</p>`
        : html`${nav}${table<Order>(
            c,
            'Orders',
            [
              ['Order', (o) => html`<a href="${orderUrl(o)}">${o.order_id}</a>`],
              ['Customer', (o) => customerCell(users, o)],
              ['Status', (o) => statusBadge(c, o.status)],
              ['Items', (o) => o.items.length],
              ['Total', (o) => formatMoney(itemsTotal(o))],
            ],
            rows,
          )}${found.length > PER_PAGE ? nav : ''}`;
    const option = (value: string, label: string) =>
      html`<option value="${value}" ${value === q.status ? raw('selected') : ''}>${label}</option>`;
    return app.page(
      c,
      searched ? 'Order search' : 'All orders',
      html`${styles(c)}<section aria-label="Find orders" class="${v.cls('search')}">
          <form method="get" action="/orders" role="search">
            ${v.arrange([
              field(c, 'Order number', (id) => html`<input id="${id}" name="order" value="${q.order}" size="14" placeholder="#W1234567" autocomplete="off">`),
              field(c, 'Customer email', (id) => html`<input id="${id}" name="email" value="${q.email}" size="28" autocomplete="off">`),
              field(c, 'Customer ID', (id) => html`<input id="${id}" name="customer" value="${q.customer}" size="22" autocomplete="off">`),
              field(c, 'Status', (id) => html`<select id="${id}" name="status">${option('', 'Any status')}${STATUSES.map((s) => option(s, s))}</select>`),
            ])}
            <p class="${v.cls('actions')}">${v.arrange([
              html`<button type="submit" class="${v.cls('primary')}">Search</button>`,
              html`<a href="/orders" class="${v.cls('button-link')}">Clear</a>`,
            ])}</p>
          </form>
        </section>
        ${results}`,
      searched && found.length === 0 ? 404 : 200,
    );
  });

  // ---- one order ---------------------------------------------------------------------------

  r.get('/orders/:id', (c) => orderPage(c, app, orderOf(c)));

  // ---- products ----------------------------------------------------------------------------

  r.get('/products', (c) => {
    const v = c.var.view;
    const q = (c.req.query('q') ?? '').trim();
    const needle = q.toLowerCase();
    const all = allProducts(data().products);
    const found = needle ? all.filter((p) => p.name.toLowerCase().includes(needle) || p.product_id.includes(needle)) : all;
    const { rows, nav } = paginate(c, found, PER_PAGE);
    return app.page(
      c,
      'Products',
      html`${styles(c)}<section aria-label="Find products" class="${v.cls('search')}">
          <form method="get" action="/products" role="search">
            ${field(c, 'Product name', (id) => html`<input id="${id}" name="q" value="${q}" size="28" autocomplete="off">`)}
            <button type="submit" class="${v.cls('primary')}">Search</button>
          </form>
        </section>
        ${found.length ? nav : ''}
        ${table<Product>(
          c,
          'Products',
          [
            ['Product', (p) => html`<a href="${productUrl(p.product_id)}">${p.name}</a>`],
            ['Product ID', (p) => p.product_id],
            ['Variants', (p) => Object.keys(p.variants).length],
            ['Available', (p) => Object.values(p.variants).filter((x) => x.available).length],
            ['Prices', (p) => priceRange(p)],
          ],
          rows,
          `No product matches "${q}".`,
        )}`,
    );
  });

  r.get('/products/:product_id', (c) => {
    const v = c.var.view;
    const productId = c.req.param('product_id');
    const product = productOf(app, productId);
    if (!product) throw new PageError(404, 'Product not found', `There is no product with ID ${productId}.`);
    const variants = Object.values(product.variants);
    return app.page(
      c,
      product.name,
      html`${styles(c)}<p class="${v.cls('crumbs')}"><a href="/products">« All products</a></p>
        <table class="${v.cls('kv')}"><tbody>
          <tr><th scope="row">Product ID</th><td>${product.product_id}</td></tr>
          <tr><th scope="row">Variants</th><td>${variants.length} (${variants.filter((x) => x.available).length} available)</td></tr>
        </tbody></table>
        <h2>Variants</h2>
        ${table<Variant>(
          c,
          'Variants',
          [
            ['Item ID', (x) => x.item_id],
            ['Options', (x) => formatOptions(x.options)],
            ['Price', (x) => formatMoney(x.price)],
            ['Available', (x) => (x.available ? 'Yes' : 'No')],
          ],
          variants,
          'This product has no variants.',
        )}`,
    );
  });
}

function orderPage(c: Ctx, app: LegacyApp, order: Order) {
  const v = c.var.view;
  const user = customerOf(app, order);
  const names = new Map(order.items.map((it) => [it.item_id, it.name]));
  const delivered = deliveredOn(order, app.world.today);
  const summary = html`<section aria-label="Order summary" class="${v.cls('summary')}">
    <table class="${v.cls('kv')}"><tbody>
      <tr><th scope="row">Order number</th><td>${order.order_id}</td></tr>
      <tr><th scope="row">Status</th><td>${statusBadge(c, order.status)}</td></tr>
      <tr><th scope="row">Customer</th><td>${fullName(user)}</td></tr>
      <tr><th scope="row">Customer ID</th><td>${order.user_id}</td></tr>
      <tr><th scope="row">Email</th><td>${user.email}</td></tr>
      <tr><th scope="row">Shipping address</th><td>${addressLines(order.address)}</td></tr>
      <tr><th scope="row">Items total</th><td>${formatMoney(itemsTotal(order))}</td></tr>
      ${delivered ? html`<tr><th scope="row">Delivered on</th><td>${delivered}</td></tr>` : ''}
      ${afterSales(order, user)}
    </tbody></table>
  </section>`;
  const items = html`<section class="${v.cls('items')}">
    <h2>Items</h2>
    ${table(
      c,
      'Items',
      [
        ['Item', (it) => html`<a href="${productUrl(it.product_id)}">${it.name}</a>`],
        ['Options', (it) => formatOptions(it.options)],
        ['Item ID', (it) => it.item_id],
        ['Price', (it) => formatMoney(it.price)],
      ],
      order.items,
      'This order has no items.',
    )}
  </section>`;
  const fulfilments = html`<section class="${v.cls('fulfilments')}">
    <h2>Fulfilments</h2>
    ${table(
      c,
      'Fulfilments',
      [
        ['Tracking number', (f) => f.tracking_id.join(', ')],
        ['Items', (f) => html`${f.item_ids.map((id, i) => html`${i > 0 ? html`<br>` : ''}${names.get(id) ?? 'Item'} (${id})`)}`],
      ],
      order.fulfillments,
      'Not shipped yet.',
    )}
  </section>`;
  const payments = html`<section class="${v.cls('payments')}">
    <h2>Payment history</h2>
    ${table<PaymentEntry>(
      c,
      'Payment history',
      [
        ['Type', (p) => (p.transaction_type === 'payment' ? 'Payment' : 'Refund')],
        ['Method', (p) => methodName(user, p.payment_method_id)],
        ['Amount', (p) => html`<span class="${v.cls(p.transaction_type === 'payment' ? 'money-in' : 'money-out')}">${formatMoney(p.amount)}</span>`],
      ],
      order.payment_history,
      'No payments recorded.',
    )}
  </section>`;
  return app.page(
    c,
    `Order ${order.order_id}`,
    html`${styles(c)}<p class="${v.cls('crumbs')}"><a href="/orders">« Order search</a> · <a href="/orders?customer=${encodeURIComponent(order.user_id)}">All orders of this customer</a></p>
      ${summary}
      ${actions(c, order)}
      ${v.arrange([items, fulfilments, payments])}`,
  );
}

/** The rows that say what happened after the sale: cancellation, return or exchange requests. */
function afterSales(order: Order, user: User): Html | string {
  const rows: [string, string][] = [];
  if (order.cancel_reason) rows.push(['Cancellation reason', order.cancel_reason]);
  if (order.return_items) rows.push(['Items to return', order.return_items.join(', ')]);
  if (order.return_payment_method_id) rows.push(['Refund to', methodName(user, order.return_payment_method_id)]);
  if (order.exchange_items) rows.push(['Items to exchange', order.exchange_items.join(', ')]);
  if (order.exchange_new_items) rows.push(['Replacement items', order.exchange_new_items.join(', ')]);
  if (order.exchange_price_difference !== undefined) rows.push(['Exchange price difference', formatMoney(order.exchange_price_difference)]);
  if (order.exchange_payment_method_id) rows.push(['Difference settled with', methodName(user, order.exchange_payment_method_id)]);
  if (rows.length === 0) return '';
  return html`${rows.map(([k, val]) => html`<tr><th scope="row">${k}</th><td>${val}</td></tr>`)}`;
}

function actions(c: Ctx, order: Order) {
  const v = c.var.view;
  const url = orderUrl(order);
  const locked = lockedReason(order);
  if (locked) {
    return html`<section aria-label="Actions" class="${v.cls('order-actions')}"><p class="${v.cls('locked')}">No actions available. ${locked}</p></section>`;
  }
  if (order.status === 'delivered') {
    return html`<section aria-label="Actions" class="${v.cls('order-actions')}">
      <p>${v.arrange([
        html`<a href="${url}/return" class="${v.cls('button-link')}">Return items</a>`,
        html`<a href="${url}/exchange" class="${v.cls('button-link')}">Exchange items</a>`,
      ])}</p>
    </section>`;
  }
  const dialog = v.id();
  return html`<section aria-label="Actions" class="${v.cls('order-actions')}">
    <p>${v.arrange([
      html`<button type="button" class="${v.cls('danger')}" onclick="document.getElementById('${dialog}').showModal()">Cancel order</button>`,
      html`<a href="${url}/address" class="${v.cls('button-link')}">Change shipping address</a>`,
      html`<a href="${url}/items" class="${v.cls('button-link')}">Change items</a>`,
      html`<a href="${url}/payment" class="${v.cls('button-link')}">Change payment method</a>`,
    ])}</p>
    <dialog id="${dialog}" aria-labelledby="${dialog}-t" class="${v.cls('cancel-dialog')}">
      <h2 id="${dialog}-t">Cancel order ${order.order_id}?</h2>
      <p>Every payment on this order is refunded to the method it was paid with. This cannot be undone.</p>
      <form method="post" action="${url}/cancel">
        ${csrfField(c)}<input type="hidden" name="confirm" value="yes">
        ${field(
          c,
          'Reason',
          (id) => html`<select id="${id}" name="reason" required><option value="">Choose a reason…</option>${CANCEL_REASONS.map(
            (r) => html`<option value="${r}">${r}</option>`,
          )}</select>`,
        )}
        <p class="${v.cls('actions')}">${v.arrange([
          html`<button type="submit" class="${v.cls('danger')}">Confirm cancellation</button>`,
          html`<button type="button" onclick="this.closest('dialog').close()">Keep order</button>`,
        ])}</p>
      </form>
    </dialog>
  </section>`;
}

function statusBadge(c: Ctx, status: OrderStatus) {
  const v = c.var.view;
  const kind = status.startsWith('pending') ? 'pending' : status === 'delivered' ? 'delivered' : status === 'cancelled' ? 'cancelled' : 'other';
  return html`<span class="${v.cls('status')} ${v.cls(`status-${kind}`)}">${status}</span>`;
}

function customerCell(users: Record<string, User>, o: Order) {
  const u = Object.hasOwn(users, o.user_id) ? users[o.user_id] : undefined;
  return u ? html`${fullName(u)}<br><small>${o.user_id}</small>` : o.user_id;
}

function priceRange(p: Product): string {
  const prices = Object.values(p.variants).map((x) => x.price);
  if (prices.length === 0) return '—';
  const lo = Math.min(...prices);
  const hi = Math.max(...prices);
  return lo === hi ? formatMoney(lo) : `${formatMoney(lo)} – ${formatMoney(hi)}`;
}

