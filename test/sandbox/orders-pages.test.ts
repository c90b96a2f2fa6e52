// OrderTrack (the orders app) driven in a real Chromium, judged from outside: what the page shows,
// GET /state and /writes of the control endpoint. Each of the six order writes done through the
// pages must leave exactly the state the same action leaves through POST /apply.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { signedInPage, signOutAndInElsewhere, pagesSuite, postStatus } from '../helpers/browser.ts';
import { control } from '../helpers/sandbox.ts';
import { freshRetailState, trainTasks } from '../helpers/retail-data.ts';
import {
  applyActionViaPages,
  expressibleOnPages,
  modifyItems,
  openOrder,
  ORDER_WRITES,
  type BenchmarkAction,
  type Catalog,
} from '../helpers/order-pages.ts';
import { applyReference, inCents } from './reference.ts';

type Json = any;

let sandbox!: RunningSandbox;
let browser!: Browser;
let page: Page;
let catalog: Catalog;
let base: string;

pagesSuite(async (sb, chromium) => {
  sandbox = sb;
  browser = chromium;
  base = sandbox.urls.orders;
  page = await signedInPage(browser, sandbox, 'orders');
  catalog = (await control(sandbox, 'GET', '/state')).json.products;
});

async function state(): Promise<{ users: Json; orders: Json }> {
  const { users, orders } = (await control(sandbox, 'GET', '/state')).json;
  return { users, orders };
}
async function writes(): Promise<Json[]> {
  return (await control(sandbox, 'GET', '/writes')).json.writes;
}
/** State and write log now, to show later that nothing changed. */
async function snapshot() {
  return { state: await state(), writes: (await writes()).length };
}
async function expectUnchanged(before: Awaited<ReturnType<typeof snapshot>>) {
  const after = await snapshot();
  expect(after.writes).toBe(before.writes);
  expect(isDeepStrictEqual(after.state, before.state)).toBe(true);
}

const seed = freshRetailState();
const orderIds = (pred: (o: Json) => boolean) => Object.values(seed.orders).filter(pred).map((o: Json) => o.order_id as string).sort();
const PENDING = orderIds((o) => o.status === 'pending')[0]!;
const DELIVERED = orderIds((o) => o.status === 'delivered')[0]!;
const PROCESSED = orderIds((o) => o.status === 'processed')[0]!;
const path = (orderId: string) => `/orders/${orderId.slice(1)}`;

/** For each of the six writes, the first gold action of a train task that works on the seed state and the pages can express. */
const FIRST_OF_EACH: BenchmarkAction[] = ORDER_WRITES.map((name) => {
  for (const task of trainTasks()) {
    for (const action of task.actions) {
      if (action.name !== name || expressibleOnPages(action) !== true) continue;
      if (applyReference(freshRetailState(), action).ok) return action;
    }
  }
  throw new Error(`no train action for ${name}`);
});

/** The CSRF token of the current page (every page has the sign-out form). */
async function csrf(p: Page): Promise<string> {
  return p.locator('input[name="_csrf"]').first().inputValue();
}

/** Submits a hand-made form from the current page, as a tampered or replayed request would; resolves to the response status. */
async function postForm(p: Page, to: string, fields: Record<string, string>): Promise<number> {
  const response = p.waitForResponse((r) => new URL(r.url()).pathname === to && r.request().method() === 'POST');
  await p.evaluate(
    ({ to, fields }) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = to;
      for (const [name, value] of Object.entries(fields)) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        form.appendChild(input);
      }
      document.body.appendChild(form);
      form.submit();
    },
    { to, fields },
  );
  const status = (await response).status();
  await p.waitForLoadState('domcontentloaded');
  return status;
}

const heading = (p: Page, name: string) => p.getByRole('heading', { level: 1, name, exact: true });
const alertText = (p: Page) => p.getByRole('main').getByRole('alert');

/** The header texts of a table, in page order. */
async function headers(table: Locator): Promise<string[]> {
  return (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim());
}

