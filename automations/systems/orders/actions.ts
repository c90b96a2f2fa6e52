// OrderTrack (the order system): read orders, customers' order lists and products; the six order
// writes of the retail benchmark, each through the app's own form or dialog and its confirmation.
// Action ids are the benchmark's tool names.
import { z } from 'zod';
import type { Locator } from 'playwright-core';
import { CANCEL_REASONS } from '../../../shared/retail.ts';
import { defineSystem } from '../../runtime/system.ts';
import { defineAction, type ActionContext, type Candidate } from '../../runtime/action.ts';
import { addressLines, ADDRESS_LABELS, legacyWebParts } from '../common/legacy-web.ts';
import {
  actionsRegion,
  expectOrder,
  keyValues,
  methodIdOf,
  orderPath,
  OrderDetailsSchema,
  OrderId,
  openOrder,
  orderSummary,
  OrderRowSchema,
  pickerLineVariants,
  ProductDetailsSchema,
  productPath,
  readOrder,
  readProduct,
  readSearchPage,
  readTable,
  settle,
  shownAddressLines,
  type OrderDetails,
  type SearchRow,
} from './pages.ts';


const ItemId = z.string().trim().regex(/^\d+$/, 'an item id is a number');
const ProductId = z.string().trim().regex(/^\d+$/, 'a product id is a number');
const MethodId = z.string().trim().min(1);
/** The app takes at most 120 characters a field; longer text would be cut by the form, so it is refused here. */
const AddressField = z.string().trim().max(120);

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const sorted = (xs: string[]) => [...xs].sort();
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

// ---- reads -------------------------------------------------------------------------------------

export const getOrderDetails = defineAction({
  id: 'get_order_details',
  system: 'orders',
  kind: 'read',
  input: z.object({ order_id: OrderId }),
  output: OrderDetailsSchema,
  run: async (ctx, { order_id }) => {
    await openOrder(ctx, order_id);
    return readOrder(ctx);
  },
});

export const listCustomerOrders = defineAction({
  id: 'list_customer_orders',
  system: 'orders',
  kind: 'read',
  input: z
    .object({ user_id: z.string().trim().min(1).optional(), email: z.string().trim().min(3).optional() })
    .refine((v) => Boolean(v.user_id || v.email), 'give the customer ID or the email'),
  output: z.array(OrderRowSchema),
  run: async (ctx, { user_id, email }) => {
    const params = new URLSearchParams();
    if (email) params.set('email', email);
    if (user_id) params.set('customer', user_id);
    const rows: SearchRow[] = [];
    for (let n = 1, pages = 1; n <= pages; n++) {
      params.set('page', String(n));
      await ctx.open(`/orders?${params}`);
      const found = await readSearchPage(ctx);
      rows.push(...found.rows);
      pages = found.pages;
    }
    // the search matches parts of ids and emails: keep only the customer asked for
    let users = [...new Set(rows.map((r) => r.user_id))];
    if (user_id) users = users.filter((u) => u === user_id);
    if (email) {
      const exact: string[] = [];
      for (const u of users) {
        const first = rows.find((r) => r.user_id === u)!;
        await openOrder(ctx, first.order_id);
        const summary = await keyValues(await orderSummary(ctx));
        if ((summary['Email'] ?? []).join('').toLowerCase() === email.toLowerCase()) exact.push(u);
      }
      users = exact;
    }
    if (users.length === 0) throw await ctx.failure('not_found', `no orders of customer ${user_id ?? email}`);
    if (users.length > 1) throw await ctx.failure('invalid_input', `${email} matches more than one customer (${users.join(', ')}); give the customer ID`);
    return rows.filter((r) => r.user_id === users[0]).map(({ order_id, status, total }) => ({ order_id, status, total }));
  },
});

export const getProductDetails = defineAction({
  id: 'get_product_details',
  system: 'orders',
  kind: 'read',
  input: z.object({ product_id: ProductId }),
  output: ProductDetailsSchema,
  run: async (ctx, { product_id }) => {
    await ctx.open(productPath(product_id));
    const product = await readProduct(ctx);
    if (product.product_id !== product_id) throw await ctx.failure('target_mismatch', `expected product ${product_id}, the page shows ${product.product_id}`);
    return product;
  },
});

