// SupportDesk (the helpdesk) driven in a real Chromium, judged from outside: the page, and the
// control endpoint's /state/extras (tickets) and /writes (each write lands exactly once).
import { describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { signedInPage, signOutAndInElsewhere, pagesSuite, postStatus } from '../helpers/browser.ts';
import { control } from '../helpers/sandbox.ts';

type Json = any;
const CUSTOMER = 'noah.brown7922@example.com'; // a real customer of the seed: Noah Brown

let sandbox!: RunningSandbox;
let browser!: Browser;
let url: string;
pagesSuite(async (sb, chromium) => {
  sandbox = sb;
  browser = chromium;
  url = sandbox.urls.helpdesk;
});

async function tickets(): Promise<Json[]> {
  return (await control(sandbox, 'GET', '/state/extras')).json.helpdesk.tickets;
}
async function ticket(id: number): Promise<Json> {
  return (await tickets()).find((t) => t.id === id);
}
async function writes(op?: string): Promise<Json[]> {
  const all: Json[] = (await control(sandbox, 'GET', '/writes')).json.writes;
  return op ? all.filter((w) => w.op === op) : all;
}
async function fileTicket(subject: string, body = 'Please help.', from = CUSTOMER): Promise<number> {
  const { status, json } = await control(sandbox, 'POST', '/tickets', { from, subject, body });
  expect(status).toBe(200);
  return json.id;
}
async function openPage(): Promise<Page> {
  return signedInPage(browser, sandbox, 'helpdesk');
}
async function close(page: Page) {
  await page.context().close();
}

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
const ticketTable = (page: Page) => page.getByRole('table', { name: 'Tickets' });

async function filter(page: Page, opts: { status?: string; assignee?: string; search?: string }) {
  if (opts.status) await page.getByLabel('Status').selectOption({ label: opts.status });
  if (opts.assignee) await page.getByLabel('Assignee').selectOption({ label: opts.assignee });
  if (opts.search !== undefined) await page.getByLabel('Search').fill(opts.search);
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForLoadState();
}

describe('sign-in', () => {
  it('sends an unauthenticated visitor to the login page, and / to the queue', async () => {
    for (const path of ['/tickets', '/tickets/1001']) {
      const res = await fetch(`${url}${path}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    const page = await openPage();
    await page.goto(`${url}/`);
    expect(new URL(page.url()).pathname).toBe('/tickets');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Ticket queue');
    await close(page);
  });
});

describe('the queue', () => {
  it('pages through the tickets 20 at a time, newest first', async () => {
    const page = await openPage();
    const all = await tickets();
    const first = await column(ticketTable(page), '#');
    expect(first).toHaveLength(20);
    const newest = [...all].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
    expect(first).toEqual(newest.slice(0, 20).map((t) => `#${t.id}`));
    await expect(page.getByText(`Page 1 of 2 (${all.length} results)`).first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Previous' }).count()).resolves.toBe(0);

    await page.getByRole('link', { name: 'Next' }).first().click();
    await page.waitForURL(/page=2/);
    const second = await column(ticketTable(page), '#');
    expect(second).toEqual(newest.slice(20, 40).map((t) => `#${t.id}`));
    expect(second.some((id) => first.includes(id))).toBe(false);
    await page.getByRole('link', { name: 'Previous' }).first().click();
    await page.waitForURL(/page=1/);
    expect(await column(ticketTable(page), '#')).toEqual(first);
    await close(page);
  });

  it('filters by status, by assignee and by a search over subject and requester', async () => {
    const page = await openPage();
    const all = await tickets();

    await filter(page, { status: 'New' });
    const newOnes = all.filter((t) => t.status === 'new');
    expect(newOnes.length).toBeGreaterThan(0);
    expect(new Set(await column(ticketTable(page), 'Status'))).toEqual(new Set(['new']));
    expect(await column(ticketTable(page), '#')).toHaveLength(Math.min(20, newOnes.length));

    await filter(page, { status: 'Any status', assignee: 'Ben Okafor' });
    const ben = all.filter((t) => t.assignee === 'Ben Okafor');
    expect(ben.length).toBeGreaterThan(0);
    expect((await column(ticketTable(page), '#')).sort()).toEqual(ben.map((t) => `#${t.id}`).sort());

    await filter(page, { assignee: 'Unassigned' });
    const unassigned = all.filter((t) => t.assignee === null);
    expect(new Set(await column(ticketTable(page), 'Assignee'))).toEqual(new Set(['—']));
    await expect(page.getByText(`(${unassigned.length} results)`).first().isVisible()).resolves.toBe(true);

    // filed tickets are found by their subject, by the requester's name, and combined with a status
    const a = await fileTicket('Parcel zebra-7731 never came');
    const b = await fileTicket('Refund for zebra-7731 please');
    await page.goto(`${url}/tickets`);
    await filter(page, { search: 'zebra-7731' });
    expect(await column(ticketTable(page), '#')).toEqual([`#${b}`, `#${a}`]);
    expect(await column(ticketTable(page), 'Subject')).toEqual(['Refund for zebra-7731 please', 'Parcel zebra-7731 never came']);
    await page.getByRole('link', { name: 'Refund for zebra-7731 please' }).click();
    await page.waitForURL(`${url}/tickets/${b}`);

    await page.goto(`${url}/tickets`);
    await filter(page, { status: 'New', search: 'noah brown' });
    const byName = await column(ticketTable(page), '#');
    expect(byName).toContain(`#${a}`);
    expect(byName.indexOf(`#${b}`)).toBe(byName.indexOf(`#${a}`) - 1); // newest first
    expect(new Set(await column(ticketTable(page), 'Requester')).size).toBe(1);

    await filter(page, { status: 'Solved', search: 'zebra-7731' });
    await expect(page.getByText('No tickets match these filters.').isVisible()).resolves.toBe(true);
    await close(page);
  });

  it('refuses unknown filter values with a 400 page', async () => {
    const page = await openPage();
    for (const query of ['status=closed', 'assignee=Nobody']) {
      const res = await page.goto(`${url}/tickets?${query}`);
      expect(res?.status()).toBe(400);
      await expect(page.getByRole('alert').innerText()).resolves.toMatch(/Unknown/);
    }
    await close(page);
  });
});

describe('a ticket', () => {
  it('shows the subject, the requester and their email, status, assignee and the customer message', async () => {
    const id = await fileTicket('Broken keyboard', 'My keyboard arrived broken.\nOrder #W7678072.');
    const page = await openPage();
    await page.goto(`${url}/tickets/${id}`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`Ticket #${id}: Broken keyboard`);
    const mail = page.getByRole('link', { name: CUSTOMER });
    await expect(mail.getAttribute('href')).resolves.toBe(`mailto:${CUSTOMER}`);
    await expect(page.getByRole('row', { name: /Requester/ }).innerText()).resolves.toContain('Noah Brown');
    await expect(page.getByRole('row', { name: /Status/ }).innerText()).resolves.toContain('new');
    await expect(page.getByRole('row', { name: /Assignee/ }).innerText()).resolves.toContain('Unassigned');
    const conversation = page.getByRole('region', { name: 'Conversation' });
    await expect(conversation.innerText()).resolves.toContain('Customer message');
    await expect(conversation.innerText()).resolves.toContain('My keyboard arrived broken.\nOrder #W7678072.');
    await close(page);
  });

  it('sends a reply only after it is confirmed in the modal, once', async () => {
    const id = await fileTicket('Where is my order?');
    const page = await openPage();
    await page.goto(`${url}/tickets/${id}`);
    await page.getByLabel('Reply').fill('Hi Noah,\nit ships tomorrow.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toContain(`Send this message to ${CUSTOMER}?`);
    await expect(dialog.innerText()).resolves.toContain('it ships tomorrow.');
    // cancelling sends nothing
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await writes()).toEqual([]);
    expect((await ticket(id)).messages).toHaveLength(1);

    await page.getByRole('button', { name: 'Send reply' }).click();
    await dialog.getByRole('button', { name: 'Confirm and send' }).click();
    await page.waitForURL(`${url}/tickets/${id}`);
    await expect(page.getByRole('status').innerText()).resolves.toBe(`Reply sent to ${CUSTOMER}.`);
    const conversation = page.getByRole('region', { name: 'Conversation' });
    await expect(conversation.getByRole('listitem').last().innerText()).resolves.toMatch(/Agent reply · agent[\s\S]*Hi Noah,\nit ships tomorrow\./);

    const t = await ticket(id);
    expect(t.messages.map((m: Json) => [m.kind, m.author, m.body])).toEqual([
      ['customer', CUSTOMER, 'Please help.'],
      ['reply', 'agent', 'Hi Noah,\nit ships tomorrow.'],
    ]);
    expect(t.status).toBe('open'); // a reply opens a new ticket
    const w = await writes();
    expect(w.map((x) => [x.via, x.op, x.target])).toEqual([['helpdesk', 'helpdesk_reply', String(id)]]);
    // a reload does not send it again
    await page.reload();
    expect(await writes()).toHaveLength(1);
    await close(page);
  });

  it('without script, the server asks for the confirmation on a page of its own', async () => {
    const id = await fileTicket('No script here');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(5_000);
    await page.goto(`${url}/login`);
    await page.getByLabel('Username').fill(sandbox.credentials.helpdesk.username);
    await page.getByLabel('Password').fill(sandbox.credentials.helpdesk.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.goto(`${url}/tickets/${id}`);
    await page.getByLabel('Reply').fill('Sent without script.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.waitForURL(`${url}/tickets/${id}/reply`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Send reply?');
    await expect(page.getByRole('region', { name: 'Confirmation' }).innerText()).resolves.toContain('Sent without script.');
    expect(await writes()).toEqual([]);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.waitForURL(`${url}/tickets/${id}`);
    expect((await ticket(id)).messages.map((m: Json) => m.kind)).toEqual(['customer', 'reply']);
    expect(await writes('helpdesk_reply')).toHaveLength(1);
    await context.close();
  });

  it('adds an internal note, visibly marked, once', async () => {
    const id = await fileTicket('Note me');
    const page = await openPage();
    await page.goto(`${url}/tickets/${id}`);
    await page.getByLabel('Note').fill('Customer called, asked for a callback.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.waitForURL(`${url}/tickets/${id}`);
    await expect(page.getByRole('status').innerText()).resolves.toBe('Internal note added.');
    const last = page.getByRole('region', { name: 'Conversation' }).getByRole('listitem').last();
    await expect(last.innerText()).resolves.toMatch(/^Internal note · agent · [\s\S]*Customer called, asked for a callback\.$/);
    const t = await ticket(id);
    expect(t.messages.at(-1)).toMatchObject({ kind: 'note', author: 'agent', body: 'Customer called, asked for a callback.' });
    expect(t.status).toBe('new'); // a note is not a reply
    expect((await writes()).map((w) => [w.op, w.target, w.args])).toEqual([['helpdesk_note', String(id), { body: 'Customer called, asked for a callback.' }]]);
    await close(page);
  });

  it('changes the status and the assignee, each once', async () => {
    const id = await fileTicket('Status and assignee');
    const page = await openPage();
    await page.goto(`${url}/tickets/${id}`);
    await page.getByLabel('Status').selectOption('pending');
    await page.getByRole('button', { name: 'Update status' }).click();
    await page.waitForURL(`${url}/tickets/${id}`);
    await expect(page.getByRole('status').innerText()).resolves.toBe('Status changed from new to pending.');
    await expect(page.getByRole('row', { name: /Status/ }).innerText()).resolves.toContain('pending');

    await page.getByLabel('Assignee').selectOption('Ben Okafor');
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.waitForURL(`${url}/tickets/${id}`);
    await expect(page.getByRole('status').innerText()).resolves.toBe('Ticket assigned to Ben Okafor.');
    await expect(page.getByRole('row', { name: /Assignee/ }).innerText()).resolves.toContain('Ben Okafor');
    expect(await ticket(id)).toMatchObject({ status: 'pending', assignee: 'Ben Okafor' });

    // the same value again changes nothing and records nothing
    await page.getByRole('button', { name: 'Update status' }).click();
    await page.waitForURL(`${url}/tickets/${id}`);
    await expect(page.getByRole('status').innerText()).resolves.toMatch(/already pending/);
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.waitForURL(`${url}/tickets/${id}`);

    await page.getByLabel('Assignee').selectOption({ label: 'Unassigned' });
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.waitForURL(`${url}/tickets/${id}`);
    expect((await ticket(id)).assignee).toBeNull();

    expect((await writes()).map((w) => [w.op, w.target, w.args])).toEqual([
      ['helpdesk_status', String(id), { status: 'pending', from: 'new' }],
      ['helpdesk_assign', String(id), { assignee: 'Ben Okafor', from: null }],
      ['helpdesk_assign', String(id), { assignee: null, from: 'Ben Okafor' }],
    ]);
    await close(page);
  });
});

describe('bad input changes nothing', () => {
  it('unknown tickets are 404; missing fields, bad status and bad assignee are 400', async () => {
    const id = await fileTicket('Target of bad input');
    const page = await openPage();
    for (const path of ['/tickets/99999', '/tickets/abc', '/tickets/1001x']) {
      const res = await page.goto(`${url}${path}`);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Ticket not found');
    }
    await page.goto(`${url}/tickets/${id}`);
    const csrf = await page.locator('input[name=_csrf]').first().inputValue();
    const before = await tickets();
    const cases: [string, Record<string, string>, number, RegExp][] = [
      [`/tickets/99999/notes`, { body: 'hello' }, 404, /no ticket/],
      [`/tickets/99999/reply`, { body: 'hello', confirm: 'yes' }, 404, /no ticket/],
      [`/tickets/${id}/notes`, {}, 400, /Note is required/],
      [`/tickets/${id}/notes`, { body: '   ' }, 400, /Note is required/],
      [`/tickets/${id}/reply`, { confirm: 'yes' }, 400, /Reply is required/],
      [`/tickets/${id}/reply`, { body: 'x'.repeat(20_001), confirm: 'yes' }, 400, /too long/],
      [`/tickets/${id}/status`, {}, 400, /Status is required/],
      [`/tickets/${id}/status`, { status: 'closed' }, 400, /Unknown status &quot;closed&quot;/],
      [`/tickets/${id}/assignee`, {}, 400, /Assignee is required/],
      [`/tickets/${id}/assignee`, { assignee: 'Mallory' }, 400, /Unknown agent &quot;Mallory&quot;/],
    ];
    for (const [path, form, status, message] of cases) {
      const res = await page.request.post(`${url}${path}`, { form: { _csrf: csrf, ...form }, maxRedirects: 0 });
      expect(res.status(), `${path} ${JSON.stringify(form).slice(0, 60)}`).toBe(status);
      expect(await res.text()).toMatch(message);
    }
    expect(await tickets()).toEqual(before);
    expect(await writes()).toEqual([]);
    await close(page);
  });

  it('a form from before signing out and in again is refused as stale (403)', async () => {
    const id = await fileTicket('Stale form');
    const page = await openPage();
    await page.goto(`${url}/tickets/${id}`);
    await page.getByLabel('Note').fill('From a stale form');
    // in another tab of the same browser: sign out, sign in again (a new session and CSRF token)
    await signOutAndInElsewhere(page, sandbox, 'helpdesk');

    const before = await tickets();
    expect(await postStatus(page, page.getByRole('button', { name: 'Add note' }))).toBe(403);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Security check failed');
    expect(await tickets()).toEqual(before);
    expect(await writes()).toEqual([]);
    await close(page);
  });
});

describe('HTML in customer text', () => {
  it('renders as text: nothing is injected into the queue or the ticket page', async () => {
    const subject = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">Help';
    const body = '<img src=x onerror="window.__pwned = 3"><b id="bold">bold?</b><script>window.__pwned = 4</script>';
    const id = await fileTicket(subject, body);
    const page = await openPage();
    await filter(page, { search: 'window.__pwned' });
    await expect(page.getByRole('link', { name: subject }).count()).resolves.toBe(1);
    const injected = async () => ({
      pwned: await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
      imgs: await page.locator('img').count(),
      bolds: await page.locator('b#bold').count(),
      scripts: await page.locator('script').evaluateAll((els) => els.filter((e) => e.textContent?.includes('__pwned')).length),
    });
    expect(await injected()).toEqual({ pwned: undefined, imgs: 0, bolds: 0, scripts: 0 });

    await page.getByRole('link', { name: subject }).click();
    await page.waitForURL(`${url}/tickets/${id}`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`Ticket #${id}: ${subject}`);
    await expect(page.getByRole('region', { name: 'Conversation' }).innerText()).resolves.toContain(body);
    expect(await injected()).toEqual({ pwned: undefined, imgs: 0, bolds: 0, scripts: 0 });

    // a reply with markup goes through the modal as text too
    await page.getByLabel('Reply').fill('<img src=x onerror="window.__pwned = 5">');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('dialog').waitFor();
    expect(await injected()).toEqual({ pwned: undefined, imgs: 0, bolds: 0, scripts: 0 });
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page.waitForURL(`${url}/tickets/${id}`);
    await expect(page.getByRole('region', { name: 'Conversation' }).innerText()).resolves.toContain('<img src=x onerror="window.__pwned = 5">');
    expect(await injected()).toEqual({ pwned: undefined, imgs: 0, bolds: 0, scripts: 0 });
    await close(page);
  });
});

describe('the variant layout', () => {
  it('renames classes and reorders columns, and the same flows still work', async () => {
    const id = await fileTicket('Variant layout ticket');
    const page = await openPage();
    const standard = { cls: await ticketTable(page).getAttribute('class'), headers: await ticketTable(page).getByRole('columnheader').allTextContents() };
    expect(standard).toEqual({ cls: 'grid', headers: ['#', 'Subject', 'Preview', 'Requester', 'Status', 'Assignee', 'Created'] });

    await control(sandbox, 'POST', '/faults', { helpdesk: { layout: 'variant' } });
    await page.reload();
    const cls = await ticketTable(page).getAttribute('class');
    expect(cls).not.toBe('grid');
    expect(await ticketTable(page).getByRole('columnheader').allTextContents()).toEqual([...standard.headers].reverse());
    expect(await page.locator('.grid, .pager, .field, .thread').count()).toBe(0);

    await filter(page, { status: 'New', search: 'Variant layout' });
    expect(await column(ticketTable(page), '#')).toEqual([`#${id}`]);
    await page.getByRole('link', { name: 'Variant layout ticket' }).click();
    await page.waitForURL(`${url}/tickets/${id}`);
    await page.getByLabel('Note').fill('Noted in the variant layout');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.waitForURL(`${url}/tickets/${id}`);
    await page.getByLabel('Reply').fill('Replied in the variant layout');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm and send' }).click();
    await page.waitForURL(`${url}/tickets/${id}`);
    await page.getByLabel('Status').selectOption('solved');
    await page.getByRole('button', { name: 'Update status' }).click();
    await page.waitForURL(`${url}/tickets/${id}`);
    await page.getByLabel('Assignee').selectOption('Legwork');
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.waitForURL(`${url}/tickets/${id}`);

    const t = await ticket(id);
    expect(t.messages.map((m: Json) => m.kind)).toEqual(['customer', 'note', 'reply']);
    expect(t).toMatchObject({ status: 'solved', assignee: 'Legwork' });
    expect((await writes()).map((w) => w.op)).toEqual(['helpdesk_note', 'helpdesk_reply', 'helpdesk_status', 'helpdesk_assign']);
    await close(page);
  });
});
