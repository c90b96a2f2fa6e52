// How the offline planner finds what a message is about when it names no order number: request words
// said as what is not wanted, an item kept by a sentence of its own, a subject line that sums the body
// up, and two orders each named by their own items. Planned over the in-process World; the customer
// (anya_brown_2024) and her orders come from the retail data; the wording is ours.
import { describe, expect, it } from 'vitest';
import { World } from '../../sandbox/domain/world.ts';
import { planOffline } from '../../core/planner/offline/planner.ts';
import { benchmarkWrites } from '../../core/planner/offline/measure.ts';
import { requestsIn } from '../../core/planner/offline/extract.ts';
import { nameScore } from '../../core/planner/offline/items.ts';
import { ordersMeant, requestSegments } from '../../core/planner/offline/find-orders.ts';
import { Reader } from '../../core/planner/offline/reads.ts';
import { worldReadTool } from './fixtures/world-read-tool.ts';

const world = new World();
const plan = (subject: string, body: string, picks?: Record<string, string>) =>
  planOffline({ id: 9, requester_name: 'Anya Brown', requester_email: 'anya.brown8893@example.com', subject, body }, worldReadTool(world), { picks });

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

  it('a question about how things work asks for nothing', () => {
    expect([...requestsIn('By the way, how long does an exchange usually take?')]).toEqual(['information']);
    expect(requestsIn('Could you exchange it for the blue one?').has('change_items')).toBe(true);
  });

  it('a phrase customers use for a product names it as surely as its own word', () => {
    expect(nameScore('the power bank I ordered', 'Portable Charger')).toBeGreaterThanOrEqual(2);
  });

  it('a wish of the same kind that names no item goes on with the part before it', async () => {
    const p = await plan(
      'watch',
      'Please cancel the order with the wall clock and the desk lamp, I no longer need it.\n\nThe smart watch should be the silver one with an LCD display instead.\n\nI would rather have the same leather strap though.\n\nAny difference on my Mastercard.',
    );
    expect(p.outcome, p.reason).toBe('resolve');
    expect(benchmarkWrites(p).map((w) => [w.name, w.kwargs.order_id])).toEqual([
      ['cancel_pending_order', '#W1170711'],
      ['modify_pending_order_items', '#W8883368'],
    ]);
    // the third part names nothing of its own: it is the watch's
    const reader = new Reader(worldReadTool(world));
    const user = await reader.user('anya_brown_2024');
    if (!user.ok) throw new Error(user.message);
    const text = 'Please cancel the order with the wall clock and the desk lamp, I no longer need it.\n\nThe smart watch should be the silver one with an LCD display instead.\n\nI would rather have the same leather strap though.';
    const meant = await ordersMeant(requestSegments(text), new Set(), user.data, reader);
    expect(meant.unmatched).toEqual([]);
    expect(meant.byOrder.get('#W8883368')?.join(' ')).toMatch(/leather strap/);
  });

  it('a cancellation whose sentence and whose story give different reasons is the agent\'s pick', async () => {
    const body = 'I hit buy on the wrong screen and now there is an order with a wall clock and a desk lamp. I don\'t want it, cancel that one please.';
    const first = await plan('oops', body);
    const choice = first.choices.find((c) => c.about === 'reason');
    expect(choice, first.reason).toBeDefined();
    expect(choice!.options.map((o) => o.label).sort()).toEqual(['no longer needed', 'ordered by mistake']);
    expect(benchmarkWrites(first)).toEqual([]);
    const mistake = choice!.options.find((o) => o.label === 'ordered by mistake')!;
    const second = await plan('oops', body, { [choice!.id]: mistake.id });
    expect(benchmarkWrites(second)).toEqual([{ name: 'cancel_pending_order', kwargs: { order_id: '#W1170711', reason: 'ordered by mistake' } }]);
  });
});

describe('orders named by what they hold, beside other orders holding some of it', () => {
  const harper = (body: string) => planOffline({ id: 9, requester_name: 'Harper', requester_email: 'harper.johansson4006@example.com', subject: 'orders', body }, worldReadTool(world));

  it('the order holding every product the text names is the one meant, not another holding one of them', async () => {
    const p = await harper('Hello. I placed an order with a desk lamp, a wall clock and a garden hose by accident. Please cancel it.\n\nAlso cancel the t-shirt I ordered on its own, I no longer need it.');
    expect(p.outcome, p.reason).toBe('resolve');
    expect(benchmarkWrites(p).map((w) => w.kwargs.order_id).sort()).toEqual(['#W3282177', '#W3525030']);
  });

  it('an item wish for an item two orders hold goes to the one the message already acts on', async () => {
    const p = await harper(
      'Please cancel the t-shirt I ordered on its own, I no longer need it.\n\nThe order with the luggage, the puzzle and the bike should go to 953 Park Avenue, Suite 613, New York, NY 10064 instead. It is the same address my order with the espresso machine went to.\n\nThe sunglasses in that order: I would like a black frame, same lenses. Any extra on my PayPal.',
    );
    expect(p.outcome, p.reason).toBe('resolve');
    const writes = benchmarkWrites(p);
    expect(writes.map((w) => [w.name, w.kwargs.order_id])).toEqual([
      ['cancel_pending_order', '#W3525030'],
      ['modify_pending_order_address', '#W2912646'],
      ['modify_pending_order_items', '#W2912646'],
    ]);
  });
});

