// Runs flow to the hub and QA reads them there: on PGlite and on a real PostgreSQL server.
import { describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { deviceMessage, DEVICE_HEADERS } from '../../shared/hub.ts';
import { eventHash } from '../../core/trace/chain.ts';
import { verifyBundle } from '../../core/trace/bundle.ts';
import { loadOrCreateTraceKey } from '../../core/trace/keys.ts';
import { bundleOf, ENGINES, useHub, type TestHub } from './fixtures.ts';
import { tempHome } from '../trace/fixtures.ts';

async function counts(t: TestHub) {
  const [row] = await t.db.query<{ runs: number; events: number; blobs: number; links: number }>(
    'SELECT (SELECT count(*) FROM runs)::int AS runs, (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM blobs)::int AS blobs, (SELECT count(*) FROM run_blobs)::int AS links',
  );
  return row!;
}

describe.each(ENGINES)('runs on the hub (%s)', (engine) => {
  const t = useHub(engine, { maxUploadBytes: 256 * 1024 });

  it('stores a finished run once, verified, and shows it to QA with its events and screenshots', async () => {
    const h = t();
    await h.person('ana', 'agent');
    const qa = await h.person('quinn', 'qa');
    const desk = await h.desk('ana');
    const { run, shots } = await desk.run({ playbooks: ['cancel_order'], writes: { s1: 'auto', s2: 'approve' } });
    const bundle = await bundleOf(desk, run);
    const before = await counts(h);

    const first = await desk.client.request('POST', '/api/runs', bundle);
    expect(first).toMatchObject({ status: 201, body: { run, stored: true, events: bundle.events.length, blobs: 4 } });
    const after = await counts(h);
    expect(after.runs - before.runs).toBe(1);
    expect(after.events - before.events).toBe(bundle.events.length);
    // sent again (an upload cut after the hub stored it): nothing is stored twice
    const again = await desk.client.request('POST', '/api/runs', bundle);
    expect(again).toMatchObject({ status: 200, body: { run, stored: false } });
    expect(await counts(h)).toEqual(after);

    const list = await h.call(qa, 'GET', '/api/runs?outcome=completed&playbook=cancel_order');
    expect(list.status).toBe(200);
    expect(list.body.runs.map((r: any) => r.run)).toContain(run);
    const row = list.body.runs.find((r: any) => r.run === run);
    expect(row).toMatchObject({ desk: 'ana-desk', user: 'ana', agent: 'ana', team: 'north', writes: 2, autoWrites: 1, verdict: null });

    const detail = await h.call(qa, 'GET', `/api/runs/${run}`);
    expect(detail.body.events).toEqual(bundle.events);
    expect(detail.body.blobs.sort()).toEqual([...new Set(shots)].sort());
    const png = await fetch(`${h.hub.url}/api/blobs/${shots[0]}`, { headers: { authorization: `Bearer ${qa}` } });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer())).toEqual(Buffer.from(bundle.blobs[shots[0]!]!, 'base64'));
  });

  it('records verdicts with the reviewer, filters by them, and exports a bundle that verifies offline', async () => {
    const h = t();
    await h.person('cy', 'agent');
    const qa = await h.person('quill', 'qa');
    const agent = await h.person('cyril', 'agent');
    const desk = await h.desk('cy');
    const { run } = await desk.run({ outcome: 'escalated' });
    expect((await desk.client.request('POST', '/api/runs', await bundleOf(desk, run))).status).toBe(201);
    // an escalation is always in the QA sample
    expect((await h.call(qa, 'GET', '/api/runs?sample=0')).body.runs.map((r: any) => r.run)).toContain(run);

    expect((await h.call(agent, 'POST', `/api/runs/${run}/verdicts`, { verdict: 'pass' })).status).toBe(403);
    const bad = await h.call(qa, 'POST', `/api/runs/${run}/verdicts`, { verdict: 'great' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } });
    const v = await h.call(qa, 'POST', `/api/runs/${run}/verdicts`, { verdict: 'needs_follow_up', comment: 'check the refund' });
    expect(v).toMatchObject({ status: 201, body: { verdict: 'needs_follow_up', reviewer: 'quill' } });
    const reviewed = await h.call(qa, 'GET', '/api/runs?verdict=needs_follow_up');
    expect(reviewed.body.runs.map((r: any) => r.run)).toEqual([run]);
    expect((await h.call(qa, 'GET', '/api/runs?verdict=none')).body.runs.map((r: any) => r.run)).not.toContain(run);

    const exported = await h.call(qa, 'GET', `/api/runs/${run}/bundle`);
    const file = path.join(tempHome(), 'run.bundle.json');
    writeFileSync(file, JSON.stringify(exported.body));
    const deskKey = (await loadOrCreateTraceKey(path.join(desk.home, 'keys', 'trace-ed25519.pem'))).publicKey;
    const report = await verifyBundle(file, { trustedKeys: [deskKey] });
    expect(report).toMatchObject({ ok: true, finished: true, head: { outcome: 'escalated', trusted: true } });
    expect(exported.body.reviews).toMatchObject([{ verdict: 'needs_follow_up', reviewer: 'quill', comment: 'check the refund' }]);
  });

  it("keeps each team's runs to its team; an admin sees all, filtered by team", async () => {
    const h = t();
    await h.person('dan', 'agent', 'south');
    const southQa = await h.person('sue', 'qa', 'south');
    const northAgent = await h.person('nia', 'agent', 'north');
    const desk = await h.desk('dan');
    const { run, shots } = await desk.run();
    expect((await desk.client.request('POST', '/api/runs', await bundleOf(desk, run))).status).toBe(201);
    expect((await h.call(northAgent, 'GET', '/api/runs?limit=500')).body.runs.map((r: any) => r.run)).not.toContain(run);
    expect((await h.call(northAgent, 'GET', `/api/runs/${run}`)).status).toBe(404);
    expect((await h.call(northAgent, 'GET', `/api/blobs/${shots[0]}`)).status).toBe(404);
    expect((await h.call(northAgent, 'GET', '/api/runs?team=south')).status).toBe(403);
    expect((await h.call(southQa, 'GET', '/api/runs')).body.runs.map((r: any) => r.run)).toContain(run);
    const all = await h.call(h.admin, 'GET', '/api/runs?team=south');
    expect(all.body.runs.map((r: any) => r.run)).toContain(run);
    expect(all.body.runs.every((r: any) => r.team === 'south')).toBe(true);
  });

  it('pages the QA list newest first with a cursor, and filters by date, agent and desk', async () => {
    const h = t();
    await h.person('eve', 'agent', 'paging');
    const lead = await h.person('pat', 'lead', 'paging');
    const desk = await h.desk('eve');
    const runs: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { run } = await desk.run({ startAt: `2025-06-0${i + 1}T09:00:00.000Z` });
      runs.push(run);
      expect((await desk.client.request('POST', '/api/runs', await bundleOf(desk, run))).status).toBe(201);
    }
    const p1 = await h.call(lead, 'GET', '/api/runs?limit=2');
    expect(p1.body.runs.map((r: any) => r.run)).toEqual([runs[4], runs[3]]);
    const p2 = await h.call(lead, 'GET', `/api/runs?limit=2&before=${p1.body.next}`);
    expect(p2.body.runs.map((r: any) => r.run)).toEqual([runs[2], runs[1]]);
    const days = await h.call(lead, 'GET', '/api/runs?since=2025-06-02&until=2025-06-03');
    expect(days.body.runs.map((r: any) => r.run)).toEqual([runs[2], runs[1]]);
    expect((await h.call(lead, 'GET', '/api/runs?agent=eve&desk=eve-desk')).body.runs).toHaveLength(5);
    expect((await h.call(lead, 'GET', '/api/runs?agent=nobody')).body.runs).toHaveLength(0);
    expect((await h.call(lead, 'GET', '/api/runs?before=garbage')).status).toBe(400);
    // a QA sample: none of the others at share 0, all at share 1, the same runs for the same seed
    expect((await h.call(lead, 'GET', '/api/runs?sample=0')).body.runs).toEqual([]);
    expect((await h.call(lead, 'GET', '/api/runs?sample=1')).body.runs).toHaveLength(5);
    const half = (await h.call(lead, 'GET', '/api/runs?sample=0.5&seed=s1')).body.runs.map((r: any) => r.run);
    expect((await h.call(lead, 'GET', '/api/runs?sample=0.5&seed=s1')).body.runs.map((r: any) => r.run)).toEqual(half);
    expect((await h.call(lead, 'GET', '/api/runs?sample=2')).status).toBe(400);
    const metrics = await h.call(lead, 'GET', '/api/metrics?by=agent');
    expect(metrics.body).toEqual([{ key: 'eve', runs: 5, completed: 5, escalated: 0, writes: 10, autoWrites: 5, autonomyRate: 0.5, medianRunMs: 90_000 }]);
    expect((await h.call(await h.person('ed', 'agent', 'paging'), 'GET', '/api/metrics')).status).toBe(403);
  });

  describe('refuses bad uploads clearly, stores nothing of them, and shows them to admins', () => {
    it('a tampered bundle (an edited event, a replaced screenshot, a cut tail)', async () => {
      const h = t();
      await h.person('fay', 'agent');
      const desk = await h.desk('fay');
      const { run, shots } = await desk.run();
      const good = await bundleOf(desk, run);
      const before = await counts(h);

      const edited = structuredClone(good);
      (edited.events[3] as any).data.approver = 'someone else';
      const r1 = await desk.client.request('POST', '/api/runs', edited);
      expect(r1).toMatchObject({ status: 422, body: { error: { code: 'tampered_bundle' } } });
      expect(r1.error?.message).toMatch(/was edited/);

      // re-hashing the edited event does not help: the chain and the signed head give it away
      const rehashed = structuredClone(edited);
      (rehashed.events[3] as any).hash = eventHash(rehashed.events[3] as any);
      expect((await desk.client.request('POST', '/api/runs', rehashed)).error?.code).toBe('tampered_bundle');

      const swapped = structuredClone(good);
      swapped.blobs[shots[0]!] = Buffer.from('another picture').toString('base64');
      const r2 = await desk.client.request('POST', '/api/runs', swapped);
      expect(r2.error?.message).toMatch(/was replaced/);

      const cut = structuredClone(good);
      cut.events.pop();
      expect((await desk.client.request('POST', '/api/runs', cut)).error?.message).toMatch(/tail was cut|head/);

      const unfinished = { ...structuredClone(good), head: null };
      expect((await desk.client.request('POST', '/api/runs', unfinished))).toMatchObject({ status: 422, body: { error: { code: 'unfinished_run' } } });

      expect(await counts(h)).toEqual(before);
      const rejections = await h.call(h.admin, 'GET', '/api/rejections');
      expect(rejections.body.filter((r: any) => r.run === run && r.desk === 'fay-desk').length).toBeGreaterThanOrEqual(5);
      expect((await h.call(await h.person('fin', 'lead'), 'GET', '/api/rejections')).status).toBe(403);
      // the good one still goes in afterwards
      expect((await desk.client.request('POST', '/api/runs', good)).status).toBe(201);
    });

    it("a bundle signed by another desk's key, and a run id taken by another desk", async () => {
      const h = t();
      await h.person('gil', 'agent');
      await h.person('hal', 'agent');
      const mine = await h.desk('gil');
      const theirs = await h.desk('hal');
      const { run } = await mine.run();
      const before = await counts(h);
      const foreign = await theirs.client.request('POST', '/api/runs', await bundleOf(mine, run));
      expect(foreign).toMatchObject({ status: 403, body: { error: { code: 'foreign_bundle' } } });
      expect(foreign.error?.message).toMatch(/not by desk hal-desk's key/);
      expect(await counts(h)).toEqual(before);
      expect((await h.call(h.admin, 'GET', '/api/rejections')).body.some((r: any) => r.run === run && r.desk === 'hal-desk')).toBe(true);

      // the same run id from another desk (its own, valid run) does not replace the first
      expect((await mine.client.request('POST', '/api/runs', await bundleOf(mine, run))).status).toBe(201);
      const own = await theirs.run();
      const clash = await bundleOf(theirs, own.run);
      const renamed = JSON.parse(JSON.stringify(clash).replaceAll(own.run, run));
      const r = await theirs.client.request('POST', '/api/runs', renamed);
      expect(r.status).toBeGreaterThanOrEqual(400);
    });

    it('a malformed body, a bundle from an unknown desk, an oversized upload', async () => {
      const h = t();
      await h.person('ida', 'agent');
      const desk = await h.desk('ida');
      const before = await counts(h);
      const notJson = await desk.client.request('POST', '/api/runs', Buffer.from('{"format": "legwork-trace-bundle", '));
      expect(notJson).toMatchObject({ status: 400, body: { error: { code: 'malformed_bundle' } } });
      const notBundle = await desk.client.request('POST', '/api/runs', { format: 'zip', run: 'x' });
      expect(notBundle).toMatchObject({ status: 400, body: { error: { code: 'malformed_bundle' } } });
      const badId = await desk.client.request('POST', '/api/runs', { ...(await bundleOf(desk, (await desk.run()).run)), run: '../../etc' });
      expect(badId.status).toBe(400);

      // a desk that never enrolled: its key is nobody's
      const { HubClient } = await import('../../core/hub/client.ts');
      const stranger = new HubClient(h.hub.url, 424242, await loadOrCreateTraceKey(path.join(tempHome(), 'k.pem')));
      const unknown = await stranger.request('POST', '/api/runs', await bundleOf(desk, (await desk.run()).run));
      expect(unknown).toMatchObject({ status: 401, body: { error: { code: 'unknown_desk' } } });

      const big = await desk.run();
      const huge = await bundleOf(desk, big.run);
      (huge as any).padding = randomBytes(300 * 1024).toString('base64');
      const tooBig = await desk.client.request('POST', '/api/runs', huge);
      expect(tooBig).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } });
      expect(await counts(h)).toEqual(before);
    });

    it('a connection dropped half-way through the upload', async () => {
      const h = t();
      await h.person('jo', 'agent');
      const desk = await h.desk('jo');
      const { run } = await desk.run();
      const body = Buffer.from(JSON.stringify(await bundleOf(desk, run)));
      const before = await counts(h);
      const key = await loadOrCreateTraceKey(path.join(desk.home, 'keys', 'trace-ed25519.pem'));
      const at = new Date().toISOString();
      const nonce = randomBytes(16).toString('base64url');
      const signature = key.sign(deviceMessage('POST', '/api/runs', at, nonce, createHash('sha256').update(body).digest('hex')));
      await new Promise<void>((resolve) => {
        const req = httpRequest(`${h.hub.url}/api/runs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': body.length, [DEVICE_HEADERS.desk]: desk.client.deskId, [DEVICE_HEADERS.at]: at, [DEVICE_HEADERS.nonce]: nonce, [DEVICE_HEADERS.signature]: signature },
        });
        req.on('error', () => resolve());
        req.write(body.subarray(0, body.length >> 1), () => setTimeout(() => {
          req.destroy();
          resolve();
        }, 200));
      });
      await new Promise((r) => setTimeout(r, 500));
      expect(await counts(h)).toEqual(before);
      // the desk sends it again, whole: it goes in once
      expect((await desk.client.request('POST', '/api/runs', JSON.parse(body.toString()))).status).toBe(201);
      expect((await counts(h)).runs).toBe(before.runs + 1);
    });
  });
});
