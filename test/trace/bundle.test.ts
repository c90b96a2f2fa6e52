// A run exported as one file verifies on another machine, opens its screenshots there, and a
// tampered bundle is refused.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBundle, verifyBundle } from '../../core/trace/bundle.ts';
import { fakePng, storeIn, tempHome, writeSampleRun } from './fixtures.ts';

async function exported() {
  const ctx = storeIn(tempHome());
  const { run, shots } = await writeSampleRun(ctx, { outcome: 'escalated' });
  const file = path.join(ctx.home, 'run.legwork-trace.json');
  const res = await ctx.store.exportRun(run, file);
  expect(res).toMatchObject({ ok: true, data: { finished: true, blobs: 4 } });
  // "another machine": a different home, holding only the bundle and the key it was given
  const elsewhere = tempHome();
  const copy = path.join(elsewhere, 'received.json');
  copyFileSync(file, copy);
  const publicKey = (await ctx.store.publicKey())!;
  return { ctx, run, shots, copy, publicKey, elsewhere };
}

const edit = (file: string, change: (b: Record<string, any>) => void) => {
  const b = JSON.parse(readFileSync(file, 'utf8'));
  change(b);
  writeFileSync(file, JSON.stringify(b));
};

describe('a trace bundle', () => {
  it('verifies on another machine against the exporting machine\'s public key, and QA opens a screenshot', async () => {
    const { run, shots, copy, publicKey } = await exported();
    const report = await verifyBundle(copy, { trustedKeys: [publicKey] });
    expect(report).toMatchObject({ ok: true, run, finished: true, head: { outcome: 'escalated', trusted: true }, problems: [] });
    const opened = await openBundle(copy);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.data.blob(shots[0]!)).toEqual(Buffer.from(fakePng(`${run}-s1-before`)));
    expect(opened.data.blob('0'.repeat(64))).toBeUndefined();
    // without a trusted key it still checks itself, and says who signed
    const untrusted = await verifyBundle(copy);
    expect(untrusted).toMatchObject({ ok: true, head: { trusted: false } });
  });

  it('is refused when an event is edited', async () => {
    const { copy, publicKey } = await exported();
    edit(copy, (b) => (b.events[1].data.plan.steps[0].params.order_id = '#W0000001'));
    const report = await verifyBundle(copy, { trustedKeys: [publicKey] });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).toEqual(['bad_hash']);
  });

  it('is refused when events are removed from its end, even with the head edited to match', async () => {
    const { copy, publicKey } = await exported();
    edit(copy, (b) => {
      b.events.pop();
      b.head.count = b.events.length;
      b.head.lastHash = b.events.at(-1).hash;
    });
    const report = await verifyBundle(copy, { trustedKeys: [publicKey] });
    expect(report.problems.map((p) => p.code)).toEqual(['bad_signature']);
  });

  it('is refused when a screenshot is swapped or dropped', async () => {
    const { copy, publicKey, shots } = await exported();
    edit(copy, (b) => {
      b.blobs[shots[0]!] = Buffer.from(fakePng('doctored')).toString('base64');
      delete b.blobs[shots[3]!];
    });
    const report = await verifyBundle(copy, { trustedKeys: [publicKey] });
    expect(report.problems.map((p) => p.code).sort()).toEqual(['bad_blob', 'missing_blob']);
  });

  it('is refused when signed by a key other than the trusted one', async () => {
    const { copy } = await exported();
    const other = storeIn(tempHome());
    await writeSampleRun(other);
    const report = await verifyBundle(copy, { trustedKeys: [(await other.store.publicKey())!] });
    expect(report.problems.map((p) => p.code)).toEqual(['untrusted_key']);
  });

  it('reports a file that is not a bundle as unreadable', async () => {
    const home = tempHome();
    const file = path.join(home, 'x.json');
    writeFileSync(file, '{"format":"something-else"}');
    expect((await verifyBundle(file)).problems[0]!.code).toBe('unreadable');
    writeFileSync(file, 'not json');
    expect((await verifyBundle(file)).problems[0]!.code).toBe('unreadable');
    expect((await openBundle(path.join(home, 'missing.json')))).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('of an unfinished run says it has no head', async () => {
    const ctx = storeIn(tempHome());
    const { run } = await writeSampleRun(ctx, { unfinished: true });
    const file = path.join(ctx.home, 'b.json');
    expect(await ctx.store.exportRun(run, file)).toMatchObject({ ok: true, data: { finished: false } });
    const report = await verifyBundle(file);
    expect(report).toMatchObject({ ok: false, finished: false });
    expect(report.problems.map((p) => p.code)).toEqual(['no_head']);
  });
});
