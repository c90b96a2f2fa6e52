// Each user's flow through the panel in real Chromium (browser mode, in this process), as a person
// would walk it: the agent's run at 420 px, QA reviewing a write's screenshots. The page is what is
// asserted, and the sandbox where a run changes it. Screenshots go to tmp/screens/.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { launchChromium } from '../helpers/browser.ts';
import { control, sandboxForTest } from '../helpers/sandbox.ts';
import type { PolicyInput } from '../../shared/policy.ts';
import { fileCancelRequest, homeWithLeadKey, pendingOrder, signed } from './harness.ts';
import { openPanel, screen, startInProcess, type InProcess } from './in-process.ts';
import { choosingPlanner, TWO_THINGS } from './choosing-planner.ts';
import { Approvers } from '../../core/approvals/approvers.ts';
import { signedInAgent } from '../../core/identity.ts';

const EXAMPLE = JSON.parse(readFileSync(new URL('../../examples/policy.json', import.meta.url), 'utf8')) as PolicyInput;

const LEAD = { name: 'Lee Lead', passphrase: 'a long lead passphrase' };

let sandbox: RunningSandbox;
let core: InProcess;
let browser: Browser;
let page: Page;
let cancelled: { orderId: string; ticket: number } | undefined;

beforeAll(async () => {
  const { home, lead } = homeWithLeadKey();
  sandbox = await sandboxForTest();
  [core, browser] = await Promise.all([startInProcess(sandbox, home, { planner: choosingPlanner }), launchChromium()]);
  // the team's policy as the examples give it: cancellations and notes approved by the agent, refunds capped
  await core.service.handlers['policy.install']({ signedText: signed(EXAMPLE, lead) }, { caller: 'test' });
  // a lead set up as second approver, as `legwork approver add` does
  expect(new Approvers(home).add(LEAD.name, LEAD.passphrase).ok).toBe(true);
  page = await openPanel(browser, core.panel);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await core?.stop();
  await sandbox?.close();
});

const tab = (name: string) => page.getByRole('tab', { name });

async function openTicket(p: Page, ticketId: number): Promise<void> {
  await p.getByRole('tab', { name: 'Agent' }).click();
  const back = p.getByRole('button', { name: '← Back to queue' });
  if (await back.isVisible()) await back.click();
  // the queue reads the helpdesk's whole listing: give it time on a busy machine
  await p.getByRole('button', { name: 'Refresh' }).click({ timeout: 60_000 });
  await p.getByRole('list', { name: 'Tickets' }).getByRole('button', { name: new RegExp(`#${ticketId} `) }).click({ timeout: 60_000 });
  await p.getByRole('heading', { name: new RegExp(`Ticket #${ticketId}:`) }).waitFor();
}

/** The bottom edge of an element is inside the viewport: what a person sees without scrolling. */
async function onScreen(p: Page, selector: string): Promise<boolean> {
  return p.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
  });
}

async function approvedCancel(): Promise<{ orderId: string; ticket: number }> {
  if (cancelled) return cancelled;
  const order = await pendingOrder(sandbox);
  const ticket = await fileCancelRequest(sandbox, order);
  await openTicket(page, ticket);
  await page.getByRole('button', { name: 'Propose' }).click();
  const heading = page.getByRole('heading', { name: /^Plan:/ });
  await heading.waitFor({ timeout: 60_000 });
  // focus moved to the plan; the plan is one line per step and the bar with Approve is on screen
  expect(await heading.evaluate((h) => h === document.activeElement)).toBe(true);
  const steps = page.getByRole('list', { name: 'Steps' });
  expect(await steps.getByRole('listitem').count()).toBe(4);
  expect((await steps.boundingBox())!.height).toBeLessThan(420);
  expect(await onScreen(page, '.plan-bar')).toBe(true);
  const cancelStep = steps.getByRole('listitem', { name: /cancel pending order/ });
  expect(await cancelStep.textContent()).toMatch(/Needs your approval/);
  await cancelStep.getByRole('button', { name: /cancel pending order/ }).click();
  expect(await cancelStep.textContent()).toMatch(/Needs your approval \(team rule: cancellations are checked\)/);
  expect(await cancelStep.textContent()).not.toMatch(/no rule names|default mode/);
  await screen(page, 'agent-plan');

  await page.keyboard.press('Control+Enter');
  const bar = page.getByRole('region', { name: 'Run' });
  await bar.waitFor();
  expect(await onScreen(page, '.run-bar')).toBe(true);
  await page
    .getByText('Done: every step ran and was verified.')
    .waitFor({ timeout: 60_000 })
    .catch(async (e: unknown) => {
      await screen(page, 'debug-run');
      throw new Error(`${String(e)}\n${(await page.locator('main').textContent())?.slice(-1500)}`);
    });
  // the result stays on screen, in the bar, and has the focus
  expect(await onScreen(page, '.run-result')).toBe(true);
  expect(await page.evaluate(() => document.activeElement?.classList.contains('run-result'))).toBe(true);
  expect(await bar.textContent()).toMatch(/\d+ s/);
  await screen(page, 'agent-done');
  cancelled = { orderId: order.orderId, ticket };
  return cancelled;
}