/**
 * The catalogue's products whose name holds the words asked for ("t-shirt", "water bottle"): what
 * the planner's vocabulary reads at plan time for a product the customer never bought. The first
 * result page (at most 20), by name and id.
 */
export const findProducts = defineAction({
  id: 'find_products',
  system: 'orders',
  kind: 'read',
  input: z.object({ q: z.string().trim().min(2).max(80) }),
  output: z.object({ products: z.array(z.object({ product_id: ProductId, name: z.string().min(1) })) }),
  run: async (ctx, { q }) => {
    await ctx.open(`/products?${new URLSearchParams({ q })}`);
    // the app draws no table for an empty result, only its message
    if ((await ctx.page.getByText(`No product matches "${q}".`, { exact: true }).count()) > 0) return { products: [] };
    const table = await ctx.find('the products table', [
      { describe: 'role=table[name="Products"]', locate: (p) => p.getByRole('table', { name: 'Products', exact: true }), quick: (p) => p.locator('table[aria-label="Products"]') },
      { describe: 'table with column header "Product ID"', locate: (p) => p.locator('table').filter({ has: p.getByRole('columnheader', { name: 'Product ID', exact: true }) }) },
    ]);
    const rows = await readTable(table);
    return { products: rows.map((r) => ({ name: r['Product']?.text ?? '', product_id: r['Product ID']?.text ?? '' })).filter((p) => p.name && p.product_id) };
  },
});

// ---- what every write shares -------------------------------------------------------------------

/** A precondition the page shows as the order's status: refused with what the page says about it. */
async function requireStatus(ctx: ActionContext, order: OrderDetails, needs: 'pending' | 'delivered', what: string): Promise<void> {
  if (order.status === needs) return;
  // the page says why nothing can be done ("No actions available. The items … were already modified once …")
  const region = squash(await actionsRegion(ctx.page).innerText({ timeout: 1_000 }).catch(() => ''));
  const note = region.startsWith('No actions available') ? region : '';
  throw await ctx.failure('precondition_failed', `Order ${order.order_id} is ${order.status}; only ${needs} orders can be ${what}. ${note}`.trim());
}

/** A link or button of the order page's Actions region. */
function orderControl(ctx: ActionContext, role: 'link' | 'button', name: string): Promise<Locator> {
  return ctx.find(`the "${name}" ${role}`, [
    {
      describe: `role=region[name="Actions"] >> role=${role}[name="${name}"]`,
      locate: (p) => actionsRegion(p).getByRole(role, { name, exact: true }),
      quick: (p) => p.locator('section[aria-label="Actions"]').getByRole(role, { name, exact: true }),
    },
    { describe: `role=${role}[name="${name}"]`, locate: (p) => p.getByRole(role, { name, exact: true }) },
    { describe: `${role === 'link' ? 'a' : 'button'}:has-text("${name}")`, locate: (p) => p.locator(role === 'link' ? 'a' : 'button', { hasText: name }) },
  ]);
}

/** A form page of the order: its heading must name this order (`Change items of order #W…`). */
async function expectFormOf(ctx: ActionContext, orderId: string): Promise<void> {
  const h1 = squash(await ctx.page.getByRole('heading', { level: 1 }).first().innerText());
  await ctx.expectTarget('order', orderId, h1);
  if (!h1.endsWith(` ${orderId}`)) throw await ctx.failure('target_mismatch', `expected a form of order ${orderId}, the page shows "${h1}"`);
}

/** A labelled form field, by its label; fallback: by its field name. */
function formField(ctx: ActionContext, label: string, name: string, scope?: Locator): Promise<Locator> {
  const root = (p: ActionContext['page']) => scope ?? p;
  return ctx.find(`the "${label}" field`, [
    { describe: `label=${label}`, locate: (p) => root(p).getByLabel(label, { exact: true }) },
    { describe: `[name="${name}"]`, locate: (p) => root(p).locator(`[name="${name}"]`) },
  ]);
}

