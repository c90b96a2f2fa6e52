// A run's record verifies, and every kind of tampering with its files is caught.
import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/plan.ts';
import type { TraceEvent, VerifyProblemCode } from '../../shared/trace.ts';
import { eventHash } from '../../core/trace/chain.ts';
import { fakePng, storeIn, tempHome, writeSampleRun } from './fixtures.ts';

async function finishedRun() {
  const ctx = storeIn(tempHome());
  const { run, shots } = await writeSampleRun(ctx);
  const dir = ctx.store.runDir(run);
  const eventsFile = path.join(dir, 'events.jsonl');
  const lines = () => readFileSync(eventsFile, 'utf8').split('\n').slice(0, -1);
  const writeLines = (ls: string[]) => writeFileSync(eventsFile, ls.map((l) => `${l}\n`).join(''));
  return { ...ctx, run, shots, dir, eventsFile, lines, writeLines, headFile: path.join(dir, 'head.json') };
}

const codes = (problems: { code: VerifyProblemCode }[]) => [...new Set(problems.map((p) => p.code))].sort();

describe('a run as written', () => {
  it('verifies: chained events, a signed head by this machine\'s key, every screenshot in place', async () => {
    const r = await finishedRun();
    const report = await r.store.verifyRun(r.run);
    expect(report).toMatchObject({ ok: true, finished: true, problems: [] });
    expect(report.head).toMatchObject({ outcome: 'completed', trusted: true, count: r.lines().length });
    const events = r.lines().map((l) => JSON.parse(l) as TraceEvent);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(events[0]).toMatchObject({ type: 'run_started', prev: '', data: { ticketId: 1001, agent: 'ana', playbooks: ['cancel_order'], planner: 'offline' } });
    for (const [i, e] of events.entries()) {
      expect(e.hash).toBe(eventHash(e));
      if (i) expect(e.prev).toBe(events[i - 1]!.hash);
    }
    expect(events.at(-1)).toMatchObject({ type: 'run_finished', data: { outcome: 'completed', durationMs: 90_000 } });
    // a step's screenshots are listed on its event and stored once, by content hash
    const result = events.find((e) => e.type === 'step_result')!;
    expect(result.data.blobs).toEqual([...r.shots.slice(0, 2)].sort());
    expect(await r.store.getBlob(r.shots[0]!)).toEqual(Buffer.from(fakePng(`${r.run}-s1-before`)));
  });

  it('has each event on disk by the time append() resolves, and takes none after finish', async () => {
    const ctx = storeIn(tempHome());
    const w = await ctx.store.openRun({ ticketId: 7, agent: 'bo', playbooks: ['return_items'] });
    const file = path.join(ctx.store.runDir(w.run), 'events.jsonl');
    const e = await w.append('step_intent', { stepId: 's1', kind: 'write', decision: { kind: 'approve' } });
    expect(readFileSync(file, 'utf8').trim().split('\n').at(-1)).toBe(JSON.stringify(e));
    await w.finish('completed');
    await expect(w.append('heal', {})).rejects.toThrow(/finished/);
    await expect(w.finish('failed')).rejects.toThrow(/finished/);
  });

  it('stores a blob once however many runs refer to it', async () => {
    const ctx = storeIn(tempHome());
    const a = await ctx.store.openRun({ ticketId: 1, agent: 'ana', playbooks: [] });
    const b = await ctx.store.openRun({ ticketId: 2, agent: 'ana', playbooks: [] });
    const h1 = await a.putBlob(fakePng('same'));
    const h2 = await b.putBlob(fakePng('same'));
    expect(h1).toBe(h2);
    const files = readdirSync(path.join(ctx.store.root, 'blobs'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    expect(files.map((f) => f.name)).toEqual([h1]);
  });
});

describe('tampering is detected', () => {
  it('an edited byte in an event\'s data', async () => {
    const r = await finishedRun();
    const ls = r.lines();
    const i = ls.findIndex((l) => l.includes('"step_intent"'));
    ls[i] = ls[i]!.replace('"kind":"auto"', '"kind":"autp"'); // one byte
    expect(ls[i]).toContain('autp');
    r.writeLines(ls);
    const report = await r.store.verifyRun(r.run);
    expect(report.ok).toBe(false);
    expect(codes(report.problems)).toEqual(['bad_hash']);
    expect(report.problems[0]).toMatchObject({ line: i + 1, seq: i });
  });

  it('an edit that breaks the line\'s JSON', async () => {
    const r = await finishedRun();
    const ls = r.lines();
    ls[2] = ls[2]!.replace('{', '[');
    r.writeLines(ls);
    const report = await r.store.verifyRun(r.run);
    expect(codes(report.problems)).toContain('malformed_event');
    expect(report.problems.find((p) => p.code === 'malformed_event')).toMatchObject({ line: 3 });
  });

  it('a deleted line', async () => {
    const r = await finishedRun();
    const ls = r.lines();
    ls.splice(3, 1);
    r.writeLines(ls);
    const report = await r.store.verifyRun(r.run);
    expect(codes(report.problems)).toEqual(['bad_seq', 'head_mismatch']);
    expect(report.problems[0]).toMatchObject({ code: 'bad_seq', line: 4, seq: 4 });
  });

  it('two lines swapped', async () => {
    const r = await finishedRun();
    const ls = r.lines();
    [ls[4], ls[5]] = [ls[5]!, ls[4]!];
    r.writeLines(ls);
    const report = await r.store.verifyRun(r.run);
    expect(codes(report.problems)).toEqual(['bad_seq']);
    expect(report.problems[0]).toMatchObject({ line: 5, seq: 5 });
  });

  it('the tail cut off at a line end (a clean truncation only the signed head can reveal)', async () => {
    const r = await finishedRun();
    r.writeLines(r.lines().slice(0, -2));
    const report = await r.store.verifyRun(r.run);
    expect(codes(report.problems)).toEqual(['head_mismatch']);
    expect(report.problems[0]!.message).toMatch(/tail was cut/);
  });

  it('the tail cut off in the middle of a line', async () => {
    const r = await finishedRun();
    const text = readFileSync(r.eventsFile, 'utf8');
    writeFileSync(r.eventsFile, text.slice(0, text.length - 40));
    const report = await r.store.verifyRun(r.run);
    expect(codes(report.problems)).toEqual(['head_mismatch', 'truncated_line']);
  });

  it('history rewritten with every hash recomputed (only the signed head tells)', async () => {
    const r = await finishedRun();
    let prev = '';
    const rewritten = r.lines().map((l) => {
      const e = JSON.parse(l) as TraceEvent;
      if (e.type === 'run_started') e.data.agent = 'mallory';
      const body = { ...e, prev };
      const next = { ...body, hash: eventHash(body) };
      prev = next.hash;
      return JSON.stringify(next);
    });
    r.writeLines(rewritten);
    const report = await r.store.verifyRun(r.run);
    expect(codes(report.problems)).toEqual(['head_mismatch']);
  });

  it('a replaced screenshot, and a deleted one', async () => {
    const r = await finishedRun();
    const blobFile = (h: string) => path.join(r.store.root, 'blobs', h.slice(0, 2), h);
    writeFileSync(blobFile(r.shots[1]!), fakePng('something else'));
    rmSync(blobFile(r.shots[2]!));
    const report = await r.store.verifyRun(r.run);
    expect(codes(report.problems)).toEqual(['bad_blob', 'missing_blob']);
    expect(report.problems.find((p) => p.code === 'bad_blob')!.message).toContain(r.shots[1]);
    expect(report.problems.find((p) => p.code === 'missing_blob')!.message).toContain(r.shots[2]);
  });

  it('a forged head: edited, re-signed by another key, or removed', async () => {
    const r = await finishedRun();
    const head = JSON.parse(readFileSync(r.headFile, 'utf8'));
    // edited: claims one event fewer (to hide a cut tail)
    writeFileSync(r.headFile, JSON.stringify({ ...head, count: head.count - 1 }));
    expect(codes((await r.store.verifyRun(r.run)).problems)).toEqual(['bad_signature', 'head_mismatch']);
    // re-signed with a key that is not this machine's: the signature holds, the key is not trusted
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const forged = { ...head, outcome: 'escalated', publicKey: (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).toString('base64') };
    const { signature: _s, ...unsigned } = forged;
    forged.signature = sign(null, Buffer.from(canonicalJson(unsigned)), privateKey).toString('base64');
    writeFileSync(r.headFile, JSON.stringify(forged));
    const report = await r.store.verifyRun(r.run);
    expect(codes(report.problems)).toEqual(['untrusted_key']);
    expect(report.head).toMatchObject({ trusted: false, outcome: 'escalated' });
    // removed
    rmSync(r.headFile);
    const noHead = await r.store.verifyRun(r.run);
    expect(noHead).toMatchObject({ ok: false, finished: false, head: null });
    expect(codes(noHead.problems)).toEqual(['no_head']);
  });

  it('a head that is not a head', async () => {
    const r = await finishedRun();
    writeFileSync(r.headFile, '{"count": "lots"');
    expect(codes((await r.store.verifyRun(r.run)).problems)).toEqual(['bad_head']);
  });
});

describe('after a crash', () => {
  it('reads a run whose last line is half written, reports it, and carries it on', async () => {
    const ctx = storeIn(tempHome());
    const { run, writer } = await writeSampleRun(ctx, { unfinished: true });
    const file = path.join(ctx.store.runDir(run), 'events.jsonl');
    const committed = writer.count;
    // the process died inside a write: part of a line, no newline
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"run":"${run}","seq":${committed},"at":"2025-03-01T10:0`);

    const read = await ctx.store.readRun(run);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.data).toMatchObject({ truncated: true, head: null, malformedLines: [] });
    expect(read.data.events).toHaveLength(committed);

    const report = await ctx.store.verifyRun(run);
    expect(report).toMatchObject({ ok: false, finished: false, events: committed });
    expect(codes(report.problems)).toEqual(['no_head', 'truncated_line']);

    // a fresh store (the restarted process) lists it as running, then carries it on
    const restarted = storeIn(ctx.home, ctx.clock);
    const listed = await restarted.store.listRuns({ outcome: 'running' });
    expect(listed.ok && listed.data.map((r) => r.run)).toEqual([run]);
    const resumed = await restarted.store.resumeRun(run);
    expect(resumed.ok).toBe(true);
    if (!resumed.ok) return;
    await resumed.data.append('step_intent', { stepId: 's3', kind: 'write', decision: { kind: 'auto' } });
    await resumed.data.finish('completed');
    expect(await restarted.store.verifyRun(run)).toMatchObject({ ok: true, events: committed + 2 });
    expect(await restarted.store.resumeRun(run)).toMatchObject({ ok: false, error: { code: 'precondition_failed' } });
    const done = await restarted.store.listRuns({ outcome: 'completed' });
    expect(done.ok && done.data.map((r) => [r.run, r.writes])).toEqual([[run, 3]]);
  });

  it('refuses to carry on a run whose events were tampered with', async () => {
    const ctx = storeIn(tempHome());
    const { run } = await writeSampleRun(ctx, { unfinished: true });
    const file = path.join(ctx.store.runDir(run), 'events.jsonl');
    const ls = readFileSync(file, 'utf8').split('\n');
    ls.splice(2, 1);
    writeFileSync(file, ls.join('\n'));
    expect(await ctx.store.resumeRun(run)).toMatchObject({ ok: false, error: { code: 'precondition_failed' } });
  });

  it('reports a run that is not there, or a run id that is a path, as data', async () => {
    const ctx = storeIn(tempHome());
    expect(await ctx.store.readRun('nope')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ctx.store.readRun('../keys')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await ctx.store.verifyRun('nope')).problems[0]!.code).toBe('unreadable');
    expect(existsSync(path.join(ctx.home, 'keys'))).toBe(false); // nothing finished: no key made
  });
});