describe('the six writes through the pages', () => {
  it.each(FIRST_OF_EACH.map((a) => [a.name, a] as const))('%s changes the state exactly as POST /apply does', async (_name, action) => {
    const orderId = action.kwargs.order_id as string;
    const result = await applyActionViaPages(page, action, catalog);
    expect(result).toMatchObject({ ok: true });
    const viaPages = await state();
    const logged = await writes();
    expect(logged.map((w: Json) => [w.via, w.op, w.target])).toEqual([['orders', action.name, orderId]]);
    // the order page, read back after the write, shows the new status
    const status = viaPages.orders[orderId].status as string;
    await expect(page.getByRole('region', { name: 'Order summary' }).getByText(status, { exact: true }).count()).resolves.toBe(1);

    await control(sandbox, 'POST', '/reset');
    expect((await control(sandbox, 'POST', '/apply', action)).json).toEqual({ ok: true });
    const viaApply = await state();
    const userId = viaApply.orders[orderId].user_id as string;
    expect(inCents(viaPages.orders[orderId])).toEqual(inCents(viaApply.orders[orderId]));
    expect(inCents(viaPages.users[userId])).toEqual(inCents(viaApply.users[userId]));
    expect(isDeepStrictEqual(inCents(viaPages), inCents(viaApply))).toBe(true);
  });

  it('the items can be modified once: afterwards the order page offers no action and says why', async () => {
    const action = FIRST_OF_EACH.find((a) => a.name === 'modify_pending_order_items')!;
    await applyActionViaPages(page, action, catalog);
    const actions = page.getByRole('region', { name: 'Actions' });
    await expect(actions.getByText('already modified once').count()).resolves.toBe(1);
    await expect(actions.getByRole('link').count()).resolves.toBe(0);
    await expect(actions.getByRole('button').count()).resolves.toBe(0);
  });
});

