// PayLedger Billing: the card processor's back office. Customers' payment methods and gift-card
// balances; charges, refunds and adjustments per order, all derived live from the orders' payment
// histories (so a cancellation or a payment change made in Orders shows up here at once); and the
// one write Billing owns: an adjustment (refund of a charge or of part of it, with a reason).
//
// The planted discrepancies are never labelled: an agent has to spot them from the numbers shown
// (two captures of the same amount, captured above the order total, a refund that failed).
import { html } from 'hono/html';
import type { Charge, Order, PaymentMethod, User } from '../../shared/retail.ts';
import { toCents } from '../domain/money.ts';
import { confirmPage, csrfField, field, one, paginate, PageError, table, type Ctx, type Html, type LegacyApp } from '../web/kit.ts';
import { formatMoney, itemsTotal, methodLabel, orderIdFromInput, orderPath } from '../web/format.ts';

const PER_PAGE = 20;
const REASON_MAX = 500;

export function billingRoutes(app: LegacyApp): void {
  const r = app.hono;
  const billing = () => app.world.billing;
  const retail = () => app.world.retail;

  r.get('/', (c) => c.redirect('/customers'));

  // ---- customers ---------------------------------------------------------------------------

  r.get('/customers', (c) => {
    const v = c.var.view;
    const q = (c.req.query('q') ?? '').trim();
    const users = searchCustomers(Object.entries(retail().data.users), q);
    const { rows, nav } = paginate(c, users, PER_PAGE);
    const results = table<[string, User]>(
      c,
      'Customers',
      [
        ['Customer ID', ([id]) => id],
        ['Name', ([id, u]) => html`<a href="/customers/${encodeURIComponent(id)}">${fullName(u)}</a>`],
        ['Email', ([, u]) => u.email],
        ['Payment methods', ([, u]) => Object.keys(u.payment_methods).length],
        ['Orders', ([, u]) => u.orders.length],
      ],
      rows,
      q ? `No customer matches "${q}".` : 'No customers.',
    );
    return app.page(
      c,
      'Customers',
      html`<section aria-label="Find a customer" class="${v.cls('search')}">
          <form method="get" action="/customers">
            ${field(c, 'Email, customer ID or name', (id) => html`<input id="${id}" name="q" value="${q}" size="36">`)}
            <p class="${v.cls('actions')}">${v.arrange([
              html`<button type="submit" class="${v.cls('primary')}">Search</button>`,
              html`<a href="/customers" class="${v.cls('button-link')}">Clear</a>`,
            ])}</p>
          </form>
        </section>
        ${users.length > 0 ? nav : ''} ${results}`,
    );
  });

  r.get('/customers/:id', (c) => {
    const v = c.var.view;
    const userId = c.req.param('id');
    const users = retail().data.users;
    const user = Object.hasOwn(users, userId) ? users[userId] : undefined;
    if (!user) throw new PageError(404, 'Customer not found', `There is no customer with ID ${userId}.`);
    const methods = Object.entries(user.payment_methods);
    const orders = user.orders.map((id) => retail().data.orders[id]).filter((o): o is Order => o !== undefined);
    return app.page(
      c,
      `Customer ${fullName(user)}`,
      html`<section aria-label="Customer" class="${v.cls('summary')}">
          <table class="${v.cls('kv')}"><tbody>
            <tr><th scope="row">Customer ID</th><td>${userId}</td></tr>
            <tr><th scope="row">Name</th><td>${fullName(user)}</td></tr>
            <tr><th scope="row">Email</th><td>${user.email}</td></tr>
          </tbody></table>
        </section>
        <section class="${v.cls('methods')}">
          <h2>Payment methods</h2>
          ${table<[string, PaymentMethod]>(
            c,
            'Payment methods',
            [
              ['Type', ([, m]) => methodType(m)],
              ['Method', ([, m]) => methodLabel(m)],
              ['ID', ([id]) => id],
              ['Balance', ([, m]) => (m.source === 'gift_card' ? formatMoney(m.balance ?? 0) : '—')],
            ],
            methods,
            'No payment methods on file.',
          )}
        </section>
        <section class="${v.cls('orders')}">
          <h2>Orders</h2>
          ${table<Order>(
            c,
            'Orders',
            [
              ['Order', (o) => html`<a href="/payments/${orderPath(o.order_id)}">${o.order_id}</a>`],
              ['Status', (o) => o.status],
              ['Order total', (o) => formatMoney(itemsTotal(o))],
              ['Captured', (o) => formatMoney(totals(o).captured)],
              ['Refunded', (o) => formatMoney(totals(o).refunded)],
              ['Adjusted', (o) => formatMoney(totals(o).adjusted)],
            ],
            orders,
            'No orders.',
          )}
        </section>`,
    );
  });

  // ---- payments ----------------------------------------------------------------------------

  r.get('/payments', (c) => {
    const v = c.var.view;
    const q = (c.req.query('order') ?? '').trim();
    let results: Html | string = '';
    let status: 200 | 404 = 200;
    if (q) {
      const exact = retail().data.orders[orderIdFromInput(q)];
      if (exact) return c.redirect(`/payments/${orderPath(exact.order_id)}`);
      const needle = q.toUpperCase().replace(/^#/, '');
      const matches =
        needle.length >= 3 ? Object.values(retail().data.orders).filter((o) => o.order_id.includes(needle)).sort(byOrderId) : [];
      if (matches.length === 0) {
        status = 404;
        results = html`<p role="alert" class="${v.cls('error')}">No order matches "${q}". Order numbers look like #W1234567.</p>`;
      } else {
        const { rows, nav } = paginate(c, matches, PER_PAGE);
        results = html`${nav}${table<Order>(
          c,
          'Orders',
          [
            ['Order', (o) => html`<a href="/payments/${orderPath(o.order_id)}">${o.order_id}</a>`],
            ['Customer', (o) => customerName(o.user_id)],
            ['Status', (o) => o.status],
            ['Order total', (o) => formatMoney(itemsTotal(o))],
          ],
          rows,
        )}`;
      }
    }
    return app.page(
      c,
      'Payments',
      html`<section aria-label="Find an order" class="${v.cls('search')}">
          <form method="get" action="/payments">
            ${field(c, 'Order number', (id) => html`<input id="${id}" name="order" value="${q}" placeholder="#W1234567" size="20">`)}
            <p class="${v.cls('actions')}"><button type="submit" class="${v.cls('primary')}">Find payments</button></p>
          </form>
        </section>
        ${results}`,
      status,
    );
  });

  r.get('/payments/:order', (c) => {
    const v = c.var.view;
    const order = findOrder(c);
    const b = billing();
    const charges = b.charges(order.order_id);
    const refunds = b.refunds(order.order_id);
    const adjustments = b.adjustmentsOf(order.order_id);
    const t = totals(order);
    const adjustable = charges
      .filter((ch) => !isGiftCard(order, ch.payment_method_id))
      .map((ch) => ({ charge: ch, left: b.refundableCents(order.order_id, ch) }))
      .filter((x) => x.left > 0);
    const action = `/payments/${orderPath(order.order_id)}/adjust`;
    const form = adjustable.length
      ? html`<form method="post" action="${action}" class="${v.cls('adjust')}">
          ${csrfField(c)}
          ${field(
            c,
            'Charge to adjust',
            (id) => html`<select id="${id}" name="charge">
              ${adjustable.length > 1 ? html`<option value="">Choose a charge…</option>` : ''}
              ${adjustable.map(
                (x) =>
                  html`<option value="${x.charge.charge_id}">${x.charge.charge_id} · ${methodName(order, x.charge.payment_method_id)} · ${formatMoney(x.left / 100)} refundable</option>`,
              )}
            </select>`,
          )}
          ${field(c, 'Amount (USD)', (id) => html`<input id="${id}" name="amount" inputmode="decimal" autocomplete="off" size="12">`)}
          ${field(c, 'Reason', (id) => html`<textarea id="${id}" name="reason" rows="3" cols="48"></textarea>`)}
          <p class="${v.cls('actions')}">${v.arrange([
            html`<button type="submit" class="${v.cls('primary')}">Review adjustment</button>`,
            html`<button type="reset">Clear</button>`,
          ])}</p>
        </form>`
      : html`<p class="${v.cls('empty')}">Nothing is left to refund on this order's card or PayPal charges.</p>`;
    return app.page(
      c,
      `Payments for order ${order.order_id}`,
      html`<section aria-label="Order summary" class="${v.cls('summary')}">
          <table class="${v.cls('kv')}"><tbody>
            <tr><th scope="row">Order</th><td>${order.order_id}</td></tr>
            <tr><th scope="row">Status</th><td>${order.status}</td></tr>
            <tr><th scope="row">Customer</th><td><a href="/customers/${encodeURIComponent(order.user_id)}">${customerName(order.user_id)}</a> (${order.user_id})</td></tr>
            <tr><th scope="row">Items total</th><td>${formatMoney(itemsTotal(order))}</td></tr>
            <tr><th scope="row">Total captured</th><td>${formatMoney(t.captured)}</td></tr>
            <tr><th scope="row">Total refunded</th><td>${formatMoney(t.refunded)}</td></tr>
            <tr><th scope="row">Total adjusted</th><td>${formatMoney(t.adjusted)}</td></tr>
          </tbody></table>
        </section>
        <section class="${v.cls('charges')}">
          <h2>Charges</h2>
          ${table<Charge>(
            c,
            'Charges',
            [
              ['Charge ID', (ch) => ch.charge_id],
              ['Method', (ch) => methodName(order, ch.payment_method_id)],
              ['Amount', (ch) => formatMoney(ch.amount)],
              ['Status', (ch) => ch.status],
            ],
            charges,
            'No charges.',
          )}
        </section>
        <section class="${v.cls('refunds')}">
          <h2>Refunds</h2>
          ${table(
            c,
            'Refunds',
            [
              ['Refund ID', (re) => re.refund_id],
              ['Method', (re) => methodName(order, re.payment_method_id)],
              ['Amount', (re) => formatMoney(re.amount)],
              ['Status', (re) => re.status],
            ],
            refunds,
            'No refunds.',
          )}
        </section>
        <section class="${v.cls('adjustments')}">
          <h2>Adjustments</h2>
          ${table(
            c,
            'Adjustments',
            [
              ['ID', (a) => a.adjustment_id],
              ['Charge', (a) => a.charge_id],
              ['Amount', (a) => formatMoney(a.amount)],
              ['Reason', (a) => a.reason],
            ],
            adjustments,
            'No adjustments.',
          )}
        </section>
        <section class="${v.cls('adjust-section')}">
          <h2>Issue adjustment</h2>
          ${form}
        </section>`,
    );
  });

  r.post('/payments/:order/adjust', (c) => {
    const order = findOrder(c);
    const form = c.var.form;
    const chargeId = one(form, 'charge').trim();
    if (!chargeId) throw new PageError(400, 'Missing information', 'Choose the charge to adjust.');
    const charge = billing()
      .charges(order.order_id)
      .find((ch) => ch.charge_id === chargeId);
    if (!charge) throw new PageError(404, 'Charge not found', `Charge ${chargeId} is not a charge of order ${order.order_id}.`);
    if (isGiftCard(order, charge.payment_method_id)) {
      throw new PageError(409, 'Not allowed', `Charge ${chargeId} was paid by gift card; gift card payments are not processed here. Use a cancellation or a return instead.`);
    }
    const cents = parseAmount(one(form, 'amount'));
    const reason = one(form, 'reason').trim();
    if (!reason) throw new PageError(400, 'Missing information', 'A reason is required for every adjustment.');
    if (reason.length < 3) throw new PageError(400, 'Invalid request', 'The reason must be at least 3 characters long.');
    if (reason.length > REASON_MAX) throw new PageError(400, 'Invalid request', `The reason must be at most ${REASON_MAX} characters long.`);
    const left = billing().refundableCents(order.order_id, charge);
    if (cents > left) {
      throw new PageError(
        409,
        'Amount too large',
        `${formatMoney(cents / 100)} is more than is left to refund on charge ${chargeId}: at most ${formatMoney(left / 100)}.`,
      );
    }
    const back = `/payments/${orderPath(order.order_id)}`;
    const amount = cents / 100;
    if (one(form, 'confirm') !== 'yes') {
      return confirmPage(c, {
        title: 'Confirm adjustment',
        question: `Refund ${formatMoney(amount)} to ${methodName(order, charge.payment_method_id)} on charge ${chargeId}?`,
        rows: [
          ['Order', order.order_id],
          ['Customer', `${customerName(order.user_id)} (${order.user_id})`],
          ['Charge', `${chargeId} · ${methodName(order, charge.payment_method_id)}`],
          ['Charge amount', formatMoney(charge.amount)],
          ['Refundable now', formatMoney(left / 100)],
          ['Adjustment', formatMoney(amount)],
          ['Reason', reason],
        ],
        action: `${back}/adjust`,
        fields: { charge: chargeId, amount: amount.toFixed(2), reason },
        confirmLabel: 'Issue adjustment',
        backHref: back,
      });
    }
    app.write('adjust_charge', { order_id: order.order_id, charge_id: chargeId, amount, reason });
    const made = billing().adjustments.at(-1);
    app.flash(c, `Adjustment ${made?.adjustment_id ?? ''} issued: ${formatMoney(amount)} back on charge ${chargeId}.`);
    return c.redirect(back, 303);
  });

  // ---- helpers -----------------------------------------------------------------------------

  function findOrder(c: Ctx): Order {
    const raw = c.req.param('order') ?? '';
    const order = retail().data.orders[orderIdFromInput(raw)];
    if (!order) throw new PageError(404, 'Order not found', `There is no order ${orderIdFromInput(raw)}.`);
    return order;
  }

  function totals(o: Order) {
    const b = billing();
    const cents = (xs: { amount: number }[]) => xs.reduce((s, x) => s + toCents(x.amount), 0);
    return {
      captured: cents(b.charges(o.order_id)) / 100,
      refunded: cents(b.refunds(o.order_id).filter((re) => re.status !== 'failed')) / 100,
      adjusted: cents(b.adjustmentsOf(o.order_id)) / 100,
    };
  }

  function customerName(userId: string): string {
    const u = retail().data.users[userId];
    return u ? fullName(u) : userId;
  }

  function methodName(order: Order, methodId: string): string {
    const m = retail().data.users[order.user_id]?.payment_methods[methodId];
    return m ? methodLabel(m) : methodId;
  }

  function isGiftCard(order: Order, methodId: string): boolean {
    return methodId.startsWith('gift_card') || retail().data.users[order.user_id]?.payment_methods[methodId]?.source === 'gift_card';
  }
}

function fullName(u: User): string {
  return `${u.name.first_name} ${u.name.last_name}`;
}

function methodType(m: PaymentMethod): string {
  return m.source === 'credit_card' ? 'Credit card' : m.source === 'gift_card' ? 'Gift card' : 'PayPal';
}

function byOrderId(a: Order, b: Order): number {
  return a.order_id.localeCompare(b.order_id);
}

/** Every word of the query must appear in the customer's id, email or name; no query lists everyone. */
function searchCustomers(users: [string, User][], q: string): [string, User][] {
  const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
  const hit = terms.length
    ? users.filter(([id, u]) => {
        const hay = `${id} ${u.email} ${u.name.first_name} ${u.name.last_name}`.toLowerCase();
        return terms.every((t) => hay.includes(t));
      })
    : users;
  return hit.sort(([a, x], [b, y]) => x.name.last_name.localeCompare(y.name.last_name) || x.name.first_name.localeCompare(y.name.first_name) || a.localeCompare(b));
}

/** "12.50", "$12.50", "1,200" → cents; anything else is a clear 400. */
function parseAmount(text: string): number {
  const t = text.trim().replace(/^\$/, '').replace(/,/g, '').trim();
  if (!t) throw new PageError(400, 'Missing information', 'An amount is required.');
  if (!/^-?\d+(\.\d+)?$/.test(t)) throw new PageError(400, 'Invalid request', `"${text.trim()}" is not an amount of dollars; write it like 12.50.`);
  if (/\.\d{3,}$/.test(t)) throw new PageError(400, 'Invalid request', 'The amount must be in whole cents (at most two decimals).');
  const cents = Math.round(Number(t) * 100);
  if (cents <= 0) throw new PageError(400, 'Invalid request', 'The adjustment amount must be greater than $0.00.');
  return cents;
}
