// Issue 14's done-when, end to end with no TypeScript changed: a lead adds a rule as data ("returns
// only within 30 days of delivery", the delivery date read from the orders app's page) and a new
// playbook as data ("resend the order confirmation"), signs and installs both with the `legwork
// playbooks` command, and the next plans Legwork makes against the real sandbox in Chromium follow
// them. A set with an ill-typed rule is then refused with its line, and the installed set stays.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import type { Order, User } from '../../shared/retail.ts';
import type { Plan } from '../../shared/plan.ts';
import { Legwork } from '../../core/legwork.ts';
import { sandboxSystems } from '../../cli/systems.ts';
import { deliveredOn } from '../../sandbox/domain/deliveries.ts';
import { control, sandboxForTest } from '../helpers/sandbox.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RETAIL = path.join(ROOT, 'automations/playbooks/retail');

const WITHIN_30_DAYS = `  - id: within_30_days
    says: returns only within 30 days of delivery
    check: has(order.delivered_on) && now - date(order.delivered_on) <= duration("720h")
    message: "order {{ order.order_id }} was delivered on {{ order.delivered_on }}, more than 30 days ago: we accept returns within 30 days of delivery"
    refuse: decline
`;

const RESEND = `id: resend_order_confirmation
title: Resend the order confirmation
serves: [resend_confirmation]
cues:
  - resend the order confirmation
  - send the order confirmation again
baseline_minutes: 4
reads:
  - { action: get_user_details, as: customer, input: { user_id: request.user_id } }
  - { action: get_order_details, as: order, input: { order_id: request.order_id } }
rules:
  - id: own_order
    says: "only the requester's own order"
    check: order.user_id == customer.user_id
    message: "order {{ order.order_id }} is not on the requester's account"
closing: [reply_to_customer, set_ticket_status]
reply: |
  here is the confirmation of your order {{ order.order_id }}:
  {{ order.items.map(i, "  * " + i.name + ": " + money(i.price)).join("\\n") }}
  Total: {{ money(sum(order.items.map(i, i.price))) }}
  Shipping to: {{ order.address.address1 }}, {{ order.address.city }}, {{ order.address.state }} {{ order.address.zip }}
`;

let sandbox: RunningSandbox;
let home: string;
let work: string;
let legwork: Legwork;
let orders: Record<string, Order>;
let users: Record<string, User>;

// async, not spawnSync: a blocked event loop lets the sandbox's idle keep-alive sockets expire under
// the client, and the next request then fails with ECONNRESET on a loaded machine
function legworkCli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/legwork.js'), ...args], { cwd: ROOT, env: { ...process.env, LEGWORK_HOME: home } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

