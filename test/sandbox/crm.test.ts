// CustomerBase CRM driven in a real Chromium, judged from outside: the page, GET /state (the
// benchmark's users), /state/extras (CRM notes) and /writes.
import { describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { signedInPage, signOutAndInElsewhere, pagesSuite, postStatus } from '../helpers/browser.ts';
import { control, sandboxForTest } from '../helpers/sandbox.ts';
import { readRetailJson } from '../helpers/retail-data.ts';

type Json = any;
const seedUsers: Record<string, Json> = readRetailJson('users.json');
const fullName = (u: Json) => `${u.name.first_name} ${u.name.last_name}`;
const NOAH = 'noah_brown_6181';
/** a customer with two cards, a gift card (balance 60) and PayPal */
const ISABELLA = 'isabella_lopez_6490';

let sandbox!: RunningSandbox;
let browser!: Browser;
let url: string;
pagesSuite(async (sb, chromium) => {
  sandbox = sb;
  browser = chromium;
  url = sandbox.urls.crm;
});

async function state(sb = sandbox): Promise<Json> {
  const { users, orders, products } = (await control(sb, 'GET', '/state')).json;
  return { users, orders, products };
}
async function notes(): Promise<Json[]> {
  return (await control(sandbox, 'GET', '/state/extras')).json.crm.notes;
}
async function writes(): Promise<Json[]> {
  return (await control(sandbox, 'GET', '/writes')).json.writes;
}
async function openPage(): Promise<Page> {
  return signedInPage(browser, sandbox, 'crm');
}
async function close(page: Page) {
  await page.context().close();
}
const results = (page: Page) => page.getByRole('table', { name: 'Customers' });

/** The texts of one column of a table, found by its header (the variant layout reorders columns). */
async function column(table: Locator, header: string): Promise<string[]> {
  const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim());
  const index = headers.indexOf(header);
  expect(index, `column ${header} in ${headers.join(', ')}`).toBeGreaterThanOrEqual(0);
  const rows = table.locator('tbody tr');
  const out: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) out.push((await rows.nth(i).locator('td').nth(index).innerText()).trim());
  return out;
}

async function search(page: Page, q: string) {
  await page.getByLabel('Search customers').fill(q);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/customers' && u.searchParams.get('q') === q);
}

async function openProfile(page: Page, userId: string) {
  await search(page, seedUsers[userId].email);
  await page.getByRole('link', { name: fullName(seedUsers[userId]) }).click();
  await page.waitForURL(`${url}/customers/${userId}`);
}

const NEW_ADDRESS = { address1: '12 Elm Street', address2: '', city: 'Austin', state: 'TX', country: 'USA', zip: '73301' };
const ADDRESS_LABELS: [keyof typeof NEW_ADDRESS, string][] = [
  ['address1', 'Address line 1'],
  ['address2', 'Address line 2'],
  ['city', 'City'],
  ['state', 'State'],
  ['country', 'Country'],
  ['zip', 'ZIP'],
];

async function editAddress(page: Page, address: typeof NEW_ADDRESS) {
  await page.getByRole('link', { name: 'Edit default address' }).click();
  await page.waitForURL(/\/address$/);
  for (const [key, label] of ADDRESS_LABELS) await page.getByLabel(label, { exact: true }).fill(address[key]);
  await page.getByRole('button', { name: 'Review change' }).click();
  await page.getByRole('heading', { name: 'Confirm address change' }).waitFor();
}

