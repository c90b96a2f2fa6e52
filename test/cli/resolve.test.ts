// `legwork resolve` as a script runs it: its own process, the sandbox on free ports given as the
// JSON line `legwork sandbox` prints, LEGWORK_HOME a temp folder with the lead's signed policy.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { generateLeadKeys, signPolicy } from '../../core/policy/signing.ts';
import { PolicyStore } from '../../core/policy/store.ts';
import { control, sandboxSuite } from '../helpers/sandbox.ts';
import { ordersWithStatus } from '../executor/fixtures.ts';
import { BIN, ENTRY, legwork } from './cli-process.ts';
import { signedInAgent } from '../../core/identity.ts';

let sandbox!: RunningSandbox;
sandboxSuite((sb) => {
  sandbox = sb;
});

const PENDING = ordersWithStatus('pending')[2]!;
let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'legwork-resolve-'));
});

const systems = () => JSON.stringify(sandbox.urls);
const resolve = (args: string[]) => legwork(ENTRY, ['resolve', ...args], { LEGWORK_HOME: home }, 300_000);
const writes = async () => (await control(sandbox, 'GET', '/writes')).json.writes as { op: string; target: string }[];
const fileCancelTicket = async () =>
  (await control(sandbox, 'POST', '/tickets', { from: PENDING.customer.email, subject: 'Cancel my order', body: `Please cancel order ${PENDING.order_id}, I no longer need it.` })).json
    .id as number;

/** The lead's policy: every write runs once the agent approves (no caps in the way of the cancel). */
async function installApprovePolicy(): Promise<void> {
  const keys = generateLeadKeys();
  const signed = signPolicy({ version: 1, name: 'approve everything', defaultMode: 'approve' }, keys.privateKeyPem);
  if (!signed.ok) throw new Error(signed.error.message);
  const installed = await new PolicyStore({ home }).install(JSON.stringify(signed.data), keys.publicKeyPem);
  if (!installed.ok) throw new Error(installed.error.message);
}

describe('legwork resolve', () => {
  it('with --approve runs the plan: the order is cancelled exactly once and the trace verifies', { timeout: 500_000 }, async () => {
    await installApprovePolicy();
    const ticket = await fileCancelTicket();
    const res = await resolve(['--ticket', String(ticket), '--systems', systems(), '--approve', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(out).toMatchObject({ outcome: 'completed', run: expect.stringMatching(/^\d{8}T\d{6}Z-[0-9a-f]{8}$/) });
    expect(out.trace).toBe(path.join(home, 'traces', 'runs', out.run));

    const done = await writes();
    expect(done.filter((w) => w.op === 'cancel_pending_order')).toEqual([expect.objectContaining({ target: PENDING.order_id })]);
    expect(done.filter((w) => w.target === String(ticket)).map((w) => w.op)).toContain('helpdesk_reply');
    expect((await control(sandbox, 'GET', '/state')).json.orders[PENDING.order_id].status).toBe('cancelled');

    const verified = await legwork(BIN, ['trace', 'verify', out.run], { LEGWORK_HOME: home });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^ok: .*events intact; signed head: completed/);
    // who approved is the account signed in here, not a name given on the command line
    const listed = await legwork(BIN, ['trace', 'list', '--json', '--agent', signedInAgent()], { LEGWORK_HOME: home });
    expect(JSON.parse(listed.stdout).map((r: { run: string }) => r.run)).toEqual([out.run]);
  });

  it('without --approve prints the plan with its decisions and writes nothing', { timeout: 120_000 }, async () => {
    const ticket = await fileCancelTicket();
    const json = await resolve(['--ticket', String(ticket), '--systems', systems(), '--json']);
    expect(json.code, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out).toMatchObject({ run: null, trace: null, outcome: 'resolve', plan: { ticketId: ticket } });
    const cancel = out.plan.steps.find((s: { action: string }) => s.action === 'cancel_pending_order');
    expect(cancel.params.order_id).toBe(PENDING.order_id);
    // the built-in strictest policy: no lead has signed one in this home
    expect(out.decisions.find((d: { stepId: string }) => d.stepId === cancel.id)).toMatchObject({ kind: 'second_approval' });

    const text = await resolve(['--ticket', String(ticket), '--systems', systems()]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`Ticket #${ticket}: resolve`);
    expect(text.stdout).toMatch(new RegExp(`${cancel.id}\\s+cancel_pending_order \\(orders, write\\) \\$[\\d.]+\\s+second_approval: `));
    expect(text.stdout).toContain('--approve');
    expect(await writes()).toEqual([]);
  });

  it('an unknown ticket gives a clear error and exit 1', { timeout: 60_000 }, async () => {
    const res = await resolve(['--ticket', '987654', '--systems', systems()]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/ticket #987654: .*(no ticket|not found|987654)/i);
    expect(res.stdout).toBe('');
    expect(await writes()).toEqual([]);
  });

  it.each([
    [['--systems', '{}'], /needs --ticket ID/],
    [['--ticket', 'abc'], /--ticket must be a ticket number/],
    [['--ticket', '0'], /--ticket must be a ticket number/],
    [['--ticket', '12', '--bogus'], /Unknown option '--bogus'/],
    [['--ticket', '12', '--approve=yes'], /--approve/],
    [['--ticket', '12', '--systems', '/no/such/file.json'], /--systems: no file/],
    [['--ticket', '12', '--systems', '{"helpdesk": 3}'], /--systems/],
    [['--ticket', '12', '--agent', 'Mallory'], /--agent is not accepted: who acts is the account signed in here/],
  ])('refuses %j with exit 2', { timeout: 30_000 }, async (args, message) => {
    const res = await resolve(args);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toMatch(message);
  });
});
