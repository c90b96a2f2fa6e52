// End-to-end harness: the sandbox in this process (its control endpoint is the test's view of the
// legacy systems), `legwork start --headless --systems …` as its own process against it, and a
// real Chromium on the panel at a docked panel's size.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { generateLeadKeys, signPolicy, type LeadKeys } from '../../core/policy/signing.ts';
import type { PolicyInput } from '../../shared/policy.ts';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { control } from '../helpers/sandbox.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** `legwork start` until cli/main.ts registers it (then: bin/legwork.js start) */
export const START_ENTRY = path.join(ROOT, 'test/e2e/start-entry.ts');

export interface Started {
  panel: string;
  api: string;
  token: string;
  child: ChildProcess;
  stderr: () => string;
  stop(): Promise<void>;
}

/** A fresh LEGWORK_HOME whose policy folder trusts a new lead key (as IT would configure it). */
export function homeWithLeadKey(): { home: string; lead: LeadKeys } {
  const home = mkdtempSync(path.join(os.tmpdir(), 'legwork-e2e-'));
  const lead = generateLeadKeys();
  mkdirSync(path.join(home, 'policy'), { recursive: true });
  writeFileSync(path.join(home, 'policy', 'lead.pub.pem'), lead.publicKeyPem);
  return { home, lead };
}

export function signed(policy: PolicyInput, lead: LeadKeys): string {
  const file = signPolicy(policy, lead.privateKeyPem);
  if (!file.ok) throw new Error(file.error.message);
  return JSON.stringify(file.data, null, 2);
}

/** Starts `legwork start --headless` and waits for its one JSON line. */
export async function startHeadless(sandbox: RunningSandbox, home: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', START_ENTRY, '--headless', '--systems', JSON.stringify(sandbox.urls)], {
    cwd: ROOT,
    env: { ...process.env, LEGWORK_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`legwork start did not get ready:\n${stderr}`)), 45_000);
    child.stdout!.on('data', (d) => {
      stdout += String(d);
      const nl = stdout.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(stdout.slice(0, nl));
      }
    });
    child.once('exit', (code) => reject(new Error(`legwork start exited (${code}):\n${stderr}`)));
  });
  const ready = JSON.parse(line) as { panel: string; api: string };
  return {
    ...ready,
    token: new URL(ready.panel).hash.replace(/^#token=/, ''),
    child,
    stderr: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A pending order of one customer (under $900, at least `min`), and that customer's email: what a cancel request is about. */
export async function pendingOrder(sandbox: RunningSandbox, skip: string[] = [], min = 0): Promise<{ orderId: string; email: string; name: string }> {
  const { json: state } = await control(sandbox, 'GET', '/state');
  const orders = Object.values(state.orders as Record<string, { order_id: string; user_id: string; status: string; items: { price: number }[] }>);
  const order = orders.find((o) => {
    const total = o.items.reduce((s, i) => s + i.price, 0);
    return o.status === 'pending' && total < 900 && total >= min && !skip.includes(o.order_id);
  });
  if (!order) throw new Error('the sandbox has no small pending order');
  const user = state.users[order.user_id];
  return { orderId: order.order_id, email: user.email, name: `${user.name.first_name} ${user.name.last_name}` };
}

/** Files a cancel request through the sandbox's control endpoint; gives the new ticket's id. */
export async function fileCancelRequest(sandbox: RunningSandbox, order: { orderId: string; email: string; name: string }): Promise<number> {
  const { json } = await control(sandbox, 'POST', '/tickets', {
    from: order.email,
    subject: `Cancel order ${order.orderId}`,
    body: `Hi,\n\nI ordered by mistake, please cancel order ${order.orderId}. I don't need it anymore.\n\nThanks,\n${order.name}`,
  });
  return json.id as number;
}

/** The agent opens the ticket from the queue and asks for a plan, as in the panel. */
export async function propose(p: Page, ticketId: number): Promise<void> {
  await p.getByRole('tab', { name: 'Agent' }).click();
  const back = p.getByRole('button', { name: '← Back to queue' });
  if (await back.isVisible()) await back.click();
  await p.getByRole('button', { name: 'Refresh' }).click({ timeout: 60_000 });
  await p.getByRole('list', { name: 'Tickets' }).getByRole('button', { name: new RegExp(`#${ticketId} `) }).click({ timeout: 60_000 });
  await p.getByRole('button', { name: 'Propose' }).click();
  await p.getByRole('heading', { name: /^Plan:/ }).waitFor({ timeout: 60_000 });
}

export async function panelPage(browser: Browser, started: Started): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(started.panel);
  return page;
}

export const SHOTS = path.join(ROOT, 'tmp');

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `e2e-${name}.png`), fullPage: false });
}
