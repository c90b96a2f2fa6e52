// The desk's background uploader against a real hub: a queue on disk, back-off while the hub is
// away, refusals kept aside, and nothing lost or sent twice when the desk or the hub is killed
// (kill -9) half-way. The killed processes are the real `legwork hub` and `legwork hub upload`.
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { HubClient, hubClientFor } from '../../core/hub/client.ts';
import { HubUploader } from '../../core/hub/uploader.ts';
import { connectDesk } from '../../core/hub/desk.ts';
import { tempHome } from '../trace/fixtures.ts';
import { loadOrCreateTraceKey } from '../../core/trace/keys.ts';
import { enrollDesk } from '../../core/hub/client.ts';
import { TraceStore } from '../../core/trace/store.ts';
import { ENGINES, PASSWORD, useHub, type TestDesk } from './fixtures.ts';
import { startTestPostgres } from '../helpers/postgres.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LEGWORK = path.join(ROOT, 'bin', 'legwork.js');

/** A finished run with a screenshot of `kb` KiB (random, so every run's is its own). */
async function heavyRun(store: TraceStore, agent: string, kb: number): Promise<string> {
  const w = await store.openRun({ ticketId: 7, agent, playbooks: ['information'] });
  const shot = await w.putBlob(randomBytes(kb * 1024));
  await w.append('step_result', { stepId: 's1', ok: true, evidence: { screenshots: { after: shot } } });
  await w.finish('completed');
  return w.run;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

function legwork(args: string[], env: Record<string, string> = {}, stdin?: string): ChildProcess {
  const child = spawn(process.execPath, [LEGWORK, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  if (stdin !== undefined) child.stdin!.end(stdin);
  else child.stdin!.end();
  return child;
}

function finished(child: ChildProcess): Promise<{ code: number | null; out: string; err: string }> {
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (err += String(d)));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => !n.endsWith('.tmp')) : []);

describe.each(ENGINES)('the desk uploader (%s)', (engine) => {
  const t = useHub(engine);

  it('keeps runs queued while the hub is away, backs off, then sends each once', async () => {
    const h = t();
    await h.person('uma', 'agent');
    const desk: TestDesk = await h.desk('uma');
    const runs = [(await desk.run()).run, (await desk.run()).run, (await desk.run()).run];
    const key = await loadOrCreateTraceKey(path.join(desk.home, 'keys', 'trace-ed25519.pem'));
    let calls = 0;
    const counting: typeof fetch = (i, init) => {
      calls++;
      return fetch(i, init);
    };
    const away = new HubClient(`http://127.0.0.1:${await freePort()}`, desk.client.deskId, key, counting);
    const offline = new HubUploader({ home: desk.home, store: desk.store, client: away, minDelayMs: 60_000 });
    expect(await offline.enqueueFinished()).toBe(3);
    const r1 = await offline.drain();
    expect(r1.waiting.sort()).toEqual([...runs].sort());
    expect(calls).toBe(3);
    // backing off: a drain right after does not knock again
    expect((await offline.drain()).waiting).toHaveLength(3);
    expect(calls).toBe(3);
    expect(files(offline.outbox).sort()).toEqual([...runs].sort());

    const online = new HubUploader({ home: desk.home, store: desk.store, client: desk.client });
    const r2 = await online.drain();
    expect(r2.sent.sort()).toEqual([...runs].sort());
    expect(files(online.outbox)).toEqual([]);
    expect(await online.enqueueFinished()).toBe(0);
    const listed = await h.call(h.admin, 'GET', '/api/runs?agent=uma');
    expect(listed.body.runs.map((r: any) => r.run).sort()).toEqual([...runs].sort());
  });

  it("sends an enrolled desk's finished runs on start and each new one as it finishes; an unfinished run waits", async () => {
    const h = t();
    await h.person('xia', 'agent');
    const desk = await h.desk('xia');
    const earlier = (await desk.run()).run;
    const open = await desk.run({ unfinished: true });
    const lines: string[] = [];
    const connected = (await connectDesk(desk.home, desk.store, (l) => lines.push(l)))!;
    const { uploader } = connected;
    try {
      expect(lines.join('\n')).toMatch(/runs go to the hub/);
      const listed = async () => (await h.call(h.admin, 'GET', '/api/runs?agent=xia')).body.runs.map((r: any) => r.run).sort();
      await expect.poll(listed, { timeout: 20_000 }).toEqual([earlier]);
      const later = (await desk.run()).run;
      await uploader.enqueue(later);
      await uploader.enqueue(open.run);
      await expect.poll(listed, { timeout: 20_000 }).toEqual([earlier, later].sort());
      // the unfinished run is neither sent nor refused: it waits for its head
      await expect.poll(() => files(uploader.outbox)).toEqual([open.run]);
      expect(files(uploader.refusedDir)).toEqual([]);
    } finally {
      await connected.close();
    }
    // a home that is not enrolled has no uploader
    expect(await connectDesk(tempHome(), desk.store, () => undefined)).toBeNull();
  });

  it('keeps a run the hub refuses aside with the reason, and does not send it again', async () => {
    const h = t();
    await h.person('vic', 'agent');
    const desk = await h.desk('vic');
    const { run } = await desk.run();
    // the trace is edited on disk after it was signed
    appendFileSync(path.join(desk.home, 'traces', 'runs', run, 'events.jsonl'), '{"not":"an event"}\n');
    const up = new HubUploader({ home: desk.home, store: desk.store, client: desk.client });
    await up.enqueue(run);
    const r = await up.drain();
    expect(r.refused).toEqual([{ run, reason: expect.stringMatching(/does not verify/) }]);
    expect(JSON.parse(readFileSync(path.join(up.refusedDir, `${run}.json`), 'utf8'))).toMatchObject({ run, reason: expect.any(String) });
    expect(files(up.outbox)).toEqual([]);
    expect(await up.enqueueFinished()).toBe(0);
  });
});

describe.each(ENGINES)('killing the desk or the hub mid-upload (%s)', (engine) => {
  it('loses nothing and duplicates nothing', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'legwork-hubkill-'));
    const pg = engine === 'postgres' ? await startTestPostgres() : undefined;
    const dbFlags = pg ? ['--database', await pg.newDatabase()] : ['--data', path.join(work, 'db')];
    let hub: ChildProcess | undefined;
    try {
      expect((await finished(legwork(['hub', 'user', 'add', 'root', '--role', 'admin', ...dbFlags], {}, PASSWORD))).code).toBe(0);
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const startHubProcess = async () => {
        const child = legwork(['hub', '--port', String(port), ...dbFlags]);
        let out = '';
        child.stdout!.on('data', (d) => (out += String(d)));
        child.stderr!.on('data', () => undefined);
        await waitFor('the hub to start', () => out.includes('"url"'));
        return child;
      };
      hub = await startHubProcess();
      const post = async (p: string, body: unknown, token?: string) =>
        (await (await fetch(url + p, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body: JSON.stringify(body) })).json()) as any;
      const admin = (await post('/api/login', { name: 'root', password: PASSWORD })).token as string;
      await post('/api/users', { name: 'wes', role: 'agent', password: PASSWORD }, admin);
      const code = (await post('/api/enrollments', { user: 'wes', desk: 'wes-desk' }, admin)).code as string;

      const home = path.join(work, 'desk');
      await enrollDesk(home, url, code);
      const store = TraceStore.forHome(home);
      const N = 24;
      const runs: string[] = [];
      for (let i = 0; i < N; i++) runs.push(await heavyRun(store, 'wes', 400));

      // 1. the desk is killed while it sends
      const desk = legwork(['hub', 'upload'], { LEGWORK_HOME: home });
      const deskDone = finished(desk);
      const sent = path.join(home, 'hub', 'sent');
      await waitFor('a few runs sent', () => files(sent).length >= 3);
      desk.kill('SIGKILL');
      await deskDone;
      const afterDeskKill = files(sent).length;
      expect(afterDeskKill).toBeLessThan(N);

      // 2. the hub is killed while the (restarted) desk sends the rest
      const client = (await hubClientFor(home))!;
      const uploader = new HubUploader({ home, store, client, minDelayMs: 100, maxDelayMs: 500, timeoutMs: 10_000 });
      uploader.start();
      await waitFor('more runs sent', () => files(sent).length >= afterDeskKill + 3);
      hub.kill('SIGKILL');
      await new Promise((r) => hub!.once('exit', r));
      await new Promise((r) => setTimeout(r, 300));
      hub = await startHubProcess();
      await waitFor('the outbox to empty', () => files(uploader.outbox).length === 0);
      await uploader.stop();

      const login = await (await fetch(`${url}/api/login`, { method: 'POST', body: JSON.stringify({ name: 'root', password: PASSWORD }) })).json();
      const listed = await (await fetch(`${url}/api/runs?limit=500`, { headers: { authorization: `Bearer ${(login as any).token}` } })).json();
      const onHub = (listed as any).runs.map((r: any) => r.run).sort();
      expect(onHub).toEqual([...runs].sort());
      expect(files(sent).sort()).toEqual([...runs].sort());
      // each run whole: its screenshot is there
      for (const run of runs.slice(0, 3)) {
        const detail = await (await fetch(`${url}/api/runs/${run}`, { headers: { authorization: `Bearer ${(login as any).token}` } })).json();
        expect((detail as any).blobs).toHaveLength(1);
      }
    } finally {
      if (hub && hub.exitCode === null) {
        hub.kill('SIGTERM');
        await new Promise((r) => hub!.once('exit', r));
      }
      await pg?.stop();
      rmSync(work, { recursive: true, force: true });
    }
  }, 600_000);
});

