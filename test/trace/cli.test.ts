// `legwork trace …` as a person runs it: its own process, LEGWORK_HOME from the environment.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTrace } from '../../cli/commands/trace.ts';
import { UsageError } from '../../cli/usage.ts';
import { signedInAgent } from '../../core/identity.ts';
import { fakePng, storeIn, tempHome, writeSampleRun } from './fixtures.ts';

const ENTRY = path.resolve(import.meta.dirname, 'cli-entry.ts');

function trace(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, ...args], { env: { ...process.env, LEGWORK_HOME: home }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('legwork trace', () => {
  it('verifies a run (exit 0), names the broken event of a tampered one (exit 1), and exports a bundle that verifies elsewhere', { timeout: 120_000 }, async () => {
    const ctx = storeIn(tempHome());
    const { run, shots } = await writeSampleRun(ctx);
    // the CLI's store is LEGWORK_HOME's: the fixture wrote to <home>/traces with the key in <home>/keys
    const ok = trace(ctx.home, 'verify', run);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toMatch(/^ok: .*events intact; signed head: completed.*\(trusted\)/);

    const bundle = path.join(ctx.home, 'out.json');
    expect(trace(ctx.home, 'export', run, '--out', bundle)).toMatchObject({ code: 0 });
    const key = trace(ctx.home, 'key');
    expect(key.code).toBe(0);
    const keyFile = path.join(ctx.home, 'trace.pub');
    writeFileSync(keyFile, key.out);

    // another machine: an empty home, the bundle and the key handed over
    const elsewhere = tempHome();
    const copy = path.join(elsewhere, 'run.json');
    writeFileSync(copy, readFileSync(bundle));
    const there = trace(elsewhere, 'verify', copy, '--key', keyFile);
    expect(there).toMatchObject({ code: 0 });
    expect(there.out).toContain('(trusted)');
    const shot = path.join(elsewhere, 'shot.png');
    expect(trace(elsewhere, 'blob', copy, shots[0]!, '--out', shot)).toMatchObject({ code: 0 });
    expect(readFileSync(shot)).toEqual(Buffer.from(fakePng(`${run}-s1-before`)));
    expect(trace(elsewhere, 'show', copy).out).toContain('step_intent');

    const b = JSON.parse(readFileSync(copy, 'utf8'));
    b.events[6].data.decision.kind = 'auto'; // s2 was 'approve'
    writeFileSync(copy, JSON.stringify(b));
    const bad = trace(elsewhere, 'verify', copy, '--key', keyFile);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^FAILED/);
    expect(bad.out).toMatch(/bad_hash line 7 seq 6/);

    const file = path.join(ctx.store.runDir(run), 'events.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(3, 1);
    writeFileSync(file, lines.join('\n'));
    const broken = trace(ctx.home, 'verify', run);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/bad_seq line 4 seq 4: .*missing/);
  });

  it('lists, takes a verdict, and gives metrics', { timeout: 400_000 }, async () => {
    const ctx = storeIn(tempHome());
    const a = await writeSampleRun(ctx, { startAt: '2025-03-01T09:00:00Z', agent: 'ana', playbooks: ['cancel_order'], durationMs: 60_000 });
    const b = await writeSampleRun(ctx, { startAt: '2025-03-02T09:00:00Z', agent: 'bo', playbooks: ['return_items'], outcome: 'escalated' });

    const all = trace(ctx.home, 'list', '--json');
    expect(all.code).toBe(0);
    expect(JSON.parse(all.out).map((r: { run: string }) => r.run)).toEqual([b.run, a.run]);
    expect(JSON.parse(trace(ctx.home, 'list', '--json', '--agent', 'ana').out).map((r: { run: string }) => r.run)).toEqual([a.run]);
    expect(trace(ctx.home, 'list', '--since', '2025-03-02').out).toContain(b.run);

    // the reviewer is the account signed in here; a flag naming someone else is refused and nothing recorded
    const forged = trace(ctx.home, 'verdict', a.run, '--verdict', 'pass', '--reviewer', 'qa1');
    expect(forged.code).toBe(2);
    expect(forged.err).toMatch(/--reviewer is not accepted: who acts is the account signed in here/);
    expect(trace(ctx.home, 'show', a.run).out).not.toContain('review ');
    const v = trace(ctx.home, 'verdict', a.run, '--verdict', 'needs_follow_up', '--comment', 'check the refund');
    expect(v).toMatchObject({ code: 0 });
    expect(JSON.parse(trace(ctx.home, 'list', '--json', '--verdict', 'needs_follow_up').out).map((r: { run: string }) => r.run)).toEqual([a.run]);
    expect(trace(ctx.home, 'show', a.run).out).toContain(`${signedInAgent()}: needs_follow_up — check the refund`);
    expect(trace(ctx.home, 'verify', a.run).code).toBe(0);

    const baselines = path.join(ctx.home, 'baselines.json');
    writeFileSync(baselines, JSON.stringify({ cancel_order: 3 }));
    const m = trace(ctx.home, 'metrics', '--json', '--baselines', baselines);
    expect(m.code).toBe(0);
    const cancel = JSON.parse(m.out).find((r: { playbook: string }) => r.playbook === 'cancel_order');
    expect(cancel).toMatchObject({ runs: 1, completed: 1, baselineMinutes: 3, timeSavedMs: 180_000 - 60_000, autonomyRate: 0.5 });
    expect(trace(ctx.home, 'metrics').out).toMatch(/^playbook\s+runs/);

    const usage = trace(ctx.home, 'verdict', a.run, '--verdict', 'great');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--verdict must be one of pass, fail, needs_follow_up');
    const missing = trace(ctx.home, 'verify', 'no-such-run');
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('unreadable');
  });

  it('refuses bad arguments with a usage error (exit 2 through main)', async () => {
    const ctx = storeIn(tempHome());
    const { run } = await writeSampleRun(ctx);
    const io = { store: ctx.store, out: () => {}, err: () => {} };
    for (const args of [
      ['list', '--outcome', 'done'],
      ['list', '--since', 'someday'],
      ['list', '--sample', '2'],
      ['list', '--bogus'],
      ['export', run],
      ['verify'],
      ['verify', run, '--key', 'not-a-key'],
      ['verify', '../etc'],
      ['metrics', '--baselines', path.join(ctx.home, 'nope.json')],
      ['blob', run],
      ['frobnicate'],
      [],
    ]) {
      await expect(runTrace(args, io), args.join(' ')).rejects.toBeInstanceOf(UsageError);
    }
    // and what is not a usage error comes back as exit 1
    expect(await runTrace(['blob', run, '0'.repeat(64), '--out', path.join(ctx.home, 'x')], io)).toBe(1);
    expect(await runTrace(['verdict', 'no-such-run', '--verdict', 'pass'], io)).toBe(1);
  });
});
