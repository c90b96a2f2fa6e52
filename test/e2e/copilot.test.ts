// The copilot end to end, in browser mode: `legwork start --headless` against the sandbox, the
// real panel in Chromium. An agent resolves a ticket, a lead tightens the policy and the agent's
// next proposal needs approval where it ran alone before, QA records a verdict; the API refuses
// what does not come from the panel. Screenshots of each view go to tmp/e2e-*.png.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { TraceStore } from '../../core/trace/store.ts';
import { signedInAgent } from '../../core/identity.ts';
import type { PolicyInput } from '../../shared/policy.ts';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { launchChromium } from '../helpers/browser.ts';
import { control, sandboxForTest } from '../helpers/sandbox.ts';
import { fileCancelRequest, homeWithLeadKey, panelPage, pendingOrder, shot, signed, startHeadless, type Started } from './harness.ts';

const EXAMPLE = JSON.parse(readFileSync(new URL('../../examples/policy.json', import.meta.url), 'utf8')) as PolicyInput & { actions: Record<string, unknown> };
const LOOSE: PolicyInput = {
  ...EXAMPLE,
  name: 'Sandbox team: notes, replies and statuses run alone',
  actions: { ...EXAMPLE.actions, add_crm_note: { mode: 'auto' }, reply_to_customer: { mode: 'auto' }, set_ticket_status: { mode: 'auto' } },
};
const TIGHT: PolicyInput = {
  ...EXAMPLE,
  name: 'Sandbox team: every write needs approval',
  actions: { ...EXAMPLE.actions, add_crm_note: { mode: 'approve' }, reply_to_customer: { mode: 'approve' }, set_ticket_status: { mode: 'approve' } },
};

let sandbox: RunningSandbox;
let started: Started;
let browser: Browser;
let page: Page;
let home: string;
let lead: ReturnType<typeof homeWithLeadKey>['lead'];
let firstOrder: Awaited<ReturnType<typeof pendingOrder>>;
let firstTicket: number;

beforeAll(async () => {
  ({ home, lead } = homeWithLeadKey());
  sandbox = await sandboxForTest();
  [started, browser] = await Promise.all([startHeadless(sandbox, home), launchChromium()]);
  page = await panelPage(browser, started);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await started?.stop();
  await sandbox?.close();
});

const tab = (name: string) => page.getByRole('tab', { name });
const step = (action: string): Locator => page.getByRole('list', { name: 'Steps' }).getByRole('listitem').filter({ has: page.locator('.step-action', { hasText: new RegExp(`^${action}$`) }) });

