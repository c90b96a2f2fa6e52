// Browser mode hands the panel its access without the command line: the app window's URL carries a
// one-time code, traded once for an httpOnly SameSite=Strict cookie. A real Chromium app window is
// started as `legwork start` starts it, and every process of it is read from /proc the way `ps` would.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApi, type ApiServer } from '../../core/api/http-server.ts';
import { appWindowArgs, openAppWindow } from '../../cli/app-window.ts';
import { chromiumArgs, NO_SANDBOX_NOTICE, noSandboxNotice } from '../../automations/runtime/chromium.ts';
import { fakeService, type FakeService } from './fake-service.ts';

let server: ApiServer;
let service: FakeService;
let origin: string;

beforeAll(async () => {
  // a stand-in panel: its script calls the API with no token at all, as the built panel does in the app window
  const panelDir = mkdtempSync(path.join(os.tmpdir(), 'legwork-panel-'));
  writeFileSync(path.join(panelDir, 'index.html'), '<!doctype html><title>panel</title><script src="/app.js"></script>');
  writeFileSync(path.join(panelDir, 'app.js'), "fetch('/api/tickets.queue', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });");
  service = fakeService();
  server = await serveApi(service, { panelDir });
  origin = new URL(server.apiBase).origin;
});
afterAll(() => server.close());

const call = (headers: Record<string, string> = {}) =>
  fetch(`${origin}/api/tickets.queue`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

/** The command lines of a process and all its descendants, as /proc (and so `ps`) shows them. */
function commandLines(root: number): string[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(/^\d+ \(.*\) \S (\d+)/s.exec(readFileSync(`/proc/${name}/stat`, 'utf8'))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const lines: string[] = [];
  const visit = (pid: number) => {
    try {
      lines.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '));
    } catch {
      return;
    }
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return lines;
}

describe('the panel token hand-over in browser mode', () => {
  it('a one-time code works once, gives an httpOnly SameSite=Strict cookie, and never carries the token', async () => {
    const url = new URL(server.handoverUrl());
    expect(url.href).not.toContain(server.token);
    expect(url.hash).toBe('');
    const first = await fetch(url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = cookie.split(';')[0]!;
    expect((await call({ cookie: session })).status).toBe(200);

    const again = await fetch(url, { redirect: 'manual' });
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toMatch(/already used or has expired/);
  });

  it('the API still refuses everything without the cookie or the token', async () => {
    expect((await call()).status).toBe(401);
    expect((await call({ cookie: 'legwork_session=guess' })).status).toBe(401);
    expect((await call({ cookie: `other=${server.token}` })).status).toBe(401);
    expect((await fetch(`${origin}/api/events`)).status).toBe(401);
    expect((await fetch(`${origin}/blobs/${'0'.repeat(64)}`)).status).toBe(401);
    expect((await fetch(`${origin}/?code=made-up`, { redirect: 'manual' })).status).toBe(403);
    expect((await call({ authorization: `Bearer ${server.token}` })).status).toBe(200);
  });

  it("the app window's processes show no token on their command lines, and its code is dead once the window used it", { timeout: 60_000 }, async () => {
    const before = service.calls.length;
    const window = openAppWindow(server, { profileDir: mkdtempSync(path.join(os.tmpdir(), 'legwork-window-')), headless: true });
    try {
      const deadline = Date.now() + 30_000;
      while (service.calls.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      // the window's page reached the API with the cookie alone
      expect(service.calls.length).toBeGreaterThan(before);
      const lines = commandLines(window.pid!);
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.join('\n')).not.toContain(server.token);
      const code = /--app=(\S+)/.exec(lines.join('\n'))?.[1];
      expect(code).toMatch(/\?code=/);
      // what `ps` showed is of no use any more
      expect((await fetch(code!, { redirect: 'manual' })).status).toBe(403);
    } finally {
      window.kill();
    }
  });

  it('--no-sandbox only as root, and said once when it is used', () => {
    expect(chromiumArgs(false)).not.toContain('--no-sandbox');
    expect(chromiumArgs(true)).toContain('--no-sandbox');
    expect(noSandboxNotice(false)).toBeNull();
    expect(appWindowArgs(server, { profileDir: '/tmp/x' }).includes('--no-sandbox')).toBe(process.getuid?.() === 0);
    expect(NO_SANDBOX_NOTICE).toMatch(/running as root/);
  });
});
