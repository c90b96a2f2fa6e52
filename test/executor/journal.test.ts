// The journal on disk and the plan hash an approval binds, without a browser.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Journal, JournalError } from '../../core/executor/journal.ts';
import { approvePlan, planHash } from '../../core/plan-hash.ts';
import { approve, cancelSteps, makePlan, ordersWithStatus } from './fixtures.ts';

const { order_id, customer } = ordersWithStatus('pending')[0]!;
const plan = makePlan(1001, customer, cancelSteps(1001, order_id, customer, 't'), order_id);

describe('planHash and approvePlan', () => {
  it('is the same for the same plan however its keys are ordered, and changes with any parameter, step, amount or the reply', () => {
    const h = planHash(plan);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    const reordered = JSON.parse(JSON.stringify({ ...plan, steps: plan.steps.map((s) => Object.fromEntries(Object.entries(s).reverse())) }));
    expect(planHash(reordered)).toBe(h);
    // prose the approver reads but that does not change what runs
    expect(planHash({ ...plan, reason: 'other words', steps: plan.steps.map((s) => ({ ...s, why: 'x', expectedEffect: 'y' })) })).toBe(h);

    const changes = [
      (p: typeof plan) => (p.steps[1]!.params.reason = 'ordered by mistake'),
      (p: typeof plan) => (p.steps[1]!.params.order_id = '#W0000000'),
      (p: typeof plan) => p.steps.pop(),
      (p: typeof plan) => p.steps.reverse(),
      (p: typeof plan) => (p.steps[1]!.amount = 10),
      (p: typeof plan) => (p.steps[1]!.provenance = { order_id: { source: 'ticket', detail: 'the ticket says so' } }),
      (p: typeof plan) => (p.reply = 'Something else.'),
      (p: typeof plan) => (p.ticketId = 1002),
    ];
    for (const change of changes) {
      const p = structuredClone(plan);
      change(p);
      expect(planHash(p)).not.toBe(h);
    }
  });

  it('binds the approval to the hash and refuses a second approver who is the approver', () => {
    const a = approvePlan(plan, 'Ana Ruiz', { secondApprover: 'Ben Okafor', at: new Date('2026-11-16T10:00:00Z') });
    expect(a).toEqual({ ok: true, data: { planHash: planHash(plan), approver: 'Ana Ruiz', secondApprover: 'Ben Okafor', at: '2026-11-16T10:00:00.000Z' } });
    expect(approvePlan(plan, 'Ana Ruiz', { secondApprover: 'ana ruiz' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(approvePlan(plan, '  ')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(approvePlan(plan, 'Ana', { decisions: [{ stepId: 's9', kind: 'auto', reason: '' }] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('the journal', () => {
  let journal: Journal;
  beforeEach(() => {
    journal = Journal.inHome(mkdtempSync(path.join(os.tmpdir(), 'legwork-journal-')));
  });
  const open = (run: string) => journal.create({ type: 'run_opened', run, plan, approval: approve(plan) });

  it('keeps one append-only JSONL per run and tells which runs are not closed', async () => {
    await open('r1');
    await open('r2');
    await journal.append('r1', { type: 'intent', stepId: 's1' });
    await journal.append('r1', { type: 'result', stepId: 's1', ok: true, alreadyDone: false });
    await journal.append('r2', { type: 'closed', outcome: 'completed' });
    expect(await journal.runIds()).toEqual(['r1', 'r2']);
    expect(await journal.unclosed()).toEqual(['r1']);
    const r1 = await journal.load('r1');
    expect(r1.steps.get('s1')).toMatchObject({ intent: { stepId: 's1' }, result: { ok: true } });
    await expect(open('r1')).rejects.toThrow(); // a run id is never reused
    await expect(journal.append('../evil', { type: 'cancel' })).rejects.toThrow(JournalError);
  });

  it('leaves out a torn last line (a crash mid-write) and repair cuts it so the next record starts clean', async () => {
    await open('r1');
    await journal.append('r1', { type: 'intent', stepId: 's1' });
    appendFileSync(journal.file('r1'), '{"type":"result","stepId":"s1","ok":tr');
    const { records, tornTail } = await journal.read('r1');
    expect(tornTail).toBe(true);
    expect(records.map((r) => r.type)).toEqual(['run_opened', 'intent']);
    await journal.repair('r1');
    await journal.append('r1', { type: 'result', stepId: 's1', ok: true, alreadyDone: true });
    expect((await journal.load('r1')).steps.get('s1')?.result).toMatchObject({ alreadyDone: true });
    expect(readFileSync(journal.file('r1'), 'utf8').endsWith('\n')).toBe(true);
  });

  it('refuses a damaged line that is not the last one', async () => {
    await open('r1');
    appendFileSync(journal.file('r1'), 'garbage\n');
    await journal.append('r1', { type: 'intent', stepId: 's1' });
    await expect(journal.read('r1')).rejects.toThrow(/line 2 is not JSON/);
    writeFileSync(journal.file('r1'), `${JSON.stringify({ type: 'intent', at: 'x', stepId: 's1' })}\n`);
    await expect(journal.load('r1')).rejects.toThrow(/run_opened/);
  });

  it('locks a run for one live process; a lock left by a dead process is taken over', async () => {
    await open('r1');
    const release = await journal.lock('r1');
    expect(release).not.toBeNull();
    expect(await journal.lock('r1')).toBeNull(); // this process holds it
    await release!();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(path.join(journal.dir, 'r1.lock'), dead);
    const taken = await journal.lock('r1');
    expect(taken).not.toBeNull();
    await taken!();
    expect(existsSync(path.join(journal.dir, 'r1.lock'))).toBe(false);
  });
});
