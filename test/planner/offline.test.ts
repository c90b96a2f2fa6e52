// The offline planner over the real connectors: reads through the pages in Chromium (readToolFor +
// the runner), plans checked against what the tickets ask for; writes are never run by planning.
import { describe, expect, it } from 'vitest';
import { automationSuite, type Harness } from '../helpers/automation.ts';
import { control } from '../helpers/sandbox.ts';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { planOffline } from '../../core/planner/offline/planner.ts';
import { benchmarkWrites, sameWrites } from '../../core/planner/offline/measure.ts';
import { readToolFor } from '../../core/planner/read-tool.ts';
import { FIXTURES } from './fixtures/tickets.ts';

let sandbox: RunningSandbox;
let harness: Harness;
automationSuite((s, h) => {
  sandbox = s;
  harness = h;
});

describe('offline planner over the real pages', () => {
  for (const f of FIXTURES) {
    it(f.name, async () => {
      const plan = await planOffline(f.ticket, readToolFor(harness.runner));
      expect(plan.outcome, plan.reason).toBe(f.outcome);
      expect(sameWrites(benchmarkWrites(plan), f.writes), JSON.stringify(benchmarkWrites(plan))).toBe(true);
      if (f.outcome !== 'escalate') expect(plan.reads.length).toBeGreaterThan(0);
      if (f.outcome === 'resolve') expect(plan.steps.map((s) => s.action).slice(-2)).toEqual(['reply_to_customer', 'set_ticket_status']);
      const actions = plan.steps.map((s) => s.action);
      const status = plan.steps.find((s) => s.action === 'set_ticket_status')?.params.status;
      if (f.outcome === 'escalate') {
        expect(actions).toEqual(['add_internal_note', 'reply_to_customer', 'set_ticket_status']);
        expect(status).toBe('open');
      }
      if (f.outcome === 'ask') {
        expect(actions).toEqual(['reply_to_customer', 'set_ticket_status']);
        expect(status).toBe('pending');
      }
    }, 60_000);
  }

  it('refuses to run a write through the read tool', async () => {
    const read = readToolFor(harness.runner);
    const r = await read('orders', 'cancel_pending_order', { order_id: '#W7602708', reason: 'no longer needed' });
    expect(r.ok).toBe(false);
    expect((await control(sandbox, 'GET', '/writes')).json.writes).toEqual([]);
  });
});
