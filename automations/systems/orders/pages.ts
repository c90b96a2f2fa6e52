// OrderTrack's pages as a person reads them: the order page (summary, items, fulfilments, payment
// history, what happened after the sale), the product page with its variants, the order search,
// and the variant picker's lines. Everything scraped here is parsed with zod by the actions.
import { z } from 'zod';
import type { Locator, Page } from 'playwright-core';
import { AddressSchema, type Address } from '../../../shared/retail.ts';
import type { ActionContext } from '../../runtime/action.ts';
import { namedTable } from '../common/legacy-web.ts';

// ---- what the actions return ---------------------------------------------------------------

// the orders role's contract (shared/roles/orders.ts)
export { OrderDetailsSchema, ProductDetailsSchema, OrderRowSchema, type OrderDetails, type OrderStatus, type ProductDetails, type OrderRow } from '../../../shared/roles/orders.ts';
import { OrderDetailsSchema, ProductDetailsSchema, type OrderDetails, type OrderStatus, type ProductDetails, type OrderRow } from '../../../shared/roles/orders.ts';

// ---- ids and URLs ----------------------------------------------------------------------------

/** `#W1234567`, `W1234567` or `#w1234567` → `#W1234567`. */
export const OrderId = z
  .string()
  .trim()
  .regex(/^#?[Ww]\d+$/, 'an order number looks like #W1234567')
  .transform((s) => `#${s.replace(/^#/, '').toUpperCase()}`);

export const orderPath = (orderId: string) => `/orders/${encodeURIComponent(orderId.replace(/^#/, ''))}`;
export const productPath = (productId: string) => `/products/${encodeURIComponent(productId)}`;

// ---- small parsers ---------------------------------------------------------------------------

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** `$1,234.50` / `-$3.50` → dollars. */
export function parseMoney(text: string): number {
  const m = /^(-)?\s*\$\s*([\d,]+(?:\.\d+)?)$/.exec(squash(text));
  if (!m) return Number.NaN;
  const value = Number((m[2] ?? '').replace(/,/g, ''));
  return m[1] ? -value : value;
}

/** `color: blue, size: M` → `{color: 'blue', size: 'M'}`. */
export function parseOptions(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of squash(text).split(', ')) {
    const i = part.indexOf(': ');
    if (i > 0) out[part.slice(0, i)] = part.slice(i + 2);
  }
  return out;
}

/** `Visa •••• 1234 (credit_card_123)` → `credit_card_123`; an id shown as it is stays as it is. */
export function methodIdOf(text: string): string {
  const t = squash(text);
  return /\(([^()\s]+)\)(?:,[^()]*)?$/.exec(t)?.[1] ?? t;
}

/** The address back from its shown lines (best effort where a city holds ", " or a ZIP a space). */
export function parseAddress(lines: string[]): Address {
  const l = lines.map(squash).filter(Boolean);
  const [address1 = '', ...rest] = l;
  const country = rest.length >= 2 ? (rest.pop() ?? '') : '';
  const cityLine = rest.pop() ?? '';
  const address2 = rest.join(' ');
  const comma = cityLine.lastIndexOf(', ');
  const city = comma >= 0 ? cityLine.slice(0, comma) : '';
  const stateZip = comma >= 0 ? cityLine.slice(comma + 2) : cityLine;
  const space = stateZip.lastIndexOf(' ');
  return AddressSchema.parse({
    address1,
    address2,
    city,
    state: space >= 0 ? stateZip.slice(0, space) : '',
    country,
    zip: space >= 0 ? stateZip.slice(space + 1) : stateZip,
  });
}

// ---- tables ----------------------------------------------------------------------------------

export interface Cell {
  /** the cell's text, whitespace squashed */
  text: string;
  /** its lines as rendered (`<br>` breaks them) */
  lines: string[];
  /** the links in it */
  hrefs: string[];
}

/** Rows of a data table keyed by column header, whatever order the columns come in. */
export async function readTable(table: Locator): Promise<Record<string, Cell>[]> {
  return table.evaluate((el) => {
    const t = el as HTMLTableElement;
    const headers = Array.from(t.tHead?.rows[0]?.cells ?? []).map((c) => (c.textContent ?? '').trim());
    return Array.from(t.tBodies[0]?.rows ?? []).map((row) =>
      Object.fromEntries(
        Array.from(row.cells).map((cell, i) => {
          const raw = (cell as HTMLElement).innerText ?? cell.textContent ?? '';
          return [
            headers[i] ?? String(i),
            {
              text: raw.replace(/\s+/g, ' ').trim(),
              lines: raw.split('\n').map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean),
              hrefs: Array.from(cell.querySelectorAll('a')).map((a) => a.getAttribute('href') ?? ''),
            },
          ];
        }),
      ),
    );
  });
}

