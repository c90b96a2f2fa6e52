// OrderTrack's variant picker: "Change items" on a pending order and "Exchange items" on a
// delivered one. Each order line (by position: an order may hold the same item twice) gets a
// fieldset with a "Change this item" checkbox and one select per option of its product; a small
// inline script shows the price and availability of the chosen variant. The server resolves the
// chosen options to exactly one variant, shows old → new with the price difference on a
// confirmation page, and writes only on the confirming POST.
import { html, raw } from 'hono/html';
import type { Order, OrderItem, Product, User, Variant } from '../../../shared/retail.ts';
import { toCents } from '../../domain/money.ts';
import { confirmPage, csrfField, field, one, PageError, type Ctx, type Form, type LegacyApp } from '../../web/kit.ts';
import { formatMoney, formatOptions } from '../../web/format.ts';
import {
  chosenLines,
  chosenMethod,
  customerOf,
  echoFields,
  fullName,
  methodName,
  methodText,
  orderOf,
  orderUrl,
  productOf,
  requireBalance,
  requireStatus,
  signedMoney,
  styles,
} from './shared.ts';

type Mode = 'modify' | 'exchange';

const MODES = {
  modify: {
    status: 'pending',
    path: 'items',
    title: 'Change items',
    write: 'modify_pending_order_items',
    review: 'Review changes',
    confirmLabel: 'Confirm item change',
    intro: 'Tick "Change this item" for each item to change and choose its new options. Items can be changed only once: after this change the order can no longer be modified or cancelled.',
  },
  exchange: {
    status: 'delivered',
    path: 'exchange',
    title: 'Exchange items',
    write: 'exchange_delivered_order_items',
    review: 'Review exchange',
    confirmLabel: 'Confirm exchange',
    intro: 'Tick "Change this item" for each item the customer sends back and choose the options of the replacement. Replacements must be the same product.',
  },
} as const;

const METHOD_LABEL = 'Payment method for the price difference';

interface Pick {
  line: number;
  item: OrderItem;
  variant: Variant;
}

export function pickerRoutes(app: LegacyApp): void {
  for (const mode of ['modify', 'exchange'] as const) {
    const m = MODES[mode];
    app.hono.get(`/orders/:id/${m.path}`, (c) => pickerPage(c, app, mode));
    app.hono.post(`/orders/:id/${m.path}`, (c) => submitPicks(c, app, mode));
  }
}

function pickerPage(c: Ctx, app: LegacyApp, mode: Mode) {
  const m = MODES[mode];
  const v = c.var.view;
  const order = orderOf(c);
  requireStatus(order, m.status);
  const user = customerOf(app, order);
  const url = orderUrl(order);
  return app.page(
    c,
    `${m.title} of order ${order.order_id}`,
    html`${styles(c)}<p class="${v.cls('crumbs')}"><a href="${url}">« Back to order ${order.order_id}</a></p>
      <p>Customer: <strong>${fullName(user)}</strong> (${order.user_id})</p>
      <p class="${v.cls('warning')}">${m.intro}</p>
      <form method="post" action="${url}/${m.path}" class="${v.cls('picker')}">
        ${csrfField(c)}
        ${order.items.map((item, i) => lineFieldset(c, app, item, i))}
        ${field(
          c,
          METHOD_LABEL,
          (id) => html`<select id="${id}" name="payment_method">
            <option value="">Choose a payment method…</option>
            ${Object.values(user.payment_methods).map((pm) => html`<option value="${pm.id}">${methodText(pm)}</option>`)}
          </select>`,
        )}
        <p class="${v.cls('actions')}">${v.arrange([
          html`<button type="submit" class="${v.cls('primary')}">${m.review}</button>`,
          html`<a href="${url}" class="${v.cls('button-link')}">Back to order</a>`,
        ])}</p>
      </form>
      <script>${raw(PICKER_SCRIPT)}</script>`,
  );
}