/**
 * Submits a form with one of its buttons. A form the browser itself refuses (a required field left
 * empty, say) never reaches the system: that is bad input, with the message a person would see.
 */
async function submitForm(ctx: ActionContext, button: Locator): Promise<void> {
  const invalid = await button.evaluate((b) => {
    const form = (b as HTMLButtonElement).form;
    if (!form || form.checkValidity()) return null;
    const field = Array.from(form.elements).find((e) => 'checkValidity' in e && !(e as HTMLInputElement).checkValidity()) as HTMLInputElement | undefined;
    const label = (field?.labels?.[0]?.textContent ?? field?.name ?? 'a field').trim();
    return `${label}: ${field?.validationMessage || 'not accepted'}`;
  });
  if (invalid) throw await ctx.failure('invalid_input', `the form refuses the input (${invalid})`);
  await ctx.submit(button);
}

/** Chooses the option of a payment-method select that names this method id, as the agent reads it. */
async function chooseMethod(ctx: ActionContext, select: Locator, label: string, methodId: string): Promise<void> {
  const options = await select.locator('option').evaluateAll((os) =>
    os.map((o) => ({ value: (o as HTMLOptionElement).value, text: (o.textContent ?? '').replace(/\s+/g, ' ').trim(), disabled: (o as HTMLOptionElement).disabled })),
  );
  const option = options.find((o) => o.value !== '' && methodIdOf(o.text.replace(/ \(current\)$/, '').replace(/ — original payment method$/, '')) === methodId) ?? options.find((o) => o.value === methodId);
  if (!option) {
    const offered = options.filter((o) => o.value !== '').map((o) => o.text);
    throw await ctx.failure('invalid_input', `"${label}" offers no payment method ${methodId} (it offers: ${offered.join('; ') || 'none'})`);
  }
  if (option.disabled) throw await ctx.failure('precondition_failed', `"${label}" offers ${option.text} but does not allow choosing it`);
  await select.selectOption({ value: option.value });
}

/**
 * On the confirmation page: checks it is about this order and shows what was asked (`expect`
 * snippets), then confirms. Resolves on the page the confirmation led to (the order page).
 */
async function confirm(
  ctx: ActionContext,
  orderId: string,
  confirmLabel: string,
  expect: string[],
  rowCheck?: (rows: Record<string, string[]>) => true | string,
): Promise<void> {
  const box = await ctx.find('the confirmation', [
    { describe: 'role=region[name="Confirmation"]', locate: (p) => p.getByRole('region', { name: 'Confirmation' }), quick: (p) => p.locator('section[aria-label="Confirmation"]') },
    { describe: 'section:has(input[name="confirm"][value="yes"])', locate: (p) => p.locator('section').filter({ has: p.locator('input[name="confirm"][value="yes"]') }) },
  ]);
  const rows = await keyValues(box.getByRole('table').first());
  const shownOrder = (rows['Order'] ?? []).join(' ');
  await ctx.expectTarget('order', orderId, shownOrder);
  if (shownOrder !== orderId) throw await ctx.failure('target_mismatch', `the confirmation is about order ${shownOrder}, not ${orderId}`);
  const text = squash(await box.innerText());
  const missing = expect.filter((s) => !text.includes(s));
  if (missing.length > 0) throw await ctx.failure('target_mismatch', `the confirmation of order ${orderId} does not show ${missing.map((m) => `"${m}"`).join(', ')}`);
  const verdict = rowCheck?.(rows) ?? true;
  if (verdict !== true) throw await ctx.failure('target_mismatch', `the confirmation of order ${orderId}: ${verdict}`);
  await submitForm(ctx, box.getByRole('button', { name: confirmLabel, exact: true }));
}

/** Reads the order back: from the page a write's redirect landed on, else from its page opened again. */
async function readBack(ctx: ActionContext, orderId: string): Promise<OrderDetails> {
  if (new URL(ctx.page.url()).pathname !== orderPath(orderId)) await ctx.open(orderPath(orderId));
  const order = await readOrder(ctx);
  // the target check on what was read: the summary's order number, exactly
  await expectOrder(ctx, orderId, order.order_id);
  return order;
}