/** Row header → value lines of a key/value table (`| Status | pending |`). */
export async function keyValues(table: Locator): Promise<Record<string, string[]>> {
  return table.evaluate((el) => {
    const out: Record<string, string[]> = {};
    for (const row of Array.from((el as HTMLTableElement).rows)) {
      const th = row.querySelector('th');
      const td = row.querySelector('td');
      if (!th || !td) continue;
      const raw = (td as HTMLElement).innerText ?? td.textContent ?? '';
      out[(th.textContent ?? '').trim()] = raw.split('\n').map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
    }
    return out;
  });
}

const cellText = (row: Record<string, Cell>, header: string) => row[header]?.text ?? '';


// ---- the order page --------------------------------------------------------------------------

export function orderSummary(ctx: ActionContext): Promise<Locator> {
  return ctx.find('the order summary', [
    {
      describe: 'role=region[name="Order summary"] >> role=table',
      locate: (p) => p.getByRole('region', { name: 'Order summary' }).getByRole('table'),
      quick: (p) => p.locator('section[aria-label="Order summary"] table'),
    },
    {
      describe: 'table with row header "Order number"',
      locate: (p) => p.locator('table').filter({ has: p.getByRole('rowheader', { name: 'Order number', exact: true }) }),
    },
  ]);
}

/** The order number the page shows (the target check before a write). */
export async function shownOrderNumber(ctx: ActionContext): Promise<string> {
  const kv = await keyValues(await orderSummary(ctx));
  return (kv['Order number'] ?? []).join(' ');
}

/** Opens an order's page and checks it shows that order. */
export async function openOrder(ctx: ActionContext, orderId: string): Promise<void> {
  await ctx.open(orderPath(orderId));
  await expectOrder(ctx, orderId);
}

/** The target check: the page shows exactly this order number (`read`: the number already read from it). */
export async function expectOrder(ctx: ActionContext, orderId: string, read?: string): Promise<void> {
  const shown = read ?? (await shownOrderNumber(ctx));
  await ctx.expectTarget('order', orderId, shown);
  if (shown.trim() !== orderId) throw await ctx.failure('target_mismatch', `expected order ${orderId}, the page shows ${shown}`);
}

