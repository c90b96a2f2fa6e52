// QA verdicts live beside the trace: they never change the run's files or its verification.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeIn, tempHome, writeSampleRun } from './fixtures.ts';

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

describe('QA verdicts', () => {
  it('are stored beside the run, newest winning, without touching its trace', async () => {
    const ctx = storeIn(tempHome());
    const { run } = await writeSampleRun(ctx);
    const before = snapshot(ctx.store.runDir(run));

    ctx.clock.advance(60_000);
    expect(await ctx.store.setVerdict(run, { verdict: 'fail', comment: 'wrong order cancelled', reviewer: 'qa1' })).toMatchObject({ ok: true, data: { run, verdict: 'fail', reviewer: 'qa1' } });
    ctx.clock.advance(60_000);
    expect(await ctx.store.setVerdict(run, { verdict: 'pass', comment: 'on a second look: right', reviewer: 'qa2' })).toMatchObject({ ok: true });

    expect(snapshot(ctx.store.runDir(run))).toEqual(before);
    expect(await ctx.store.verifyRun(run)).toMatchObject({ ok: true });
    const lines = readFileSync(path.join(ctx.store.root, 'reviews', `${run}.jsonl`), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).verdict)).toEqual(['fail', 'pass']);
    expect((await ctx.store.reviews.of(run)).map((r) => r.reviewer)).toEqual(['qa1', 'qa2']);

    const listed = await ctx.store.listRuns({});
    expect(listed.ok && listed.data[0]!.verdict).toBe('pass');
    // and a store started later (another process) reads the same from the index
    const later = storeIn(ctx.home);
    expect(await later.store.listRuns({ verdict: 'pass' })).toMatchObject({ ok: true, data: [{ run }] });
    expect(await later.store.listRuns({ verdict: 'fail' })).toMatchObject({ ok: true, data: [] });
  });

  it('refuses a bad verdict or an unknown run, as data', async () => {
    const ctx = storeIn(tempHome());
    const { run } = await writeSampleRun(ctx);
    expect(await ctx.store.setVerdict(run, { verdict: 'meh' as never, reviewer: 'qa' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ctx.store.setVerdict(run, { verdict: 'pass', reviewer: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ctx.store.setVerdict('20990101T000000Z-ffffffff', { verdict: 'pass', reviewer: 'qa' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ctx.store.setVerdict('../x', { verdict: 'pass', reviewer: 'qa' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