/** Counts of each id: the lines of an order may hold the same item twice. */
function multiset(ids: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}

function holds(order: OrderDetails, ids: string[]): boolean {
  const have = multiset(order.items.map((i) => i.item_id));
  return [...multiset(ids)].every(([id, n]) => (have.get(id) ?? 0) >= n);
}

/** A write's effect as the order page shows it: true, or what is not there. */
type Effect<I> = (ctx: ActionContext, order: OrderDetails, input: I) => Promise<true | string> | true | string;

/** The order as the already-done check read it, for the write that follows on the same page. */
const checkedOrder = new WeakMap<ActionContext, OrderDetails>();

function orderWrite<S extends z.ZodType<{ order_id: string }>>(def: {
  id: string;
  input: S;
  effect: Effect<z.infer<S>>;
  run: (ctx: ActionContext, order: OrderDetails, input: z.infer<S>) => Promise<void>;
}) {
  return defineAction({
    id: def.id,
    system: 'orders',
    kind: 'write',
    input: def.input,
    output: z.object({}),
    open: (ctx, input) => openOrder(ctx, input.order_id),
    alreadyDone: async (ctx, input) => {
      const order = await readOrder(ctx);
      // run() follows on the same page at once: it acts on what was just read instead of reading again
      checkedOrder.set(ctx, order);
      return (await def.effect(ctx, order, input)) === true;
    },
    run: async (ctx, input) => {
      const order = checkedOrder.get(ctx) ?? (await readOrder(ctx));
      checkedOrder.delete(ctx);
      await def.run(ctx, order, input);
      return {};
    },
    verify: async (ctx, input) => def.effect(ctx, await readBack(ctx, input.order_id), input),
  });
}

// ---- cancel ------------------------------------------------------------------------------------

export const cancelPendingOrder = orderWrite({
  id: 'cancel_pending_order',
  input: z.object({ order_id: OrderId, reason: z.enum(CANCEL_REASONS) }),
  effect: (_ctx, order, { reason }) =>
    (order.status === 'cancelled' && order.cancel_reason === reason) || `order ${order.order_id} is ${order.status}${order.cancel_reason ? ` (${order.cancel_reason})` : ''}, not cancelled (${reason})`,
  run: async (ctx, order, { order_id, reason }) => {
    await requireStatus(ctx, order, 'pending', 'cancelled');
    await (await orderControl(ctx, 'button', 'Cancel order')).click();
    const dialog = await ctx.find('the cancel dialog', [
      { describe: `role=dialog[name="Cancel order ${order_id}?"]`, locate: (p) => p.getByRole('dialog', { name: `Cancel order ${order_id}?`, exact: true }) },
      { describe: 'dialog[open]:has(form[action$="/cancel"])', locate: (p) => p.locator('dialog[open]').filter({ has: p.locator('form[action$="/cancel"]') }) },
    ]);
    const title = squash(await dialog.getByRole('heading').first().innerText());
    await ctx.expectTarget('order', `${order_id}?`, title);
    await (await formField(ctx, 'Reason', 'reason', dialog)).selectOption(reason);
    await submitForm(
      ctx,
      await ctx.find('the "Confirm cancellation" button', [
        { describe: 'role=button[name="Confirm cancellation"]', locate: () => dialog.getByRole('button', { name: 'Confirm cancellation', exact: true }) },
        { describe: 'button[type="submit"]', locate: () => dialog.locator('button[type="submit"]') },
      ]),
    );
  },
});

// ---- shipping address --------------------------------------------------------------------------

