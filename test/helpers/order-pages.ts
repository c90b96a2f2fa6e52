// Drives OrderTrack (the sandbox's orders app) the way a person does: the nav link, the search
// form, the order page's buttons and links, labelled fields, the confirmation page. One function
// per benchmark write, and `applyActionViaPages` dispatching on the benchmark action's name.
//
// Every function starts from any OrderTrack page of a signed-in context and ends on the order page
// (success) or on the error page the app answered with; it resolves to what the page said.
import type { Locator, Page } from 'playwright-core';

export type Catalog = Record<string, { name: string; product_id: string; variants: Record<string, { item_id: string; options: Record<string, string>; available: boolean; price: number }> }>;
export type PageResult = { ok: true; message: string } | { ok: false; title: string; error: string };
export interface BenchmarkAction {
  name: string;
  kwargs: Record<string, any>;
}
export interface Address {
  address1: string;
  address2: string;
  city: string;
  state: string;
  country: string;
  zip: string;
}

export const ORDER_WRITES = [
  'cancel_pending_order',
  'modify_pending_order_address',
  'modify_pending_order_items',
  'modify_pending_order_payment',
  'return_delivered_order_items',
  'exchange_delivered_order_items',
] as const;

/** Thrown when an action has no way through the pages (see `expressibleOnPages`). */
export class NotExpressibleError extends Error {}

/** Whether the pages can do exactly what this action does, or why not. */
export function expressibleOnPages(action: BenchmarkAction): true | string {
  if (!(ORDER_WRITES as readonly string[]).includes(action.name)) return `${action.name} is not an OrderTrack write`;
  return true;
}

// ---- navigation ------------------------------------------------------------------------------

/** Closes the interstitial pop-up if the app shows one. */
export async function dismissPopup(page: Page): Promise<void> {
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  if (await dismiss.isVisible()) await dismiss.click();
}

/** Opens an order through the "Orders" nav link and the search form. */
export async function openOrder(page: Page, orderId: string): Promise<void> {
  await dismissPopup(page);
  const box = page.getByLabel('Order number', { exact: true });
  if (!(await box.isVisible())) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders', exact: true }).click();
    await box.waitFor();
    await dismissPopup(page);
  }
  await box.fill(orderId);
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await page.getByRole('heading', { level: 1, name: `Order ${orderId}`, exact: true }).waitFor();
  await dismissPopup(page);
}

/** The error shown on the page (an error page or an error message), if any. */
export async function pageError(page: Page): Promise<{ title: string; error: string } | null> {
  const alert = page.getByRole('main').getByRole('alert');
  if ((await alert.count()) === 0) return null;
  return {
    title: ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim(),
    error: ((await alert.first().textContent()) ?? '').trim(),
  };
}

async function failed(page: Page): Promise<PageResult> {
  const e = await pageError(page);
  return { ok: false, title: e?.title ?? '', error: e?.error ?? 'unknown error' };
}

function errorShown(page: Page): Locator {
  return page.getByRole('main').getByRole('alert');
}

/** Clicks a submit button, then waits for the page that shows `next` or an error. */
async function submitAndWait(page: Page, button: Locator, next: Locator): Promise<boolean> {
  await button.click();
  await next.or(errorShown(page)).first().waitFor();
  await dismissPopup(page);
  return (await pageError(page)) === null;
}

/** On a confirmation page: checks that it is about this order, then confirms and waits for the order page's message. */
async function confirm(page: Page, orderId: string, label: string): Promise<PageResult> {
  const box = page.getByRole('region', { name: 'Confirmation' });
  const text = (await box.textContent()) ?? '';
  if (!text.includes(orderId)) throw new Error(`the confirmation page is not about order ${orderId}: ${text.slice(0, 200)}`);
  const ok = await submitAndWait(page, box.getByRole('button', { name: label, exact: true }), page.getByRole('status'));
  if (!ok) return failed(page);
  await page.getByRole('heading', { level: 1, name: `Order ${orderId}`, exact: true }).waitFor();
  return { ok: true, message: ((await page.getByRole('status').textContent()) ?? '').trim() };
}