// A lead signs in the panel's form now (test/e2e/lead-flows.test.ts walks it); a policy signed
// elsewhere is installed through the API, as `legwork policy install` does, and the lead view shows it.
async function installPolicy(text: string): Promise<void> {
  const res = await fetch(`${new URL(started.panel).origin}/api/policy.install`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${started.token}` },
    body: JSON.stringify({ signedText: text }),
  });
  const body = (await res.json()) as { ok: boolean };
  expect(body.ok, JSON.stringify(body)).toBe(true);
  await tab('Team lead').click();
  await page.getByText(/In force: "/).first().waitFor();
}

async function openAndPropose(ticketId: number): Promise<void> {
  await tab('Agent').click();
  if (await page.getByRole('button', { name: '← Back to queue' }).isVisible()) await page.getByRole('button', { name: '← Back to queue' }).click();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByRole('list', { name: 'Tickets' }).getByRole('button', { name: new RegExp(`#${ticketId} `) }).click();
  await page.getByRole('heading', { name: new RegExp(`Ticket #${ticketId}: Cancel order`) }).waitFor();
  await page.getByRole('button', { name: 'Propose' }).click();
  await page.getByRole('heading', { name: /^Plan:/ }).waitFor({ timeout: 30_000 });
}

describe('legwork start --headless: the copilot in browser mode', () => {
  it('an agent opens a ticket, proposes, approves with Ctrl+Enter, sees it done, and the sandbox changed', async () => {
    await installPolicy(signed(LOOSE, lead));
    firstOrder = await pendingOrder(sandbox);
    firstTicket = await fileCancelRequest(sandbox, firstOrder);

    await tab('Agent').click();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('list', { name: 'Tickets' }).getByRole('button', { name: new RegExp(`#${firstTicket} `) }).waitFor();
    await shot(page, 'queue');
    await openAndPropose(firstTicket);

    await step('cancel pending order').locator('.badge.decision-approve').waitFor();
    await step('reply to customer').locator('.badge.decision-auto').waitFor();
    await shot(page, 'proposal');

    await page.keyboard.press('Control+Enter');
    await page.getByText('Done: every step ran and was verified.').waitFor({ timeout: 40_000 });
    await step('cancel pending order').locator('.badge.status-done').waitFor();
    // the step's screenshot is served to the panel from the trace store's blobs
    const thumb = step('cancel pending order').getByRole('img', { name: /Screenshot after step/ });
    await thumb.waitFor();
    expect(await thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Reply sent' }).scrollIntoViewIfNeeded();
    await shot(page, 'run-done');

    const { json: state } = await control(sandbox, 'GET', '/state');
    expect(state.orders[firstOrder.orderId].status).toBe('cancelled');
  }, 60_000);

  it('a lead tightens the policy, and the next proposal needs approval where it ran alone before', async () => {
    await installPolicy(signed(TIGHT, lead));
    // what would change, in the lead's form, is walked in test/e2e/lead-flows.test.ts
    await shot(page, 'lead');

    const second = await pendingOrder(sandbox, [firstOrder.orderId]);
    const ticket = await fileCancelRequest(sandbox, second);
    await openAndPropose(ticket);
    await step('reply to customer').locator('.badge.decision-approve').waitFor();
    expect(await step('reply to customer').locator('.badge.decision-auto').count()).toBe(0);
  }, 60_000);

  it('QA opens the run in the QA view and records a verdict', async () => {
    await tab('QA').click();
    const run = page.getByRole('list', { name: 'Runs' }).getByRole('button', { name: new RegExp(`Ticket #${firstTicket} `) });
    await run.click();
    await page.getByRole('heading', { name: 'Verdict' }).waitFor();
    await shot(page, 'qa-run');
    await page.getByRole('radio', { name: 'Pass' }).check();
    await page.getByLabel('Comment').fill('cancelled as asked; reply polite');
    await page.getByRole('button', { name: 'Save verdict' }).click();
    await page.getByText('Verdict saved.').waitFor();

    const traces = TraceStore.forHome(home);
    const listed = await traces.listRuns({ ticketId: firstTicket });
    expect(listed.ok && listed.data.map((r) => r.verdict)).toEqual(['pass']);
    const reviews = await traces.reviews.of(listed.ok ? listed.data[0]!.run : '');
    expect(reviews.at(-1)).toMatchObject({ verdict: 'pass', comment: 'cancelled as asked; reply polite', reviewer: signedInAgent() });

    await tab('Settings').click();
    await page.getByRole('heading', { name: /Settings/ }).first().waitFor();
    await shot(page, 'settings');
  }, 30_000);

  it('the API refuses a request without the token or from a foreign origin; a malformed call gets a clear error', async () => {
    const call = (method: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${started.api}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const auth = { authorization: `Bearer ${started.token}` };

    const noToken = await call('settings.get', '{}');
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'a valid token is required' } });

    const foreign = await call('settings.get', '{}', { ...auth, origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.message).toMatch(/origin http:\/\/evil\.example/);

    const malformed = await call('tickets.open', '{"ticketId":"seven"}', auth);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^tickets\.open: ticketId: /) });

    const notJson = await call('tickets.open', '{ticketId: 7', auth);
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toMatch(/not valid JSON/);

    const ok = await call('settings.get', '{}', auth);
    expect(await ok.json()).toMatchObject({ ok: true, data: { planner: 'offline', llm: { hasKey: false } } });
  });
});
