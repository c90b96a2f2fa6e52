// `legwork eval --faults` end to end: a real sandbox, real Chromium, Legwork planning and running a
// corpus ticket while the CRM refuses every write to its records. The run writes the order's address
// (one of the gold writes), fails on the profile's, stops and hands the ticket over with a note: a
// clean escalation, not a wrong write.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../cli/commands/eval.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'legwork-eval-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const corpusLine = (id: string) => readFileSync(path.resolve(import.meta.dirname, '../corpus/tickets.jsonl'), 'utf8').split('\n').find((l) => l.includes(`"id": "${id}"`) || l.includes(`"id":"${id}"`))!;

describe('legwork eval --faults', () => {
  it('scores a run that wrote part of gold and then handed over as clean_escalation', { timeout: 300_000 }, async () => {
    // t072: the order's shipping address (orders), then the default address (CRM)
    const file = path.join(dir, 't072.jsonl');
    writeFileSync(file, `${corpusLine('t072')}\n`);
    const summary = await evaluate({ file, planner: 'offline', concurrency: 1, faults: 'crm.errors-on-write=1' });
    const [r] = summary.per_ticket;
    expect(summary.faults).toBe('crm.errors-on-write=1');
    expect(r).toMatchObject({ id: 't072', class: 'clean_escalation', planned: 'resolve', run_outcome: 'escalated', wrote: true, beyond_gold: [] });
    // what is missing is the profile's address, and only that
    expect(r!.diff.length).toBeGreaterThan(0);
    expect(r!.diff.every((d) => d.startsWith('users.'))).toBe(true);
    expect(summary).toMatchObject({ clean_escalation: 1, wrong_write: 0 });
  });
});