export const modifyPendingOrderAddress = orderWrite({
  id: 'modify_pending_order_address',
  input: z.object({
    order_id: OrderId,
    address1: AddressField,
    address2: AddressField.default(''),
    city: AddressField,
    state: AddressField,
    country: AddressField,
    zip: AddressField,
  }),
  effect: async (ctx, order, address) => {
    const shown = await shownAddressLines(ctx);
    const wanted = addressLines(address);
    return sameList(shown, wanted) || `order ${order.order_id} ships to "${shown.join(' / ')}", not "${wanted.join(' / ')}"`;
  },
  run: async (ctx, order, input) => {
    await requireStatus(ctx, order, 'pending', 'changed');
    await ctx.submit(await orderControl(ctx, 'link', 'Change shipping address'));
    await expectFormOf(ctx, input.order_id);
    for (const [key, label] of ADDRESS_LABELS) await (await formField(ctx, label, key)).fill(input[key]);
    await submitForm(ctx, ctx.page.getByRole('button', { name: 'Review change', exact: true }));
    const wanted = addressLines(input);
    await confirm(ctx, input.order_id, 'Save address', wanted, (rows) =>
      sameList(rows['New address'] ?? [], wanted) || `it shows the new address as "${(rows['New address'] ?? []).join(' / ')}"`,
    );
  },
});

// ---- payment method ----------------------------------------------------------------------------

export const modifyPendingOrderPayment = orderWrite({
  id: 'modify_pending_order_payment',
  input: z.object({ order_id: OrderId, payment_method_id: MethodId }),
  effect: (_ctx, order, { payment_method_id }) =>
    order.payment_history.slice(1).some((p) => p.transaction_type === 'payment' && p.payment_method_id === payment_method_id) ||
    `the payment history of order ${order.order_id} has no payment on ${payment_method_id} after the first`,
  run: async (ctx, order, { order_id, payment_method_id }) => {
    await requireStatus(ctx, order, 'pending', 'changed');
    await ctx.submit(await orderControl(ctx, 'link', 'Change payment method'));
    await expectFormOf(ctx, order_id);
    await chooseMethod(ctx, await formField(ctx, 'New payment method', 'payment_method'), 'New payment method', payment_method_id);
    await submitForm(ctx, ctx.page.getByRole('button', { name: 'Review change', exact: true }));
    await confirm(ctx, order_id, 'Change payment method', [`(${payment_method_id})`]);
  },
});

// ---- return ------------------------------------------------------------------------------------

export const returnDeliveredOrderItems = orderWrite({
  id: 'return_delivered_order_items',
  input: z.object({ order_id: OrderId, item_ids: z.array(ItemId).min(1), payment_method_id: MethodId }),
  effect: (_ctx, order, { item_ids, payment_method_id }) =>
    (order.status === 'return requested' &&
      sameList(sorted(order.return_items ?? []), sorted(item_ids)) &&
      order.return_payment_method_id === payment_method_id) ||
    `order ${order.order_id} is ${order.status}${order.return_items ? ` (return of ${order.return_items.join(', ')} to ${order.return_payment_method_id})` : ''}`,
  run: async (ctx, order, { order_id, item_ids, payment_method_id }) => {
    await requireStatus(ctx, order, 'delivered', 'returned');
    if (!holds(order, item_ids)) throw await ctx.failure('invalid_input', `order ${order_id} does not hold the items ${item_ids.join(', ')}`);
    await ctx.submit(await orderControl(ctx, 'link', 'Return items'));
    await expectFormOf(ctx, order_id);
    const group = await ctx.find('the items to return', [
      { describe: 'role=group[name="Items to return"]', locate: (p) => p.getByRole('group', { name: 'Items to return', exact: true }) },
      { describe: 'fieldset:has(input[name="line"])', locate: (p) => p.locator('fieldset').filter({ has: p.locator('input[name="line"]') }) },
    ]);
    const used = new Map<string, number>();
    for (const id of item_ids) {
      const nth = used.get(id) ?? 0;
      used.set(id, nth + 1);
      const boxes = group.getByRole('checkbox', { name: ` · ${id} · ` });
      if ((await boxes.count()) <= nth) throw await ctx.failure('invalid_input', `order ${order_id} has no (further) line with item ${id}`);
      await boxes.nth(nth).check();
    }
    await chooseMethod(ctx, await formField(ctx, 'Refund to', 'refund_method'), 'Refund to', payment_method_id);
    await submitForm(ctx, ctx.page.getByRole('button', { name: 'Review return', exact: true }));
    await confirm(ctx, order_id, 'Request return', [...item_ids.map((id) => ` · ${id} · `), `(${payment_method_id})`]);
  },
});

