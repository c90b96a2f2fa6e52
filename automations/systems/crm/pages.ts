// The screens of the CRM (CustomerBase) as page objects: customer search, customer profile, the
// default-address form and its confirmation page. Locators are the ones a person would use
// (roles, labels, visible text), with ordered fallbacks so that a fallback that works is a heal.
import { z } from 'zod';
import type { Locator, Page } from 'playwright-core';
import type { ActionContext, Candidate } from '../../runtime/action.ts';
import type { Address } from '../../../shared/retail.ts';
import { addressLines, namedTable, pageFacts, sectionOf, tableRows, textOf, valueCandidate, ADDRESS_LABELS } from '../common/legacy-web.ts';

// ---- what the CRM shows ----------------------------------------------------------------------

// the customer-records role's contract (shared/roles/customers.ts)
export { CrmPaymentMethodSchema, CrmNoteSchema, CrmCustomerSchema, type CrmPaymentMethod, type CrmNote, type CrmCustomer } from '../../../shared/roles/customers.ts';
import { CrmCustomerSchema, CrmNoteSchema, CrmPaymentMethodSchema, type CrmCustomer, type CrmPaymentMethod } from '../../../shared/roles/customers.ts';

export interface SearchHit {
  user_id: string;
  name: string;
  email: string;
  zip: string;
}

// ---- helpers ---------------------------------------------------------------------------------

export const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

export function profilePath(userId: string): string {
  return `/customers/${encodeURIComponent(userId)}`;
}

const sameLines = (a: string[], b: string[]) => a.length === b.length && a.every((l, i) => norm(l) === norm(b[i] ?? ''));

async function linesOf(loc: Locator): Promise<string[]> {
  return (await loc.innerText()).split('\n').map(norm).filter((l) => l !== '');
}

