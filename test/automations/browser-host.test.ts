// BrowserHost: a persistent profile keeps logins across restarts; CDP connection; Playwright traces.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { sandboxForTest } from '../helpers/sandbox.ts';
import { BrowserHost } from '../../automations/runtime/browser-host.ts';
import { ActionRunner } from '../../automations/runtime/runner.ts';
import { MemorySecretStore } from '../../automations/runtime/secrets.ts';
import { CHROMIUM_ARGS, findChromium } from '../../automations/runtime/chromium.ts';
import { connectors } from '../../automations/systems/index.ts';
import { getTicket } from '../../automations/systems/helpdesk/actions.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await sandboxForTest();
});
afterAll(() => sandbox?.close());

function runnerOn(host: BrowserHost) {
  return new ActionRunner({
    host,
    secrets: new MemorySecretStore(sandbox.credentials),
    systems: { helpdesk: { connector: connectors.helpdesk!, baseUrl: sandbox.urls.helpdesk } },
  });
}

describe('BrowserHost', () => {
  it('keeps the login in a persistent profile across a restart', { timeout: 60_000 }, async () => {
    const profileDir = mkdtempSync(path.join(os.tmpdir(), 'legwork-profile-'));
    const first = await BrowserHost.launch({ profileDir });
    const signedIn = await runnerOn(first).run(getTicket, { ticket_id: 1001 });
    await first.close();
    // the first run had to sign in: its first attempt met the sign-in form
    expect(signedIn.ok && signedIn.evidence.attempts).toBe(2);
    const again = await BrowserHost.launch({ profileDir });
    try {
      const res = await runnerOn(again).run(getTicket, { ticket_id: 1001 });
      expect(res.ok && res.evidence.attempts).toBe(1);
    } finally {
      await again.close();
    }
  });

  it('connects over CDP to a Chromium that is already running', { timeout: 60_000 }, async () => {
    const port = 9200 + Math.floor(Math.random() * 500);
    const running = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`] });
    try {
      const host = await BrowserHost.connect(`http://127.0.0.1:${port}`);
      const res = await runnerOn(host).run(getTicket, { ticket_id: 1001 });
      expect(res.ok).toBe(true);
      await host.close();
    } finally {
      await running.close();
    }
  });

  it('says what it could not reach when connecting over CDP fails', async () => {
    await expect(BrowserHost.connect('http://127.0.0.1:9')).rejects.toMatchObject({ code: 'browser_unavailable', message: expect.stringContaining('127.0.0.1:9') });
  });

  it('records a Playwright trace of a run, even when the run fails', { timeout: 60_000 }, async () => {
    const host = await BrowserHost.launch({});
    const dir = mkdtempSync(path.join(os.tmpdir(), 'legwork-trace-'));
    try {
      const ok = path.join(dir, 'ok.zip');
      const res = await host.traced(ok, () => runnerOn(host).run(getTicket, { ticket_id: 1001 }));
      expect(res.ok).toBe(true);
      const zip = readFileSync(ok);
      expect(zip.subarray(0, 2).toString()).toBe('PK');
      expect(zip.includes(Buffer.from('trace.trace'))).toBe(true);
      const failed = path.join(dir, 'failed.zip');
      await expect(host.traced(failed, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
      expect(existsSync(failed)).toBe(true);
    } finally {
      await host.close();
    }
  });
  it('runners over one host take turns on a system\'s tab: reads of different tickets at once each read their own', { timeout: 90_000 }, async () => {
    // the desk has two runners (the executor's, with evidence; the planner's reads, without) over one browser
    const host = await BrowserHost.launch({});
    try {
      const a = runnerOn(host);
      const b = runnerOn(host);
      expect((await a.run(getTicket, { ticket_id: 1001 })).ok).toBe(true); // signed in
      const ids = [1001, 1002, 1003, 1004, 1005, 1006];
      const outs = await Promise.all(ids.map((id, i) => (i % 2 ? a : b).run(getTicket, { ticket_id: id })));
      expect(outs.map((o) => (o.ok ? o.output.id : o.error.message))).toEqual(ids);
      // none was disturbed by another on the same tab (which a try again would hide)
      expect(outs.map((o) => o.evidence.attempts)).toEqual(ids.map(() => 1));
    } finally {
      await host.close();
    }
  });
});
