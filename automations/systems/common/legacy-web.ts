// What the four sandbox systems have in common as old web apps: the sign-in form, the error
// banner, the maintenance pop-up, and key/value tables with row headers. A real deployment's
// connectors differ per system; these are ours for the sandbox's.
import type { Locator, Page } from 'playwright-core';
import type { ActionContext, Candidate } from '../../runtime/action.ts';
import type { SystemSpec } from '../../runtime/system.ts';
import type { Credentials } from '../../runtime/secrets.ts';
import type { Address } from '../../../shared/retail.ts';

/**
 * The parts of a sandbox system's connector its kit gives (defineSystem's signIn, pop-up and error
 * banner): every page's title ends with the app's brand ("Ticket #3 · SupportDesk"), which is how a
 * page is known to be this system's.
 */
export function legacyWebParts(brand: string): Pick<SystemSpec, 'signIn' | 'interstitials' | 'errorText'> {
  const isLoginPage = (page: Page) =>
    // By what the page shows, not its address: a sign-in form can be served anywhere. Asked after
    // every page load, so in one look at the DOM: role and label locators cost a walk of the
    // page's accessibility tree each.
    page.evaluate(() => {
      const password = Array.from(document.querySelectorAll('input[type="password"]')).some((i) => (i as HTMLInputElement).labels?.length);
      const button = Array.from(document.querySelectorAll('button, input[type="submit"]')).some(
        (b) => ((b.tagName === 'INPUT' ? (b as HTMLInputElement).value : b.textContent) ?? '').replace(/\s+/g, ' ').trim() === 'Sign in',
      );
      return password && button;
    });
  return {
    signIn: {
      path: '/login',
      looksLike: async (page) => (await page.title()).endsWith(` · ${brand}`),
      isLoginPage,
      async submit(page: Page, credentials: Credentials) {
        await page.getByLabel('Username').fill(credentials.username);
        await page.getByLabel('Password').fill(credentials.password);
        // whatever page answers (the target, a refusal, a server error): the runner judges it
        await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }), page.getByRole('button', { name: 'Sign in' }).click()]);
        await page.waitForLoadState('domcontentloaded');
      },
    },
    interstitials: [
      {
        overlay: (page) => page.getByRole('dialog', { name: 'Scheduled maintenance' }),
        close: (overlay) => overlay.getByRole('button', { name: 'Dismiss' }).click(),
      },
    ],
    async errorText(page) {
      const alert = page.getByRole('alert').first();
      return (await alert.count()) > 0 ? (await alert.innerText()).trim() : undefined;
    },
  };
}

/** The sandbox's address forms (CRM default address, Orders shipping address): field → label. */
export const ADDRESS_LABELS = [
  ['address1', 'Address line 1'],
  ['address2', 'Address line 2'],
  ['city', 'City'],
  ['state', 'State'],
  ['country', 'Country'],
  ['zip', 'ZIP'],
] as const;

/** The lines the sandbox's pages show for an address: line 1, line 2, "city, state zip", country (empty lines left out). */
export function addressLines(a: Address): string[] {
  return [a.address1, a.address2, `${a.city}, ${a.state} ${a.zip}`, a.country].map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l !== '');
}

/** The value cell beside a row header: `| Status | open |`, whichever order the rows come in. */
export function valueOf(scope: Page | Locator, header: string): Locator {
  return scope
    .getByRole('row')
    .filter({ has: scope.getByRole('rowheader', { name: header, exact: true }) })
    .getByRole('cell')
    .first();
}

/** A value for a CSS attribute selector's or `:text-is()`'s quotes. */
export const cssString = (s: string) => s.replace(/["\\]/g, '\\$&');

/**
 * The value cell beside a row header as a find() candidate: by role, and first by one plain DOM
 * query for the same cell (a role query walks the whole page).
 */
export function valueCandidate(header: string, scope: (p: Page) => Page | Locator = (p) => p): Candidate {
  return {
    describe: `role=row[has rowheader "${header}"] >> role=cell`,
    locate: (p) => valueOf(scope(p), header),
    quick: (p) => scope(p).locator(`tr:has(> th:text-is("${cssString(header)}")) > td`),
  };
}

/**
 * A data table of the page by its accessible name, or null when its section shows the app's empty
 * message instead (a table with no rows is not drawn). First by its label in one DOM query; else by
 * role; else the table in the section under the heading of the same name (a heal).
 */
export async function namedTable(ctx: ActionContext, name: string, empty: string): Promise<Locator | null> {
  const page = ctx.page;
  const labelled = page.locator(`table[aria-label="${cssString(name)}"]`);
  if ((await labelled.count()) > 0) return labelled.first();
  if ((await sectionOf(page, name).getByText(empty, { exact: true }).count()) > 0) return null;
  return ctx.find(`the ${name} table`, [
    { describe: `role=table[name="${name}"]`, locate: (p) => p.getByRole('table', { name, exact: true }) },
    { describe: `section with heading "${name}" >> table`, locate: (p) => sectionOf(p, name).locator('table') },
  ]);
}

/** The page's section under the heading of this name. */
export function sectionOf(page: Page, heading: string): Locator {
  return page.locator('section').filter({ has: page.getByRole('heading', { name: heading, exact: true }) });
}

export async function textOf(loc: Locator): Promise<string> {
  return (await loc.innerText()).replace(/\s+/g, ' ').trim();
}

/** Rows of a table as objects keyed by its column headers, whatever order the columns come in. */
export async function tableRows(table: Locator): Promise<Record<string, string>[]> {
  return table.evaluate((el) => {
    const t = el as HTMLTableElement;
    const headers = Array.from(t.tHead?.rows[0]?.cells ?? []).map((c) => (c.textContent ?? '').trim());
    return Array.from(t.tBodies[0]?.rows ?? []).map((row) =>
      Object.fromEntries(
        Array.from(row.cells).map((cell, i) => {
          // a line break in a cell separates words ("Fatima Anderson<br>fatima@…"): keep a space there
          const copy = cell.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('br').forEach((br) => br.replaceWith(' '));
          return [headers[i] ?? String(i), (copy.textContent ?? '').replace(/\s+/g, ' ').trim()];
        }),
      ),
    );
  });
}

/**
 * The page's title and every row-header fact (`| Status | open |`) in one pass over the page:
 * reading them one locator at a time costs a round trip to the browser each.
 */
export async function pageFacts(page: Page): Promise<{ title: string; facts: Record<string, string>; lines: Record<string, string[]> }> {
  // no named functions inside: the CLI's TypeScript loader would wrap them in a helper the page lacks
  return page.evaluate(() => {
    const facts: Record<string, string> = {};
    const lines: Record<string, string[]> = {};
    for (const th of Array.from(document.querySelectorAll('main th[scope="row"]'))) {
      const key = (th.textContent ?? '').replace(/\s+/g, ' ').trim();
      const cell = th.parentElement?.querySelector('td');
      if (!key || !cell || key in facts) continue;
      const shown = (cell as HTMLElement).innerText;
      facts[key] = shown.replace(/\s+/g, ' ').trim();
      lines[key] = shown.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l !== '');
    }
    return { title: (document.querySelector('main h1')?.textContent ?? '').replace(/\s+/g, ' ').trim(), facts, lines };
  });
}
