// Which payment method money goes through when the message names more than one: a method said as
// how the order was paid is story, not a wish; two methods the text leaves open are the agent's pick,
// not a question back to the customer; a message that names none is still asked (the policy wants the
// customer's own word on where money goes). Planned over the in-process World; the customer
// (ethan_thomas_1791, pending order #W8465042 paid by gift card, with PayPal and a card on file)
// comes from the retail data; the wording is ours.
import { describe, expect, it } from 'vitest';
import { World } from '../../sandbox/domain/world.ts';
import { planOffline } from '../../core/planner/offline/planner.ts';
import { benchmarkWrites } from '../../core/planner/offline/measure.ts';
import { worldReadTool } from './fixtures/world-read-tool.ts';

const world = new World();
const plan = (body: string, picks?: Record<string, string>) =>
  planOffline({ id: 7, requester_name: 'Ethan Thomas', requester_email: 'ethan.thomas7730@example.com', subject: 'my watch', body }, worldReadTool(world), { picks });

const WATCH = 'In order W8465042 please switch the smart watch to the gold one, same silicone band and AMOLED display.';

describe('the payment method for a price difference', () => {
  it('a method named as how the order was paid is offered after the one asked for, never decided alone', async () => {
    const p = await plan(`The order was paid with a gift card. ${WATCH} Please put the difference on my PayPal, not the card.`);
    expect(benchmarkWrites(p)).toEqual([]);
    const choice = p.choices.find((c) => c.about === 'payment_method')!;
    expect(choice, p.reason).toBeDefined();
    expect(choice.options.map((o) => o.label)).toEqual(['PayPal', 'gift card (gift_card_2519457)']);
    expect(choice.options[1]!.why).toMatch(/how the order was paid/);
  });

  it('"paid with my PayPal" is PayPal or how the order was paid: the agent picks, PayPal first', async () => {
    const p = await plan(`${WATCH} Any difference can be paid with my PayPal, not the gift card please.`);
    expect(benchmarkWrites(p)).toEqual([]);
    const choice = p.choices.find((c) => c.about === 'payment_method');
    expect(choice?.options.map((o) => o.label), p.reason).toEqual(['PayPal', 'gift card (gift_card_2519457)']);
  });

  it('two methods the text leaves open are offered to the agent, and the pick is what is written', async () => {
    const p = await plan(`${WATCH} The difference can go on PayPal or on my gift card, whichever you like.`);
    expect(benchmarkWrites(p)).toEqual([]);
    const choice = p.choices.find((c) => c.about === 'payment_method');
    expect(choice, p.reason).toBeDefined();
    const labels = choice!.options.map((o) => o.label);
    expect(labels).toContain('PayPal');
    expect(labels.some((l) => /gift card/.test(l))).toBe(true);
    // nothing is asked of the customer about it: the reply waits for the agent's pick
    expect(p.reason).toMatch(/^waiting for the agent's choice/);
    expect(p.reply ?? '').toMatch(/\[written once you choose which payment method/);
    const paypal = choice!.options.find((o) => o.label === 'PayPal')!;
    const after = await plan(`${WATCH} The difference can go on PayPal or on my gift card, whichever you like.`, { [choice!.id]: paypal.id });
    expect(after.outcome, after.reason).toBe('resolve');
    expect(benchmarkWrites(after)[0]!.kwargs.payment_method_id).toBe('paypal_6982172');
  });

  it('a message that names no method is asked, not chosen for the customer', async () => {
    const p = await plan(WATCH);
    expect(p.outcome, p.reason).toBe('ask');
    expect(p.choices.filter((c) => c.about === 'payment_method')).toEqual([]);
    expect(benchmarkWrites(p)).toEqual([]);
  });
});
