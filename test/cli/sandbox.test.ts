// `legwork sandbox` as a person runs it: a real process, one JSON line when ready, clean stop.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../bin/legwork.js');
let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

function startCli(args: string[]): Promise<{ proc: ChildProcess; ready: Record<string, string> }> {
  const proc = spawn(process.execPath, [BIN, 'sandbox', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout! });
    lines.once('line', (line) => resolve({ proc, ready: JSON.parse(line) }));
    proc.once('exit', (code) => reject(new Error(`exited ${code} before it was ready`)));
  });
}

describe('legwork sandbox', () => {
  it('prints the five URLs as one JSON line, serves them, and stops cleanly on SIGTERM and SIGINT', { timeout: 30_000 }, async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const { proc, ready } = await startCli(['--port', '0']);
      expect(Object.keys(ready).sort()).toEqual(['billing', 'control', 'crm', 'helpdesk', 'orders']);
      for (const system of ['helpdesk', 'crm', 'orders', 'billing']) {
        const res = await fetch(`${ready[system]}/login`);
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('Sign in');
      }
      expect((await fetch(`${ready.control}/state`)).status).toBe(200);
      proc.kill(signal);
      const [code] = await once(proc, 'exit');
      expect(code).toBe(0);
      await expect(fetch(`${ready.control}/state`)).rejects.toThrow();
    }
  });

  it('applies --faults at start', { timeout: 20_000 }, async () => {
    const { proc, ready } = await startCli(['--port', '0', '--faults', 'all.latency=30,orders.layout=variant,crm.errors=0.25']);
    const faults = await (await fetch(`${ready.control}/faults`)).json();
    expect(faults.helpdesk.latencyMs).toBe(30);
    expect(faults.orders).toMatchObject({ latencyMs: 30, layout: 'variant' });
    expect(faults.crm.errorRate).toBe(0.25);
    proc.kill('SIGTERM');
    await once(proc, 'exit');
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--port', 'eighty'], /--port must be/],
    [['--faults', 'orders.latncy=3'], /unknown switch "latncy"/],
    [['--faults', 'mars.latency=3'], /unknown system "mars"/],
    [['--faults', 'all.errors=7'], /errorRate/],
  ])('refuses %j with a clear message and exit code 2', (args, message) => {
    const res = spawnSync(process.execPath, [BIN, 'sandbox', ...args], { encoding: 'utf8', timeout: 15_000 });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stdout).toBe('');
  });

  it('says which port is taken instead of crashing', { timeout: 20_000 }, async () => {
    const { proc, ready } = await startCli(['--port', '0']);
    const taken = new URL(ready.orders!).port;
    const res = spawnSync(process.execPath, [BIN, 'sandbox', '--port', taken], { encoding: 'utf8', timeout: 15_000 });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/already in use/);
    proc.kill('SIGTERM');
    await once(proc, 'exit');
  });
});
