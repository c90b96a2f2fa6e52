// The understand stage alone (no pages, no reads): a ticket's text as typed requests, with the
// store's words taken from a catalogue the test gives — a product nobody listed in code works.
import { describe, expect, it } from 'vitest';
import { RequestSchema } from '../../shared/request.ts';
import { understand, type Catalogue } from '../../core/planner/offline/understand.ts';

const catalogue: Catalogue = {
  products: [
    { name: 'Water Bottle', options: { capacity: ['500ml', '750ml', '1000ml'], color: ['red', 'blue', 'black'], material: ['glass', 'plastic'] } },
    { name: 'Desk Lamp', options: { color: ['white', 'black'], brightness: ['low', 'high'] } },
    // a product no rule of the planner knows: its words come from the catalogue only
    { name: 'Zorbing Kayak', options: { seats: ['1', '2'], color: ['teal', 'orange'] } },
  ],
};

describe('understand', () => {
  it('gives each request its kind, order, items and span, and every request parses', () => {
    const text = 'Hi! Please cancel order W1234567, I ordered it by mistake. Also I want to return the desk lamp from my other order.';
    const requests = understand(text, catalogue);
    for (const r of requests) expect(RequestSchema.safeParse(r).success).toBe(true);
    const cancel = requests.find((r) => r.kind === 'cancel')!;
    expect(cancel.order).toMatchObject({ by: 'id', orderId: '#W1234567' });
    expect(cancel.reason?.text).toBe('ordered by mistake');
    expect(text.slice(cancel.span.start, cancel.span.end)).toBe(cancel.span.text);
    const ret = requests.find((r) => r.kind === 'return')!;
    expect(ret.order).toMatchObject({ by: 'recency', which: 'other' });
    expect(ret.items.map((i) => i.phrase)).toEqual(['Desk Lamp']);
  });

  it('reads option wishes from the catalogue: a value, a negated value, a comparative', () => {
    const [r] = understand("I'd like to exchange my water bottle for the glass one, not the black, and bigger please.", catalogue);
    const wishes = r!.items[0]!.constraints.map((c) => `${c.relation} ${c.option ?? '-'} ${c.value}`);
    expect(wishes).toContain('is material glass');
    expect(wishes).toContain('not color black');
    expect(wishes).toContain('more - bigger');
    expect(r!.kind).toBe('exchange');
  });

  it('knows a product only the catalogue names', () => {
    const [r] = understand('Could I swap the zorbing kayak for the teal one?', catalogue);
    expect(r!.items[0]).toMatchObject({ phrase: 'Zorbing Kayak' });
    expect(r!.items[0]!.constraints.map((c) => c.value)).toEqual(['teal']);
    expect(understand('Could I swap the zorbing kayak for the teal one?', { products: [] })[0]!.items).toEqual([]);
  });

  it('a sentence pointing back ("please cancel it") takes the order the sentence before named', () => {
    const requests = understand('My order W7654321 has the lamp. Please cancel it, I no longer need it.', catalogue);
    expect(requests.find((r) => r.kind === 'cancel')!.order).toMatchObject({ by: 'id', orderId: '#W7654321' });
  });

  it('a payment wish and an address are slots of their requests', () => {
    const requests = understand('Please pay it with PayPal instead. And ship order W1111111 to 12 Birch Road, Apt 4, Austin, TX 78701.', catalogue);
    expect(requests.find((r) => r.kind === 'change_payment')!.payment).toEqual({ kind: 'paypal' });
    expect(requests.find((r) => r.kind === 'change_shipping_address')!.address).toBe('12 Birch Road, Apt 4, Austin, TX 78701');
  });
});

describe('quantities and option words, however said', () => {
  it('a magnitude meets the catalogue value written another way', async () => {
    const { quantitiesIn, quantityOf, sameQuantity } = await import('../../core/planner/offline/quantity.ts');
    const [said] = quantitiesIn('could I get the one and a half litre one?');
    expect(sameQuantity(said!, quantityOf('1.5L')!)).toBe(true);
    expect(sameQuantity(quantitiesIn('1500 ml')[0]!, quantityOf('1.5 liters')!)).toBe(true);
    expect(sameQuantity(quantitiesIn('1 litre')[0]!, quantityOf('1000ml')!)).toBe(true);
    expect(sameQuantity(quantitiesIn('12 inches')[0]!, quantityOf('10 inches')!)).toBe(false);
    expect(quantitiesIn('I have 2 in my cart and 3 kids')).toEqual([]);
  });
});
