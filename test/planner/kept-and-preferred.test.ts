// Which item a sentence acts on and which wish comes first: an item praised beside the one sent back
// is kept; "less" said of a verb is no smaller size; the value inside "if there's no …" is the one
// wished first; "same for my second order" is the agent's pick among the other orders. Planned over
// the in-process World with customers from the retail data; the wording is ours.
import { describe, expect, it } from 'vitest';
import { World } from '../../sandbox/domain/world.ts';
import { planOffline } from '../../core/planner/offline/planner.ts';
import { benchmarkWrites } from '../../core/planner/offline/measure.ts';
import { worldReadTool } from './fixtures/world-read-tool.ts';

const world = new World();
const plan = (email: string, body: string) => planOffline({ id: 12, requester_name: 'A Customer', requester_email: email, subject: 'hello', body }, worldReadTool(world));
// anya_brown_2024: delivered #W2922433 pet bed + makeup kit + tablet + grill; pending #W8883368, #W1170711, #W1430028
const ANYA = 'anya.brown8893@example.com';

describe('an item praised beside the one sent back', () => {
  it('"… too, and it\'s fantastic" keeps the item it praises', async () => {
    const p = await plan(ANYA, "I want to return the tablet from my delivered order, it keeps freezing. The grill was in the same box too, and it's fantastic. Refund to my Mastercard please.");
    expect(benchmarkWrites(p)).toEqual([{ name: 'return_delivered_order_items', kwargs: expect.objectContaining({ order_id: '#W2922433', item_ids: ['4913411651'] }) }]);
  });

  it('"…, which is annoying because the pet bed was perfect" returns only the item the complaint is about', async () => {
    const p = await plan(ANYA, "The tablet's screen flickers, which is annoying because the pet bed from that delivery was perfect. Please take it back, refund to my Mastercard.");
    expect(benchmarkWrites(p)).toEqual([{ name: 'return_delivered_order_items', kwargs: expect.objectContaining({ order_id: '#W2922433', item_ids: ['4913411651'] }) }]);
  });
});

describe('option wishes', () => {
  it('"black shows them less" changes the colour only, not to a smaller size', async () => {
    const p = await plan('raj.moore4245@example.com', "Can I switch the water bottle on my pending order from red to black? Nothing else needs to change, it's just that red shows fingerprints and black shows them less.");
    expect(benchmarkWrites(p)).toEqual([{ name: 'modify_pending_order_items', kwargs: expect.objectContaining({ item_ids: ['2439754078'], new_item_ids: ['7661609223'] }) }]);
  });

  it('"blue if you have no red, though red is the one I\'d love" wishes red first', async () => {
    const p = await plan('mason.kovacs6466@example.com', "Could the speaker in my order come in another colour? Blue if you have no red, though red is the one I'd love. Put any difference on my Mastercard.");
    expect(benchmarkWrites(p)).toEqual([{ name: 'modify_pending_order_items', kwargs: expect.objectContaining({ item_ids: ['5650803029'], new_item_ids: ['1052700637'] }) }]);
  });
});

describe('"same for my second order"', () => {
  it('cancels the order named and offers the agent the other pending orders, writing nothing on them until picked', async () => {
    const p = await plan(ANYA, 'Please cancel the order with the e-reader, I no longer need it. Same for my second order, not needed either.');
    const choice = p.choices.find((c) => c.about === 'order');
    expect(choice?.options.map((o) => o.label.slice(0, 9))).toEqual(['#W1170711', '#W1430028']);
    expect(benchmarkWrites(p)).toEqual([{ name: 'cancel_pending_order', kwargs: { order_id: '#W8883368', reason: 'no longer needed' } }]);
    const picked = await planOffline({ id: 12, requester_name: 'A Customer', requester_email: ANYA, subject: 'hello', body: 'Please cancel the order with the e-reader, I no longer need it. Same for my second order, not needed either.' }, worldReadTool(world), { picks: { [choice!.id]: choice!.options[1]!.id } });
    expect(benchmarkWrites(picked).map((w) => w.kwargs.order_id)).toEqual(['#W8883368', '#W1430028']);
  });
});