describe('sign-in', () => {
  it('sends an unauthenticated visitor to the login page, and / to the customer search', async () => {
    for (const path of ['/customers', `/customers/${NOAH}`, '/customers/suggest?q=noah']) {
      const res = await fetch(`${url}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    const page = await openPage();
    await page.goto(`${url}/`);
    expect(new URL(page.url()).pathname).toBe('/customers');
    await close(page);
  });
});

describe('customer search', () => {
  it('finds customers by name, by email and by ZIP', async () => {
    const page = await openPage();
    await search(page, 'Noah Brown');
    expect(await column(results(page), 'Name')).toEqual(['Noah Brown']);
    expect(await column(results(page), 'ZIP')).toEqual([seedUsers[NOAH].address.zip]);
    expect(await column(results(page), 'City')).toEqual([seedUsers[NOAH].address.city]);
    expect(await column(results(page), 'Orders')).toEqual([String(seedUsers[NOAH].orders.length)]);

    await search(page, seedUsers[ISABELLA].email);
    expect(await column(results(page), 'Name')).toEqual(['Isabella Lopez']);
    expect(await column(results(page), 'Email')).toEqual([seedUsers[ISABELLA].email]);

    const zip = '19019';
    const atZip = Object.values(seedUsers).filter((u) => u.address.zip === zip);
    expect(atZip.length).toBeGreaterThan(1);
    await search(page, zip);
    expect((await column(results(page), 'Name')).sort()).toEqual(atZip.map(fullName).sort());
    expect(new Set(await column(results(page), 'ZIP'))).toEqual(new Set([zip]));

    await search(page, 'zz-nobody-zz');
    await expect(page.getByText('No customer matches "zz-nobody-zz".').isVisible()).resolves.toBe(true);

    // the result links to the profile
    await search(page, 'Noah Brown');
    await page.getByRole('link', { name: 'Noah Brown' }).click();
    await page.waitForURL(`${url}/customers/${NOAH}`);
    await close(page);
  });

  it('pages through many results 20 at a time', async () => {
    const page = await openPage();
    await search(page, '@example.com');
    const total = Object.keys(seedUsers).length;
    await expect(page.getByText(`Page 1 of ${Math.ceil(total / 20)} (${total} results)`).isVisible()).resolves.toBe(true);
    const first = await column(results(page), 'Email');
    expect(first).toHaveLength(20);
    await page.getByRole('link', { name: 'Next' }).click();
    await page.waitForURL(/page=2/);
    const second = await column(results(page), 'Email');
    expect(second).toHaveLength(20);
    expect(second.some((e) => first.includes(e))).toBe(false);
    await close(page);
  });

  it('suggests customers while typing; a suggestion opens the profile', async () => {
    const page = await openPage();
    const box = page.getByRole('combobox', { name: 'Search customers' });
    await box.pressSequentially('noah b', { delay: 30 });
    const option = page.getByRole('option', { name: /Noah Brown/ });
    await option.waitFor();
    const options = await page.getByRole('option').allTextContents();
    expect(options.length).toBeGreaterThan(0);
    for (const o of options) expect(o.toLowerCase()).toContain('noah b');
    await expect(box.getAttribute('aria-expanded')).resolves.toBe('true');
    await option.click();
    await page.waitForURL(`${url}/customers/${NOAH}`);

    // by ZIP, with the keyboard
    await page.goto(`${url}/customers`);
    await page.getByLabel('Search customers').pressSequentially('19019');
    await page.getByRole('option').first().waitFor();
    expect(await page.getByRole('option').count()).toBe(2);
    await page.getByLabel('Search customers').press('ArrowDown');
    await page.getByLabel('Search customers').press('Enter');
    await page.waitForURL(/\/customers\/[a-z]+_[a-z]+_\d+$/);
    expect(seedUsers[new URL(page.url()).pathname.split('/')[2] ?? ''].address.zip).toBe('19019');

    // the JSON behind it
    const res = await page.request.get(`${url}/customers/suggest?q=${encodeURIComponent('noah.brown')}`);
    expect(await res.json()).toEqual({
      suggestions: [{ user_id: NOAH, label: `Noah Brown · ${seedUsers[NOAH].email} · ${seedUsers[NOAH].address.zip}`, href: `/customers/${NOAH}` }],
    });
    await close(page);
  });
});

describe('the profile', () => {
  it('shows name, id, email, default address, masked payment methods and the orders', async () => {
    const u = seedUsers[ISABELLA];
    const page = await openPage();
    await openProfile(page, ISABELLA);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Isabella Lopez');
    await expect(page.getByRole('row', { name: /Customer ID/ }).innerText()).resolves.toContain(ISABELLA);
    await expect(page.getByRole('link', { name: u.email }).getAttribute('href')).resolves.toBe(`mailto:${u.email}`);
    const address = await page.getByRole('row', { name: /Default address/ }).innerText();
    for (const part of [u.address.address1, u.address.city, u.address.state, u.address.zip, u.address.country]) expect(address).toContain(part);

    const methods = page.getByRole('table', { name: 'Payment methods' });
    expect((await column(methods, 'Method')).sort()).toEqual(['Gift card', 'Mastercard •••• 4336', 'PayPal', 'Visa •••• 8902']);
    const methodsText = await methods.innerText();
    expect(methodsText).not.toMatch(/\$|60/); // no gift-card balance here: that lives in Billing
    // no full-looking card number anywhere, neither in the text nor in the markup
    const cardLike = /(?:\d[ -]?){12,19}/;
    expect(await page.locator('body').innerText()).not.toMatch(cardLike);
    expect(await page.content()).not.toMatch(/\b\d{12,19}\b/);

    const orders = page.getByRole('table', { name: 'Orders' });
    expect(await column(orders, 'Order')).toEqual(u.orders);
    const seedOrders: Record<string, Json> = readRetailJson('orders.json');
    expect(await column(orders, 'Status')).toEqual(u.orders.map((id: string) => seedOrders[id].status));
    for (const id of u.orders) await expect(page.getByRole('link', { name: id }).count()).resolves.toBe(0); // plain text
    await close(page);
  });

  it('adds a note, shown with author and time, once', async () => {
    const page = await openPage();
    await openProfile(page, NOAH);
    await expect(page.getByText('No notes yet.').isVisible()).resolves.toBe(true);
    await page.getByLabel('Note').fill('Prefers email. <b>VIP</b> <script>window.__pwned=1</script>');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.waitForURL(`${url}/customers/${NOAH}`);
    await expect(page.getByRole('status').innerText()).resolves.toBe('Note added.');
    const shown = await page.getByRole('listitem').filter({ hasText: 'Prefers email.' }).innerText();
    expect(shown).toMatch(/^agent · \d{4}-\d\d-\d\d \d\d:\d\d UTC\n+Prefers email\. <b>VIP<\/b> <script>window.__pwned=1<\/script>/);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main b').count()).toBe(0);

    const all = await notes();
    expect(all).toEqual([
      { note_id: 1, user_id: NOAH, author: 'agent', body: 'Prefers email. <b>VIP</b> <script>window.__pwned=1</script>', at: expect.any(String) },
    ]);
    expect((await writes()).map((w) => [w.via, w.op, w.target])).toEqual([['crm', 'crm_note', NOAH]]);
    await page.reload();
    expect(await notes()).toHaveLength(1);
    await close(page);
  });
});

describe('edit the default address', () => {
  it('through the pages equals POST /apply modify_user_address on a fresh sandbox', async () => {
    const page = await openPage();
    await openProfile(page, NOAH);
    const before = await state();
    await editAddress(page, NEW_ADDRESS);
    const confirmation = page.getByRole('region', { name: 'Confirmation' });
    await expect(confirmation.innerText()).resolves.toContain('12 Elm Street');
    await expect(confirmation.innerText()).resolves.toContain('986 Sunset Drive');
    expect(await state()).toEqual(before); // nothing yet

    // "Go back" keeps what was typed
    await confirmation.getByRole('link', { name: 'Go back' }).click();
    await page.waitForURL(/\/address\?/);
    await expect(page.getByLabel('City', { exact: true }).inputValue()).resolves.toBe('Austin');
    await page.getByRole('button', { name: 'Review change' }).click();
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.waitForURL(`${url}/customers/${NOAH}`);
    await expect(page.getByRole('status').innerText()).resolves.toBe('Default address updated.');
    await expect(page.getByRole('row', { name: /Default address/ }).innerText()).resolves.toContain('12 Elm Street');

    const fresh = await sandboxForTest();
    try {
      const applied = await control(fresh, 'POST', '/apply', { name: 'modify_user_address', kwargs: { user_id: NOAH, ...NEW_ADDRESS } });
      expect(applied.json).toEqual({ ok: true });
      const [viaPages, viaApply] = [await state(), await state(fresh)];
      expect(viaPages.users[NOAH].address).toEqual(NEW_ADDRESS);
      expect(viaPages).toEqual(viaApply);
    } finally {
      await fresh.close();
    }
    expect((await writes()).map((w) => [w.via, w.op, w.target, w.args])).toEqual([['crm', 'modify_user_address', NOAH, { user_id: NOAH, ...NEW_ADDRESS }]]);
    await close(page);
  });
});

describe('bad input changes nothing', () => {
  it('unknown customers are 404; missing fields are 400', async () => {
    const page = await openPage();
    for (const path of ['/customers/nobody_0000', '/customers/nobody_0000/address', '/customers/constructor', '/customers/__proto__']) {
      const res = await page.goto(`${url}${path}`);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Customer not found');
    }
    await page.goto(`${url}/customers/${NOAH}`);
    const csrf = await page.locator('input[name=_csrf]').first().inputValue();
    const before = await state();
    const { city: _city, ...noCity } = NEW_ADDRESS;
    const cases: [string, Record<string, string>, number, RegExp][] = [
      ['/customers/nobody_0000/notes', { body: 'hello' }, 404, /no customer/],
      ['/customers/nobody_0000/address', { ...NEW_ADDRESS, confirm: 'yes' }, 404, /no customer/],
      [`/customers/${NOAH}/notes`, {}, 400, /Note is required/],
      [`/customers/${NOAH}/notes`, { body: '  ' }, 400, /Note is required/],
      [`/customers/${NOAH}/address`, noCity, 400, /City is required/],
      [`/customers/${NOAH}/address`, { ...noCity, confirm: 'yes' }, 400, /City is required/],
      [`/customers/${NOAH}/address`, { ...NEW_ADDRESS, zip: ' ', confirm: 'yes' }, 400, /ZIP is required/],
    ];
    for (const [path, form, status, message] of cases) {
      const res = await page.request.post(`${url}${path}`, { form: { _csrf: csrf, ...form }, maxRedirects: 0 });
      expect(res.status(), `${path} ${JSON.stringify(form)}`).toBe(status);
      expect(await res.text()).toMatch(message);
    }
    expect(await state()).toEqual(before);
    expect(await notes()).toEqual([]);
    expect(await writes()).toEqual([]);
    await close(page);
  });

  it('a confirmation from before signing out and in again is refused as stale (403)', async () => {
    const page = await openPage();
    await openProfile(page, NOAH);
    await editAddress(page, NEW_ADDRESS);
    await signOutAndInElsewhere(page, sandbox, 'crm');

    const before = await state();
    expect(await postStatus(page, page.getByRole('button', { name: 'Save address' }))).toBe(403);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Security check failed');
    expect(await state()).toEqual(before);
    expect(await writes()).toEqual([]);
    await close(page);
  });
});

describe('the variant layout', () => {
  it('renames classes and reorders columns, and search, autocomplete, note and address edit still work', async () => {
    const page = await openPage();
    await search(page, 'Noah Brown');
    expect(await results(page).getAttribute('class')).toBe('grid');
    const headers = await results(page).getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['Name', 'Email', 'ZIP', 'City', 'Orders']);

    await control(sandbox, 'POST', '/faults', { crm: { layout: 'variant' } });
    await page.reload();
    expect(await results(page).getAttribute('class')).not.toBe('grid');
    expect(await results(page).getByRole('columnheader').allTextContents()).toEqual([...headers].reverse());
    expect(await page.locator('.grid, .field, .pager, .actions, .kv').count()).toBe(0);

    await search(page, '19019');
    expect(new Set(await column(results(page), 'ZIP'))).toEqual(new Set(['19019']));
    await page.goto(`${url}/customers`);
    await page.getByLabel('Search customers').pressSequentially('noah b');
    await page.getByRole('option', { name: /Noah Brown/ }).click();
    await page.waitForURL(`${url}/customers/${NOAH}`);
    expect(await page.locator('.kv').count()).toBe(0);

    await page.getByLabel('Note').fill('Variant note');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.waitForURL(`${url}/customers/${NOAH}`);
    await editAddress(page, NEW_ADDRESS);
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.waitForURL(`${url}/customers/${NOAH}`);

    expect((await state()).users[NOAH].address).toEqual(NEW_ADDRESS);
    expect((await notes()).map((n) => n.body)).toEqual(['Variant note']);
    expect((await writes()).map((w) => w.op)).toEqual(['crm_note', 'modify_user_address']);
    await close(page);
  });
});