// ---- the variant picker: modify items, exchange items ------------------------------------------

const PickInput = z
  .object({ order_id: OrderId, item_ids: z.array(ItemId).min(1), new_item_ids: z.array(ItemId).min(1), payment_method_id: MethodId })
  .refine((v) => v.item_ids.length === v.new_item_ids.length, { message: 'each item to change needs exactly one new item (the lists differ in length)', path: ['new_item_ids'] });
type PickInput = z.infer<typeof PickInput>;

const PICKER = {
  modify: { link: 'Change items', review: 'Review changes', confirm: 'Confirm item change', status: 'pending', what: 'changed' },
  exchange: { link: 'Exchange items', review: 'Review exchange', confirm: 'Confirm exchange', status: 'delivered', what: 'exchanged' },
} as const;

interface LineVariant {
  item_id: string;
  options: Record<string, string>;
  price: number;
  available: boolean;
}

/** Old items paired with order lines in order, duplicates by occurrence. */
async function pairLines(ctx: ActionContext, order: OrderDetails, { item_ids, new_item_ids }: PickInput) {
  const taken = new Set<number>();
  const pairs: { line: number; oldId: string; newId: string; name: string; productId: string | undefined }[] = [];
  for (const [k, oldId] of item_ids.entries()) {
    const line = order.items.findIndex((it, i) => it.item_id === oldId && !taken.has(i));
    if (line < 0) throw await ctx.failure('invalid_input', `order ${order.order_id} has no (further) line with item ${oldId}`);
    taken.add(line);
    const item = order.items[line]!;
    pairs.push({ line, oldId, newId: new_item_ids[k]!, name: item.name, productId: item.product_id });
  }
  return pairs;
}

async function pickVariants(ctx: ActionContext, mode: 'modify' | 'exchange', order: OrderDetails, input: PickInput): Promise<void> {
  const m = PICKER[mode];
  const { order_id, payment_method_id } = input;
  await requireStatus(ctx, order, m.status, m.what);
  const pairs = await pairLines(ctx, order, input);
  await ctx.submit(await orderControl(ctx, 'link', m.link));
  await expectFormOf(ctx, order_id);
  const pickerUrl = ctx.page.url();

  // Each picker line, found by its line number and item id (the same item may be on two lines).
  const lineOf = (pair: (typeof pairs)[number]) =>
    ctx.find(`line ${pair.line + 1} (${pair.oldId}) of the picker`, [
      {
        describe: `role=group >> text="Line ${pair.line + 1} · Item ID ${pair.oldId}"`,
        locate: (p) => p.getByRole('group').filter({ hasText: `Line ${pair.line + 1} · Item ID ${pair.oldId} ` }),
      },
      {
        describe: `fieldset >> text="Item ID ${pair.oldId}" (occurrence ${pairs.filter((q) => q.oldId === pair.oldId && q.line < pair.line).length + 1})`,
        locate: (p) => p.locator('fieldset').filter({ hasText: `Item ID ${pair.oldId}` }).nth(pairs.filter((q) => q.oldId === pair.oldId && q.line < pair.line).length),
      },
    ] satisfies Candidate[]);

  // The variants of each line's product: the picker's own data, else the product page.
  const variantsOf = new Map<number, LineVariant[]>();
  const missing: (typeof pairs)[number][] = [];
  for (const pair of pairs) {
    const variants = await pickerLineVariants(await lineOf(pair));
    if (variants) variantsOf.set(pair.line, variants);
    else missing.push(pair);
  }
  if (missing.length > 0) {
    const byProduct = new Map<string, LineVariant[]>();
    for (const pair of missing) {
      if (!pair.productId) throw await ctx.failure('not_found', `neither the picker nor the order page tells the product of line ${pair.line + 1} (${pair.name})`);
      if (!byProduct.has(pair.productId)) {
        await ctx.open(productPath(pair.productId));
        byProduct.set(pair.productId, Object.values((await readProduct(ctx)).variants));
        ctx.heals.push({ action: ctx.actionId, element: `variants of ${pair.name}`, from: 'the picker line\'s variant data', to: `the product page ${productPath(pair.productId)}`, url: ctx.page.url() });
      }
      variantsOf.set(pair.line, byProduct.get(pair.productId)!);
    }
    await ctx.open(new URL(pickerUrl).pathname);
    await expectFormOf(ctx, order_id);
  }

  for (const pair of pairs) {
    const variant = variantsOf.get(pair.line)!.find((v) => v.item_id === pair.newId);
    if (!variant) throw await ctx.failure('invalid_input', `item ${pair.newId} is not a variant of ${pair.name} (line ${pair.line + 1}, item ${pair.oldId})`);
    const line = await lineOf(pair);
    const feedback = line.getByRole('status').first();
    // the picker's inline script says what chosen options make; without it the confirmation page is the check
    const talks = (await feedback.count()) > 0 && (await feedback.innerText()).trim() !== '';
    await (await formField(ctx, 'Change this item', 'line', line)).check();
    for (const [option, value] of Object.entries(variant.options)) {
      const select = line.getByLabel(option, { exact: true });
      if ((await select.count()) === 0) throw await ctx.failure('invalid_input', `line ${pair.line + 1} (${pair.name}) has no option "${option}" for item ${pair.newId}`);
      await select.selectOption(value);
    }
    // the picker says what the chosen options make: it must be the item asked for
    const expected = pair.newId === pair.oldId ? 'Current item' : `Item ${pair.newId}:`;
    const said = talks ? await settle(() => feedback.innerText().catch(() => ''), (t) => t.includes(expected)) : expected;
    if (!said.includes(expected)) throw await ctx.failure('target_mismatch', `line ${pair.line + 1} (${pair.name}) shows "${squash(said)}" for the options of item ${pair.newId}`);
  }
  const methodLabel = 'Payment method for the price difference';
  await chooseMethod(ctx, await formField(ctx, methodLabel, 'payment_method'), methodLabel, payment_method_id);
  await submitForm(ctx, ctx.page.getByRole('button', { name: m.review, exact: true }));
  await confirm(ctx, order_id, m.confirm, [...pairs.map((p) => `Line ${p.line + 1}: `), ...pairs.map((p) => `(${p.newId}, `), `(${payment_method_id})`]);
}