/** The value cell beside a row header, with a CSS fallback for a table whose headers lost their row scope. */
function field(ctx: ActionContext, header: string, scope?: (p: Page) => Locator): Promise<Locator> {
  const within = (p: Page) => (scope ? scope(p) : p);
  return ctx.find(`the "${header}" field`, [
    valueCandidate(header, within),
    {
      describe: `css=tr:has(th "${header}") > td`,
      locate: (p) => within(p).locator('tr', { has: p.locator('th', { hasText: new RegExp(`^\\s*${escapeRegExp(header)}\\s*$`) }) }).locator('td'),
    },
  ]);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A table the CRM may replace by an "empty" sentence when it has no rows. */
async function optionalTable(ctx: ActionContext, name: string, empty: string): Promise<Record<string, string>[]> {
  const table = await namedTable(ctx, name, empty);
  return table ? tableRows(table) : [];
}


// ---- customer search -------------------------------------------------------------------------

const SEARCH_BOX: Candidate[] = [
  { describe: 'label=Search customers', locate: (p) => p.getByLabel('Search customers', { exact: true }) },
  { describe: 'role=combobox[name=/search/i]', locate: (p) => p.getByRole('combobox', { name: /search/i }) },
  { describe: 'placeholder=Name, email or ZIP', locate: (p) => p.getByPlaceholder('Name, email or ZIP') },
  { describe: 'css=form[role=search] input[name=q]', locate: (p) => p.locator('form[role=search] input[name="q"]') },
];

const SEARCH_BUTTON: Candidate[] = [
  { describe: 'role=search >> role=button[name="Search"]', locate: (p) => p.getByRole('search').getByRole('button', { name: 'Search', exact: true }) },
  { describe: 'role=button[name="Search"]', locate: (p) => p.getByRole('button', { name: 'Search', exact: true }) },
  { describe: 'css=form[action="/customers"] [type=submit]', locate: (p) => p.locator('form[action="/customers"] [type=submit]') },
];

/** Is the customer search of this CRM on screen (so a person would just use it)? */
async function onSearchPage(ctx: ActionContext): Promise<boolean> {
  const url = new URL(ctx.page.url());
  if (url.origin !== new URL(ctx.baseUrl).origin || url.pathname !== '/customers') return false;
  return (await ctx.page.getByLabel('Search customers', { exact: true }).count()) > 0;
}

const MAX_RESULT_PAGES = 25;

/**
 * Types a query into the search box and reads every page of results. The box is filled and the form
 * sent at once, as a person who knows what to look for would; the autocomplete is not waited for.
 */
export async function searchCustomers(ctx: ActionContext, query: string): Promise<SearchHit[]> {
  const page = ctx.page;
  if (await onSearchPage(ctx)) {
    const box = await ctx.find('the customer search box', SEARCH_BOX);
    await box.fill(query);
    // Enter, as a person types it: the autocomplete's list may open over the Search button meanwhile
    await ctx.find('the Search button', SEARCH_BUTTON);
    await ctx.submit(() => box.press('Enter'));
  } else {
    // the search form is a GET form: its results page is the same address it would submit to
    await ctx.open(`/customers?q=${encodeURIComponent(query)}`);
  }
  const shownQuery = new URL(page.url()).searchParams.get('q') ?? '';
  if (norm(shownQuery) !== norm(query)) throw await ctx.failure('target_mismatch', `the search shows results for "${shownQuery}", not "${query}"`);

  const hits: SearchHit[] = [];
  for (let n = 1; ; n++) {
    if ((await page.getByRole('table', { name: 'Customers', exact: true }).count()) === 0 && (await page.getByText(/^No customer matches /).count()) > 0) {
      return hits;
    }
    const table = await ctx.find('the search results', [
      { describe: 'role=table[name="Customers"]', locate: (p) => p.getByRole('table', { name: 'Customers', exact: true }) },
      { describe: 'css=main table', locate: (p) => p.locator('main table') },
    ]);
    for (const row of await resultRows(table)) {
      const id = /^\/customers\/([^/?#]+)$/.exec(row.href)?.[1];
      if (!id) throw await ctx.failure('invalid_output', `a search result has no link to a profile (${row.cells.Name ?? '?'})`);
      hits.push({ user_id: decodeURIComponent(id), name: row.cells.Name ?? '', email: row.cells.Email ?? '', zip: row.cells.ZIP ?? '' });
    }
    const next = page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: 'Next', exact: true });
    if ((await next.count()) === 0) return hits;
    if (n >= MAX_RESULT_PAGES) throw await ctx.failure('precondition_failed', `more than ${MAX_RESULT_PAGES} pages of customers match "${query}"; search more precisely`);
    await ctx.submit(next.first());
  }
}

/** Rows keyed by column header, whatever the column order, with the row's profile link. */
async function resultRows(table: Locator): Promise<{ cells: Record<string, string>; href: string }[]> {
  return table.evaluate((el) => {
    const t = el as HTMLTableElement;
    const headers = Array.from(t.tHead?.rows[0]?.cells ?? []).map((c) => (c.textContent ?? '').trim());
    return Array.from(t.tBodies[0]?.rows ?? []).map((row) => ({
      cells: Object.fromEntries(Array.from(row.cells).map((cell, i) => [headers[i] ?? String(i), (cell.textContent ?? '').replace(/\s+/g, ' ').trim()])),
      href: row.querySelector('a[href]')?.getAttribute('href') ?? '',
    }));
  });
}

// ---- customer profile ------------------------------------------------------------------------

/** Opens a customer's profile and checks it is that customer's (an unknown id is not_found). */
export async function openProfile(ctx: ActionContext, userId: string): Promise<void> {
  await ctx.open(profilePath(userId));
  await expectProfileOf(ctx, userId);
}

/** The target check: the profile shows this customer id, exactly. */
export async function expectProfileOf(ctx: ActionContext, userId: string): Promise<void> {
  const shown = await textOf(await field(ctx, 'Customer ID'));
  await ctx.expectTarget('customer', userId, shown);
  if (shown !== userId) throw await ctx.failure('target_mismatch', `expected customer ${userId}, the page shows "${shown}"`);
}

/** For reading back after a write: the profile the system went back to, or opened afresh. */
export async function profileInView(ctx: ActionContext, userId: string): Promise<void> {
  const url = new URL(ctx.page.url());
  const here =
    url.origin === new URL(ctx.baseUrl).origin &&
    url.pathname === profilePath(userId) &&
    norm((await pageFacts(ctx.page)).facts['Customer ID'] ?? '') === userId;
  if (!here) await openProfile(ctx, userId);
}

export async function shownAddressLines(ctx: ActionContext): Promise<string[]> {
  return linesOf(await field(ctx, 'Default address'));
}

export function addressShows(lines: string[], address: Address): boolean {
  return sameLines(lines, addressLines(address));
}

/** "986 Sunset Drive / Suite 259 / Denver, CO 80279 / USA" back into the benchmark's fields. */
export function parseAddress(lines: string[]): Address | undefined {
  if (lines.length < 3 || lines.length > 4) return undefined;
  const country = lines[lines.length - 1]!;
  const m = /^(.*), (.*) (\S+)$/.exec(lines[lines.length - 2]!);
  if (!m) return undefined;
  return { address1: lines[0]!, address2: lines.length === 4 ? lines[1]! : '', city: m[1]!, state: m[2]!, country, zip: m[3]! };
}

const SOURCE_BY_TYPE: Record<string, CrmPaymentMethod['source']> = {
  'Credit card': 'credit_card',
  'PayPal account': 'paypal',
  'Gift card (balance in Billing)': 'gift_card',
};

function paymentMethod(row: Record<string, string>): z.input<typeof CrmPaymentMethodSchema> {
  const label = row.Method ?? '';
  const source = SOURCE_BY_TYPE[row.Type ?? ''] ?? (/^paypal$/i.test(label) ? 'paypal' : /^gift card/i.test(label) ? 'gift_card' : 'credit_card');
  if (source !== 'credit_card') return { source };
  const m = /^(.+?)\s*•+\s*(\S+)$/.exec(label);
  const brand = m?.[1]?.trim().toLowerCase();
  const lastFour = m?.[2];
  return {
    source,
    ...(brand && brand !== 'card' ? { brand } : {}),
    ...(lastFour && /^\d{4}$/.test(lastFour) ? { last_four: lastFour } : {}),
  };
}

export async function readNotes(ctx: ActionContext): Promise<z.input<typeof CrmNoteSchema>[]> {
  const section = await ctx.find('the notes', [
    { describe: 'section:has(heading "Notes")', locate: (p) => sectionOf(p, 'Notes') },
    { describe: 'css=form[action$="/notes"] >> ..', locate: (p) => p.locator('section', { has: p.locator('form[action$="/notes"]') }) },
  ]);
  return section.getByRole('listitem').evaluateAll((items) =>
    items.map((li) => ({
      author: (li.querySelector('strong')?.textContent ?? '').trim(),
      at: li.querySelector('time')?.getAttribute('datetime') ?? '',
      body: li.querySelector(':scope > div')?.textContent ?? '',
    })),
  );
}

/** Everything the profile shows about the customer, as shown (cards masked to the last four). */
export async function readProfile(ctx: ActionContext): Promise<z.input<typeof CrmCustomerSchema>> {
  // the row-header facts in one look at the page; a fact it does not find goes through its locators (and their heals)
  const shown = await pageFacts(ctx.page);
  const fact = async (header: string) => shown.facts[header] ?? textOf(await field(ctx, header));
  const user_id = await fact('Customer ID');
  const fullName = await fact('Name');
  const email = await fact('Email');
  const lines = shown.lines['Default address'] ?? (await shownAddressLines(ctx));
  const methods = await optionalTable(ctx, 'Payment methods', 'No payment methods on file.');
  const orders = await optionalTable(ctx, 'Orders', 'No orders.');
  const notes = await readNotes(ctx);
  const space = fullName.indexOf(' ');
  const address = parseAddress(lines);
  if (!address) throw await ctx.failure('invalid_output', `the default address of ${user_id} does not read as an address: ${lines.join(' / ')}`);
  return {
    user_id,
    name: { first_name: space > 0 ? fullName.slice(0, space) : fullName, last_name: space > 0 ? fullName.slice(space + 1) : '' },
    email,
    address,
    payment_methods: methods.map(paymentMethod),
    orders: orders.map((o) => ({ order_id: o.Order ?? '', status: (o.Status ?? '') as CrmCustomer['orders'][number]['status'] })),
    notes,
  };
}

// ---- default address: edit form and confirmation ---------------------------------------------

/** From the profile: "Edit default address" → the form (checked to be this customer's) → filled in. */
export async function fillAddressForm(ctx: ActionContext, userId: string, address: Address): Promise<void> {
  await ctx.submit(
    await ctx.find('the Edit default address link', [
      { describe: 'role=link[name="Edit default address"]', locate: (p) => p.getByRole('link', { name: 'Edit default address', exact: true }) },
      { describe: `css=a[href="${profilePath(userId)}/address"]`, locate: (p) => p.locator(`a[href="${profilePath(userId)}/address"]`) },
    ]),
  );
  const who = await ctx.find('the customer the form is for', [
    { describe: 'text=Customer: …', locate: (p) => p.getByText(/^\s*Customer:/) },
    { describe: 'css=main p:has(strong)', locate: (p) => p.locator('main p', { has: p.locator('strong') }) },
  ]);
  await ctx.expectTarget('customer', `(${userId})`, await textOf(who));
  for (const [key, label] of ADDRESS_LABELS) {
    const input = await ctx.find(`the ${label} field`, [
      { describe: `label=${label}`, locate: (p) => p.getByLabel(label, { exact: true }) },
      { describe: `css=form input[name="${key}"]`, locate: (p) => p.locator(`form input[name="${key}"]`) },
    ]);
    await input.fill(address[key]);
  }
  await ctx.submit(
    await ctx.find('the Review change button', [
      { describe: 'role=button[name="Review change"]', locate: (p) => p.getByRole('button', { name: 'Review change', exact: true }) },
      { describe: 'css=form[action$="/address"] [type=submit]', locate: (p) => p.locator('form[action$="/address"] [type=submit]') },
    ]),
  );
}

/** On the confirmation page: the customer and the new address must be the ones asked for; then save. */
export async function confirmAddress(ctx: ActionContext, userId: string, address: Address): Promise<void> {
  const confirmation = (p: Page) => p.getByRole('region', { name: 'Confirmation' });
  await ctx.find('the confirmation', [
    { describe: 'role=region[name="Confirmation"]', locate: confirmation },
    { describe: 'text=Change the default address of', locate: (p) => p.getByText(/^Change the default address of/) },
  ]);
  await ctx.expectTarget('customer', `(${userId})`, await textOf(await field(ctx, 'Customer')));
  const shown = await linesOf(await field(ctx, 'New address'));
  if (!addressShows(shown, address)) {
    throw await ctx.failure('target_mismatch', `the confirmation shows the new address as "${shown.join(' / ')}", not "${addressLines(address).join(' / ')}"`);
  }
  await ctx.submit(
    await ctx.find('the Save address button', [
      { describe: 'role=region[name="Confirmation"] >> role=button[name="Save address"]', locate: (p) => confirmation(p).getByRole('button', { name: 'Save address', exact: true }) },
      { describe: 'role=button[name="Save address"]', locate: (p) => p.getByRole('button', { name: 'Save address', exact: true }) },
    ]),
  );
}

// ---- notes -----------------------------------------------------------------------------------

export async function addNote(ctx: ActionContext, body: string): Promise<void> {
  const box = await ctx.find('the note box', [
    { describe: 'label=Note', locate: (p) => p.getByLabel('Note', { exact: true }) },
    { describe: 'css=form[action$="/notes"] textarea', locate: (p) => p.locator('form[action$="/notes"] textarea') },
  ]);
  await box.fill(body);
  await ctx.submit(
    await ctx.find('the Add note button', [
      { describe: 'role=button[name="Add note"]', locate: (p) => p.getByRole('button', { name: 'Add note', exact: true }) },
      { describe: 'css=form[action$="/notes"] [type=submit]', locate: (p) => p.locator('form[action$="/notes"] [type=submit]') },
    ]),
  );
}
