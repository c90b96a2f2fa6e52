// `legwork eval --faults SPEC` as a person types it: a malformed spec is refused before any ticket runs.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, legwork } from '../cli/cli-process.ts';

const HOLDOUT = path.resolve(import.meta.dirname, '../corpus/holdout.jsonl');

describe('legwork eval --faults', () => {
  it('refuses a malformed spec with what is wrong and runs nothing', { timeout: 60_000 }, async () => {
    for (const [spec, says] of [
      ['all.errors=lots', /--faults: bad faults: all\.errorRate/],
      ['all.speed=3', /--faults: bad fault "all\.speed=3": unknown switch "speed"/],
      ['warehouse.errors=0.1', /--faults: bad fault "warehouse\.errors=0\.1": unknown system/],
      ['all.errors=1.5', /--faults: bad faults: all\.errorRate/],
    ] as const) {
      const ran = await legwork(BIN, ['eval', '--tickets', HOLDOUT, '--faults', spec], {});
      expect(ran.code, spec).not.toBe(0);
      expect(ran.stderr, spec).toMatch(says);
      expect(ran.stdout, spec).not.toMatch(/^h0/m);
    }
  });
});