export const modifyPendingOrderItems = orderWrite({
  id: 'modify_pending_order_items',
  input: PickInput,
  effect: (_ctx, order, { new_item_ids }) =>
    (order.status === 'pending (item modified)' && holds(order, new_item_ids)) ||
    `order ${order.order_id} is ${order.status} with items ${order.items.map((i) => i.item_id).join(', ')}`,
  run: (ctx, order, input) => pickVariants(ctx, 'modify', order, input),
});

export const exchangeDeliveredOrderItems = orderWrite({
  id: 'exchange_delivered_order_items',
  input: PickInput,
  effect: (_ctx, order, { item_ids, new_item_ids, payment_method_id }) =>
    (order.status === 'exchange requested' &&
      sameList(sorted(order.exchange_items ?? []), sorted(item_ids)) &&
      sameList(sorted(order.exchange_new_items ?? []), sorted(new_item_ids)) &&
      order.exchange_payment_method_id === payment_method_id) ||
    `order ${order.order_id} is ${order.status}${order.exchange_items ? ` (exchange of ${order.exchange_items.join(', ')} for ${order.exchange_new_items?.join(', ')})` : ''}`,
  run: (ctx, order, input) => pickVariants(ctx, 'exchange', order, input),
});

export const ordersActions = [
  getOrderDetails,
  listCustomerOrders,
  getProductDetails,
  findProducts,
  cancelPendingOrder,
  modifyPendingOrderAddress,
  modifyPendingOrderItems,
  modifyPendingOrderPayment,
  returnDeliveredOrderItems,
  exchangeDeliveredOrderItems,
];

/** The sandbox's OrderTrack as the orders role's connector. */
export const ordersSystem = defineSystem({ id: 'sandbox-orders', title: 'OrderTrack', role: 'orders', actions: ordersActions, ...legacyWebParts('OrderTrack') });
export const orders = ordersSystem.connector;
