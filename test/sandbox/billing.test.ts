// PayLedger Billing driven in a real Chromium, the way an agent (or Legwork) uses it: labels,
// roles and visible text only. What it does is checked from outside: GET /state, /writes, the page.
import { describe, expect, it } from 'vitest';
import type { Browser, Page, Response } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/server.ts';
import type { BillingState, Discrepancy } from '../../shared/retail.ts';
import { signedInPage, signOutAndInElsewhere, pagesSuite } from '../helpers/browser.ts';
import { control, sandboxForTest } from '../helpers/sandbox.ts';
import { readRetailJson } from '../helpers/retail-data.ts';

type Json = any;
type Row = Record<string, string>;
const rawUsers: Record<string, Json> = readRetailJson('users.json');
const rawOrders: Record<string, Json> = readRetailJson('orders.json');
const money = (text: string) => Math.round(Number(text.replace(/[$,]/g, '')) * 100);
const dollars = (c: number) => `$${(c / 100).toFixed(2)}`;

let sandbox!: RunningSandbox;
let browser!: Browser;
pagesSuite(async (sb, chromium) => {
  sandbox = sb;
  browser = chromium;
});

// ---- what a person sees ----------------------------------------------------------------------

/** A table by its accessible name, as rows keyed by the column headers (whatever their order). */
async function readTable(page: Page, name: string): Promise<Row[]> {
  return page.getByRole('table', { name, exact: true }).evaluate((t) => {
    const heads = [...t.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
    return [...t.querySelectorAll('tbody tr')].map((tr) =>
      Object.fromEntries([...tr.querySelectorAll('td')].map((td, i) => [heads[i] ?? String(i), td.textContent?.trim() ?? ''])),
    );
  });
}
async function headers(page: Page, name: string): Promise<string[]> {
  return page.getByRole('table', { name, exact: true }).locator('thead th').allTextContents();
}
/** The value beside a row header of a key/value table ("Items total" → "$12.00"). */
async function summary(page: Page, label: string): Promise<string> {
  return (await page.getByRole('rowheader', { name: label, exact: true }).locator('xpath=following-sibling::td').innerText()).trim();
}

async function openPayments(page: Page, orderId: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payments' }).click();
  await page.getByLabel('Order number').fill(orderId);
  await page.getByRole('button', { name: 'Find payments' }).click();
  await page.getByRole('heading', { name: `Payments for order ${orderId}` }).waitFor();
}

/** Fills the adjustment form and submits it; returns the response of the POST. */
async function reviewAdjustment(page: Page, f: { charge?: string; amount: string; reason: string }): Promise<Response> {
  if (f.charge) await page.getByLabel('Charge to adjust').selectOption(f.charge);
  await page.getByLabel('Amount (USD)').fill(f.amount);
  await page.getByLabel('Reason').fill(f.reason);
  return submitAndWait(page, () => page.getByRole('button', { name: 'Review adjustment' }).click());
}
async function submitAndWait(page: Page, act: () => Promise<void>): Promise<Response> {
  const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/adjust')), act()]);
  await page.waitForLoadState();
  return res;
}

// ---- what happened -------------------------------------------------------------------------

async function discrepancies(): Promise<Discrepancy[]> {
  return (await control(sandbox, 'GET', '/state/extras')).json.billing.discrepancies;
}
async function planted(kind: Discrepancy['kind']): Promise<Discrepancy[]> {
  return (await discrepancies()).filter((d) => d.kind === kind);
}
async function billingState(sb = sandbox): Promise<BillingState> {
  return (await control(sb, 'GET', '/state')).json.billing;
}
async function writes(): Promise<Json[]> {
  return (await control(sandbox, 'GET', '/writes')).json.writes;
}

describe('customer page', () => {
  it('shows payment methods masked to the last four and gift-card balances', async () => {
    const [userId, user] = Object.entries(rawUsers).find(([, u]) => {
      const sources = Object.values(u.payment_methods as Record<string, Json>).map((m) => m.source);
      return sources.includes('credit_card') && sources.includes('gift_card');
    })!;
    const page = await signedInPage(browser, sandbox, 'billing');
    expect(new URL(page.url()).pathname).toBe('/customers');
    await page.getByLabel('Email, customer ID or name').fill(user.email);
    await page.getByRole('button', { name: 'Search' }).click();
    const found = await readTable(page, 'Customers');
    expect(found).toEqual([expect.objectContaining({ 'Customer ID': userId, Email: user.email })]);
    await page.getByRole('link', { name: `${user.name.first_name} ${user.name.last_name}` }).click();
    await page.getByRole('heading', { name: `Customer ${user.name.first_name} ${user.name.last_name}` }).waitFor();

    const methods = await readTable(page, 'Payment methods');
    expect(methods).toHaveLength(Object.keys(user.payment_methods).length);
    for (const [id, m] of Object.entries(user.payment_methods as Record<string, Json>)) {
      const row = methods.find((r) => r.ID === id);
      expect(row, id).toBeDefined();
      if (m.source === 'credit_card') {
        expect(row!.Type).toBe('Credit card');
        expect(row!.Method).toMatch(new RegExp(`^\\w+ •••• ${m.last_four}$`));
        expect(row!.Balance).toBe('—');
      } else if (m.source === 'gift_card') {
        expect(row!.Type).toBe('Gift card');
        expect(money(row!.Balance!)).toBe(Math.round(m.balance * 100));
      }
    }
    // the customer's orders, with their total beside what was captured
    const orders = await readTable(page, 'Orders');
    expect(orders.map((r) => r.Order).sort()).toEqual([...user.orders].sort());
    for (const r of orders) {
      const o = rawOrders[r.Order!];
      expect(money(r['Order total']!)).toBe(o.items.reduce((s: number, it: Json) => s + Math.round(it.price * 100), 0));
    }
    const first = user.orders[0];
    await page.getByRole('link', { name: first, exact: true }).click();
    await page.getByRole('heading', { name: `Payments for order ${first}` }).waitFor();
    await page.context().close();
  });

  it('paginates the customer list on the server, 20 a page', async () => {
    const page = await signedInPage(browser, sandbox, 'billing');
    expect(await readTable(page, 'Customers')).toHaveLength(20);
    const pager = page.getByRole('navigation', { name: 'Pagination' });
    await expect(pager.innerText()).resolves.toContain(`Page 1 of ${Math.ceil(Object.keys(rawUsers).length / 20)}`);
    const firstPage = (await readTable(page, 'Customers')).map((r) => r['Customer ID']);
    await pager.getByRole('link', { name: 'Next' }).click();
    await expect(pager.innerText()).resolves.toContain('Page 2 of');
    const secondPage = (await readTable(page, 'Customers')).map((r) => r['Customer ID']);
    expect(secondPage).toHaveLength(20);
    expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
    await page.context().close();
  });
});

describe('payments page: the discrepancies are there to be seen', () => {
  it('shows two captures of the same amount on a duplicate-capture order', async () => {
    const [d] = await planted('duplicate_capture');
    const page = await signedInPage(browser, sandbox, 'billing');
    await openPayments(page, d!.order_id);
    const charges = await readTable(page, 'Charges');
    expect(charges).toHaveLength(2);
    expect(charges.map((c) => c.Status)).toEqual(['captured', 'captured']);
    expect(charges.map((c) => money(c.Amount!))).toEqual([Math.round(d!.amount * 100), Math.round(d!.amount * 100)]);
    expect(charges[0]!.Method).toBe(charges[1]!.Method);
    expect(money(await summary(page, 'Total captured'))).toBe(2 * money(await summary(page, 'Items total')));
    // nothing on the page names the problem
    await expect(page.locator('body').innerText()).resolves.not.toMatch(/duplicate|discrepanc/i);
    await page.context().close();
  });

  it('shows captured above the order total on an overcharged order', async () => {
    const [d] = await planted('overcharge');
    const page = await signedInPage(browser, sandbox, 'billing');
    await openPayments(page, d!.order_id);
    const total = money(await summary(page, 'Items total'));
    const captured = money(await summary(page, 'Total captured'));
    expect(captured - total).toBe(Math.round(d!.amount * 100));
    expect(await readTable(page, 'Charges')).toEqual([expect.objectContaining({ 'Charge ID': d!.record_id, Amount: dollars(captured) })]);
    await expect(page.locator('body').innerText()).resolves.not.toMatch(/overcharge|discrepanc/i);
    await page.context().close();
  });

  it('shows a failed refund on a cancelled order whose refund never settled', async () => {
    const [d] = await planted('unsettled_refund');
    const page = await signedInPage(browser, sandbox, 'billing');
    await openPayments(page, d!.order_id);
    expect(await summary(page, 'Status')).toBe('cancelled');
    const refunds = await readTable(page, 'Refunds');
    expect(refunds.find((r) => r['Refund ID'] === d!.record_id)).toMatchObject({ Status: 'failed', Amount: dollars(Math.round(d!.amount * 100)) });
    await page.context().close();
  });

  it('shows the refund of an order cancelled a moment ago, still processing', async () => {
    const order = Object.values(rawOrders).find(
      (o) => o.status === 'pending' && o.payment_history.length === 1 && rawUsers[o.user_id].payment_methods[o.payment_history[0].payment_method_id].source === 'credit_card',
    );
    const page = await signedInPage(browser, sandbox, 'billing');
    await openPayments(page, order.order_id);
    await expect(page.getByRole('table', { name: 'Refunds' }).count()).resolves.toBe(0);
    expect((await control(sandbox, 'POST', '/apply', { name: 'cancel_pending_order', kwargs: { order_id: order.order_id, reason: 'no longer needed' } })).json.ok).toBe(true);
    await page.reload();
    expect(await readTable(page, 'Refunds')).toEqual([expect.objectContaining({ Amount: dollars(Math.round(order.payment_history[0].amount * 100)), Status: 'processing' })]);
    await page.context().close();
  });
});

describe('issuing an adjustment', () => {
  it('goes through a confirmation, lands exactly once, and equals the same adjust_charge via /apply', async () => {
    const [d] = await planted('duplicate_capture');
    const page = await signedInPage(browser, sandbox, 'billing');
    await openPayments(page, d!.order_id);
    const amount = (Math.round(d!.amount * 100) / 100).toFixed(2);
    const review = await reviewAdjustment(page, { charge: d!.record_id, amount, reason: 'Captured twice by the processor' });
    expect(review.status()).toBe(200);
    await page.getByRole('heading', { name: 'Confirm adjustment' }).waitFor();
    await expect(page.getByRole('region', { name: 'Confirmation' }).innerText()).resolves.toContain(`$${amount}`);
    expect(await writes()).toEqual([]); // nothing before the confirmation
    await page.getByRole('button', { name: 'Issue adjustment' }).click();
    await page.getByRole('heading', { name: `Payments for order ${d!.order_id}` }).waitFor();
    await expect(page.getByRole('status').innerText()).resolves.toMatch(/Adjustment adj_0001 issued/);
    expect(await readTable(page, 'Adjustments')).toEqual([
      { ID: 'adj_0001', Charge: d!.record_id, Amount: `$${amount}`, Reason: 'Captured twice by the processor' },
    ]);
    // a reload is a GET: nothing lands twice
    await page.reload();
    await expect(page.getByRole('status').count()).resolves.toBe(0);
    const log = await writes();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ via: 'billing', op: 'adjust_charge', target: d!.order_id });
    const kwargs = { order_id: d!.order_id, charge_id: d!.record_id, amount: Number(amount), reason: 'Captured twice by the processor' };
    expect(log[0].args).toEqual(kwargs);

    // the same write through the control endpoint of a fresh sandbox gives the same state
    const fresh = await sandboxForTest();
    try {
      expect((await control(fresh, 'POST', '/apply', { name: 'adjust_charge', kwargs })).json).toEqual({ ok: true });
      const [a, b] = await Promise.all([control(sandbox, 'GET', '/state'), control(fresh, 'GET', '/state')]);
      expect(a.json).toEqual(b.json);
    } finally {
      await fresh.close();
    }
    // the charge has nothing left, so it is no longer offered
    const options = await page.getByLabel('Charge to adjust').locator('option').allTextContents();
    expect(options.some((o) => o.startsWith(`${d!.record_id} `))).toBe(false);
    await page.context().close();
  });

  it('offers only charges with something left to refund, with how much', async () => {
    const [d] = await planted('overcharge');
    const page = await signedInPage(browser, sandbox, 'billing');
    await openPayments(page, d!.order_id);
    const options = await page.getByLabel('Charge to adjust').locator('option').allTextContents();
    const captured = money(await summary(page, 'Total captured'));
    expect(options).toHaveLength(1);
    expect(options[0]!.startsWith(`${d!.record_id} · `)).toBe(true);
    expect(options[0]!.endsWith(` · ${dollars(captured)} refundable`)).toBe(true);
    // a gift-card-only order offers nothing
    const gift = Object.values(rawOrders).find(
      (o) => o.payment_history.length === 1 && rawUsers[o.user_id].payment_methods[o.payment_history[0].payment_method_id].source === 'gift_card',
    );
    await openPayments(page, gift.order_id);
    await expect(page.getByLabel('Charge to adjust').count()).resolves.toBe(0);
    await expect(page.locator('main').innerText()).resolves.toContain('Nothing is left to refund');
    await page.context().close();
  });
});