function lineFieldset(c: Ctx, app: LegacyApp, item: OrderItem, line: number) {
  const v = c.var.view;
  const product = productOf(app, item.product_id);
  const choices = product ? optionChoices(product) : new Map<string, string[]>();
  const variants = product
    ? Object.values(product.variants).map((x) => ({ id: x.item_id, o: x.options, p: toCents(x.price), a: x.available }))
    : [];
  const check = v.id();
  return html`<fieldset class="${v.cls('line')}" data-variants="${JSON.stringify(variants)}" data-current="${item.item_id}" data-price="${toCents(item.price)}">
    <legend>${item.name} — ${formatOptions(item.options)}</legend>
    <p class="${v.cls('line-meta')}">Line ${line + 1} · Item ID ${item.item_id} · ${formatMoney(item.price)}</p>
    <p><input type="checkbox" id="${check}" name="line" value="${line}"> <label for="${check}">Change this item</label></p>
    ${v.arrange(
      Object.keys(item.options).map((key) =>
        field(
          c,
          key,
          (id) => html`<select id="${id}" name="line${line}:${key}" data-option="${key}">${(choices.get(key) ?? [item.options[key] ?? '']).map(
            (val) => html`<option value="${val}" ${val === item.options[key] ? raw('selected') : ''}>${val}</option>`,
          )}</select>`,
        ),
      ),
    )}
    <p class="${v.cls('variant-info')}"><output aria-live="polite"></output></p>
  </fieldset>`;
}

/** Each option of a product with the values its variants offer, sorted. Cached per product object. */
const choiceCache = new WeakMap<Product, Map<string, string[]>>();
function optionChoices(product: Product): Map<string, string[]> {
  let choices = choiceCache.get(product);
  if (!choices) {
    const sets = new Map<string, Set<string>>();
    for (const x of Object.values(product.variants)) {
      for (const [k, val] of Object.entries(x.options)) {
        let s = sets.get(k);
        if (!s) sets.set(k, (s = new Set()));
        s.add(val);
      }
    }
    choices = new Map([...sets].map(([k, s]) => [k, [...s].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))]));
    choiceCache.set(product, choices);
  }
  return choices;
}

function submitPicks(c: Ctx, app: LegacyApp, mode: Mode) {
  const m = MODES[mode];
  const order = orderOf(c);
  requireStatus(order, m.status);
  const user = customerOf(app, order);
  const form = c.var.form;
  const picks = resolvePicks(app, order, form);
  const method = chosenMethod(user, form, 'payment_method', METHOD_LABEL);
  const diffCents = picks.reduce((s, p) => s + toCents(p.variant.price) - toCents(p.item.price), 0);
  requireBalance(method, diffCents);
  const url = orderUrl(order);
  if (one(form, 'confirm') !== 'yes') {
    return confirmPage(c, {
      title: mode === 'modify' ? 'Confirm item change' : 'Confirm exchange',
      question:
        mode === 'modify'
          ? `Change ${picks.length} item${picks.length === 1 ? '' : 's'} of order ${order.order_id}? Items can be changed only once.`
          : `Exchange ${picks.length} item${picks.length === 1 ? '' : 's'} of order ${order.order_id}?`,
      rows: [
        ['Order', order.order_id],
        ['Customer', `${fullName(user)} (${order.user_id})`],
        ...picks.map(
          (p): [string, ReturnType<typeof html>] => [
            `Line ${p.line + 1}: ${p.item.name}`,
            html`${formatOptions(p.item.options)} (${p.item.item_id}, ${formatMoney(p.item.price)})<br>→ ${formatOptions(p.variant.options)} (${p.variant.item_id}, ${formatMoney(p.variant.price)})`,
          ],
        ),
        ['Price difference', differenceText(diffCents, user, method.id, mode)],
        ['Payment method', methodText(method)],
      ],
      action: `${url}/${m.path}`,
      fields: echoFields(form),
      confirmLabel: m.confirmLabel,
      backHref: `${url}/${m.path}`,
    });
  }
  app.write(m.write, {
    order_id: order.order_id,
    item_ids: picks.map((p) => p.item.item_id),
    new_item_ids: picks.map((p) => p.variant.item_id),
    payment_method_id: method.id,
  });
  const n = `${picks.length} item${picks.length === 1 ? '' : 's'}`;
  app.flash(
    c,
    mode === 'modify'
      ? `${n} of order ${order.order_id} changed; price difference ${signedMoney(diffCents)} (${methodName(user, method.id)}).`
      : `Exchange requested for ${n} of order ${order.order_id}; price difference ${signedMoney(diffCents)} (${methodName(user, method.id)}).`,
  );
  return c.redirect(url, 303);
}