/** Reads the order page the browser is on. */
export async function readOrder(ctx: ActionContext): Promise<OrderDetails> {
  // one after another: reads running side by side can stall behind a pop-up's handler (Playwright
  // runs it inside whichever waits), and the browser answers them one at a time anyway
  const kv = await keyValues(await orderSummary(ctx));
  const rowsOf = async (name: string, empty: string) => {
    const table = await namedTable(ctx, name, empty);
    return table ? readTable(table) : [];
  };
  const itemRows = await rowsOf('Items', 'This order has no items.');
  const fulfilRows = await rowsOf('Fulfilments', 'Not shipped yet.');
  const payRows = await rowsOf('Payment history', 'No payments recorded.');
  const one = (k: string) => (kv[k] ?? []).join(' ');
  const items = itemRows.map((r) => {
    const href = r['Item']?.hrefs[0] ?? '';
    const productId = /\/products\/([^/?#]+)/.exec(href)?.[1];
    return {
      name: cellText(r, 'Item'),
      ...(productId ? { product_id: decodeURIComponent(productId) } : {}),
      item_id: cellText(r, 'Item ID'),
      price: parseMoney(cellText(r, 'Price')),
      options: parseOptions(cellText(r, 'Options')),
    };
  });
  const fulfillments = fulfilRows.map((r) => ({
    tracking_id: cellText(r, 'Tracking number').split(',').map(squash).filter(Boolean),
    item_ids: (r['Items']?.lines ?? []).map((l) => /\(([^()]+)\)$/.exec(l)?.[1] ?? l),
  }));
  const payment_history = payRows.map((r) => ({
    transaction_type: cellText(r, 'Type').toLowerCase() === 'refund' ? ('refund' as const) : ('payment' as const),
    amount: parseMoney(cellText(r, 'Amount')),
    payment_method_id: methodIdOf(cellText(r, 'Method')),
  }));
  const list = (k: string) => one(k).split(',').map(squash).filter(Boolean);
  const order: z.input<typeof OrderDetailsSchema> = {
    order_id: one('Order number'),
    user_id: one('Customer ID'),
    address: parseAddress(kv['Shipping address'] ?? []),
    items,
    fulfillments,
    status: one('Status') as OrderStatus,
    payment_history,
  };
  if (kv['Delivered on']) order.delivered_on = one('Delivered on');
  if (kv['Cancellation reason']) order.cancel_reason = one('Cancellation reason');
  if (kv['Items to return']) order.return_items = list('Items to return');
  if (kv['Refund to']) order.return_payment_method_id = methodIdOf(one('Refund to'));
  if (kv['Items to exchange']) order.exchange_items = list('Items to exchange');
  if (kv['Replacement items']) order.exchange_new_items = list('Replacement items');
  if (kv['Exchange price difference']) order.exchange_price_difference = parseMoney(one('Exchange price difference'));
  if (kv['Difference settled with']) order.exchange_payment_method_id = methodIdOf(one('Difference settled with'));
  const parsed = OrderDetailsSchema.safeParse(order);
  if (!parsed.success) {
    throw await ctx.failure('invalid_output', `the order page of ${order.order_id || 'an order'} reads as something unexpected: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  if ([...parsed.data.items.map((i) => i.price), ...parsed.data.payment_history.map((p) => p.amount)].some((n) => Number.isNaN(n))) {
    throw await ctx.failure('invalid_output', `an amount on the order page of ${order.order_id} did not read as money`);
  }
  return parsed.data;
}

/** The address as the order page shows it, line by line. */
export async function shownAddressLines(ctx: ActionContext): Promise<string[]> {
  return (await keyValues(await orderSummary(ctx)))['Shipping address'] ?? [];
}

/** The Actions region of the order page. */
export function actionsRegion(page: Page): Locator {
  return page.getByRole('region', { name: 'Actions' });
}

// ---- products --------------------------------------------------------------------------------

/** Reads the product page the browser is on. */
export async function readProduct(ctx: ActionContext): Promise<ProductDetails> {
  const page = ctx.page;
  const name = squash(await page.getByRole('heading', { level: 1 }).first().innerText());
  const kvTable = await ctx.find('the product summary', [
    {
      describe: 'table with row header "Product ID"',
      locate: (p) => p.getByRole('table').filter({ has: p.getByRole('rowheader', { name: 'Product ID', exact: true }) }),
    },
    { describe: 'first table', locate: (p) => p.locator('table').first() },
  ]);
  const kv = await keyValues(kvTable);
  const productId = (kv['Product ID'] ?? []).join(' ');
  const table = await namedTable(ctx, 'Variants', 'This product has no variants.');
  const variants: Record<string, unknown> = {};
  for (const r of table ? await readTable(table) : []) {
    const itemId = cellText(r, 'Item ID');
    variants[itemId] = {
      item_id: itemId,
      options: parseOptions(cellText(r, 'Options')),
      available: cellText(r, 'Available').toLowerCase() === 'yes',
      price: parseMoney(cellText(r, 'Price')),
    };
  }
  const parsed = ProductDetailsSchema.safeParse({ product_id: productId, name, variants });
  if (!parsed.success || Object.values(parsed.data.variants).some((v) => Number.isNaN(v.price))) {
    throw await ctx.failure('invalid_output', `the product page of ${productId || 'a product'} reads as something unexpected`);
  }
  return parsed.data;
}

// ---- order search ----------------------------------------------------------------------------

export interface SearchRow extends OrderRow {
  user_id: string;
}

/** The rows of the order search results the browser is on, and how many result pages there are. */
export async function readSearchPage(ctx: ActionContext): Promise<{ rows: SearchRow[]; pages: number }> {
  const page = ctx.page;
  const pager = page.getByRole('navigation', { name: 'Pagination' });
  const pagerText = (await pager.count()) > 0 ? squash(await pager.first().innerText()) : 'Page 1 of 1';
  const pages = Number(/Page \d+ of (\d+)/.exec(pagerText)?.[1] ?? '1');
  const table = await ctx.find('the orders table', [
    { describe: 'role=table[name="Orders"]', locate: (p) => p.getByRole('table', { name: 'Orders', exact: true }) },
    { describe: 'table with column header "Order"', locate: (p) => p.locator('table').filter({ has: p.getByRole('columnheader', { name: 'Order', exact: true }) }) },
  ]);
  const rows = (await readTable(table)).map((r) => {
    const customer = r['Customer']?.lines ?? [];
    return {
      order_id: cellText(r, 'Order'),
      status: cellText(r, 'Status') as OrderStatus,
      total: parseMoney(cellText(r, 'Total')),
      user_id: customer[customer.length - 1] ?? '',
    };
  });
  return { rows, pages };
}

// ---- the variant picker ----------------------------------------------------------------------

const PickerVariantsSchema = z.array(z.object({ id: z.string(), o: z.record(z.string(), z.string()), p: z.number(), a: z.boolean() }));

/** The variants of a picker line's product as the picker itself knows them (its inline data), or null. */
export async function pickerLineVariants(line: Locator): Promise<{ item_id: string; options: Record<string, string>; price: number; available: boolean }[] | null> {
  const raw = await line.getAttribute('data-variants').catch(() => null);
  if (!raw) return null;
  try {
    const parsed = PickerVariantsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.map((v) => ({ item_id: v.id, options: v.o, price: v.p / 100, available: v.a })) : null;
  } catch {
    return null;
  }
}

/** Waits until `read` returns something `ok` accepts (the page's inline scripts answer within a moment). */
export async function settle<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 2_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