/** A delivered one-item order whose delivery the page dates `older` or not than 30 days. */
function deliveredOrder(older: boolean): Order {
  const today = new Date();
  const found = Object.values(orders).find((o) => {
    const day = deliveredOn(o, today);
    if (o.status !== 'delivered' || o.items.length !== 1 || !day) return false;
    const days = (Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000;
    return older ? days >= 35 : days <= 25;
  });
  if (!found) throw new Error('no such order in the data');
  return found;
}

async function plan(from: Order, subject: string, body: string): Promise<Plan> {
  const ticket = await control(sandbox, 'POST', '/tickets', { from: users[from.user_id]!.email, subject, body });
  const proposed = await legwork.propose(ticket.json.id as number);
  if (!proposed.ok) throw new Error(proposed.error.message);
  return proposed.data.plan;
}

const returnOf = (o: Order) => plan(o, 'Return', `Hello, I would like to return the ${o.items[0]!.name} from order ${o.order_id}. Please refund it to the original payment method.`);
const writes = (p: Plan) => p.steps.filter((s) => s.kind === 'write').map((s) => s.action);

beforeAll(async () => {
  sandbox = await sandboxForTest();
  home = mkdtempSync(path.join(os.tmpdir(), 'legwork-rules-as-data-'));
  work = mkdtempSync(path.join(os.tmpdir(), 'legwork-lead-'));
  const state = (await control(sandbox, 'GET', '/state')).json as { orders: Record<string, Order>; users: Record<string, User> };
  orders = state.orders;
  users = state.users;
  legwork = await Legwork.open({ home, systems: sandboxSystems(sandbox.urls), agent: 'Ana Ruiz', timeoutMs: 20_000, notice: () => undefined });
}, 120_000);

afterAll(async () => {
  await legwork?.close();
  await sandbox?.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('a rule and a playbook added as data, signed and installed', () => {
  it('are followed by the next plans, with no TypeScript changed', async () => {
    const late = deliveredOrder(true);
    const recent = deliveredOrder(false);
    // before: the shipped playbooks return either order
    expect(writes(await returnOf(late))).toContain('return_delivered_order_items');

    // the lead's files: the shipped ones, one rule more in return_items.yaml, one new playbook
    const dir = path.join(work, 'playbooks');
    cpSync(RETAIL, dir, { recursive: true });
    const returns = path.join(dir, 'return_items.yaml');
    writeFileSync(returns, readFileSync(returns, 'utf8').replace('rules:\n', `rules:\n${WITHIN_30_DAYS}`));
    writeFileSync(path.join(dir, 'resend_order_confirmation.yaml'), RESEND);
    expect((await legworkCli('policy', 'keygen', '--out', path.join(work, 'keys'))).code).toBe(0);
    const signed = await legworkCli('playbooks', 'sign', dir, '--key', path.join(work, 'keys/lead.key.pem'), '--out', path.join(work, 'v1.json'));
    expect(signed.err).toBe('');
    const installed = await legworkCli('playbooks', 'install', path.join(work, 'v1.json'), '--key', path.join(work, 'keys/lead.pub.pem'));
    expect(installed.code, installed.err).toBe(0);
    expect(installed.out).toContain('return_items: rule added: within_30_days (returns only within 30 days of delivery)');
    expect(installed.out).toContain('resend_order_confirmation: added: Resend the order confirmation');
    expect(installed.out).toContain('installed: playbook set version 1 (11 playbooks)');

    // the 30-day rule: the late return is not proposed and the reply says why; the recent one still is
    const refused = await returnOf(late);
    expect(writes(refused)).not.toContain('return_delivered_order_items');
    const message = `order ${late.order_id} was delivered on ${deliveredOn(late, new Date())}, more than 30 days ago: we accept returns within 30 days of delivery`;
    expect(refused.reply).toContain(message.slice(1));
    const check = refused.checks?.find((c) => c.playbook === 'return_items');
    expect(check?.refused).toEqual({ rule: 'within_30_days', message, refuse: 'decline' });
    expect(refused.reason).toContain(`not proposed, by the playbooks' rules: within_30_days: ${message}`);
    // the delivery date came from the orders app's page, through the connector
    expect((check?.facts.order as { delivered_on?: string }).delivered_on).toBe(deliveredOn(late, new Date()));
    expect(writes(await returnOf(recent))).toContain('return_delivered_order_items');

    // the new playbook: a reply with the order's facts from get_order_details, then the closing steps
    const resend = await plan(recent, 'Lost my confirmation', `Hi, could you resend the order confirmation for ${recent.order_id}? I cannot find the email.`);
    expect(resend.outcome).toBe('resolve');
    expect(resend.steps.map((s) => [s.playbook, s.action])).toEqual([
      ['resend_order_confirmation', 'reply_to_customer'],
      ['resend_order_confirmation', 'set_ticket_status'],
    ]);
    const item = recent.items[0]!;
    expect(resend.reply).toContain(`Here is the confirmation of your order ${recent.order_id}:`);
    expect(resend.reply).toContain(`* ${item.name}: $${item.price.toFixed(2)}`);
    expect(resend.reply).toContain(`Total: $${item.price.toFixed(2)}`);
    expect(resend.reply).toContain(`Shipping to: ${recent.address.address1}, ${recent.address.city}`);

    // a set whose rule does not type-check is refused with its line; the installed set stays in force
    writeFileSync(returns, readFileSync(returns, 'utf8').replace('check: has(order.delivered_on) && now', 'check: order.delivered_on && now'));
    const bad = await legworkCli('playbooks', 'sign', dir, '--key', path.join(work, 'keys/lead.key.pem'), '--out', path.join(work, 'v2.json'));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/return_items\.yaml:12: rules\.0\.check: /);
    expect(writes(await returnOf(late))).not.toContain('return_delivered_order_items');
    expect((await legworkCli('playbooks', 'list')).out).toContain('In force: playbook set version 1 (11 playbooks)');
  }, 300_000);
});