function differenceText(cents: number, user: User, methodId: string, mode: Mode): string {
  const who = methodName(user, methodId);
  const when = mode === 'exchange' ? ' when the exchange is processed' : '';
  if (cents > 0) return `${signedMoney(cents)}: ${formatMoney(cents / 100)} charged to ${who}${when}`;
  if (cents < 0) return `${signedMoney(cents)}: ${formatMoney(-cents / 100)} refunded to ${who}${when}`;
  return `${formatMoney(0)}: nothing to charge or refund`;
}

/** The checked lines, each resolved from its chosen options to exactly one available variant. */
function resolvePicks(app: LegacyApp, order: Order, form: Form): Pick[] {
  const lines = chosenLines(order, form, 'Nothing to change: tick "Change this item" for at least one item.');
  return lines.map((line) => {
    const item = order.items[line]!;
    const where = `line ${line + 1} (${item.name})`;
    const product = productOf(app, item.product_id);
    if (!product) throw new PageError(404, 'Product not found', `The product of ${where} is no longer in the catalogue.`);
    const wanted: Record<string, string> = {};
    for (const key of Object.keys(item.options)) {
      const val = one(form, `line${line}:${key}`).trim();
      if (!val) throw new PageError(400, 'Missing information', `Choose a ${key} for ${where}.`);
      wanted[key] = val;
    }
    const variant = Object.values(product.variants).find((x) => sameOptions(x.options, wanted));
    if (!variant) {
      throw new PageError(400, 'No such item', `${item.name} does not come with ${formatOptions(wanted)} (${where}). Choose another combination.`);
    }
    // The identical item is a valid choice (the benchmark's semantics allow it): an exchange records it.
    if (!variant.available) {
      throw new PageError(409, 'Not available', `${item.name} with ${formatOptions(wanted)} (item ${variant.item_id}) is not available (${where}).`);
    }
    return { line, item, variant };
  });
}

function sameOptions(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}

// Shows what the chosen options resolve to. Plain old DOM code; textContent only.
const PICKER_SCRIPT = `(function () {
  function money(cents) { return (cents < 0 ? '-' : '') + '$' + (Math.abs(cents) / 100).toFixed(2); }
  var sets = document.querySelectorAll('fieldset[data-variants]');
  for (var n = 0; n < sets.length; n++) (function (fs) {
    var variants = JSON.parse(fs.getAttribute('data-variants'));
    var current = fs.getAttribute('data-current');
    var price = Number(fs.getAttribute('data-price'));
    var out = fs.querySelector('output');
    var selects = fs.querySelectorAll('select[data-option]');
    function update() {
      var match = null;
      for (var i = 0; i < variants.length; i++) {
        var ok = true;
        for (var k = 0; k < selects.length; k++) {
          if (variants[i].o[selects[k].getAttribute('data-option')] !== selects[k].value) ok = false;
        }
        if (ok) { match = variants[i]; break; }
      }
      if (!match) { out.textContent = 'No item with these options'; return; }
      if (match.id === current) { out.textContent = 'Current item: ' + money(match.p); return; }
      var diff = match.p - price;
      out.textContent = 'Item ' + match.id + ': ' + money(match.p) + ' (' + (diff >= 0 ? '+' : '') + money(diff) + '), ' +
        (match.a ? 'available' : 'not available');
    }
    for (var k = 0; k < selects.length; k++) selects[k].addEventListener('change', update);
    update();
  })(sets[n]);
})();`;
