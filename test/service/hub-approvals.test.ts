// The agent's desk asks for second approvals through a real hub (PGlite) and runs a plan only on a
// grant it can check itself: signed by the lead key this desk trusts, for this request and this
// plan's hash. A grant signed with another key (one the hub took from the lead), a grant replayed
// from another request, a decline and an expired request each end with nothing run and the reason
// in the panel's event; a hub that cannot be reached is said as such and nothing is kept pending.
// The sandbox is the real one; its order is what is asserted.
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api.ts';
import { decisionMessage, type ApprovalDecisionBody } from '../../shared/hub.ts';
import { createLegworkService, type LegworkService } from '../../core/app.ts';
import { enrollDesk } from '../../core/hub/client.ts';
import { generateLeadKeys, keyIdOf, type LeadKeys } from '../../core/policy/signing.ts';
import { openDb, type Db } from '../../hub/db/db.ts';
import { startHub, type HubServer } from '../../hub/server.ts';
import { addUser } from '../../hub/people.ts';
import { sandboxSystems } from '../../cli/systems.ts';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { control, sandboxForTest } from '../helpers/sandbox.ts';
import { fileCancelRequest, homeWithLeadKey, pendingOrder } from '../e2e/harness.ts';

const PASSWORD = 'a long hub password';
const ctx = { caller: 'test' };

let sandbox: RunningSandbox;
let db: Db;
let hub: HubServer;
let service: LegworkService;
let trusted: LeadKeys;
let leadToken: string;
const events: ApiEvent[] = [];
const used: string[] = [];

async function hubCall(token: string | null, method: string, p: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(hub.url + p, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: await res.json() };
}

const der = (keys: LeadKeys) => createPublicKey(keys.publicKeyPem).export({ type: 'spki', format: 'der' }).toString('base64');
function signed(keys: LeadKeys, d: ApprovalDecisionBody) {
  return { ...d, keyId: keyIdOf(keys.publicKeyPem), signature: sign(null, Buffer.from(decisionMessage(d)), createPrivateKey(keys.privateKeyPem)).toString('base64') };
}

/** The lead decides on the hub with `keys` (registered there as their key first). */
async function decide(keys: LeadKeys, requestId: string, planHash: string, grant: boolean, note = '') {
  expect((await hubCall(leadToken, 'PUT', '/api/me/key', { publicKey: der(keys) })).status).toBe(200);
  const body = { requestId, planHash, grant, note, lead: 'lena', at: new Date().toISOString() };
  return hubCall(leadToken, 'POST', `/api/approvals/${requestId}/decision`, signed(keys, body));
}

/**
 * A cancellation the built-in policy sends to a second approver. Some of the sandbox's customers the
 * planner cannot identify from the ticket (it hands those over): the next order is taken then.
 */
async function proposedCancel() {
  for (let tries = 0; tries < 6; tries++) {
    const order = await pendingOrder(sandbox, used, 100);
    used.push(order.orderId);
    const ticketId = await fileCancelRequest(sandbox, order);
    const proposal = await service.handlers['proposal.create']({ ticketId }, ctx);
    if (proposal.decisions.some((d) => d.kind === 'second_approval')) return { orderId: order.orderId, ticketId, planHash: proposal.planHash };
  }
  throw new Error('no pending order of the sandbox gave a plan needing a second approval');
}

/** ... asked for through the hub. */
async function asked(): Promise<{ orderId: string; ticketId: number; id: string; planHash: string }> {
  const { orderId, ticketId, planHash } = await proposedCancel();
  const request = await service.handlers['approvals.request']({ ticketId, planHash, mode: 'all', skip: [] }, ctx);
  expect(request).toMatchObject({ status: 'pending', desk: 'desk-ana', ticketId });
  return { orderId, ticketId, id: request.id, planHash };
}

/** What the agent's panel hears about the request once the desk settled it. */
async function settled(ticketId: number) {
  await expect.poll(() => events.find((e) => e.type === 'approval.decided' && e.request.ticketId === ticketId), { timeout: 20_000, interval: 200 }).toBeDefined();
  return events.find((e) => e.type === 'approval.decided' && e.request.ticketId === ticketId) as Extract<ApiEvent, { type: 'approval.decided' }>;
}

const orderStatus = async (orderId: string) => (await control(sandbox, 'GET', '/state')).json.orders[orderId].status as string;

