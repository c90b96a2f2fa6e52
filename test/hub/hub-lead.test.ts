// Policies and second approvals through the hub, on PGlite and on a real PostgreSQL server: a lead
// publishes a signed policy and desks take it; a desk asks for a second approval and a lead of its
// team hears of it at once over server-sent events and decides with a signed decision.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { signPolicy } from '../../core/policy/signing.ts';
import { PolicyStore } from '../../core/policy/store.ts';
import { approvalDecision, requestSecondApproval, syncPolicy } from '../../core/hub/sync.ts';
import { HubApprovalEventSchema } from '../../shared/hub.ts';
import { connectDesk } from '../../core/hub/desk.ts';
import { ENGINES, leadKeys, useHub, type TestHub } from './fixtures.ts';

const policy = (name: string, cap: number) => ({ version: 1, name, defaultMode: 'approve', actions: { adjust_charge: { mode: 'auto', caps: { auto: cap, approve: 100 } } } });
const hashOf = (s: string) => createHash('sha256').update(s).digest('hex');

/** Reads server-sent events from the hub into a list, until close(). */
async function listen(h: TestHub, token: string) {
  const events: { type: string; at: number; data: unknown }[] = [];
  const ctl = new AbortController();
  const res = await fetch(`${h.hub.url}/api/approvals/events`, { headers: { authorization: `Bearer ${token}` }, signal: ctl.signal });
  if (res.status !== 200) return { status: res.status, events, close: () => ctl.abort() };
  const reader = res.body!.getReader();
  let buf = '';
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += Buffer.from(value).toString('utf8');
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const chunk = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const type = /^event: (.*)$/m.exec(chunk)?.[1] ?? '';
          const data = JSON.parse(/^data: (.*)$/m.exec(chunk)?.[1] ?? '{}');
          if (type === 'ready') ready();
          else events.push({ type, at: Date.now(), data });
        }
      }
    } catch {
      // closed
    }
  })();
  await isReady;
  return { status: 200, events, close: () => ctl.abort() };
}

describe.each(ENGINES)('policies through the hub (%s)', (engine) => {
  const t = useHub(engine);

  it('a lead publishes a signed policy; desks take it, refuse an older one, and the hub shows who runs what', async () => {
    const h = t();
    const keys = leadKeys();
    const lead = await h.person('lou', 'lead');
    const agent = await h.person('ann', 'agent');
    const desk = await h.desk('ann');
    const v1 = signPolicy(policy('v1', 50), keys.privateKeyPem, () => new Date('2026-01-01T00:00:00Z'));
    const v2 = signPolicy(policy('v2 stricter', 10), keys.privateKeyPem, () => new Date('2026-02-01T00:00:00Z'));
    if (!v1.ok || !v2.ok) throw new Error('signing failed');

    expect((await h.call(agent, 'POST', '/api/policies', v1.data))).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect((await h.call(lead, 'POST', '/api/policies', v1.data))).toMatchObject({ status: 409, body: { error: { code: 'no_lead_key' } } });
    expect((await h.call(lead, 'PUT', '/api/me/key', { publicKey: keys.publicKey })).status).toBe(200);
    const tampered = structuredClone(v1.data);
    (tampered.policy as any).name = 'v1 loosened';
    expect((await h.call(lead, 'POST', '/api/policies', tampered))).toMatchObject({ status: 422, body: { error: { code: 'bad_policy', message: /changed after it was signed/ } } });
    expect((await h.call(lead, 'POST', '/api/policies', v2.data)).status).toBe(201);
    const older = await h.call(lead, 'POST', '/api/policies', v1.data);
    expect(older).toMatchObject({ status: 409, body: { error: { code: 'older_policy' } } });

    // the desk trusts the lead's key (set up once, out of band) and takes the newest policy
    const store = new PolicyStore({ home: desk.home });
    expect((await store.install(JSON.stringify(v1.data), keys.publicKeyPem)).ok).toBe(true);
    const synced = await syncPolicy(desk.client, store);
    expect(synced).toMatchObject({ ok: true, installed: true, data: { policy: { name: 'v2 stricter' } } });
    const desks = await h.call(lead, 'GET', '/api/desks');
    expect(desks.body.find((d: any) => d.name === 'ann-desk')).toMatchObject({ user: 'ann', policy: { name: 'v2 stricter', keyId: keys.keyId, issuedAt: '2026-02-01T00:00:00.000Z' } });

    // a desk that trusts another lead key refuses the hub's policy and keeps its own
    const other = await h.desk('ann', 'ann-laptop');
    const otherStore = new PolicyStore({ home: other.home });
    const otherKeys = leadKeys();
    const own = signPolicy(policy('local', 5), otherKeys.privateKeyPem);
    if (!own.ok) throw new Error('signing failed');
    await otherStore.install(JSON.stringify(own.data), otherKeys.publicKeyPem);
    const refusedHere = await syncPolicy(other.client, otherStore);
    expect(refusedHere.ok).toBe(false);
    expect(otherStore.current.policy.name).toBe('local');

    // a connected Legwork desk takes the hub's policy on start, and a newer one when it syncs
    const third = await h.desk('ann', 'ann-kiosk');
    const thirdStore = new PolicyStore({ home: third.home });
    await thirdStore.install(JSON.stringify(v1.data), keys.publicKeyPem);
    const lines: string[] = [];
    const connected = (await connectDesk(third.home, third.store, (l) => lines.push(l), thirdStore))!;
    try {
      expect(thirdStore.current.policy.name).toBe('v2 stricter');
      const v3 = signPolicy(policy('v3 strictest', 0), keys.privateKeyPem, () => new Date('2026-03-01T00:00:00Z'));
      if (!v3.ok) throw new Error('signing failed');
      expect((await h.call(lead, 'POST', '/api/policies', v3.data)).status).toBe(201);
      expect(await connected.syncPolicy()).toMatch(/"v3 strictest" from the hub is in force/);
      expect((await thirdStore.load()).inForce.policy.name).toBe('v3 strictest');
      expect(lines.join('\n')).toMatch(/v2 stricter/);
    } finally {
      await connected.close();
    }
  });
});

