// Legwork on a real Request Tracker 5 as its helpdesk, the sandbox's CRM, orders and billing for the
// rest, all chosen in one systems.json: `legwork connector check` says what works, and `legwork
// resolve --approve` resolves a retail ticket mailed into RT — the order cancelled in the sandbox,
// the reply and the status in RT (read back through RT's REST API), the trace verified.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CREDENTIALS, startSandbox, type RunningSandbox } from '../../sandbox/server.ts';
import { EncryptedFileVault } from '../../core/secrets/file-vault.ts';
import { generateLeadKeys, signPolicy } from '../../core/policy/signing.ts';
import { PolicyStore } from '../../core/policy/store.ts';
import { control } from '../helpers/sandbox.ts';
import { mailTicket, RT_AGENT, rtTicket, rtUnavailable, startRt } from '../helpers/rt.ts';
import { ordersWithStatus } from '../executor/fixtures.ts';
import { BIN, legwork } from '../cli/cli-process.ts';

const skip = rtUnavailable();
if (skip) console.warn(`RT end-to-end tests skipped: ${skip}`);

const PASSPHRASE = 'rt-e2e-passphrase';
const PENDING = ordersWithStatus('pending')[3]!;

describe.skipIf(skip !== undefined)('Legwork with Request Tracker 5 as its helpdesk', { timeout: 300_000 }, () => {
  let base: string;
  let sandbox: RunningSandbox;
  let home: string;
  let dir: string;

  /** systems.json: RT for the helpdesk (its sign-in in the vault), the sandbox for the rest */
  const systemsFile = (helpdesk: Record<string, unknown>, roles: string[] = ['helpdesk', 'crm', 'orders', 'billing']) => {
    const file = path.join(dir, `systems-${Math.random().toString(36).slice(2)}.json`);
    const systems: Record<string, unknown> = {};
    for (const role of roles) {
      systems[role] = role === 'helpdesk' ? helpdesk : { url: sandbox.urls[role as 'crm'], ...DEFAULT_CREDENTIALS[role as 'crm'] };
    }
    writeFileSync(file, JSON.stringify({ systems, control: sandbox.urls.control }, null, 2));
    return file;
  };
  const run = (args: string[]) => legwork(BIN, args, { LEGWORK_HOME: home, LEGWORK_PASSPHRASE: PASSPHRASE }, 240_000);

  beforeAll(async () => {
    base = startRt();
    sandbox = await startSandbox({ port: 0 });
  }, 600_000);
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'legwork-rt-home-'));
    dir = mkdtempSync(path.join(os.tmpdir(), 'legwork-rt-config-'));
    await new EncryptedFileVault(home, PASSPHRASE).setCredentials('helpdesk', RT_AGENT);
    await control(sandbox, 'POST', '/reset');
  });

  it('connector check signs in to RT and the sandbox and runs every read; a wrong connector fails at sign-in', async () => {
    const ticket = mailTicket(base, { from: PENDING.customer.email, name: PENDING.customer.name, queue: 'Orders', subject: 'Where is my order?', body: `Hi, what is the status of order ${PENDING.order_id}?\n\n${PENDING.customer.name}` });
    const all = await run(['connector', 'check', '--systems', systemsFile({ connector: 'rt', url: base, username: RT_AGENT.username }), '--ticket', String(ticket)]);
    expect(all.code, all.stdout + all.stderr).toBe(0);
    expect(all.stdout).toContain(`helpdesk: Request Tracker 5 (rt) at ${base}`);
    for (const read of ['list_tickets', 'get_ticket', 'find_user_id_by_email', 'get_user_details', 'find_user_id_by_name_zip', 'list_customer_orders', 'get_order_details', 'get_product_details', 'find_products', 'get_payment_methods', 'get_order_payments']) {
      expect(all.stdout).toMatch(new RegExp(`^ok {2}\\s*\\w+\\s+${read}\\s`, 'm'));
    }
    expect(all.stdout).toContain(`from ${PENDING.customer.email}`);
    expect(all.stdout).toMatch(/15 ok, 0 failed, 0 skipped/);

    // RT alone (a file naming one role), then the sandbox's connector pointed at RT
    const alone = await run(['connector', 'check', '--systems', systemsFile({ connector: 'rt', url: base, username: RT_AGENT.username }, ['helpdesk'])]);
    expect(alone.code, alone.stdout + alone.stderr).toBe(0);
    expect(alone.stdout).toMatch(/3 ok, 0 failed, 0 skipped/);
    const wrong = await run(['connector', 'check', '--systems', systemsFile({ connector: 'sandbox-helpdesk', url: base, username: RT_AGENT.username }, ['helpdesk'])]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/FAIL {2}helpdesk sign in\s+login_failed: http:\/\/127\.0\.0\.1:\d+ does not look like SupportDesk \(the page is "Login"\)/);
    expect(wrong.stdout).toMatch(/skip {2}helpdesk list_tickets\s+not signed in/);
  });

  it('resolve --approve: the order is cancelled in the sandbox, RT has the reply and is resolved, the trace verifies', async () => {
    const keys = generateLeadKeys();
    const signed = signPolicy({ version: 1, name: 'approve everything', defaultMode: 'approve' }, keys.privateKeyPem);
    if (!signed.ok) throw new Error(signed.error.message);
    expect((await new PolicyStore({ home }).install(JSON.stringify(signed.data), keys.publicKeyPem)).ok).toBe(true);
    const ticket = mailTicket(base, { from: PENDING.customer.email, name: PENDING.customer.name, queue: 'Orders', subject: 'Cancel my order', body: `Hello,\n\nPlease cancel order ${PENDING.order_id}, I no longer need it.\n\n${PENDING.customer.name}` });
    expect(rtTicket(base, ticket)).toMatchObject({ status: 'new', queue: 'Orders' });

    const res = await run(['resolve', '--ticket', String(ticket), '--systems', systemsFile({ connector: 'rt', url: base, username: RT_AGENT.username }), '--approve', '--json']);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    const out = JSON.parse(res.stdout.trim().split('\n').pop()!);
    expect(out).toMatchObject({ outcome: 'completed' });

    // the sandbox: the order cancelled exactly once; its own helpdesk untouched
    const writes = (await control(sandbox, 'GET', '/writes')).json.writes as { op: string; target: string }[];
    expect(writes.filter((w) => w.op === 'cancel_pending_order')).toEqual([expect.objectContaining({ target: PENDING.order_id })]);
    expect(writes.filter((w) => w.op.startsWith('helpdesk'))).toEqual([]);
    expect((await control(sandbox, 'GET', '/state')).json.orders[PENDING.order_id].status).toBe('cancelled');

    // RT: the reply to the customer from sam, and the ticket resolved
    const state = rtTicket(base, ticket);
    expect(state.status).toBe('resolved');
    const replies = state.messages.filter((m) => m.type === 'Correspond' && m.creator === RT_AGENT.username);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain(PENDING.order_id);

    const verified = await run(['trace', 'verify', out.run]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^ok: .*events intact; signed head: completed/);
  });
});
