// The offline planner's rules over the in-process World (fast): every write step's params are exactly
// its connector action's input, every write parameter has a source, and our fixtures plan as expected.
import { describe, expect, it } from 'vitest';
import { World } from '../../sandbox/domain/world.ts';
import { planOffline } from '../../core/planner/offline/planner.ts';
import { benchmarkWrites, sameWrites } from '../../core/planner/offline/measure.ts';
import { ALL_ACTIONS } from '../../core/planner/read-tool.ts';
import { worldReadTool } from './fixtures/world-read-tool.ts';
import { FIXTURES } from './fixtures/tickets.ts';

const world = new World();

describe('offline planner rules (in-process World)', () => {
  for (const f of FIXTURES) {
    it(f.name, async () => {
      const plan = await planOffline(f.ticket, worldReadTool(world));
      expect(plan.outcome, plan.reason).toBe(f.outcome);
      expect(sameWrites(benchmarkWrites(plan), f.writes)).toBe(true);
      for (const step of plan.steps) {
        const action = ALL_ACTIONS.find((a) => a.id === step.action);
        expect(action, step.action).toBeDefined();
        expect(action!.kind).toBe('write');
        const parsed = action!.input.safeParse(step.params);
        expect(parsed.success, `${step.action}: ${JSON.stringify(step.params)}`).toBe(true);
        expect(Object.keys(step.provenance).sort()).toEqual(Object.keys(step.params).sort());
      }
    });
  }

  it('asks for the identity of an unknown sender and reads nothing more', async () => {
    const count = { reads: 0 };
    const plan = await planOffline({ id: 1, requester_name: 'x', requester_email: 'nobody@nowhere.test', subject: 'cancel', body: 'Cancel W7602708, ordered by mistake.' }, worldReadTool(world, count));
    expect(plan.outcome).toBe('ask');
    expect(plan.reply).toMatch(/ZIP code/);
    expect(count.reads).toBeLessThanOrEqual(2);
  });

  it('finds the customer by name and ZIP in the text', async () => {
    const plan = await planOffline(
      { id: 2, requester_name: 'x', requester_email: 'someone@else.test', subject: 'cancel', body: 'My name is Juan Rossi, zip 77209. Please cancel W7602708, I no longer need it.' },
      worldReadTool(world),
    );
    expect(plan.customer?.user_id).toMatch(/^juan_rossi/);
    expect(benchmarkWrites(plan)).toEqual([{ name: 'cancel_pending_order', kwargs: { order_id: '#W7602708', reason: 'no longer needed' } }]);
  });
});
