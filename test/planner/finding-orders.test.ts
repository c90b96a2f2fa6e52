// How the offline planner finds what a message is about when it names no order number: request words
// said as what is not wanted, an item kept by a sentence of its own, a subject line that sums the body
// up, and two orders each named by their own items. Planned over the in-process World; the customer
// (anya_brown_2024) and her orders come from the retail data; the wording is ours.
import { describe, expect, it } from 'vitest';
import { World } from '../../sandbox/domain/world.ts';
import { planOffline } from '../../core/planner/offline/planner.ts';
import { benchmarkWrites } from '../../core/planner/offline/measure.ts';
import { worldReadTool } from './fixtures/world-read-tool.ts';

const world = new World();
const plan = (subject: string, body: string) =>
  planOffline({ id: 9, requester_name: 'Anya Brown', requester_email: 'anya.brown8893@example.com', subject, body }, worldReadTool(world));

describe('finding the orders and items a message means', () => {
  it('"nothing to change" is no request to change anything', async () => {
    const p = await plan('a question', 'Nothing to change on my side, I only want to know where my order with the smart watch is right now.');
    expect(p.outcome, p.reason).toBe('resolve');
    expect(benchmarkWrites(p)).toEqual([]);
    expect(p.reply).toMatch(/#W8883368/);
  });

  it('an item kept in a sentence of its own is not changed because the order was described by it', async () => {
    const p = await plan(
      'watch',
      'In my order with the e-reader and the smart watch I want to switch the watch to the silver one with an LCD display, same leather strap. The e-reader stays as it is. Any difference goes on my Mastercard.',
    );
    expect(p.outcome, p.reason).toBe('resolve');
    const writes = benchmarkWrites(p);
    expect(writes.map((w) => w.name)).toEqual(['modify_pending_order_items']);
    expect(writes[0]!.kwargs.item_ids).toEqual(['9320099340']);
  });

  it('a subject that sums the body up does not stop two orders, each named by its items, from both being served', async () => {
    const p = await plan(
      'some changes',
      'Two of my orders can go: the one with the wall clock and the desk lamp, and the one with the running shoes and the vacuum. Please cancel both, I no longer need them.',
    );
    expect(p.outcome, p.reason).toBe('resolve');
    expect(benchmarkWrites(p).map((w) => w.kwargs.order_id).sort()).toEqual(['#W1170711', '#W1430028']);
  });

  it('an order that holds more of what the text names is not taken alone when another is named by two items of its own', async () => {
    const p = await plan(
      'orders',
      'The wall clock, desk lamp, dumbbells and speaker order was a mistake, and so were the running shoes and the vacuum. Please cancel.',
    );
    // either both orders are cancelled or the agent is asked; never just the first
    const ids = benchmarkWrites(p).map((w) => w.kwargs.order_id);
    expect(ids.length === 0 || ids.length === 2, JSON.stringify(ids)).toBe(true);
  });
});