describe('bad input through the pages', () => {
  it('an amount over what is refundable: 409, a clear message, nothing changed', async () => {
    const [d] = await planted('duplicate_capture');
    const before = await billingState();
    const page = await signedInPage(browser, sandbox, 'billing');
    await openPayments(page, d!.order_id);
    const res = await reviewAdjustment(page, { charge: d!.record_id, amount: (d!.amount + 1).toFixed(2), reason: 'duplicate' });
    expect(res.status()).toBe(409);
    await expect(page.getByRole('alert').innerText()).resolves.toContain(`at most ${dollars(Math.round(d!.amount * 100))}`);
    expect(await billingState()).toEqual(before);
    expect(await writes()).toEqual([]);
    await page.context().close();
  });

  it('a missing reason, a bad amount, no charge chosen: 400 with a clear message, nothing changed', async () => {
    const [d] = await planted('duplicate_capture');
    const before = await billingState();
    const page = await signedInPage(browser, sandbox, 'billing');
    const cases: [{ charge?: string; amount: string; reason: string }, RegExp][] = [
      [{ charge: d!.record_id, amount: '5.00', reason: '' }, /A reason is required/],
      [{ charge: d!.record_id, amount: 'five', reason: 'duplicate' }, /is not an amount of dollars/],
      [{ charge: d!.record_id, amount: '0', reason: 'duplicate' }, /greater than \$0\.00/],
      [{ charge: d!.record_id, amount: '-3', reason: 'duplicate' }, /greater than \$0\.00/],
      [{ charge: d!.record_id, amount: '', reason: 'duplicate' }, /An amount is required/],
      [{ amount: '5.00', reason: 'duplicate' }, /Choose the charge/],
    ];
    for (const [input, message] of cases) {
      await openPayments(page, d!.order_id);
      const res = await reviewAdjustment(page, input);
      expect(res.status(), JSON.stringify(input)).toBe(400);
      await expect(page.getByRole('alert').innerText()).resolves.toMatch(message);
    }
    expect(await billingState()).toEqual(before);
    expect(await writes()).toEqual([]);
    await page.context().close();
  });

  it('an unknown order: 404', async () => {
    const page = await signedInPage(browser, sandbox, 'billing');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payments' }).click();
    await page.getByLabel('Order number').fill('#W0000000');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().includes('/payments?')), page.getByRole('button', { name: 'Find payments' }).click()]);
    expect(res.status()).toBe(404);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('No order matches "#W0000000"');
    const direct = await page.goto(`${sandbox.urls.billing}/payments/W0000000`);
    expect(direct?.status()).toBe(404);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('There is no order #W0000000');
    // posting an adjustment to it is refused the same way
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const post = await page.request.post(`${sandbox.urls.billing}/payments/W0000000/adjust`, {
      form: { _csrf: csrf, charge: 'ch_0000000_1', amount: '1.00', reason: 'test', confirm: 'yes' },
    });
    expect(post.status()).toBe(404);
    expect(await writes()).toEqual([]);
    await page.context().close();
  });

  it('a stale CSRF token (signed out and in since the form was loaded): 403, nothing changed', async () => {
    const [d] = await planted('duplicate_capture');
    const before = await billingState();
    const page = await signedInPage(browser, sandbox, 'billing');
    await openPayments(page, d!.order_id);
    await reviewAdjustment(page, { charge: d!.record_id, amount: '10.00', reason: 'duplicate' });
    await page.getByRole('heading', { name: 'Confirm adjustment' }).waitFor();
    // in another tab of the same browser: sign out, sign in again
    await signOutAndInElsewhere(page, sandbox, 'billing');
    // back in the first tab, confirm the old form
    const res = await submitAndWait(page, () => page.getByRole('button', { name: 'Issue adjustment' }).click());
    expect(res.status()).toBe(403);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('security token is invalid');
    expect(await billingState()).toEqual(before);
    expect(await writes()).toEqual([]);
    await page.context().close();
  });

  it('a gift-card charge sent by hand: 409, nothing changed', async () => {
    const gift = Object.values(rawOrders).find(
      (o) => o.status === 'pending' && o.payment_history.length === 1 && rawUsers[o.user_id].payment_methods[o.payment_history[0].payment_method_id].source === 'gift_card',
    );
    const charge = (await billingState()).charges.find((c) => c.order_id === gift.order_id)!;
    const page = await signedInPage(browser, sandbox, 'billing');
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const res = await page.request.post(`${sandbox.urls.billing}/payments/${gift.order_id.slice(1)}/adjust`, {
      form: { _csrf: csrf, charge: charge.charge_id, amount: '1.00', reason: 'goodwill', confirm: 'yes' },
    });
    expect(res.status()).toBe(409);
    expect(await res.text()).toContain('was paid by gift card');
    expect(await writes()).toEqual([]);
    await page.context().close();
  });
});

