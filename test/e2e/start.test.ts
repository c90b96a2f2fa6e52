// `legwork start --headless` on its own: the built-in sandbox, one JSON line on stdout when ready,
// the panel and the API answering, a clean stop on SIGTERM; bad flags are usage errors.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { START_ENTRY } from './harness.ts';

function start(args: string[]) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'legwork-start-'));
  const child = spawn(process.execPath, ['--import', 'tsx', START_ENTRY, ...args], { env: { ...process.env, LEGWORK_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => stdout.includes('\n') && resolve(stdout.slice(0, stdout.indexOf('\n'))));
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  firstLine.catch(() => undefined); // a test that expects the exit does not read the line
  return { child, exited, firstLine, out: () => ({ stdout, stderr }) };
}

describe('legwork start', () => {
  it('--headless starts the sandbox, prints one JSON line, serves the panel and the API, and stops on SIGTERM', async () => {
    const s = start(['--headless', '--sandbox-port', '0']);
    const ready = JSON.parse(await s.firstLine) as { panel: string; api: string };
    expect(Object.keys(ready)).toEqual(['panel', 'api']);
    expect(ready.panel).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{40,}$/);
    expect(ready.api).toBe(`${new URL(ready.panel).origin}/api`);
    expect(s.out().stderr).toMatch(/browser mode/);
    expect(s.out().stderr).toMatch(/the sandbox is running/);

    const page = await fetch(new URL(ready.panel).origin);
    expect(await page.text()).toContain('<div id="root">');
    const token = new URL(ready.panel).hash.replace('#token=', '');
    const queue = await fetch(`${ready.api}/tickets.queue`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{}' });
    const answer = (await queue.json()) as { ok: boolean; data: unknown[] };
    expect(answer.ok).toBe(true);
    expect(answer.data.length).toBeGreaterThan(0);

    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.out().stdout.trim().split('\n')).toHaveLength(1);
  }, 45_000);

  it('refuses a bad port as a usage error', async () => {
    const s = start(['--headless', '--port', 'eighty']);
    expect(await s.exited).toBe(2);
    expect(s.out().stderr).toMatch(/--port must be 0 or a port number/);
  }, 20_000);
});
