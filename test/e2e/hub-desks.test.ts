// Two desks and one team hub, walked through as the team would: two `legwork start --headless`
// processes (each its own LEGWORK_HOME, its own automation browser, its own panel page in real
// Chromium) over one shared sandbox, enrolled in one hub (on PGlite, in this process). The agent's
// cancellation needs a second approval; the lead grants it from the other desk's panel; the run
// completes in the sandbox; QA, signed in on the hub at the lead's desk, sees the run with both
// screenshots and records a verdict under their name; the lead publishes a stricter policy from the
// panel and the agent's next plan is decided by it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { openDb, type Db } from '../../hub/db/db.ts';
import { startHub, type HubServer } from '../../hub/server.ts';
import { addUser } from '../../hub/people.ts';
import { enrollDesk } from '../../core/hub/client.ts';
import { PassphraseKeyFile } from '../../core/policy/lead-key.ts';
import { signedInAgent } from '../../core/identity.ts';
import { ensurePanel } from '../../cli/commands/start.ts';
import { launchChromium } from '../helpers/browser.ts';
import { control, sandboxForTest } from '../helpers/sandbox.ts';
import { fileCancelRequest, homeWithLeadKey, pendingOrder, propose, startHeadless, type Started } from './harness.ts';
import { openPanel, screen } from './in-process.ts';

const PASSWORD = 'a long hub password';
const KEY_PASSPHRASE = 'the lead key passphrase';

let sandbox: RunningSandbox;
let db: Db;
let hub: HubServer;
let agentDesk: Started;
let leadDesk: Started;
let browser: Browser;
let agent: Page;
let lead: Page;
let first: { orderId: string; ticket: number } | undefined;

async function hubCall(token: string | null, method: string, p: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(hub.url + p, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: await res.json() };
}

/** An admin's one-time code, and the desk enrolled with it (as `legwork hub enroll` does). */
async function enrolled(admin: string, home: string, user: string, desk: string): Promise<void> {
  const code = await hubCall(admin, 'POST', '/api/enrollments', { user, desk });
  expect(code.status).toBe(201);
  await enrollDesk(home, hub.url, code.body.code);
}