describe('an address said to be the one on file already', () => {
  it('is where the order goes, not a change of the account', async () => {
    const p = await planOffline(
      { id: 9, requester_name: 'Sophia', requester_email: 'sophia.martin4832@example.com', subject: 'wrong address', body: 'My luggage order is going to my old apartment. Please send it to my current address instead, which is already on my profile: 760 Elm Avenue, Suite 564, Houston, TX 77034.' },
      worldReadTool(world),
    );
    expect(p.outcome, p.reason).toBe('resolve');
    expect(benchmarkWrites(p).map((w) => [w.name, w.kwargs.order_id])).toEqual([['modify_pending_order_address', '#W1092119']]);
  });
});

describe('payment methods and reasons said once for the message', () => {
  it('a method named as how the order was paid, beside another named for the difference, is never guessed between', async () => {
    const p = await planOffline(
      { id: 9, requester_name: 'Ethan', requester_email: 'ethan.thomas7730@example.com', subject: 'watch', body: 'My order with the smartphone and the smart watch (I paid with a gift card) has not shipped. I would like the watch in silver instead of black, or gold if there is no silver; same silicone band and screen. Put the difference on my PayPal please.' },
      worldReadTool(world),
    );
    // PayPal, or the agent's pick between both with PayPal first — never the gift card alone
    const methods = benchmarkWrites(p).map((w) => w.kwargs.payment_method_id);
    if (methods.length > 0) expect(methods).toEqual(['paypal_6982172']);
    else expect(p.choices.find((c) => c.about === 'payment_method')?.options[0]?.label, p.reason).toBe('PayPal');
  });

  it('orders counted in words must all carry the request, or nothing is written', async () => {
    const p = await planOffline(
      { id: 9, requester_name: 'Emma', requester_email: 'emma.kovacs5723@example.com', subject: 'cancel', body: 'Order W6554908 and the one with the headphones and the vacuum were both mistakes. Please cancel the two orders.' },
      worldReadTool(world),
    );
    const ids = benchmarkWrites(p).map((w) => w.kwargs.order_id);
    expect(ids.length === 0 || ids.length === 2, JSON.stringify(ids)).toBe(true);
    for (const w of benchmarkWrites(p)) expect(w.kwargs.reason).toBe('ordered by mistake');
  });
});

describe('a plan waiting for the agent\'s choice', () => {
  it('drafts a reply that says what it waits for, never an empty one', async () => {
    const p = await planOffline(
      { id: 9, requester_name: 'Ethan', requester_email: 'ethan.thomas7730@example.com', subject: 'watch', body: 'My order with the smartphone and the smart watch has not shipped. I would like the watch in silver instead of black, same silicone band and screen. Put the difference on my PayPal please.' },
      worldReadTool(world),
    );
    expect(p.choices.length, p.reason).toBeGreaterThan(0);
    expect(p.reply).toMatch(/\[written once you choose which Smart Watch/);
    expect(p.steps.find((s) => s.action === 'set_ticket_status')?.params.status).toBe('solved');
  });
});

describe('what an item may become', () => {
  it('another product of the catalogue asked for in exchange is handed over, never written as a variant of either', async () => {
    const ticket = { id: 9, requester_name: 'Daiki', requester_email: 'daiki.hernandez2148@example.com', subject: 'kettle', body: 'Could you swap my electric kettle for one of your tea kettles? A glass one, 1.5 litres. Use my Visa for any difference.' };
    let p = await planOffline(ticket, worldReadTool(world));
    // the tea kettle the customer owns may make the order a choice: the agent picks the electric kettle's
    const order = p.choices.find((c) => c.about === 'order');
    if (order) p = await planOffline(ticket, worldReadTool(world), { picks: { [order.id]: order.options.find((o) => o.label.includes('Electric Kettle'))!.id } });
    expect(p.outcome, p.reason).toBe('escalate');
    expect(p.reason).toMatch(/Tea Kettle instead of the Electric Kettle/);
    expect(benchmarkWrites(p)).toEqual([]);
  });

  it('items named only to say which order ("the kettle I ordered with the e-reader") are not changed', async () => {
    const p = await planOffline(
      { id: 9, requester_name: 'Daiki', requester_email: 'daiki.hernandez2148@example.com', subject: 'kettle', body: 'The electric kettle I got along with the e-reader and the desk lamp should be the 1.5L one instead, same white glass. Use my Visa for any difference.' },
      worldReadTool(world),
    );
    expect(p.outcome, p.reason).toBe('resolve');
    expect(benchmarkWrites(p).map((w) => w.kwargs.item_ids)).toEqual([['5268233322']]);
  });
});

describe('a request that names no order', () => {
  it('offers the agent every order it could be about, rather than asking the customer for a number', async () => {
    const body = 'Please cancel my order, I no longer need it.';
    const first = await plan('cancel', body);
    const choice = first.choices.find((c) => c.about === 'order');
    expect(choice, first.reason).toBeDefined();
    expect(choice!.options.map((o) => o.label.split(' ')[0]).sort()).toEqual(['#W1170711', '#W1430028', '#W8883368']);
    expect(benchmarkWrites(first)).toEqual([]);
    const pick = choice!.options.find((o) => o.label.startsWith('#W1430028'))!;
    const second = await plan('cancel', body, { [choice!.id]: pick.id });
    expect(benchmarkWrites(second)).toEqual([{ name: 'cancel_pending_order', kwargs: { order_id: '#W1430028', reason: 'no longer needed' } }]);
  });
});
