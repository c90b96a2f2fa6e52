// The team lead's flows through the panel in real Chromium (browser mode, in this process): the
// policy changed in the form, signed in the panel with the lead's passphrase-protected key and
// installed, and the next plan decided by it; then the metrics of the runs that followed. The page
// is what is asserted, and the sandbox where a run changes it. Screenshots go to tmp/screens/.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { launchChromium } from '../helpers/browser.ts';
import { control, sandboxForTest } from '../helpers/sandbox.ts';
import { fileCancelRequest, propose } from './harness.ts';
import { openPanel, screen, startInProcess, type InProcess } from './in-process.ts';
import { Approvers } from '../../core/approvals/approvers.ts';
import { signedInAgent } from '../../core/identity.ts';

const LEAD = { name: 'Lee Lead', passphrase: 'a long lead passphrase' };
const KEY_PASSPHRASE = 'the lead key passphrase';

let sandbox: RunningSandbox;
let core: InProcess;
let browser: Browser;
let agent: Page;
let lead: Page;
let ran: { orderId: string; ticket: number } | undefined;

beforeAll(async () => {
  // a fresh home: no policy was ever signed, so the built-in strictest default is in force
  const home = mkdtempSync(path.join(os.tmpdir(), 'legwork-e2e-lead-'));
  sandbox = await sandboxForTest();
  [core, browser] = await Promise.all([startInProcess(sandbox, home), launchChromium()]);
  expect(new Approvers(home).add(LEAD.name, LEAD.passphrase).ok).toBe(true);
  agent = await openPanel(browser, core.panel);
  lead = await openPanel(browser, core.panel, { width: 1280, height: 800 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await core?.stop();
  await sandbox?.close();
});

/** A pending order between $100 and $900 (over the default's $25, under the cap the lead sets). */
async function mediumOrder(): Promise<{ orderId: string; email: string; name: string; total: number }> {
  const { json: state } = await control(sandbox, 'GET', '/state');
  const orders = Object.values(state.orders as Record<string, { order_id: string; user_id: string; status: string; items: { price: number }[] }>);
  const order = orders.find((o) => {
    const total = o.items.reduce((s, i) => s + i.price, 0);
    return o.status === 'pending' && total > 100 && total < 900;
  })!;
  const user = state.users[order.user_id];
  return { orderId: order.order_id, email: user.email, name: `${user.name.first_name} ${user.name.last_name}`, total: order.items.reduce((s, i) => s + i.price, 0) };
}

describe('the team lead in browser mode, walked through', () => {
  it('a lead raises a cap in the form, signs with their passphrase-protected key, installs, and the next plan is decided by it', async () => {
    const order = await mediumOrder();
    const ticket = await fileCancelRequest(sandbox, order);
    await propose(agent, ticket);
    const cancelStep = () => agent.getByRole('list', { name: 'Steps' }).getByRole('listitem', { name: /cancel pending order/ });
    expect(await cancelStep().textContent()).toMatch(/Needs a second approval/);

    // the lead: nothing signed yet, so the panel says so and offers the recommended start
    await lead.getByRole('tab', { name: 'Team lead' }).click();
    const preset = lead.getByRole('note', { name: 'Recommended start' });
    await preset.waitFor();
    expect(await preset.textContent()).toContain('Nothing runs by itself yet');
    await screen(lead, 'lead-first-run');
    await lead.getByLabel('Approver name').fill(LEAD.name);
    await lead.getByLabel('Passphrase').fill(LEAD.passphrase);
    await lead.getByRole('button', { name: 'Sign in' }).click();

    // the cancel rule: raise "one approval up to" from $25 to $1,000; a typo is refused beside the field first
    const rules = lead.getByRole('list', { name: 'Rules for every playbook' });
    const rule = rules.getByRole('listitem').filter({ hasText: /^Cancel pending order/ });
    await rule.locator('summary').click();
    const cap = rule.getByLabel('One approval up to');
    expect(await cap.inputValue()).toBe('25');
    await cap.fill('1000x');
    await rule.getByRole('alert').getByText('enter a number').waitFor();
    expect(await lead.getByRole('button', { name: 'What would change' }).isDisabled()).toBe(true);
    await cap.fill('1000');
    await lead.getByText('The draft is a valid policy (not installed yet).').waitFor();

    // what would change: the agent's plan a moment ago was not run, so no trace has it yet
    await lead.getByRole('button', { name: 'What would change' }).click();
    await lead.getByText(/No decision in the recent tickets would change|would go differently/).waitFor();

    // first time: the lead makes a signing key here, protected by a passphrase
    await lead.getByLabel('New key passphrase (at least 10 characters)').fill(KEY_PASSPHRASE);
    await lead.getByLabel('The passphrase again').fill(KEY_PASSPHRASE);
    await lead.getByRole('button', { name: 'Create my signing key' }).click();
    const sign = lead.getByRole('form', { name: 'Sign and install the policy' });
    await sign.waitFor();
    expect(await sign.textContent()).toMatch(/The first policy you install makes it the lead key this Legwork trusts/);
    await sign.getByLabel('Key passphrase').fill('not the key passphrase');
    await sign.getByRole('button', { name: 'Sign and install' }).click();
    await lead.getByText('policy.signAndInstall: that passphrase does not open the signing key').waitFor();
    await sign.getByLabel('Key passphrase').fill(KEY_PASSPHRASE);
    await sign.getByRole('button', { name: 'Sign and install' }).click();
    await lead.getByText(/Signed by Lee Lead with key [0-9a-f]{16} and installed/).waitFor();
    await lead.getByText(/In force: ".*" · signed with key [0-9a-f]{16} by Lee Lead/).waitFor();
    expect(await lead.getByRole('note', { name: 'Recommended start' }).count()).toBe(0);
    await rule.locator('summary').scrollIntoViewIfNeeded();
    await screen(lead, 'lead-policy-signed');

    // the agent proposes again: the same cancellation now needs only the agent's approval
    await propose(agent, ticket);
    expect(await cancelStep().textContent()).toMatch(/Needs your approval/);
    expect(await cancelStep().textContent()).not.toMatch(/Needs a second approval/);

    // approved and run, for the metrics below
    await agent.getByRole('button', { name: /^Approve/ }).click();
    await agent.getByText('Done: every step ran and was verified.').waitFor({ timeout: 90_000 });
    expect((await control(sandbox, 'GET', '/state')).json.orders[order.orderId].status).toBe('cancelled');
    ran = { orderId: order.orderId, ticket };
  }, 300_000);

  it('after the run, the metrics answer per playbook and per agent, and the lead sets a baseline', async () => {
    expect(ran, 'the policy flow above ran a ticket').toBeDefined();
    await lead.getByRole('tab', { name: 'Team lead' }).click();
    const metrics = lead.getByRole('region', { name: 'Metrics' });
    await metrics.getByRole('button', { name: 'Refresh' }).click();
    const team = metrics.getByLabel('Everyone, this period');
    await expect.poll(() => team.textContent(), { timeout: 30_000 }).toMatch(/Tickets resolved1in 1 run/);
    expect(await team.textContent()).toMatch(/Work automated100 %4 of 4 steps by Legwork/);
    const resolved = metrics.getByRole('img', { name: /^Tickets resolved\./ });
    expect(await resolved.getAttribute('aria-label')).toBe('Tickets resolved. cancel order (1): 1');
    // under the lead's policy every write of this plan waited for the agent
    expect(await metrics.getByRole('img', { name: /^Autonomy rate\./ }).getAttribute('aria-label')).toBe('Autonomy rate. cancel order (1): 0 %');
    const saved = async () => (await metrics.getByRole('img', { name: /^Time saved\./ }).getAttribute('aria-label')) ?? '';
    expect(await saved()).toMatch(/^Time saved\. cancel order \(1\): -?\d+ min$/);
    await metrics.getByRole('button', { name: 'Per agent' }).click();
    expect(await resolved.getAttribute('aria-label')).toBe(`Tickets resolved. ${signedInAgent()} (1): 1`);
    await metrics.getByRole('button', { name: 'Per playbook' }).click();

    // the cancel baseline: 6 minutes by default; the lead's own 60 moves time saved by 54 minutes
    const shown = async () => {
      const m = /(-?\d+(?:\.\d)?) (min|h)$/.exec(await saved());
      return m ? Number(m[1]) * (m[2] === 'h' ? 60 : 1) : NaN;
    };
    const before = await shown();
    await metrics.getByText('Manual baselines and agent cost').click();
    const cancel = metrics.getByLabel('cancel order (minutes by hand)');
    expect(await cancel.inputValue()).toBe('6');
    await cancel.fill('60');
    await cancel.press('Enter');
    await expect.poll(async () => Math.abs((await shown()) - (before + 54)) <= 1, { timeout: 20_000 }).toBe(true);
    await metrics.getByText(/yours · default 6/).waitFor();
    await metrics.getByRole('heading', { name: 'Metrics' }).scrollIntoViewIfNeeded();
    await screen(lead, 'lead-metrics');
    await metrics.getByRole('heading', { name: 'Metrics' }).scrollIntoViewIfNeeded();
    await lead.setViewportSize({ width: 420, height: 900 });
    await metrics.getByRole('heading', { name: 'Metrics' }).scrollIntoViewIfNeeded();
    await screen(lead, 'lead-metrics');
    await lead.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);

  it('what would change lists the tickets of recent runs, by number and subject, and what each would have done', async () => {
    expect(ran, 'the policy flow above ran a ticket').toBeDefined();
    await lead.getByRole('tab', { name: 'Team lead' }).click();
    const rules = lead.getByRole('list', { name: 'Rules for every playbook' });
    const rule = rules.getByRole('listitem').filter({ hasText: /^Cancel pending order/ });
    if (!(await rule.getByLabel('One approval up to').isVisible())) await rule.locator('summary').click();
    await rule.getByLabel('One approval up to').fill('50');
    await lead.getByRole('button', { name: 'What would change' }).click();
    const changes = lead.getByRole('region', { name: 'What would change' });
    await changes.waitFor();
    expect(await changes.textContent()).toMatch(new RegExp(`1 recent ticket would go differently.*Ticket #${ran!.ticket}: cancel.*cancel pending order \\$[\\d,.]+: Needs your approval → Needs a second approval`));
    expect(await changes.textContent()).not.toMatch(/run-|\brun\b/);
    await rule.locator('summary').scrollIntoViewIfNeeded();
    await screen(lead, 'lead-policy');
    await changes.scrollIntoViewIfNeeded();
    await screen(lead, 'lead-policy-changes');
    await lead.setViewportSize({ width: 420, height: 900 });
    await rule.locator('summary').scrollIntoViewIfNeeded();
    await screen(lead, 'lead-policy');
    await changes.scrollIntoViewIfNeeded();
    await screen(lead, 'lead-policy-changes');
    await lead.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);

  it("the agent's queue: open work a page at a time with counts, a line of each message, and a search", async () => {
    const order = await mediumOrder();
    const ticket = await fileCancelRequest(sandbox, order);
    const { json: extras } = await control(sandbox, 'GET', '/state/extras');
    const open = (extras.helpdesk.tickets as { status: string }[]).filter((t) => t.status !== 'solved').length;
    for (const p of [agent, lead]) {
      await p.getByRole('tab', { name: 'Agent' }).click();
      const back = p.getByRole('button', { name: '← Back to queue' });
      if (await back.isVisible()) await back.click();
      await p.getByRole('button', { name: 'Refresh' }).click({ timeout: 60_000 });
      await expect.poll(() => p.getByRole('combobox', { name: 'Show' }).locator('option').first().textContent(), { timeout: 60_000 }).toBe(`Open work (${open})`);
      const pager = p.getByRole('navigation', { name: 'Queue pages' });
      expect(await pager.textContent()).toContain(`Page 1 of ${Math.ceil(open / 20)} · ${open} tickets`);
      // every row has its customer's first words under the subject
      const rows = p.getByRole('list', { name: 'Tickets' }).getByRole('button');
      expect(await rows.count()).toBe(20);
      expect(await p.getByRole('list', { name: 'Tickets' }).locator('.row-preview').count()).toBe(20);
      await p.getByText(/Refreshing|Loading tickets/).waitFor({ state: 'hidden', timeout: 60_000 });
      await screen(p, 'queue');
    }
    await agent.getByRole('button', { name: 'Next →' }).click({ timeout: 60_000 });
    await agent.getByText(/^Page 2 of/).waitFor({ timeout: 60_000 });
    await agent.getByRole('searchbox', { name: 'Search tickets' }).fill(order.email);
    await agent.getByRole('button', { name: 'Search', exact: true }).click();
    const row = agent.getByRole('list', { name: 'Tickets' }).getByRole('button', { name: new RegExp(`#${ticket} `) });
    await row.waitFor({ timeout: 60_000 });
    expect(await row.locator('.row-preview').textContent()).toBe(`Hi, I ordered by mistake, please cancel order ${order.orderId}. I don't need it anymore. Thanks, ${order.name}`);
  }, 180_000);
});
