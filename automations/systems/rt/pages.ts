// Request Tracker 5's pages as a person reads them: the ticket page (its basics, its people, and the
// history that loads after the page), the search results, the sign-in form, and the pages RT uses
// to refuse with HTTP 200 (its cross-site request check, the results of a refused update).
import type { Page } from 'playwright-core';
import type { ActionContext, Refusal } from '../../runtime/action.ts';
import type { Credentials } from '../../runtime/secrets.ts';
import type { HelpdeskStatus, QueueRow, Ticket } from '../../../shared/roles/helpdesk.ts';

// ---- statuses: RT's lifecycle words and the helpdesk role's ----------------------------------

const ROLE_BY_RT: Record<string, HelpdeskStatus> = { new: 'new', open: 'open', stalled: 'pending', resolved: 'solved', rejected: 'closed', deleted: 'closed' };
const RT_BY_ROLE: Record<HelpdeskStatus, string> = { new: 'new', open: 'open', pending: 'stalled', solved: 'resolved', closed: 'rejected' };

/** RT's status for the role's: pending → stalled, solved → resolved, closed → rejected. */
export const rtStatus = (status: HelpdeskStatus): string => RT_BY_ROLE[status];
/** The role's status for RT's (an unknown one is passed on for the output schema to refuse). */
export const roleStatus = (shown: string): HelpdeskStatus => ROLE_BY_RT[shown.trim().toLowerCase()] ?? (shown as HelpdeskStatus);
/** The RT statuses a role status stands for (closed: rejected and deleted), for searches. */
export const rtStatusesFor = (status: HelpdeskStatus): string[] => Object.keys(ROLE_BY_RT).filter((s) => ROLE_BY_RT[s] === status);

// ---- signing in --------------------------------------------------------------------------------

/** Every RT page: Mason's component id on the body and Best Practical's footer. */
export const looksLikeRt = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.body?.id.startsWith('comp-') === true && document.querySelector('#footer[title^="Best Practical"]') !== null);

export const isRtLoginPage = (page: Page): Promise<boolean> => page.evaluate(() => document.querySelector('form#login input[name="pass"]') !== null);

export async function submitRtLogin(page: Page, baseUrl: string, credentials: Credentials): Promise<void> {
  await page.locator('form#login input[name="user"]').fill(credentials.username);
  await page.locator('form#login input[name="pass"]').fill(credentials.password);
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }), page.locator('form#login [type="submit"]').click()]);
  await page.waitForLoadState('domcontentloaded');
  // RT's quirk: a sign-in without a `next` it knows signs in but shows the form again; the start page then opens
  const wrongPassword = await page.getByText('Your username or password is incorrect').count();
  if (!wrongPassword && (await isRtLoginPage(page))) await page.goto(new URL('/', baseUrl).toString(), { waitUntil: 'domcontentloaded' });
}

// ---- refusals that come with 200 ---------------------------------------------------------------

/** What RT says in an update's results when it did not do it. */
const REFUSED = /Permission Denied|You can only|not allowed|Could not|is not a valid|Illegal value/i;

export async function rtRefusal(page: Page): Promise<Refusal | undefined> {
  const { title, results } = await page.evaluate(() => ({
    title: document.title,
    results: Array.from(document.querySelectorAll('ul.action-results li')).map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim()),
  }));
  if (/cross-site request forgery/i.test(title)) return { message: 'possible cross-site request forgery (the request came without the Referer RT expects); nothing was changed' };
  const refused = results.find((r) => REFUSED.test(r));
  return refused ? { message: refused } : undefined;
}

// ---- the ticket page ---------------------------------------------------------------------------

export async function openTicket(ctx: ActionContext, id: number): Promise<void> {
  await ctx.open(`/Ticket/Display.html?id=${id}`);
  await ctx.expectTarget('ticket', `#${id}:`, await ctx.page.title());
}

/** For a read-back: the page an update lands on is the ticket's own page (with its results). */
export async function onTicket(ctx: ActionContext, id: number): Promise<void> {
  const url = new URL(ctx.page.url());
  if (url.pathname === '/Ticket/Display.html' && url.searchParams.get('id') === String(id)) await ctx.checkPage();
  else await openTicket(ctx, id);
}

/** "Derek Simmons <derek.simmons@example.net>" → name and address; "sam (Sam Carter)" → the user name. */
function person(shown: string): { name: string; email: string; user: string } {
  const email = /<([^>]+)>\s*$/.exec(shown)?.[1] ?? '';
  const name = shown.replace(/<[^>]*>\s*$/, '').trim();
  return { name: name || email, email, user: name.replace(/\s*\(.*\)\s*$/, '') };
}