beforeAll(async () => {
  sandbox = await sandboxForTest();
  db = await openDb({});
  hub = await startHub({ db });
  for (const [name, role] of [['root', 'admin'], ['ana', 'agent'], ['lena', 'lead']] as const) await addUser(db, { name, role, team: 'north', password: PASSWORD });
  const admin = (await hubCall(null, 'POST', '/api/login', { name: 'root', password: PASSWORD })).body.token as string;
  leadToken = (await hubCall(null, 'POST', '/api/login', { name: 'lena', password: PASSWORD })).body.token as string;
  const desk = homeWithLeadKey();
  trusted = desk.lead;
  const code = await hubCall(admin, 'POST', '/api/enrollments', { user: 'ana', desk: 'desk-ana' });
  await enrollDesk(desk.home, hub.url, code.body.code);
  service = await createLegworkService({ home: desk.home, systems: sandboxSystems(sandbox.urls), headless: true, agent: 'ana', notice: () => undefined });
  service.events.on((e) => events.push(e));
}, 120_000);

afterAll(async () => {
  await service?.close();
  await hub?.close();
  await db?.close();
  await sandbox?.close();
});

describe('second approvals through the hub, at the agent desk', () => {
  it('a grant signed with a key this desk does not trust is refused here: nothing runs, and the panel hears why', async () => {
    const r = await asked();
    // the hub takes it (the lead registered that key there), the desk does not
    expect((await decide(generateLeadKeys(), r.id, r.planHash, true)).status).toBe(200);
    const e = await settled(r.ticketId);
    expect(e.request).toMatchObject({ status: 'declined', decidedBy: 'this desk' });
    expect(e.request.note).toMatch(/refused here: .*not signed by the lead key this desk trusts.*Nothing ran/);
    expect(e.run).toBeUndefined();
    expect(await orderStatus(r.orderId)).toBe('pending');
  }, 120_000);

  it("a grant replayed from another request (copied into this one on the hub) is refused: nothing runs", async () => {
    const a = await asked();
    const b = await asked();
    // the hub itself refuses a decision signed for another request
    const across = await hubCall(leadToken, 'POST', `/api/approvals/${b.id}/decision`, signed(trusted, { requestId: a.id, planHash: a.planHash, grant: true, note: '', lead: 'lena', at: new Date().toISOString() }));
    expect(across).toMatchObject({ status: 400, body: { error: { code: 'wrong_request' } } });
    // a's grant, properly signed; then written into b's row too (a hub's database tampered with): b's desk checks it itself
    expect((await decide(trusted, a.id, a.planHash, true)).status).toBe(200);
    await db.query(`UPDATE approvals SET status = 'granted', decision = (SELECT decision FROM approvals WHERE id = $2) WHERE id = $1`, [b.id, a.id]);
    const e = await settled(b.ticketId);
    expect(e.request.status).toBe('declined');
    expect(e.request.note).toMatch(new RegExp(`the decision is for request ${a.id}, not ${b.id}`));
    expect(await orderStatus(b.orderId)).toBe('pending');
    // a's own grant, properly signed and bound to a's plan: a runs
    const ea = await settled(a.ticketId);
    expect(ea.request).toMatchObject({ status: 'granted', decidedBy: 'lena' });
    await expect.poll(() => orderStatus(a.orderId), { timeout: 90_000, interval: 500 }).toBe('cancelled');
  }, 180_000);

  it('a decline says why, an expired request says so; neither runs', async () => {
    const d = await asked();
    expect((await decide(trusted, d.id, d.planHash, false, 'refund to the gift card instead')).status).toBe(200);
    expect((await settled(d.ticketId)).request).toMatchObject({ status: 'declined', decidedBy: 'lena', note: 'refund to the gift card instead' });
    const x = await asked();
    await db.query(`UPDATE approvals SET expires_at = now() - interval '1 second' WHERE id = $1`, [x.id]);
    expect((await settled(x.ticketId)).request).toMatchObject({ status: 'expired', note: expect.stringMatching(/^nobody decided before .*; ask again$/) });
    expect(await orderStatus(d.orderId)).toBe('pending');
    expect(await orderStatus(x.orderId)).toBe('pending');
  }, 120_000);

  it('a hub that cannot be reached: the desk says so, keeps nothing pending, runs nothing', async () => {
    const { orderId, ticketId, planHash } = await proposedCancel();
    await hub.close();
    await expect(service.handlers['approvals.request']({ ticketId, planHash, mode: 'all', skip: [] }, ctx)).rejects.toMatchObject({
      code: 'system_error',
      message: expect.stringMatching(/the team hub \(127\.0\.0\.1:\d+\) cannot be reached: .*nothing was done/),
    });
    expect(await service.handlers['approvals.forTicket']({ ticketId }, ctx)).toBeNull();
    expect(await orderStatus(orderId)).toBe('pending');
  }, 120_000);
});