describe('the cancel dialog', () => {
  it('opens from the order page, can be closed, and cancels with the chosen reason', async () => {
    const before = await snapshot();
    await openOrder(page, PENDING);
    const dialog = page.getByRole('dialog', { name: `Cancel order ${PENDING}?` });
    await expect(dialog.isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Cancel order', exact: true }).click();
    await dialog.waitFor();
    await expect(dialog.getByLabel('Reason').locator('option').allTextContents()).resolves.toEqual(['Choose a reason…', 'no longer needed', 'ordered by mistake']);
    await dialog.getByRole('button', { name: 'Keep order' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectUnchanged(before);

    await page.getByRole('button', { name: 'Cancel order', exact: true }).click();
    await dialog.getByLabel('Reason').selectOption('ordered by mistake');
    await dialog.getByRole('button', { name: 'Confirm cancellation' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain(`Order ${PENDING} cancelled`);
    const after = await state();
    expect(after.orders[PENDING]).toMatchObject({ status: 'cancelled', cancel_reason: 'ordered by mistake' });
    const expected = freshRetailState();
    expect(applyReference(expected, { name: 'cancel_pending_order', kwargs: { order_id: PENDING, reason: 'ordered by mistake' } })).toEqual({ ok: true });
    expect(inCents(after.orders[PENDING])).toEqual(inCents(expected.orders[PENDING]));
  });

  it('a POST without confirm=yes gets a confirmation page and changes nothing until confirmed', async () => {
    await openOrder(page, PENDING);
    await page.getByRole('button', { name: 'Cancel order', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Cancel order ${PENDING}?` });
    await dialog.locator('input[name="confirm"]').evaluate((e) => e.remove());
    await dialog.getByLabel('Reason').selectOption('no longer needed');
    const before = await snapshot();
    await dialog.getByRole('button', { name: 'Confirm cancellation' }).click();
    await heading(page, 'Confirm cancellation').waitFor();
    await expectUnchanged(before);
    const box = page.getByRole('region', { name: 'Confirmation' });
    await expect(box.textContent()).resolves.toContain(PENDING);
    await box.getByRole('button', { name: 'Confirm cancellation' }).click();
    await page.getByRole('status').waitFor();
    expect((await state()).orders[PENDING].status).toBe('cancelled');
  });
});

describe('bad input through the pages: a clear error page, and nothing changes', () => {
  it('an unknown order: 404 from the search and from its URL', async () => {
    const before = await snapshot();
    await page.goto(`${base}/orders`);
    const response = page.waitForResponse((r) => new URL(r.url()).pathname === '/orders' && r.url().includes('order='));
    await page.getByLabel('Order number').fill('#W0000000');
    await page.getByRole('button', { name: 'Search' }).click();
    expect((await response).status()).toBe(404);
    await expect(alertText(page).textContent()).resolves.toContain('No orders match');

    const direct = await page.goto(`${base}/orders/W0000000`);
    expect(direct?.status()).toBe(404);
    await heading(page, 'Order not found').waitFor();
    await expect(alertText(page).textContent()).resolves.toContain('There is no order #W0000000');

    expect(await postForm(page, '/orders/W0000000/cancel', { _csrf: await csrf(page), reason: 'no longer needed', confirm: 'yes' })).toBe(404);
    await heading(page, 'Order not found').waitFor();
    await expectUnchanged(before);
  });

  it('the wrong status: cancelling a delivered order (valid token) is a 409, and its forms are refused', async () => {
    const before = await snapshot();
    await openOrder(page, DELIVERED);
    const status = await postForm(page, `${path(DELIVERED)}/cancel`, { _csrf: await csrf(page), reason: 'no longer needed', confirm: 'yes' });
    expect(status).toBe(409);
    await heading(page, 'Not allowed').waitFor();
    await expect(alertText(page).textContent()).resolves.toContain(`Order ${DELIVERED} is delivered; only pending orders can be changed or cancelled`);
    const items = await page.goto(`${base}${path(DELIVERED)}/items`);
    expect(items?.status()).toBe(409);
    const ret = await page.goto(`${base}${path(PENDING)}/return`);
    expect(ret?.status()).toBe(409);
    await expectUnchanged(before);
  });

  it('a processed order shows no write actions and says why', async () => {
    await openOrder(page, PROCESSED);
    const actions = page.getByRole('region', { name: 'Actions' });
    await expect(actions.textContent()).resolves.toContain('being processed for shipping');
    await expect(actions.getByRole('link').count()).resolves.toBe(0);
    await expect(actions.getByRole('button').count()).resolves.toBe(0);
  });

  it('missing fields: 400 with the field named', async () => {
    const before = await snapshot();
    // the address form with the city cleared
    await openOrder(page, PENDING);
    await page.getByRole('link', { name: 'Change shipping address' }).click();
    await page.getByLabel('City').fill('');
    expect(await postStatus(page, page.getByRole('button', { name: 'Review change' }))).toBe(400);
    await heading(page, 'Missing information').waitFor();
    await expect(alertText(page).textContent()).resolves.toBe('City is required.');
    // the picker with nothing ticked
    await page.goto(`${base}${path(PENDING)}/items`);
    await page.getByLabel('Payment method for the price difference').selectOption({ index: 1 });
    expect(await postStatus(page, page.getByRole('button', { name: 'Review changes' }))).toBe(400);
    await expect(alertText(page).textContent()).resolves.toContain('tick "Change this item"');
    // a cancellation without a reason, confirmed
    expect(await postForm(page, `${path(PENDING)}/cancel`, { _csrf: await csrf(page), confirm: 'yes' })).toBe(400);
    await expect(alertText(page).textContent()).resolves.toBe('Reason is required.');
    // a return without the refund method
    expect(await postForm(page, `${path(DELIVERED)}/return`, { _csrf: await csrf(page), line: '0', confirm: 'yes' })).toBe(400);
    await expect(alertText(page).textContent()).resolves.toBe('Refund to is required.');
    await expectUnchanged(before);
  });

  it('the picker refuses an unavailable variant (409) and accepts the current item for review', async () => {
    // #W5918442 holds 1725100896 (a perfume); its variant 1002370030 is unavailable
    const orderId = '#W5918442';
    const line = seed.orders[orderId].items.findIndex((it: Json) => it.item_id === '1725100896');
    expect(line).toBeGreaterThanOrEqual(0);
    const unavailable = catalog['6858788497']!.variants['1002370030']!;
    expect(unavailable.available).toBe(false);
    const before = await snapshot();
    await openOrder(page, orderId);
    await page.getByRole('region', { name: 'Actions' }).getByRole('link', { name: 'Change items' }).click();
    const group = page.getByRole('group').filter({ hasText: 'Item ID 1725100896 ' });
    await group.getByLabel('Change this item').check();
    for (const [k, v] of Object.entries(unavailable.options)) await group.getByLabel(k, { exact: true }).selectOption(v);
    // the inline script tells before the server does
    await expect(group.getByRole('status').textContent()).resolves.toContain('not available');
    await page.getByLabel('Payment method for the price difference').selectOption({ index: 1 });
    expect(await postStatus(page, page.getByRole('button', { name: 'Review changes' }))).toBe(409);
    await heading(page, 'Not available').waitFor();

    await page.goBack();
    await page.reload();
    // the current item of an available line (5312063289) may be chosen again: reviewed, not refused
    const untick = page.getByRole('group').filter({ hasText: 'Item ID 1725100896 ' });
    if (await untick.getByLabel('Change this item').isChecked()) await untick.getByLabel('Change this item').uncheck();
    const again = page.getByRole('group').filter({ hasText: 'Item ID 5312063289 ' });
    await again.getByLabel('Change this item').check();
    const current = seed.orders[orderId].items.find((it: Json) => it.item_id === '5312063289').options as Record<string, string>;
    for (const [k, v] of Object.entries(current)) await again.getByLabel(k, { exact: true }).selectOption(v);
    await page.getByLabel('Payment method for the price difference').selectOption({ index: 1 });
    expect(await postStatus(page, page.getByRole('button', { name: 'Review changes' }))).toBe(200);
    await page.getByRole('button', { name: 'Confirm item change' }).waitFor();
    await expectUnchanged(before);
  });

  it('a stale CSRF token (signed out and in again since the form was served): 403', async () => {
    const before = await snapshot();
    await openOrder(page, PENDING);
    await page.getByRole('link', { name: 'Change shipping address' }).click();
    await page.getByLabel('City').fill('Springfield');
    // meanwhile, in another tab of the same browser: sign out and in again (a new session and token)
    await signOutAndInElsewhere(page, sandbox, 'orders');
    expect(await postStatus(page, page.getByRole('button', { name: 'Review change' }))).toBe(403);
    await heading(page, 'Security check failed').waitFor();
    // the same with a confirmed write replayed from the old page's token
    const fresh = await csrf(page);
    expect(await postForm(page, `${path(PENDING)}/cancel`, { _csrf: `${fresh.slice(0, -2)}xx`, reason: 'no longer needed', confirm: 'yes' })).toBe(403);
    await expectUnchanged(before);
  });

  it('an oversized body: 413', async () => {
    const before = await snapshot();
    await openOrder(page, PENDING);
    const status = await postForm(page, `${path(PENDING)}/address`, {
      _csrf: await csrf(page),
      address1: 'x'.repeat(70 * 1024),
      city: 'A',
      state: 'B',
      country: 'C',
      zip: '1',
      confirm: 'yes',
    });
    expect(status).toBe(413);
    await heading(page, 'Request too large').waitFor();
    await expectUnchanged(before);
  });
});

describe('finding orders and products', () => {
  it('lists all orders 20 a page, and finds them by customer email, customer ID and status', async () => {
    await page.goto(`${base}/`);
    await heading(page, 'All orders').waitFor();
    const orders = page.getByRole('table', { name: 'Orders' });
    await expect(orders.locator('tbody tr').count()).resolves.toBe(20);
    await expect(page.getByRole('navigation', { name: 'Pagination' }).first().textContent()).resolves.toContain('Page 1 of 50 (1000 results)');
    await page.getByRole('navigation', { name: 'Pagination' }).first().getByRole('link', { name: 'Next' }).click();
    await expect(page.getByRole('navigation', { name: 'Pagination' }).first().textContent()).resolves.toContain('Page 2 of 50');

    const user = seed.users[seed.orders[PENDING].user_id];
    await page.getByLabel('Customer email').fill(user.email.toUpperCase());
    await page.getByRole('button', { name: 'Search' }).click();
    await heading(page, 'Order search').waitFor();
    const links = (await orders.getByRole('link').allTextContents()).sort();
    expect(links).toEqual([...user.orders].sort());

    await page.getByLabel('Customer email').fill('');
    await page.getByLabel('Customer ID').fill(seed.orders[PENDING].user_id);
    await page.getByLabel('Status').selectOption('pending');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((u) => u.searchParams.get('status') === 'pending');
    const pendingOfUser = user.orders.filter((id: string) => seed.orders[id].status === 'pending').sort();
    expect((await orders.getByRole('link').allTextContents()).sort()).toEqual(pendingOfUser);
  });

  it('shows a product with its variants', async () => {
    const product = catalog['6858788497']!;
    await page.goto(`${base}/products`);
    await page.getByLabel('Product name').fill(product.name);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: product.name, exact: true }).click();
    await heading(page, product.name).waitFor();
    const table = page.getByRole('table', { name: 'Variants' });
    expect(await headers(table)).toEqual(['Item ID', 'Options', 'Price', 'Available']);
    await expect(table.locator('tbody tr').count()).resolves.toBe(Object.keys(product.variants).length);
  });
});

describe('the variant layout', () => {
  it('renames classes and reorders columns, and the same helper still completes a write', async () => {
    await openOrder(page, PENDING);
    const items = page.getByRole('table', { name: 'Items' });
    const standard = { headers: await headers(items), cls: await items.getAttribute('class') };
    expect(standard.headers).toEqual(['Item', 'Options', 'Item ID', 'Price']);

    await control(sandbox, 'POST', '/faults', { orders: { layout: 'variant' } });
    await page.reload();
    const variant = { headers: await headers(items), cls: await items.getAttribute('class') };
    expect(variant.headers).not.toEqual(standard.headers);
    expect([...variant.headers].sort()).toEqual([...standard.headers].sort());
    expect(variant.cls).not.toBe(standard.cls);
    await expect(page.locator(`.${standard.cls}`).count()).resolves.toBe(0);

    const action = FIRST_OF_EACH.find((a) => a.name === 'modify_pending_order_items')!;
    const a = action.kwargs as Json;
    expect(await modifyItems(page, a.order_id, a.item_ids, a.new_item_ids, a.payment_method_id, catalog)).toMatchObject({ ok: true });
    const viaPages = await state();
    await control(sandbox, 'POST', '/reset');
    expect((await control(sandbox, 'POST', '/apply', action)).json).toEqual({ ok: true });
    expect(isDeepStrictEqual(inCents(viaPages), inCents(await state()))).toBe(true);
  });
});
