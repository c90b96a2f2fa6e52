// The team lead edits a playbook in the panel, in real Chromium (browser mode, in this process):
// adds the rule "returns only within 30 days of delivery" to the returns playbook in the form, sees
// a typo'd read field refused with its reason beside the field and its line in the file, reloads
// the panel and finds the draft as it was, fixes it, sees which recent ticket would go otherwise,
// signs with the lead key and installs; the next plan for a return of an order delivered more than
// 30 days ago follows the rule. The page, the API's plan and the sandbox are what is asserted.
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/server.ts';
import type { Order, User } from '../../shared/retail.ts';
import type { Plan } from '../../shared/plan.ts';
import { deliveredOn } from '../../sandbox/domain/deliveries.ts';
import { dispatch } from '../../core/api/handlers.ts';
import { Approvers } from '../../core/approvals/approvers.ts';
import { launchChromium } from '../helpers/browser.ts';
import { control, sandboxForTest } from '../helpers/sandbox.ts';
import { openPanel, startInProcess, type InProcess } from './in-process.ts';

const LEAD = { name: 'Lee Lead', passphrase: 'a long lead passphrase' };
const KEY_PASSPHRASE = 'the lead key passphrase';
const TYPO = 'has(order.delivered_on) && now - date(order.delivered_onn) <= duration("720h")';
const CHECK = 'has(order.delivered_on) && now - date(order.delivered_on) <= duration("720h")';
const MESSAGE = 'order {{ order.order_id }} was delivered on {{ order.delivered_on }}, more than 30 days ago: we accept returns within 30 days of delivery';
const SCREENS = '/work/notes/screens';

let sandbox: RunningSandbox;
let core: InProcess;
let browser: Browser;
let lead: Page;
let orders: Record<string, Order>;
let users: Record<string, User>;

beforeAll(async () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'legwork-e2e-pbedit-'));
  sandbox = await sandboxForTest();
  [core, browser] = await Promise.all([startInProcess(sandbox, home), launchChromium()]);
  expect(new Approvers(home).add(LEAD.name, LEAD.passphrase).ok).toBe(true);
  const state = (await control(sandbox, 'GET', '/state')).json as { orders: Record<string, Order>; users: Record<string, User> };
  orders = state.orders;
  users = state.users;
  lead = await openPanel(browser, core.panel, { width: 1280, height: 900 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await core?.stop();
  await sandbox?.close();
});

/** Delivered one-item orders the orders app dates more than 35 days ago. */
function lateOrders(): Order[] {
  const today = new Date();
  const todayMs = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Object.values(orders).filter((o) => {
    const day = deliveredOn(o, today);
    return o.status === 'delivered' && o.items.length === 1 && day !== null && (todayMs - Date.parse(`${day}T00:00:00Z`)) / 86_400_000 >= 35;
  });
}

async function fileReturn(o: Order): Promise<number> {
  const { json } = await control(sandbox, 'POST', '/tickets', {
    from: users[o.user_id]!.email,
    subject: 'Return',
    body: `Hello, I would like to return the ${o.items[0]!.name} from order ${o.order_id}. Please refund it to the original payment method.`,
  });
  return json.id as number;
}

async function planOf(ticketId: number): Promise<Plan> {
  const got = await dispatch(core.service, 'proposal.create', { ticketId }, 'test');
  if (!got.ok) throw new Error(got.error.message);
  return (got.data as { plan: Plan }).plan;
}

const writes = (p: Plan) => p.steps.filter((s) => s.kind === 'write').map((s) => s.action);

async function shoot(name: string, at?: { scrollTo?: () => Promise<void> }): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  for (const width of [1280, 420]) {
    await lead.setViewportSize({ width, height: 900 });
    await at?.scrollTo?.();
    await lead.screenshot({ path: path.join(SCREENS, `pbedit-${name}-${width}.png`) });
  }
  await lead.setViewportSize({ width: 1280, height: 900 });
}

