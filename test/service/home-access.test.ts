// LEGWORK_HOME is this user's only: a start finds a tree left open to others (0755 folders, 0644
// files with customer data), says so and closes it; what is written afterwards is private too.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Legwork } from '../../core/legwork.ts';
import { sandboxSystems } from '../../cli/systems.ts';

/** Every path under `root` whose mode lets group or others in, with its mode. */
export function openToOthers(root: string): string[] {
  const open: string[] = [];
  const visit = (p: string) => {
    const st = statSync(p);
    if (st.mode & 0o077) open.push(`${path.relative(root, p) || '.'} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
  };
  visit(root);
  return open;
}

describe('LEGWORK_HOME permissions', () => {
  it('a start warns about a home open to others and makes it 0700 folders / 0600 files; what a run writes is checked in masking-run.test.ts', { timeout: 60_000 }, async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'legwork-home-'));
    chmodSync(home, 0o755);
    for (const dir of ['journal', 'traces/runs/r1', 'evidence/blobs']) mkdirSync(path.join(home, dir), { recursive: true, mode: 0o755 });
    const files = ['journal/r1.jsonl', 'traces/runs/r1/events.jsonl', 'evidence/blobs/a.png', 'settings.json'];
    for (const f of files) {
      writeFileSync(path.join(home, f), 'customer data');
      chmodSync(path.join(home, f), 0o644);
    }
    for (const dir of ['journal', 'traces', 'traces/runs', 'traces/runs/r1', 'evidence', 'evidence/blobs']) chmodSync(path.join(home, dir), 0o755);
    expect(openToOthers(home).length).toBe(11);

    const said: string[] = [];
    const urls = { helpdesk: 'http://127.0.0.1:9', crm: 'http://127.0.0.1:9', orders: 'http://127.0.0.1:9', billing: 'http://127.0.0.1:9', control: 'http://127.0.0.1:9' };
    const legwork = await Legwork.open({ home, systems: sandboxSystems(urls), notice: (line) => said.push(line) });
    try {
      expect(openToOthers(home)).toEqual([]);
      expect(statSync(home).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(home, 'settings.json')).mode & 0o777).toBe(0o600);
      expect(said.join('\n')).toMatch(/11 file\(s\) or folder\(s\) were readable by other users .*made them private/);
    } finally {
      await legwork.close();
    }
  });

  it('a start on a private home says nothing', { timeout: 60_000 }, async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'legwork-home-'));
    const said: string[] = [];
    const urls = { helpdesk: 'http://127.0.0.1:9', crm: 'http://127.0.0.1:9', orders: 'http://127.0.0.1:9', billing: 'http://127.0.0.1:9', control: 'http://127.0.0.1:9' };
    const legwork = await Legwork.open({ home, systems: sandboxSystems(urls), notice: (line) => said.push(line) });
    await legwork.close();
    expect(said.filter((line) => /readable by other users/.test(line))).toEqual([]);
  });
});
