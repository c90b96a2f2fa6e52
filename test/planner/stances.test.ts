// What a sentence does with its request words: a customer who says not to act yet, a question about
// what would happen, a request word that names a fact ("the cancellation email"), an order or a payment
// method named under a negation, and an everyday word one letter away from a product's name. Planned
// over the in-process World; the customer (anya_brown_2024: pending #W8883368 e-reader + smart watch,
// #W1170711 wall clock + desk lamp + dumbbells + speaker, #W1430028 running shoes + vacuum; delivered
// #W2922433 pet bed + makeup kit + tablet + grill) comes from the retail data; the wording is ours.
import { describe, expect, it } from 'vitest';
import { World } from '../../sandbox/domain/world.ts';
import { planOffline } from '../../core/planner/offline/planner.ts';
import { benchmarkWrites } from '../../core/planner/offline/measure.ts';
import { worldReadTool } from './fixtures/world-read-tool.ts';

const world = new World();
const plan = (body: string) =>
  planOffline({ id: 11, requester_name: 'Anya Brown', requester_email: 'anya.brown8893@example.com', subject: 'hello', body }, worldReadTool(world));

describe('a sentence that holds the request back', () => {
  it('"please don\'t change anything yet" writes nothing, and the agent sees what would have been done', async () => {
    const p = await plan('I might cancel the order with the running shoes and the vacuum. Please don\'t change anything yet, I will write again on Monday.');
    expect(benchmarkWrites(p)).toEqual([]);
    expect(p.outcome, p.reason).toBe('resolve');
    expect(p.reply).toMatch(/nothing has been changed/);
    // the agent sees what would have been written
    expect(p.reason).toMatch(/not written: cancel #W1430028/);
  });

  it('"I take that back" withdraws the return it follows', async () => {
    const p = await plan('Last week I asked to return the tablet. I take that back, it works fine after an update.');
    expect(benchmarkWrites(p)).toEqual([]);
  });

  it('"if I cancel …, how long would …?" is a question, not a cancellation', async () => {
    const p = await plan('If I cancel the order with the wall clock, how long would the refund take to show on my card?');
    expect(benchmarkWrites(p)).toEqual([]);
  });

  it('"a cancellation email" is a fact, not a request to cancel', async () => {
    const p = await plan('I got a cancellation email about my order with the e-reader. Is it still coming?');
    expect(benchmarkWrites(p)).toEqual([]);
  });
});

describe('what a negation names is left out', () => {
  it('"not #W…" beside the order to cancel is not cancelled', async () => {
    const p = await plan('Please cancel order W1430028, not W8883368 — I still want the e-reader. I no longer need the shoes.');
    expect(benchmarkWrites(p).map((w) => w.kwargs.order_id)).toEqual(['#W1430028']);
  });

  it('"not the one with the …" does not find that order by its items', async () => {
    const p = await plan('Please cancel the order with the running shoes, not the one with the smart watch. I no longer need them.');
    expect(benchmarkWrites(p).map((w) => w.kwargs.order_id)).toEqual(['#W1430028']);
  });

  it('a refund method ruled out leaves the one the policy allows', async () => {
    // the tablet's order was paid by card; PayPal is the other method on file
    const p = await plan('I would like to return the tablet from my last delivery, it is too heavy. Please don\'t refund it to PayPal.');
    const writes = benchmarkWrites(p);
    expect(writes.length === 0 || writes[0]!.kwargs.payment_method_id === 'credit_card_3414703', JSON.stringify(writes)).toBe(true);
    expect(writes.map((w) => w.kwargs.payment_method_id)).not.toContain('paypal_5206520');
  });
});

describe('everyday words are not typos of product names', () => {
  it('"doesn\'t match" does not name the smart watch, nor "house" a mouse', async () => {
    const p = await plan('Please return the grill from my delivered order, the colour doesn\'t match our house at all. Refund to the original card.');
    const writes = benchmarkWrites(p);
    expect(writes.flatMap((w) => w.kwargs.item_ids as string[])).toEqual(['5745575001']);
  });
});

describe('what the rest of the message says about a request', () => {
  it('cues of both cancellation reasons make the reason the agent\'s pick', async () => {
    const p = await plan('Please cancel the order with the running shoes and the vacuum. I meant to write last week; a friend gave me her vacuum, so I won\'t need it.');
    expect(benchmarkWrites(p)).toEqual([]);
    expect(p.choices.find((c) => c.about === 'reason')?.options.map((o) => o.label)).toEqual(['no longer needed', 'ordered by mistake']);
  });

  it('a unit said again after the address with another number is a correction, asked about', async () => {
    const p = await plan('Please ship order W1430028 to 12 Oak Street, Apt 4, Austin, TX 78701. Sorry, we are in apartment 14, not the one I wrote.');
    expect(benchmarkWrites(p)).toEqual([]);
    expect(p.outcome).toBe('ask');
  });

  it('"change my address for order W…" changes that order\'s address, not the account\'s', async () => {
    const p = await plan('Please change my address for order W1430028 to 77 Birch Road, Apt 2, Dallas, TX 75201. I am staying there for a month.');
    expect(benchmarkWrites(p).map((w) => w.name)).toEqual(['modify_pending_order_address']);
  });

  it('an order on another person\'s account, or one the customer never placed, goes to a person', async () => {
    for (const body of [
      'My husband ordered a vacuum on his own account and wants it cancelled. Can you cancel it? He no longer needs it.',
      'There is an order with running shoes on my account that I never placed. Please cancel it and check who has access to my account.',
    ]) {
      const p = await plan(body);
      expect(p.outcome, body).toBe('escalate');
      expect(benchmarkWrites(p)).toEqual([]);
    }
  });
});

describe('which items a return means', () => {
  it('"I don\'t want to keep any of it" takes nothing out of "everything"', async () => {
    const p = await plan('Please return everything from my delivered order with the grill, I don\'t want to keep any of it, tablet included. Refund to the original card.');
    expect(benchmarkWrites(p).flatMap((w) => w.kwargs.item_ids as string[]).sort()).toEqual(['1709726483', '4913411651', '5745575001', '6857426243']);
  });
});
