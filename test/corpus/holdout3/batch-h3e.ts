// Hold-out 3, batch e: a few more train tasks (one with a planted duplicate capture added) and hand-derived asks and escalations.
import { act, type SourceTicket } from '../source/types.ts';

export const batchH3e: SourceTicket[] = [
  {
    id: 'm069',
    from: 'olivia.jackson2465@example.com',
    name: 'Olivia Jackson',
    subject: 'Charged twice + puzzle swap',
    body: `Hi,

I was looking at my PayPal and the order with the thermostat, the blue earbuds, the jigsaw puzzle and the keyboard was taken twice, $774.16 two times, on the same day. I only placed it once! Please give me back the second one.

And since that order hasn't shipped: the puzzle is the 2000 piece animals one. My kids finished a 2000 in two days and got bored, so could I have the 1000 piece animal puzzle at expert level instead? PayPal for the difference, it's all I have.

Thanks,
Olivia`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('adjust_charge', { order_id: '#W6975922', charge_id: 'ch_6975922_1_dup', amount: 774.16, reason: 'duplicate capture' }),
        act('modify_pending_order_items', { order_id: "#W6975922", item_ids: ["5645314103"], new_item_ids: ["4572024853"], payment_method_id: "paypal_3999493" }),
      ],
    },
    tags: ['holdout3', 'billing', 'duplicate-capture', 'modify-items', 'multi-request', 'no-order-id', 'option-words'],
    source: 'tasks_train#98; planted duplicate capture on #W6975922',
  },
  {
    id: 'm070',
    from: 'harper.brown3965@example.com',
    name: 'Harper Brown',
    subject: 'changes for my orders please',
    body: `Hello, good day.

I am writing for my pending order, the one with smart watch, tea kettle, perfume, toothbrush and hiking boots. Please I want to pay this order by PayPal, not by the Visa card.

Also in this same order I want change two things. The watch, I keep the gold colour but I prefer band of leather, not silicone, and the normal LCD screen is enough for me. The boots are small for me, I need number 11, and please the waterproof model. The toothbrush stay same. The difference you can take from PayPal.

And one more. The digital camera I received in my order with laptop and smartphone, it is too much for me, 30 megapixel. I want exchange for the 24 megapixel one, same 3x zoom, with SD card because my computer read only SD. For this one, use my Visa card.

Thank you very much for your help.
Harper Brown`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_payment', { order_id: "#W2273069", payment_method_id: "paypal_2306935" }),
        act('modify_pending_order_items', { order_id: "#W2273069", item_ids: ["2681513500", "2185126308"], new_item_ids: ["9408160950", "6159919747"], payment_method_id: "paypal_2306935" }),
        act('exchange_delivered_order_items', { order_id: "#W2693718", item_ids: ["7255224608"], new_item_ids: ["5996159312"], payment_method_id: "credit_card_3240550" }),
      ],
    },
    tags: ['holdout3', 'modify-payment', 'modify-items', 'exchange', 'multi-request', 'no-order-id', 'option-words', 'non-native', 'order-matters'],
    source: 'tasks_train#192 (no-op item pair dropped)',
  },
  {
    id: 'm071',
    from: 'lucas.brown9344@example.com',
    name: 'Lucas Brown',
    subject: 'returns and my luggage order',
    body: `hi,

ok so i have a bunch of stuff.

returns: the office chair from the order with the yoga mat and the espresso machine (its the blue fabric one, my back hates it). and from the order with the e-reader, the water bottle, the glass bookshelf and the puzzle. everything back to my mastercard.

then my luggage order that hasnt shipped, its going to the wrong place i think, can you make sure it goes to 921 Park Avenue, Suite 892, Chicago IL 60612. and i changed my mind on the set, i want the 4 piece in blue, soft not hard. mastercard again for any difference

thx
lucas`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('return_delivered_order_items', { order_id: "#W8660475", item_ids: ["8323284863"], payment_method_id: "credit_card_2112420" }),
        act('return_delivered_order_items', { order_id: "#W6239298", item_ids: ["2366567022", "4900661478", "3614853563"], payment_method_id: "credit_card_2112420" }),
        act('modify_pending_order_address', { order_id: "#W4860251", address1: "921 Park Avenue", address2: "Suite 892", city: "Chicago", country: "USA", state: "IL", zip: "60612" }),
        act('modify_pending_order_items', { order_id: "#W4860251", item_ids: ["5209958006"], new_item_ids: ["8759627937"], payment_method_id: "credit_card_2112420" }),
      ],
    },
    tags: ['holdout3', 'return', 'modify-address', 'modify-items', 'multi-request', 'no-order-id', 'typos', 'casual', 'order-matters', 'same-product-twice'],
    source: 'tasks_train#203',
  },
  {
    id: 'm072',
    from: 'liam.anderson5932@example.com',
    name: 'Liam Anderson',
    subject: 'Patio umbrella colour',
    body: `Hi there,

The red patio umbrella I got with my office chair fades our whole terrace pink in the afternoon, which my wife is not a fan of. Could I exchange it for a green one? Same 6 foot olefin. If the green comes with the automatic tilt, I'd take that one, my wrists would thank me. If not, the manual green one is fine.

Please use my Mastercard, not PayPal, for any difference.

Liam Anderson`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('exchange_delivered_order_items', { order_id: "#W2119065", item_ids: ["8170914468"], new_item_ids: ["9879255677"], payment_method_id: "credit_card_9185943" }),
      ],
    },
    tags: ['holdout3', 'exchange', 'no-order-id', 'conditional', 'option-words'],
    source: 'tasks_train#112',
  },
  {
    id: 'm073',
    from: 'fatima.johnson2300@example.com',
    name: 'Fatima Johnson',
    subject: 'Use my gift card for my order',
    body: `Hi!

I just got a gift card from my team at work for my birthday and I'd like to use it right away. Could you switch the payment on my order with the hiking boots, the action camera, the kettle, the helmet and the wristwatch to the gift card, and refund my PayPal?

If it's easier, the other pending order with the espresso machine is fine too, whichever you can do, I just want the gift card used on something.

Thanks!
Fatima`,
    expect: { outcome: 'ask', actions: [] },
    tags: ['holdout3', 'ask', 'insufficient-balance', 'modify-payment', 'no-order-id'],
    source: 'hand-derived (the gift card holds $99; the orders cost $3,131.10 and $4,777.75)',
  },
  {
    id: 'm074',
    from: 'mia.gonzalez7079@example.com',
    name: 'Mia Gonzalez',
    subject: 'Please have someone call me',
    body: `Hello,

I'm 78 and I don't do well with email. My granddaughter set up the order with the phone, the two kettles, the speaker and the makeup for me, and I have some questions about it that I would rather talk through with a real person. Please have someone telephone me, my number is 704-555-0182. Mornings are best.

Please don't change anything on the order until we've spoken.

Thank you kindly,
Mia Gonzalez`,
    expect: { outcome: 'escalate', actions: [] },
    tags: ['holdout3', 'escalate', 'human-requested', 'polite', 'no-order-id'],
    source: 'hand-derived (the customer asks for a person and no change)',
  },
];