/** RT's "Thu Dec 03 14:45:17 2026" as an ISO time, or as shown when it does not parse. */
function isoTime(shown: string): string {
  const t = new Date(shown.replace(/\s+/g, ' ').trim());
  return Number.isNaN(t.getTime()) ? shown.trim() : t.toISOString();
}

/** The ticket as the role has it: basics, people, and every message of its history (which loads after the page). */
export async function readTicket(ctx: ActionContext, id: number): Promise<Ticket> {
  const page = ctx.page;
  // the history comes by XHR after the page (RT's $ShowHistory = 'delay')
  await ctx.find('the ticket history', [
    { describe: '#delayed_ticket_history .transaction', locate: (p) => p.locator('#delayed_ticket_history .transaction, .history-container .transaction') },
  ], 10_000);
  // no named functions inside: the CLI's TypeScript loader would wrap them in a helper the page lacks
  const shown = await page.evaluate(() => {
    const basics: Record<string, string> = {};
    for (const cls of ['status', 'queue', 'owner', 'requestors']) {
      basics[cls] = (document.querySelector(`.form-row.${cls} .current-value`)?.textContent ?? '').replace(/\s+/g, ' ').trim();
    }
    const transactions = Array.from(document.querySelectorAll('.history-container .transaction.message, #delayed_ticket_history .transaction.message')).map((t) => {
      const description = (t.querySelector('.description')?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const author = (t.querySelector('.description .user')?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const at = (t.querySelector('.date')?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const body = (t.querySelector('.messagebody') as HTMLElement | null)?.innerText ?? '';
      return { description, author, at, body };
    });
    return { title: document.title, status: basics.status ?? '', queue: basics.queue ?? '', owner: basics.owner ?? '', requestors: basics.requestors ?? '', transactions };
  });
  const requester = person(shown.requestors.split(/,\s*(?=[^,]*<)/)[0] ?? '');
  const owner = person(shown.owner).user;
  return {
    id,
    subject: shown.title.replace(/^#\d+:\s*/, ''),
    requester_name: requester.name,
    requester_email: requester.email,
    status: roleStatus(shown.status),
    assignee: owner === '' || /^Nobody/.test(owner) ? null : owner,
    queue: shown.queue,
    messages: shown.transactions.map((t) => {
      const by = person(t.author);
      const fromRequester = requester.email !== '' && by.email.toLowerCase() === requester.email.toLowerCase();
      const kind = /Comments? added/i.test(t.description) ? 'note' : fromRequester ? 'customer' : 'reply';
      return { kind, author: kind === 'customer' ? by.name : by.user, at: isoTime(t.at), body: t.body.trim() } as const;
    }),
  };
}

// ---- search results ------------------------------------------------------------------------------

/** The columns our searches ask RT for, by the titles we give them. */
export const RESULT_FORMAT = ["'__id__/TITLE:id'", "'__Subject__/TITLE:subject'", "'__Status__/TITLE:status'", "'__QueueName__/TITLE:queue'", "'__OwnerName__/TITLE:owner'", "'__Requestors__/TITLE:requestors'", "'__Created__/TITLE:created'"].join(',');

/** A TicketSQL string literal. */
export const sqlString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export async function readResults(page: Page): Promise<{ found: number; rows: QueueRow[] }> {
  const shown = await page.evaluate(() => {
    const table = document.querySelector('table.ticket-list');
    const headers = Array.from(table?.querySelectorAll('tr th') ?? []).map((th) => (th.textContent ?? '').trim().toLowerCase());
    const rows = Array.from(table?.querySelectorAll('tbody.list-item') ?? []).map((tb) =>
      Object.fromEntries(
        Array.from(tb.querySelectorAll('tr:first-child > td')).map((td, i) => {
          // an editable cell holds its form and, beside it, the value as shown
          const value = td.querySelector(':scope > .value') ?? td;
          return [headers[i] ?? String(i), (value.textContent ?? '').replace(/\s+/g, ' ').trim()];
        }),
      ),
    );
    return { heading: document.querySelector('#header h1')?.textContent ?? document.title, rows };
  });
  const found = Number(/Found (\d+) tickets?/.exec(shown.heading)?.[1] ?? (/No tickets? found|Found 0/i.test(shown.heading) ? 0 : shown.rows.length));
  const rows = shown.rows.map((r) => {
    const owner = person(r.owner ?? '').user;
    return {
      id: Number(r.id),
      subject: r.subject ?? '',
      requester: r.requestors ?? '',
      status: roleStatus(r.status ?? ''),
      assignee: owner === '' || /^Nobody/.test(owner) ? null : owner,
      created: r.created ?? '',
      queue: r.queue ?? '',
    };
  });
  return { found, rows };
}