describe.each(ENGINES)('second approvals across desks (%s)', (engine) => {
  const t = useHub(engine, { approvalTtlMs: 60_000 });

  it("reaches the team's leads within a second, and takes one signed decision bound to the plan hash", async () => {
    const h = t();
    const keys = leadKeys();
    const lead = await h.person('leo', 'lead', 'east');
    await h.call(lead, 'PUT', '/api/me/key', { publicKey: keys.publicKey });
    const otherTeamLead = await h.person('lia', 'lead', 'west');
    await h.person('amy', 'agent', 'east');
    const agentToken = await h.person('abe', 'agent', 'east');
    const desk = await h.desk('amy');

    const feed = await listen(h, lead);
    const westFeed = await listen(h, otherTeamLead);
    expect((await listen(h, agentToken)).status).toBe(403);

    const planHash = hashOf('plan-1');
    const sentAt = Date.now();
    const asked = await requestSecondApproval(desk.client, { ticketId: '1042', subject: 'refund $80', planHash, plan: { steps: [{ id: 's1', action: 'adjust_charge', amount: 80 }] }, why: 'refund above $50 needs a second approver' });
    if (!asked.ok) throw new Error(asked.error.message);
    const request = asked.data;
    expect(request).toMatchObject({ status: 'pending', requestedBy: 'amy', desk: 'amy-desk', team: 'east' });
    await expect.poll(() => feed.events.length, { timeout: 5_000 }).toBe(1);
    expect(feed.events[0]!.at - sentAt).toBeLessThan(1_000);
    expect(HubApprovalEventSchema.parse(feed.events[0]!.data)).toMatchObject({ type: 'approval.requested', approval: { id: request.id, planHash } });
    expect(westFeed.events).toHaveLength(0);
    expect((await h.call(lead, 'GET', '/api/approvals')).body.map((a: any) => a.id)).toContain(request.id);
    expect((await h.call(otherTeamLead, 'GET', '/api/approvals')).body.map((a: any) => a.id)).not.toContain(request.id);
    expect((await h.call(agentToken, 'GET', '/api/approvals')).status).toBe(403);

    const body = { requestId: request.id, planHash, grant: true, note: '', lead: 'leo', at: new Date().toISOString() };
    // an agent cannot decide; a decision for another plan hash, or signed by another key, is refused
    expect((await h.call(agentToken, 'POST', `/api/approvals/${request.id}/decision`, keys.signDecision({ ...body, lead: 'abe' }))).status).toBe(403);
    const wrongHash = await h.call(lead, 'POST', `/api/approvals/${request.id}/decision`, keys.signDecision({ ...body, planHash: hashOf('plan-2') }));
    expect(wrongHash).toMatchObject({ status: 409, body: { error: { code: 'wrong_plan_hash' } } });
    const forged = await h.call(lead, 'POST', `/api/approvals/${request.id}/decision`, leadKeys().signDecision(body));
    expect(forged).toMatchObject({ status: 403, body: { error: { code: 'bad_signature' } } });
    const edited = { ...keys.signDecision(body), grant: false, note: 'no' };
    expect((await h.call(lead, 'POST', `/api/approvals/${request.id}/decision`, edited)).body.error.code).toBe('bad_signature');
    expect((await h.call(otherTeamLead, 'POST', `/api/approvals/${request.id}/decision`, keys.signDecision({ ...body, lead: 'lia' }))).status).toBeGreaterThanOrEqual(403);

    const granted = await h.call(lead, 'POST', `/api/approvals/${request.id}/decision`, keys.signDecision(body));
    expect(granted).toMatchObject({ status: 200, body: { status: 'granted', decision: { lead: 'leo', planHash } } });
    await expect.poll(() => feed.events.length).toBe(2);
    expect(feed.events[1]!.type).toBe('approval.decided');
    // the same signed decision sent again is refused
    const replay = await h.call(lead, 'POST', `/api/approvals/${request.id}/decision`, keys.signDecision(body));
    expect(replay).toMatchObject({ status: 409, body: { error: { code: 'already_decided' } } });

    // the desk checks the grant against the lead key it trusts and its own plan hash
    expect(await approvalDecision(desk.client, request.id, planHash, keys.publicKeyPem)).toMatchObject({ ok: true, data: { status: 'granted' } });
    expect(await approvalDecision(desk.client, request.id, hashOf('plan-2'), keys.publicKeyPem)).toMatchObject({ ok: false, error: { code: 'precondition_failed' } });
    expect(await approvalDecision(desk.client, request.id, planHash, leadKeys().publicKeyPem)).toMatchObject({ ok: false, error: { message: /not signed by the lead key this desk trusts/ } });
    // another desk cannot read it
    await h.person('ava', 'agent', 'east');
    const stranger = await h.desk('ava');
    expect(await approvalDecision(stranger.client, request.id, planHash, keys.publicKeyPem)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    feed.close();
    westFeed.close();
  });

  it('says so when a request is declined (with why) or has expired; a lead cannot approve their own request', async () => {
    const h = t();
    const keys = leadKeys();
    const lead = await h.person('lux', 'lead', 'north');
    await h.call(lead, 'PUT', '/api/me/key', { publicKey: keys.publicKey });
    await h.person('ali', 'agent', 'north');
    const desk = await h.desk('ali');
    const planHash = hashOf('p');
    const r1 = await requestSecondApproval(desk.client, { ticketId: '7', planHash, plan: {}, why: 'big refund' });
    if (!r1.ok) throw new Error(r1.error.message);
    const body = { requestId: r1.data.id, planHash, grant: false, note: '', lead: 'lux', at: new Date().toISOString() };
    expect((await h.call(lead, 'POST', `/api/approvals/${r1.data.id}/decision`, keys.signDecision(body))).body.error.message).toMatch(/say why/);
    const declined = await h.call(lead, 'POST', `/api/approvals/${r1.data.id}/decision`, keys.signDecision({ ...body, note: 'refund to the gift card instead' }));
    expect(declined.body).toMatchObject({ status: 'declined', decision: { note: 'refund to the gift card instead' } });
    expect(await approvalDecision(desk.client, r1.data.id, planHash, keys.publicKeyPem)).toMatchObject({ ok: true, data: { status: 'declined' } });

    const r2 = await requestSecondApproval(desk.client, { ticketId: '8', planHash, plan: {}, why: 'big refund' });
    if (!r2.ok) throw new Error(r2.error.message);
    await h.db.query(`UPDATE approvals SET expires_at = now() - interval '1 second' WHERE id = $1`, [r2.data.id]);
    expect(await approvalDecision(desk.client, r2.data.id, planHash, keys.publicKeyPem)).toMatchObject({ ok: true, data: { status: 'expired' } });
    const late = await h.call(lead, 'POST', `/api/approvals/${r2.data.id}/decision`, keys.signDecision({ ...body, requestId: r2.data.id, grant: true }));
    expect(late).toMatchObject({ status: 410, body: { error: { code: 'expired' } } });

    // a lead's own desk asks; the same lead cannot grant it
    const leadDesk = await h.desk('lux');
    const r3 = await requestSecondApproval(leadDesk.client, { ticketId: '9', planHash, plan: {}, why: 'x' });
    if (!r3.ok) throw new Error(r3.error.message);
    const own = await h.call(lead, 'POST', `/api/approvals/${r3.data.id}/decision`, keys.signDecision({ ...body, requestId: r3.data.id, grant: true }));
    expect(own).toMatchObject({ status: 403, body: { error: { message: /another person/ } } });
    // a malformed request is refused, naming the field
    const bad = await desk.client.request('POST', '/api/approvals', { ticketId: '9', planHash: 'nothex', plan: {}, why: 'x' });
    expect(bad).toMatchObject({ status: 400, error: { code: 'invalid_input', message: /planHash/ } });
  });
});

describe('two hubs on one PostgreSQL database', () => {
  const a = useHub('postgres');

  it("a lead connected to one hub hears of a request another hub took, within a second", async () => {
    const h = a();
    // a second hub process-alike: its own pool and listener on the same database
    const { startHub } = await import('../../hub/server.ts');
    const { openDb } = await import('../../hub/db/db.ts');
    const second = await startHub({ db: await openDb({ database: await databaseUrlOf(h) }) });
    try {
      const keys = leadKeys();
      const lead = await h.person('lin', 'lead', 'two');
      await h.call(lead, 'PUT', '/api/me/key', { publicKey: keys.publicKey });
      await h.person('al', 'agent', 'two');
      const desk = await h.desk('al');
      // the lead's panel is connected to the second hub; the desk talks to the first
      const onSecond = await listen({ ...h, hub: second } as TestHub, lead);
      const sentAt = Date.now();
      const asked = await requestSecondApproval(desk.client, { ticketId: '5', planHash: hashOf('x'), plan: {}, why: 'two hubs' });
      if (!asked.ok) throw new Error(asked.error.message);
      await expect.poll(() => onSecond.events.length, { timeout: 5_000 }).toBe(1);
      expect(onSecond.events[0]!.at - sentAt).toBeLessThan(1_000);
      // and decided through the second hub, the first one's desk sees it
      const decision = keys.signDecision({ requestId: asked.data.id, planHash: hashOf('x'), grant: true, note: '', lead: 'lin', at: new Date().toISOString() });
      const granted = await fetch(`${second.url}/api/approvals/${asked.data.id}/decision`, { method: 'POST', headers: { authorization: `Bearer ${lead}` }, body: JSON.stringify(decision) });
      expect(granted.status).toBe(200);
      expect(await approvalDecision(desk.client, asked.data.id, hashOf('x'), keys.publicKeyPem)).toMatchObject({ ok: true, data: { status: 'granted' } });
      await expect.poll(() => onSecond.events.map((e) => e.type)).toEqual(['approval.requested', 'approval.decided']);
      onSecond.close();
    } finally {
      await second.close();
      await second.db.close();
    }
  });
});

async function databaseUrlOf(h: TestHub): Promise<string> {
  const [row] = await h.db.query<{ db: string; port: number }>('SELECT current_database() AS db, inet_server_port() AS port');
  return `postgres://postgres@127.0.0.1:${row!.port}/${row!.db}`;
}