beforeAll(async () => {
  sandbox = await sandboxForTest();
  db = await openDb({}); // PGlite: the hub's embedded engine (test/hub runs both engines)
  hub = await startHub({ db });
  for (const [name, role] of [['root', 'admin'], ['ana', 'agent'], ['lena', 'lead'], ['quinn', 'qa']] as const) await addUser(db, { name, role, team: role === 'admin' ? 'ops' : 'north', password: PASSWORD });
  const admin = (await hubCall(null, 'POST', '/api/login', { name: 'root', password: PASSWORD })).body.token as string;

  // both desks trust the team lead's key (as IT configures it); the lead keeps their key at their desk
  const { home: agentHome, lead: keys } = homeWithLeadKey();
  const leadHome = mkdtempSync(path.join(os.tmpdir(), 'legwork-e2e-lead-'));
  mkdirSync(path.join(leadHome, 'policy'), { recursive: true });
  writeFileSync(path.join(leadHome, 'policy', 'lead.pub.pem'), keys.publicKeyPem);
  expect((await new PassphraseKeyFile(leadHome).keep(keys.privateKeyPem, KEY_PASSPHRASE)).ok).toBe(true);
  await enrolled(admin, agentHome, 'ana', 'desk-ana');
  await enrolled(admin, leadHome, 'lena', 'desk-lena');

  await ensurePanel(() => undefined); // built once, before two processes look for it
  [agentDesk, leadDesk, browser] = await Promise.all([startHeadless(sandbox, agentHome), startHeadless(sandbox, leadHome), launchChromium()]);
  agent = await openPanel(browser, agentDesk.panel);
  lead = await openPanel(browser, leadDesk.panel, { width: 1280, height: 900 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([agentDesk?.stop(), leadDesk?.stop()]);
  await hub?.close();
  await db?.close();
  await sandbox?.close();
});

/** the lead's view for people to look at, as a wide window and as a docked panel */
async function atBothWidths(p: Page, name: string): Promise<void> {
  await screen(p, name);
  await p.setViewportSize({ width: 420, height: 900 });
  await screen(p, name);
  await p.setViewportSize({ width: 1280, height: 900 });
}

const cancelStep = () => agent.getByRole('list', { name: 'Steps' }).getByRole('listitem', { name: /cancel pending order/ });

describe('two desks and one hub, walked through', () => {
  it("the lead grants the agent's second approval from another desk, live; the run completes in the sandbox", async () => {
    // the lead signs in on the hub from their desk's panel first: the request must reach them by itself
    await lead.getByRole('tab', { name: 'Team lead' }).click();
    await lead.getByLabel('Name on the hub').fill('lena');
    await lead.getByLabel('Hub password').fill('not the password');
    await lead.getByRole('button', { name: 'Sign in' }).click();
    await lead.getByText(/the hub refused the sign-in/).waitFor();
    await lead.getByLabel('Hub password').fill(PASSWORD);
    await lead.getByRole('button', { name: 'Sign in' }).click();
    await lead.getByText('Nothing waits for a second approval on the team hub.').waitFor();

    const order = await pendingOrder(sandbox, [], 100);
    const ticket = await fileCancelRequest(sandbox, order);
    await propose(agent, ticket);
    expect(await cancelStep().textContent()).toMatch(/Needs a second approval/);
    await agent.getByRole('button', { name: /Request second approval/ }).click();
    await agent.getByText(/^Waiting for second approval/).waitFor();
    await screen(agent, 'hub-agent-waiting');

    // on the lead's desk, without a refresh: the hub's event brought it
    const card = lead.getByRole('list', { name: 'Waiting for second approval' }).getByRole('listitem', { name: `Ticket #${ticket}` });
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toMatch(/Asked by ana at desk-ana/);
    expect(await card.textContent()).toMatch(/cancel pending order/);
    await atBothWidths(lead, 'hub-approvals');
    // the decision is signed with the lead's key: a wrong passphrase opens nothing and decides nothing
    await card.getByLabel('Signing key passphrase').fill('not the key passphrase');
    await card.getByRole('button', { name: 'Grant second approval' }).click();
    await lead.getByText(/that passphrase does not open the signing key/).waitFor();
    expect((await control(sandbox, 'GET', '/state')).json.orders[order.orderId].status).toBe('pending');
    await card.getByLabel('Signing key passphrase').fill(KEY_PASSPHRASE);
    await card.getByRole('button', { name: 'Grant second approval' }).click();
    await lead.getByText(`Granted: desk-ana runs ticket #${ticket} now.`).waitFor();

    // the agent's desk hears the signed grant and runs the plan
    await agent.getByText('Done: every step ran and was verified.').waitFor({ timeout: 120_000 });
    expect((await control(sandbox, 'GET', '/state')).json.orders[order.orderId].status).toBe('cancelled');
    await screen(agent, 'hub-agent-done');
    first = { orderId: order.orderId, ticket };
  }, 300_000);

  it("QA at the lead's desk, signed in on the hub, opens the agent's run with both screenshots and records a verdict under their name", async () => {
    expect(first).toBeDefined();
    await lead.getByRole('tab', { name: 'QA' }).click();
    await lead.getByLabel('Name on the hub').fill('quinn');
    await lead.getByLabel('Hub password').fill(PASSWORD);
    await lead.getByRole('button', { name: 'Sign in' }).click();
    const row = lead.getByRole('list', { name: 'Runs' }).getByRole('button', { name: new RegExp(`Ticket #${first!.ticket} `) });
    // the agent's desk uploads the run when it finishes: the list shows it once it is there
    await expect
      .poll(
        async () => {
          await lead.getByRole('button', { name: 'Apply filters' }).click();
          await lead.getByText('Loading runs…').waitFor({ state: 'detached' });
          return row.count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(1);
    // the agent as the run's trace names them (who is signed in to that machine), at the desk the hub enrolled
    expect(await row.textContent()).toContain(`${signedInAgent()} at desk-ana`);
    await atBothWidths(lead, 'hub-qa-runs');
    await row.click();
    const steps = lead.getByRole('list', { name: 'Steps of the run' });
    await steps.getByRole('button', { name: /cancel pending order/ }).click();
    const detail = lead.getByRole('article', { name: /cancel pending order/ });
    for (const which of ['before', 'after']) {
      const img = detail.getByRole('img', { name: new RegExp(`Screenshot ${which} step`) });
      await img.waitFor();
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 20_000 }).toBeGreaterThan(0);
    }
    await atBothWidths(lead, 'hub-qa-run');
    await lead.getByRole('radio', { name: 'Pass' }).check();
    await lead.getByLabel(/Comment/).fill('Cancelled as asked, with a second approval.');
    await lead.getByRole('button', { name: /Save verdict/ }).click();
    await lead.getByText(/Verdict saved/).waitFor();
    const review = await db.query<{ verdict: string; comment: string; name: string }>('SELECT v.verdict, v.comment, u.name FROM reviews v JOIN users u ON u.id = v.reviewer_id JOIN runs r ON r.run_id = v.run_id WHERE r.ticket_id = $1', [String(first!.ticket)]);
    expect(review).toEqual([{ verdict: 'pass', comment: 'Cancelled as asked, with a second approval.', name: 'quinn' }]);
  }, 180_000);

  it("the lead publishes a stricter policy from the panel; the agent's next plan on the other desk is decided by it", async () => {
    await lead.getByRole('tab', { name: 'Team lead' }).click();
    const rule = lead.getByRole('list', { name: 'Rules for every playbook' }).getByRole('listitem').filter({ hasText: /^Cancel pending order/ });
    await rule.locator('summary').click();
    await rule.getByLabel('Mode').selectOption('suggest');
    await lead.getByText('The draft is a valid policy (not installed yet).').waitFor();
    const sign = lead.getByRole('form', { name: 'Sign and install the policy' });
    await sign.getByLabel('Key passphrase').fill(KEY_PASSPHRASE);
    await sign.getByRole('button', { name: 'Sign and install' }).click();
    await lead.getByText(/Signed by lena with key [0-9a-f]{16} and installed/).waitFor();
    const published = await db.query<{ name: string }>('SELECT name FROM policies');
    expect(published).toHaveLength(1);

    const order = await pendingOrder(sandbox, [first?.orderId ?? ''], 100);
    const ticket = await fileCancelRequest(sandbox, order);
    await propose(agent, ticket);
    expect(await cancelStep().textContent()).toMatch(/Do it by hand/);
    expect(await cancelStep().textContent()).not.toMatch(/Needs a second approval/);
    await screen(agent, 'hub-agent-stricter');
  }, 240_000);
});