describe('variant layout', () => {
  it('reorders columns and renames classes, and the adjustment still works by labels', async () => {
    expect((await control(sandbox, 'POST', '/faults', { billing: { layout: 'variant' } })).json.ok).toBe(true);
    const [d] = await planted('duplicate_capture');
    const page = await signedInPage(browser, sandbox, 'billing');
    await openPayments(page, d!.order_id);
    expect(await headers(page, 'Charges')).toEqual(['Status', 'Amount', 'Method', 'Charge ID']);
    await expect(page.locator('table.grid').count()).resolves.toBe(0);
    await expect(page.locator('table.xgrid_v2').count()).resolves.toBeGreaterThan(0);
    const charges = await readTable(page, 'Charges');
    expect(charges.map((c) => c['Charge ID'])).toContain(d!.record_id);

    await reviewAdjustment(page, { charge: d!.record_id, amount: '12.34', reason: 'Captured twice' });
    await page.getByRole('heading', { name: 'Confirm adjustment' }).waitFor();
    await page.getByRole('button', { name: 'Issue adjustment' }).click();
    await page.getByRole('heading', { name: `Payments for order ${d!.order_id}` }).waitFor();
    expect(await headers(page, 'Adjustments')).toEqual(['Reason', 'Amount', 'Charge', 'ID']);
    expect(await readTable(page, 'Adjustments')).toEqual([{ ID: 'adj_0001', Charge: d!.record_id, Amount: '$12.34', Reason: 'Captured twice' }]);
    expect((await writes()).map((w) => [w.op, w.args.amount])).toEqual([['adjust_charge', 12.34]]);

    // the customer page too
    const user = rawUsers[d!.user_id];
    await page.getByRole('link', { name: `${user.name.first_name} ${user.name.last_name}`, exact: true }).click();
    await page.getByRole('heading', { name: `Customer ${user.name.first_name} ${user.name.last_name}` }).waitFor();
    expect(await headers(page, 'Payment methods')).toEqual(['Balance', 'ID', 'Method', 'Type']);
    await page.context().close();
  });
});
