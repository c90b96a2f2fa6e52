// OrderTrack's simple writes: cancel (the order page's dialog posts here), change the shipping
// address, change the payment method, return items. Each: form → confirmation page → write →
// redirect to the order page with a message. A POST without `confirm=yes` only ever shows the
// confirmation page; checks run again on the confirming POST, and the domain checks once more.
import { addressFromForm, addressInputs } from '../../web/address.ts';
import { html, raw } from 'hono/html';
import type { Order, PaymentMethod, User } from '../../../shared/retail.ts';
import { CANCEL_REASONS } from '../../domain/retail.ts';
import { toCents } from '../../domain/money.ts';
import { confirmPage, csrfField, field, one, PageError, required, type LegacyApp } from '../../web/kit.ts';
import { formatMoney } from '../../web/format.ts';
import {
  addressLines,
  chosenLines,
  chosenMethod,
  customerOf,
  fullName,
  itemLabel,
  methodName,
  methodText,
  orderOf,
  orderUrl,
  requireBalance,
  requireStatus,
  styles,
} from './shared.ts';


export function changeRoutes(app: LegacyApp): void {
  const r = app.hono;

  // ---- cancel ------------------------------------------------------------------------------

  r.post('/orders/:id/cancel', (c) => {
    const order = orderOf(c);
    requireStatus(order, 'pending');
    const reason = required(c.var.form, 'reason', 'Reason');
    if (!(CANCEL_REASONS as readonly string[]).includes(reason)) {
      throw new PageError(400, 'Invalid request', `"${reason}" is not a cancellation reason. Choose one of: ${CANCEL_REASONS.join(', ')}.`);
    }
    const user = customerOf(app, order);
    const url = orderUrl(order);
    const refundCents = order.payment_history.reduce((s, p) => s + toCents(p.amount), 0);
    if (one(c.var.form, 'confirm') !== 'yes') {
      return confirmPage(c, {
        title: 'Confirm cancellation',
        question: `Cancel order ${order.order_id}? This cannot be undone.`,
        rows: [
          ['Order', order.order_id],
          ['Customer', `${fullName(user)} (${order.user_id})`],
          ['Reason', reason],
          [
            'Refunds',
            html`${order.payment_history.map((p, i) => html`${i > 0 ? html`<br>` : ''}${formatMoney(p.amount)} to ${methodName(user, p.payment_method_id)}`)}`,
          ],
        ],
        action: `${url}/cancel`,
        fields: { reason },
        confirmLabel: 'Confirm cancellation',
        backHref: url,
      });
    }
    app.write('cancel_pending_order', { order_id: order.order_id, reason });
    app.flash(c, `Order ${order.order_id} cancelled (${reason}). ${formatMoney(refundCents / 100)} refunded to the original payment methods.`);
    return c.redirect(url, 303);
  });

  // ---- shipping address --------------------------------------------------------------------

  r.get('/orders/:id/address', (c) => {
    const v = c.var.view;
    const order = orderOf(c);
    requireStatus(order, 'pending');
    const user = customerOf(app, order);
    const url = orderUrl(order);
    // values coming back from the confirmation page's "Go back" win over the stored address
    return app.page(
      c,
      `Change shipping address of order ${order.order_id}`,
      html`${styles(c)}<p class="${v.cls('crumbs')}"><a href="${url}">« Back to order ${order.order_id}</a></p>
        <p>Customer: <strong>${fullName(user)}</strong> (${order.user_id}). Current address:</p>
        <p class="${v.cls('hint')}">${addressLines(order.address)}</p>
        <form method="post" action="${url}/address" class="${v.cls('address-form')}">
          ${csrfField(c)}
          ${addressInputs(c, order.address)}
          <p class="${v.cls('actions')}">${v.arrange([
            html`<button type="submit" class="${v.cls('primary')}">Review change</button>`,
            html`<a href="${url}" class="${v.cls('button-link')}">Back to order</a>`,
          ])}</p>
        </form>`,
    );
  });

  r.post('/orders/:id/address', (c) => {
    const order = orderOf(c);
    requireStatus(order, 'pending');
    const form = c.var.form;
    const address = addressFromForm(form);
    const user = customerOf(app, order);
    const url = orderUrl(order);
    if (one(form, 'confirm') !== 'yes') {
      return confirmPage(c, {
        title: 'Confirm address change',
        question: `Ship order ${order.order_id} to this address?`,
        rows: [
          ['Order', order.order_id],
          ['Customer', `${fullName(user)} (${order.user_id})`],
          ['Current address', addressLines(order.address)],
          ['New address', addressLines(address)],
        ],
        action: `${url}/address`,
        fields: { ...address },
        confirmLabel: 'Save address',
        backHref: `${url}/address?${new URLSearchParams(address as unknown as Record<string, string>).toString()}`,
      });
    }
    app.write('modify_pending_order_address', { order_id: order.order_id, ...address });
    app.flash(c, `Shipping address of order ${order.order_id} updated.`);
    return c.redirect(url, 303);
  });

  // ---- payment method ----------------------------------------------------------------------

  r.get('/orders/:id/payment', (c) => {
    const v = c.var.view;
    const order = orderOf(c);
    requireStatus(order, 'pending');
    const current = singlePayment(order);
    const user = customerOf(app, order);
    const url = orderUrl(order);
    const methods = Object.values(user.payment_methods);
    return app.page(
      c,
      `Change payment method of order ${order.order_id}`,
      html`${styles(c)}<p class="${v.cls('crumbs')}"><a href="${url}">« Back to order ${order.order_id}</a></p>
        <p>Paid: <strong>${formatMoney(current.amount)}</strong> with ${methodName(user, current.payment_method_id)}.
          The new method is charged this amount and the current one refunded.</p>
        <form method="post" action="${url}/payment" class="${v.cls('payment-form')}">
          ${csrfField(c)}
          ${field(
            c,
            'New payment method',
            (id) => html`<select id="${id}" name="payment_method">
              <option value="">Choose a payment method…</option>
              ${methods.map((m) =>
                m.id === current.payment_method_id
                  ? html`<option value="${m.id}" disabled>${methodText(m)} (current)</option>`
                  : html`<option value="${m.id}">${methodText(m)}</option>`,
              )}
            </select>`,
          )}
          <p class="${v.cls('actions')}">${v.arrange([
            html`<button type="submit" class="${v.cls('primary')}">Review change</button>`,
            html`<a href="${url}" class="${v.cls('button-link')}">Back to order</a>`,
          ])}</p>
        </form>`,
    );
  });

  r.post('/orders/:id/payment', (c) => {
    const order = orderOf(c);
    requireStatus(order, 'pending');
    const current = singlePayment(order);
    const user = customerOf(app, order);
    const method = chosenMethod(user, c.var.form, 'payment_method', 'New payment method');
    if (method.id === current.payment_method_id) {
      throw new PageError(409, 'Not allowed', `Order ${order.order_id} is already paid with ${methodName(user, method.id)}; choose a different payment method.`);
    }
    requireBalance(method, toCents(current.amount));
    const url = orderUrl(order);
    if (one(c.var.form, 'confirm') !== 'yes') {
      return confirmPage(c, {
        title: 'Confirm payment change',
        question: `Pay order ${order.order_id} with ${methodName(user, method.id)} instead?`,
        rows: [
          ['Order', order.order_id],
          ['Customer', `${fullName(user)} (${order.user_id})`],
          ['Charge', `${formatMoney(current.amount)} to ${methodText(method)}`],
          ['Refund', `${formatMoney(current.amount)} to ${methodName(user, current.payment_method_id)}`],
        ],
        action: `${url}/payment`,
        fields: { payment_method: method.id },
        confirmLabel: 'Change payment method',
        backHref: `${url}/payment`,
      });
    }
    app.write('modify_pending_order_payment', { order_id: order.order_id, payment_method_id: method.id });
    app.flash(c, `Order ${order.order_id} is now paid with ${methodName(user, method.id)}; ${formatMoney(current.amount)} refunded to ${methodName(user, current.payment_method_id)}.`);
    return c.redirect(url, 303);
  });

  // ---- return ------------------------------------------------------------------------------

  r.get('/orders/:id/return', (c) => {
    const v = c.var.view;
    const order = orderOf(c);
    requireStatus(order, 'delivered');
    const user = customerOf(app, order);
    const url = orderUrl(order);
    const legend = v.id();
    return app.page(
      c,
      `Return items of order ${order.order_id}`,
      html`${styles(c)}<p class="${v.cls('crumbs')}"><a href="${url}">« Back to order ${order.order_id}</a></p>
        <form method="post" action="${url}/return" class="${v.cls('return-form')}">
          ${csrfField(c)}
          <fieldset aria-labelledby="${legend}" class="${v.cls('lines')}">
            <legend id="${legend}">Items to return</legend>
            ${order.items.map((item, i) =>
              field(
                c,
                `${itemLabel(item)} · ${item.item_id} · ${formatMoney(item.price)}`,
                (id) => html`<input type="checkbox" id="${id}" name="line" value="${i}">`,
              ),
            )}
          </fieldset>
          ${field(
            c,
            'Refund to',
            (id) => html`<select id="${id}" name="refund_method">
              <option value="">Choose where the refund goes…</option>
              ${refundChoices(order, user).map(
                ([m, original]) => html`<option value="${m.id}">${methodText(m)}${original ? raw(' &mdash; original payment method') : ''}</option>`,
              )}
            </select>`,
          )}
          <p class="${v.cls('hint')}">The refund is issued once the returned items arrive at the warehouse.</p>
          <p class="${v.cls('actions')}">${v.arrange([
            html`<button type="submit" class="${v.cls('primary')}">Review return</button>`,
            html`<a href="${url}" class="${v.cls('button-link')}">Back to order</a>`,
          ])}</p>
        </form>`,
    );
  });

  r.post('/orders/:id/return', (c) => {
    const order = orderOf(c);
    requireStatus(order, 'delivered');
    const user = customerOf(app, order);
    const form = c.var.form;
    const lines = chosenLines(order, form, 'Choose at least one item to return.');
    const method = chosenMethod(user, form, 'refund_method', 'Refund to');
    if (!refundChoices(order, user).some(([m]) => m.id === method.id)) {
      throw new PageError(409, 'Not allowed', 'A refund goes to the original payment method or to one of the customer\'s gift cards.');
    }
    const items = lines.map((i) => order.items[i]!);
    const url = orderUrl(order);
    if (one(form, 'confirm') !== 'yes') {
      const total = items.reduce((s, it) => s + toCents(it.price), 0);
      return confirmPage(c, {
        title: 'Confirm return',
        question: `Request a return of ${items.length} item${items.length === 1 ? '' : 's'} from order ${order.order_id}?`,
        rows: [
          ['Order', order.order_id],
          ['Customer', `${fullName(user)} (${order.user_id})`],
          ['Items', html`${items.map((it, i) => html`${i > 0 ? html`<br>` : ''}${itemLabel(it)} · ${it.item_id} · ${formatMoney(it.price)}`)}`],
          ['Refund', `${formatMoney(total / 100)} to ${methodText(method)}, once the items arrive`],
        ],
        action: `${url}/return`,
        fields: { line: lines.map(String), refund_method: method.id },
        confirmLabel: 'Request return',
        backHref: `${url}/return`,
      });
    }
    app.write('return_delivered_order_items', { order_id: order.order_id, item_ids: items.map((it) => it.item_id), payment_method_id: method.id });
    app.flash(c, `Return requested for ${items.length} item${items.length === 1 ? '' : 's'} of order ${order.order_id}; the refund goes to ${methodName(user, method.id)}.`);
    return c.redirect(url, 303);
  });
}

/** The one payment a payment-method change needs, or a 409 page saying why there is none. */
function singlePayment(order: Order) {
  const h = order.payment_history;
  const first = h[0];
  if (h.length !== 1 || first?.transaction_type !== 'payment') {
    throw new PageError(
      409,
      'Not allowed',
      `The payment method of order ${order.order_id} cannot be changed: it has ${h.length} payment entries, and a change needs exactly one payment.`,
    );
  }
  return first;
}

/** Where a return's refund may go: the original payment method, then the customer's gift cards. */
function refundChoices(order: Order, user: User): [PaymentMethod, boolean][] {
  const originalId = order.payment_history[0]?.payment_method_id;
  const methods = Object.values(user.payment_methods);
  const original = methods.find((m) => m.id === originalId);
  return [
    ...(original ? [[original, true] as [PaymentMethod, boolean]] : []),
    ...methods.filter((m) => m.source === 'gift_card' && m.id !== originalId).map((m) => [m, false] as [PaymentMethod, boolean]),
  ];
}