interface Discrepancy {
  kind: string;
  order_id: string;
  user_id: string;
  amount: number;
}
const usd = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A duplicate capture the sandbox planted whose refund needs a second approver under the example policy ($500–$2,000). */
async function discrepancy(nth: number): Promise<Discrepancy> {
  const { json } = await control(sandbox, 'GET', '/state/extras');
  const found = (json.billing.discrepancies as Discrepancy[]).filter((d) => d.kind === 'duplicate_capture' && d.amount > 500 && d.amount <= 2000);
  if (!found[nth]) throw new Error('the sandbox has no such discrepancy');
  return found[nth];
}

async function fileChargedTwice(d: Discrepancy): Promise<number> {
  const user = (await control(sandbox, 'GET', '/state')).json.users[d.user_id];
  const name = `${user.name.first_name} ${user.name.last_name}`;
  const { json } = await control(sandbox, 'POST', '/tickets', {
    from: user.email,
    subject: `Charged twice for order ${d.order_id}`,
    body: `Hello,\n\nI was charged twice for order ${d.order_id}. Please refund the duplicate charge.\n\nThanks,\n${name}`,
  });
  return json.id as number;
}

describe('the panel in browser mode, walked through', () => {
  it('an agent at 420 px: a compact plan, the run bar on screen through the run, the result kept in view, the order cancelled', async () => {
    const { orderId } = await approvedCancel();
    expect((await control(sandbox, 'GET', '/state')).json.orders[orderId].status).toBe('cancelled');
  }, 180_000);

  it('QA opens a run and sees the cancel step in words, its parameters, duration, read-back and both screenshots', async () => {
    const { orderId, ticket } = await approvedCancel();
    expect((await control(sandbox, 'GET', '/state')).json.orders[orderId].status).toBe('cancelled');

    await tab('QA').click();
    await page.getByRole('list', { name: 'Runs' }).getByRole('button', { name: new RegExp(`Ticket #${ticket} `) }).click();
    const steps = page.getByRole('list', { name: 'Steps of the run' });
    await steps.waitFor();
    const cancelRow = steps.getByRole('button', { name: /cancel pending order/ });
    // move with the keyboard, as a reviewer would: focus the first step, then ↓ until the cancel step
    await steps.getByRole('button').first().focus();
    for (let i = 0; i < 8 && (await cancelRow.getAttribute('aria-current')) !== 'step'; i++) await page.keyboard.press('ArrowDown');
    expect(await cancelRow.getAttribute('aria-current')).toBe('step');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/cancel pending order/);

    const detail = page.getByRole('article', { name: /cancel pending order/ });
    await expect.poll(() => detail.textContent(), { timeout: 20_000 }).toMatch(new RegExp(orderId.replace('#', '#?')));
    expect(await detail.textContent()).toMatch(/took \d/);
    expect(await detail.textContent()).toMatch(/Read back/);
    for (const which of ['before', 'after']) {
      const img = detail.getByRole('img', { name: new RegExp(`Screenshot ${which} step`) });
      await img.waitFor();
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 20_000 }).toBeGreaterThan(0);
    }
    await detail.scrollIntoViewIfNeeded();
    await screen(page, 'qa-step');
    const wide = await openPanel(browser, core.panel, { width: 1280, height: 800 });
    await wide.getByRole('tab', { name: 'QA' }).click();
    await wide.getByRole('list', { name: 'Runs' }).getByRole('button', { name: new RegExp(`Ticket #${ticket} `) }).click();
    await wide.getByRole('list', { name: 'Steps of the run' }).getByRole('button', { name: /cancel pending order/ }).click();
    await wide.getByRole('img', { name: /Screenshot after step/ }).waitFor();
    await screen(wide, 'qa-step');
    await wide.context().close();
  }, 180_000);

  it('a two-choice plan: the agent picks both with the keyboard, Approve waits until then, and the run cancels with the picked reason', async () => {
    const order = await pendingOrder(sandbox, cancelled ? [cancelled.orderId] : []);
    const { json } = await control(sandbox, 'POST', '/tickets', {
      from: order.email,
      subject: `Cancel order ${order.orderId} ${TWO_THINGS}`,
      body: `Hi,\n\nplease cancel order ${order.orderId}. I don't need it anymore.\n\nThanks,\n${order.name}`,
    });
    await openTicket(page, json.id as number);
    await page.getByRole('button', { name: 'Propose' }).click();
    const reason = page.getByRole('group', { name: 'Why is the order cancelled?' });
    await reason.waitFor({ timeout: 60_000 });
    const approve = page.getByRole('button', { name: /Approve/ });
    expect(await approve.isDisabled()).toBe(true);
    expect(await page.locator('.plan-bar').textContent()).toMatch(/2 choices to pick first/);
    // the reason choice sits inside the cancel step
    expect(await page.getByRole('listitem', { name: /cancel pending order/ }).getByRole('group').count()).toBe(1);
    await screen(page, 'choices');

    // Tab from the plan to the first choice, and pick with a key
    for (let i = 0; i < 12 && !(await page.evaluate(() => document.activeElement?.getAttribute('role') === 'group')); i++) await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(first).toMatch(/What about|Why is the order cancelled/);
    await page.keyboard.press(first.startsWith('Why') ? '2' : '1');
    // focus moves to the choice still open; a key picks it
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'group' && document.querySelectorAll('.choice-open').length === 1);
    const second = await page.evaluate(() => document.activeElement?.textContent ?? '');
    await page.keyboard.press(second.startsWith('Why') ? '2' : '1');
    await page.waitForFunction(() => document.activeElement?.textContent?.startsWith('Approve'));
    expect(await approve.isDisabled()).toBe(false);
    const cancelStep = page.getByRole('listitem', { name: /cancel pending order/ });
    expect(await cancelStep.textContent()).toMatch(/no longer needed/);
    await screen(page, 'choices-picked');

    await page.keyboard.press('Enter');
    await page.getByText('Done: every step ran and was verified.').waitFor({ timeout: 60_000 });
    const state = (await control(sandbox, 'GET', '/state')).json;
    expect(state.orders[order.orderId]).toMatchObject({ status: 'cancelled', cancel_reason: 'no longer needed' });
  }, 180_000);

  it('an agent unlocks the refund read from billing and edits it: the expected effect, the reply and the decision follow', async () => {
    const d = await discrepancy(0);
    const ticket = await fileChargedTwice(d);
    await openTicket(page, ticket);
    await page.getByRole('button', { name: 'Propose' }).click();
    await page.getByRole('heading', { name: /^Plan:/ }).waitFor({ timeout: 60_000 });
    const refund = page.getByRole('listitem', { name: /adjust charge/ });
    expect(await refund.textContent()).toMatch(/Needs a second approval/);
    const reply = page.locator('.reply-body');
    expect(await reply.textContent()).toContain(usd(d.amount));

    await refund.getByRole('button', { name: /adjust charge/ }).click();
    // read from billing: locked until unlocked on purpose
    expect(await refund.getByRole('button', { name: 'Edit amount' }).count()).toBe(0);
    await refund.getByRole('button', { name: 'Unlock amount' }).click();
    await refund.getByRole('textbox', { name: 'New value for amount' }).fill('20');
    await refund.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => reply.textContent(), { timeout: 30_000 }).toContain('$20.00');
    expect(await reply.textContent()).not.toContain(usd(d.amount));
    expect(await refund.textContent()).not.toMatch(/Needs a second approval/);
    expect(await refund.textContent()).toMatch(/\$20\.00 of charge/);
    expect(await refund.textContent()).toMatch(/unlocked and set by/);
    // focus came back to the step that changed
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-label'))).toMatch(/adjust charge/);
    await screen(page, 'agent-edit');
  }, 120_000);

  it('a second approval: the agent requests it, a lead signed in with their own passphrase grants it in another window, and the run completes in the sandbox', async () => {
    const d = await discrepancy(1);
    const ticket = await fileChargedTwice(d);
    await openTicket(page, ticket);
    await page.getByRole('button', { name: 'Propose' }).click();
    await page.getByRole('heading', { name: /^Plan:/ }).waitFor({ timeout: 60_000 });
    const refund = page.getByRole('listitem', { name: /adjust charge/ });
    expect(await refund.textContent()).toMatch(/Needs a second approval/);
    // Request second approval in place of Approve
    expect(await page.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
    await page.getByRole('button', { name: /Request second approval/ }).click();
    await page.getByText(/^Waiting for second approval/).waitFor();
    await page.locator('.requester').getByText('waiting for second approval', { exact: true }).waitFor();
    await screen(page, 'second-waiting');

    // the lead, in their own window: the queue says the ticket waits; a wrong passphrase is refused
    const leadPage = await openPanel(browser, core.panel, { width: 1280, height: 800 });
    await leadPage.getByRole('list', { name: 'Tickets' }).getByRole('button', { name: new RegExp(`#${ticket} `) }).getByText('waiting for second approval').waitFor();
    await leadPage.getByRole('tab', { name: 'Team lead' }).click();
    await leadPage.getByLabel('Approver name').fill(LEAD.name);
    await leadPage.getByLabel('Passphrase').fill('not the passphrase');
    await leadPage.getByRole('button', { name: 'Sign in' }).click();
    await leadPage.getByText('that name and passphrase do not match an approver set up here').waitFor();
    await leadPage.getByLabel('Passphrase').fill(LEAD.passphrase);
    await leadPage.getByRole('button', { name: 'Sign in' }).click();
    const card = leadPage.getByRole('list', { name: 'Waiting for second approval' }).getByRole('listitem', { name: `Ticket #${ticket}` });
    await card.waitFor();
    expect(await card.textContent()).toMatch(new RegExp(`adjust charge · \\$${d.amount.toFixed(2)}`));
    // the agent is who is signed in to this machine, never a name typed in the panel
    expect(await card.textContent()).toContain(`Asked by ${signedInAgent()}`);
    await screen(leadPage, 'second-lead');
    await card.getByRole('button', { name: 'Grant second approval' }).click();
    await leadPage.getByText(`Granted: the run for ticket #${ticket} has started.`).waitFor();

    // the agent's panel hears it: the run runs and completes
    await page.getByText('Done: every step ran and was verified.').waitFor({ timeout: 90_000 });
    expect(await refund.locator('.badge.status-done').count()).toBe(1);
    const { json } = await control(sandbox, 'GET', '/writes');
    expect((json.writes as { op: string; target: string }[]).some((w) => w.target === d.order_id && !/note|reply|status/.test(w.op))).toBe(true);
    await screen(page, 'second-done');
    await leadPage.context().close();
  }, 240_000);

  it('the queue: open work first with counts, every ticket reachable page by page, a search', async () => {
    const { json: extras } = await control(sandbox, 'GET', '/state/extras');
    const all = extras.helpdesk.tickets as { id: number; status: string; subject: string; requester_name: string; requester_email: string }[];
    const open = all.filter((t) => t.status !== 'solved');
    await page.getByRole('tab', { name: 'Agent' }).click();
    const back = page.getByRole('button', { name: '← Back to queue' });
    if (await back.isVisible()) await back.click();
    await page.getByRole('button', { name: 'Refresh' }).click({ timeout: 60_000 });
    const show = page.getByRole('combobox', { name: 'Show' });
    await expect.poll(() => show.locator('option').first().textContent(), { timeout: 30_000 }).toBe(`Open work (${open.length})`);
    expect(await show.locator('option').last().textContent()).toBe(`All (${all.length})`);
    // every open ticket is reachable through the pages
    const seen = new Set<string>();
    const pager = page.getByRole('navigation', { name: 'Queue pages' });
    const pages = Number(/Page 1 of (\d+)/.exec((await pager.textContent()) ?? '')?.[1]);
    expect(pages).toBe(Math.ceil(open.length / 20));
    for (let p = 1; p <= pages; p++) {
      if (p > 1) {
        await page.getByRole('button', { name: 'Next →' }).click({ timeout: 60_000 });
        await page.getByText(new RegExp(`^Page ${p} of`)).waitFor();
      }
      for (const row of await page.getByRole('list', { name: 'Tickets' }).locator('.row-title .muted').allTextContents()) seen.add(row);
    }
    expect([...seen].sort(), (await page.locator('.pager').textContent()) ?? '').toEqual(open.map((t) => `#${t.id}`).sort());
    await screen(page, 'queue');
    // the helpdesk's search (subject, requester name or email, as a substring) over open work
    const target = open[0]!;
    const matching = open.filter((t) => [t.subject, t.requester_name, t.requester_email].some((f) => f.toLowerCase().includes(target.requester_email.toLowerCase())));
    await page.getByRole('searchbox', { name: 'Search tickets' }).fill(target.requester_email);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Tickets' }).locator('.row-title .muted').allTextContents(), { timeout: 60_000 }).toEqual(expect.arrayContaining([`#${target.id}`]));
    expect((await page.getByRole('list', { name: 'Tickets' }).locator('.row-title .muted').allTextContents()).sort()).toEqual(matching.map((t) => `#${t.id}`).sort());
  }, 120_000);
});