async function signIn(): Promise<void> {
  await lead.getByRole('tab', { name: 'Team lead' }).click();
  await lead.getByLabel('Approver name').fill(LEAD.name);
  await lead.getByLabel('Passphrase', { exact: true }).fill(LEAD.passphrase);
  await lead.getByRole('button', { name: 'Sign in' }).click();
}

describe('the lead edits a playbook in the panel', () => {
  it('adds a 30-day return rule in the form, a typo refused with its reason, signs and installs; the next plan follows it', async () => {
    const [ran, late] = lateOrders();
    expect(ran && late, 'two delivered orders dated over 35 days ago').toBeTruthy();

    // a return of a late order, planned and run under the shipped playbooks: a recent ticket the rule would change
    const ranTicket = await fileReturn(ran!);
    const before = core.service.legwork;
    const proposed = await before.propose(ranTicket);
    if (!proposed.ok) throw new Error(proposed.error.message);
    expect(writes(proposed.data.plan)).toContain('return_delivered_order_items');
    const run = await before.approve(ranTicket, proposed.data.planHash, { secondApprover: 'Sam Second' });
    if (!run.ok) throw new Error(run.error.message);
    await run.data.done;
    expect((await control(sandbox, 'GET', '/state')).json.orders[ran!.order_id].status).toBe('return requested');

    await signIn();
    // the lead's signing key, made where the policy is signed (one flow for both)
    await lead.getByLabel('New key passphrase (at least 10 characters)').fill(KEY_PASSPHRASE);
    await lead.getByLabel('The passphrase again').fill(KEY_PASSPHRASE);
    await lead.getByRole('button', { name: 'Create my signing key' }).click();
    await lead.getByRole('form', { name: 'Sign and install the policy' }).waitFor();

    const editor = lead.getByRole('region', { name: 'Edit playbooks' });
    await lead.getByRole('list', { name: 'Playbooks' }).locator('summary', { hasText: 'Return items of a delivered order' }).click();
    await lead.getByRole('button', { name: 'Edit Return items of a delivered order' }).click();
    await editor.getByLabel('Name', { exact: true }).waitFor();
    expect(await editor.getByLabel('Name', { exact: true }).inputValue()).toBe('Return items of a delivered order');
    await editor.getByRole('button', { name: 'Add a rule' }).click();
    const rule = editor.getByRole('group', { name: 'Rule 3' });
    await rule.getByLabel('Id', { exact: true }).fill('within_30_days');
    await rule.getByLabel('In words').fill('returns only within 30 days of delivery');
    await rule.getByLabel('Message when it refuses').fill(MESSAGE);
    await rule.getByLabel('When it refuses', { exact: true }).selectOption('decline');
    await rule.getByLabel('Check (CEL)').fill(TYPO);

    // the typo: refused beside the field with the install's reason, and nothing can be signed
    await rule.getByRole('alert').getByText('No such key: delivered_onn').waitFor({ timeout: 30_000 });
    await editor.getByText('1 problem to fix before signing:').waitFor();
    expect(await editor.getByRole('list', { name: 'Playbook errors' }).textContent()).toMatch(/^return_items\.yaml, line 2\d: rules\.2\.check: No such key: delivered_onn$/);
    const signForm = editor.getByRole('form', { name: 'Sign and install the playbook set' });
    expect(await signForm.getByRole('button', { name: 'Sign and install' }).isDisabled()).toBe(true);
    await shoot('typo', { scrollTo: () => rule.getByLabel('Check (CEL)').scrollIntoViewIfNeeded() });

    // and in the file: its line marked, the reason by line
    await editor.getByRole('group', { name: 'Edit the playbook as' }).getByRole('button', { name: 'File' }).click();
    const fileProblems = editor.getByRole('list', { name: 'Problems in the file' });
    const line = Number(/Line (\d+)/.exec((await fileProblems.textContent()) ?? '')?.[1]);
    const text = await editor.getByLabel('return_items.yaml (YAML)').inputValue();
    expect(text.split('\n')[line - 1]).toContain('check: has(order.delivered_on) && now - date(order.delivered_onn)');
    expect(await fileProblems.textContent()).toBe(`Line ${line}: rules.2.check: No such key: delivered_onn`);
    await shoot('file', { scrollTo: () => fileProblems.scrollIntoViewIfNeeded() });

    // a reload of the panel loses nothing: the draft comes back as it was
    await editor.getByText('the draft is kept on this computer').waitFor();
    await lead.reload();
    await signIn();
    await editor.getByRole('note', { name: 'Unsaved changes' }).getByText(/Not installed yet: return_items\.yaml/).waitFor();
    const kept = editor.getByRole('group', { name: 'Rule 3' });
    expect(await kept.getByLabel('Check (CEL)').inputValue()).toBe(TYPO);
    await kept.getByRole('alert').getByText('No such key: delivered_onn').waitFor({ timeout: 30_000 });

    // fixed: the draft loads; what would change lists the ticket run a moment ago
    await kept.getByLabel('Check (CEL)').fill(CHECK);
    await editor.getByText('The draft loads as the install checks it (not installed yet).').waitFor({ timeout: 30_000 });
    await editor.getByRole('button', { name: 'Check recent tickets against the draft' }).click();
    const changes = editor.getByRole('region', { name: 'What the draft would change' });
    await changes.waitFor({ timeout: 30_000 });
    const shown = (await changes.textContent()) ?? '';
    expect(shown).toContain('return items: rule added: within_30_days (returns only within 30 days of delivery)');
    expect(shown).toContain('1 recent ticket would go differently');
    const delivered = deliveredOn(ran!, new Date());
    expect(shown).toContain(`Ticket #${ranTicket}`);
    expect(shown).toContain(`return delivered order items: allowed → refused by within_30_days: order ${ran!.order_id} was delivered on ${delivered}, more than 30 days ago`);
    await shoot('changes', { scrollTo: () => changes.scrollIntoViewIfNeeded() });

    // signed with the lead key: a wrong passphrase is refused and changes nothing, then it installs
    await signForm.getByLabel('Key passphrase').fill('not the key passphrase');
    await signForm.getByRole('button', { name: 'Sign and install' }).click();
    await editor.getByText(/that passphrase does not open the signing key/).waitFor();
    expect(await lead.getByLabel('Playbook set in force').textContent()).toBe('The playbooks shipped with Legwork');
    await signForm.getByLabel('Key passphrase').fill(KEY_PASSPHRASE);
    await signForm.getByRole('button', { name: 'Sign and install' }).click();
    await editor.getByText(/Signed by Lee Lead with key [0-9a-f]{16} and installed: version 1 is in force/).waitFor({ timeout: 30_000 });
    await lead.getByLabel('Playbook set in force').getByText('Version 1 · installed by Lee Lead').waitFor();
    expect(await editor.getByRole('note', { name: 'Unsaved changes' }).count()).toBe(0);
    await lead.getByRole('list', { name: 'Playbooks' }).locator('summary', { hasText: 'Return items of a delivered order' }).click();
    const rules = lead.getByRole('list', { name: 'Rules of Return items of a delivered order' });
    expect(await rules.textContent()).toContain('returns only within 30 days of delivery');
    await shoot('installed', { scrollTo: () => lead.getByRole('heading', { name: 'Playbooks in force' }).scrollIntoViewIfNeeded() });

    // the next plan for a return of an order delivered more than 30 days ago follows the rule
    const next = await planOf(await fileReturn(late!));
    expect(writes(next)).not.toContain('return_delivered_order_items');
    const check = next.checks?.find((c) => c.playbook === 'return_items');
    const message = `order ${late!.order_id} was delivered on ${deliveredOn(late!, new Date())}, more than 30 days ago: we accept returns within 30 days of delivery`;
    expect(check?.refused).toEqual({ rule: 'within_30_days', message, refuse: 'decline' });
    expect(next.reply).toContain(message.slice(1));
  }, 600_000);
});