/** Picks the option of a payment-method select whose text names this method id. */
async function chooseMethod(page: Page, label: string, methodId: string): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  const option = select.locator('option', { hasText: `(${methodId})` });
  if ((await option.count()) === 0) throw new Error(`"${label}" offers no payment method ${methodId}`);
  const text = ((await option.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  await select.selectOption({ label: text });
}

async function openForm(page: Page, orderId: string, link: string, heading: string): Promise<void> {
  await openOrder(page, orderId);
  await page.getByRole('region', { name: 'Actions' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `${heading} of order ${orderId}` }).or(errorShown(page)).first().waitFor();
  await dismissPopup(page);
}

// ---- the six writes --------------------------------------------------------------------------

export async function cancelOrder(page: Page, orderId: string, reason: string): Promise<PageResult> {
  await openOrder(page, orderId);
  await page.getByRole('button', { name: 'Cancel order', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Cancel order ${orderId}?` });
  await dialog.getByLabel('Reason').selectOption(reason);
  const ok = await submitAndWait(page, dialog.getByRole('button', { name: 'Confirm cancellation' }), page.getByRole('status'));
  if (!ok) return failed(page);
  return { ok: true, message: ((await page.getByRole('status').textContent()) ?? '').trim() };
}

export async function modifyAddress(page: Page, orderId: string, address: Address): Promise<PageResult> {
  await openForm(page, orderId, 'Change shipping address', 'Change shipping address');
  if (await pageError(page)) return failed(page);
  const labels: [keyof Address, string][] = [
    ['address1', 'Address line 1'],
    ['address2', 'Address line 2'],
    ['city', 'City'],
    ['state', 'State'],
    ['country', 'Country'],
    ['zip', 'ZIP'],
  ];
  for (const [key, label] of labels) await page.getByLabel(label, { exact: true }).fill(address[key]);
  const confirmButton = page.getByRole('button', { name: 'Save address' });
  if (!(await submitAndWait(page, page.getByRole('button', { name: 'Review change' }), confirmButton))) return failed(page);
  return confirm(page, orderId, 'Save address');
}

export async function modifyPayment(page: Page, orderId: string, paymentMethodId: string): Promise<PageResult> {
  await openForm(page, orderId, 'Change payment method', 'Change payment method');
  if (await pageError(page)) return failed(page);
  await chooseMethod(page, 'New payment method', paymentMethodId);
  const confirmButton = page.getByRole('region', { name: 'Confirmation' }).getByRole('button', { name: 'Change payment method' });
  if (!(await submitAndWait(page, page.getByRole('button', { name: 'Review change' }), confirmButton))) return failed(page);
  return confirm(page, orderId, 'Change payment method');
}

export async function returnItems(page: Page, orderId: string, itemIds: string[], paymentMethodId: string): Promise<PageResult> {
  await openForm(page, orderId, 'Return items', 'Return items');
  if (await pageError(page)) return failed(page);
  const used = new Map<string, number>();
  for (const id of itemIds) {
    const nth = used.get(id) ?? 0;
    used.set(id, nth + 1);
    const box = page.getByRole('group', { name: 'Items to return' }).getByRole('checkbox', { name: ` · ${id} · ` });
    if ((await box.count()) <= nth) throw new Error(`order ${orderId} has no (further) line with item ${id}`);
    await box.nth(nth).check();
  }
  await chooseMethod(page, 'Refund to', paymentMethodId);
  const confirmButton = page.getByRole('button', { name: 'Request return' });
  if (!(await submitAndWait(page, page.getByRole('button', { name: 'Review return' }), confirmButton))) return failed(page);
  return confirm(page, orderId, 'Request return');
}

export function modifyItems(page: Page, orderId: string, itemIds: string[], newItemIds: string[], paymentMethodId: string, catalog: Catalog): Promise<PageResult> {
  return pickVariants(page, 'modify', orderId, itemIds, newItemIds, paymentMethodId, catalog);
}

export function exchangeItems(page: Page, orderId: string, itemIds: string[], newItemIds: string[], paymentMethodId: string, catalog: Catalog): Promise<PageResult> {
  return pickVariants(page, 'exchange', orderId, itemIds, newItemIds, paymentMethodId, catalog);
}

/** Ticks each old item's line and chooses the options that make the new item, by the catalogue. */
async function pickVariants(
  page: Page,
  mode: 'modify' | 'exchange',
  orderId: string,
  itemIds: string[],
  newItemIds: string[],
  paymentMethodId: string,
  catalog: Catalog,
): Promise<PageResult> {
  const verdict = expressibleOnPages({
    name: mode === 'modify' ? 'modify_pending_order_items' : 'exchange_delivered_order_items',
    kwargs: { item_ids: itemIds, new_item_ids: newItemIds },
  });
  if (verdict !== true) throw new NotExpressibleError(verdict);
  if (itemIds.length !== newItemIds.length) throw new NotExpressibleError('the item lists differ in length');
  const title = mode === 'modify' ? 'Change items' : 'Exchange items';
  await openForm(page, orderId, title, title);
  if (await pageError(page)) return failed(page);
  const used = new Map<string, number>();
  for (const [i, oldId] of itemIds.entries()) {
    const newId = newItemIds[i]!;
    const nth = used.get(oldId) ?? 0;
    used.set(oldId, nth + 1);
    const variant = variantById(catalog, newId);
    if (!variant) throw new NotExpressibleError(`item ${newId} is in no product of the catalogue`);
    const lines = page.getByRole('group').filter({ hasText: `Item ID ${oldId} ` });
    if ((await lines.count()) <= nth) throw new Error(`order ${orderId} has no (further) line with item ${oldId}`);
    const line = lines.nth(nth);
    await line.getByLabel('Change this item', { exact: true }).check();
    for (const [option, value] of Object.entries(variant.options)) {
      await line.getByLabel(option, { exact: true }).selectOption(value);
    }
  }
  await chooseMethod(page, 'Payment method for the price difference', paymentMethodId);
  const label = mode === 'modify' ? 'Confirm item change' : 'Confirm exchange';
  const review = mode === 'modify' ? 'Review changes' : 'Review exchange';
  if (!(await submitAndWait(page, page.getByRole('button', { name: review }), page.getByRole('button', { name: label })))) return failed(page);
  return confirm(page, orderId, label);
}

function variantById(catalog: Catalog, itemId: string) {
  for (const p of Object.values(catalog)) {
    const v = p.variants[itemId];
    if (v) return v;
  }
  return undefined;
}

/** Performs one benchmark write action through the pages. */
export async function applyActionViaPages(page: Page, action: BenchmarkAction, catalog: Catalog): Promise<PageResult> {
  const a = action.kwargs;
  switch (action.name) {
    case 'cancel_pending_order':
      return cancelOrder(page, a.order_id, a.reason);
    case 'modify_pending_order_address':
      return modifyAddress(page, a.order_id, { address1: a.address1, address2: a.address2, city: a.city, state: a.state, country: a.country, zip: a.zip });
    case 'modify_pending_order_items':
      return modifyItems(page, a.order_id, a.item_ids, a.new_item_ids, a.payment_method_id, catalog);
    case 'modify_pending_order_payment':
      return modifyPayment(page, a.order_id, a.payment_method_id);
    case 'return_delivered_order_items':
      return returnItems(page, a.order_id, a.item_ids, a.payment_method_id);
    case 'exchange_delivered_order_items':
      return exchangeItems(page, a.order_id, a.item_ids, a.new_item_ids, a.payment_method_id, catalog);
    default:
      throw new NotExpressibleError(`${action.name} is not an OrderTrack write`);
  }
}
