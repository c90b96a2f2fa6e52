// Hold-out 3, batch d: train tasks with conditions and second choices, told in the customer's own words.
import { act, type SourceTicket } from '../source/types.ts';

export const batchH3d: SourceTicket[] = [
  {
    id: 'm063',
    from: 'omar.santos1752@example.com',
    name: 'Omar Santos',
    subject: 'Payment switch and a different backpack',
    body: `Hello,

On my pending order (the robot vacuum, two fleece jackets and a backpack) I'd like to pay with my Mastercard instead of my gift card. I want to keep the gift card balance for my son's birthday.

Also, the backpack: the black hydration one was for running, but I've started doing photography instead. Could it be the small green polyester one with the camera compartment? If that costs a bit more, take the extra from the gift card, it's only a few dollars.

Thanks,
Omar`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_payment', { order_id: "#W9121070", payment_method_id: "credit_card_8992222" }),
        act('modify_pending_order_items', { order_id: "#W9121070", item_ids: ["8030558068"], new_item_ids: ["9851293632"], payment_method_id: "gift_card_3895897" }),
      ],
    },
    tags: ['holdout3', 'modify-payment', 'modify-items', 'multi-request', 'no-order-id', 'option-words', 'order-matters'],
    source: 'tasks_train#424',
  },
  {
    id: 'm064',
    from: 'yusuf.gonzalez2399@example.com',
    name: 'Yusuf Gonzalez',
    subject: 'tea kettle + t-shirt',
    body: `hi,

the tea kettle in my order with the smartphone: I want a glass one now, the 2000 ml size, for induction since we just got a new cooktop. not the ceramic gas one.

and the blue t-shirt from my delivered order with the tablet and e-reader is too big. I'd like a small, and v-neck instead of crew neck, same blue cotton.

my Mastercard for both please, not paypal

Yusuf`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_items', { order_id: "#W2806889", item_ids: ["7497340597"], new_item_ids: ["7292993796"], payment_method_id: "credit_card_7918119" }),
        act('exchange_delivered_order_items', { order_id: "#W1679211", item_ids: ["9612497925"], new_item_ids: ["8349118980"], payment_method_id: "credit_card_7918119" }),
      ],
    },
    tags: ['holdout3', 'modify-items', 'exchange', 'multi-request', 'no-order-id', 'option-words', 'casual'],
    source: 'tasks_train#374',
  },
  {
    id: 'm065',
    from: 'sofia.moore4274@example.com',
    name: 'Sofia Moore',
    subject: 'Wall clock change',
    body: `Hi,

I have a wall clock on order that hasn't shipped. It's the 14 inch black one, and now that I've measured the wall, I'd like a 12 inch one, and in white, since our wall is dark green. Analog still. If the 12 inch doesn't come in white, then just tell me before changing anything.

Oh and I thought about swapping my e-reader too but I'll keep it as is, no change there.

Charge the Mastercard for any difference.

Sofia Moore`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_items', { order_id: "#W1812830", item_ids: ["7791931443"], new_item_ids: ["6508153405"], payment_method_id: "credit_card_1893409" }),
      ],
    },
    tags: ['holdout3', 'modify-items', 'no-order-id', 'option-words', 'conditional'],
    source: 'tasks_train#361 (no-op item change dropped)',
  },
  {
    id: 'm066',
    from: 'yara.silva2443@example.com',
    name: 'Yara Silva',
    subject: 'Cancel the laptop order and swap a speaker',
    body: `Hi there,

I've got too many boxes coming. The order with the espresso machine and the laptop, please cancel it. My company is giving me a laptop and my brother's passing his old espresso machine down to me, so I don't need either anymore.

And in my last delivery, with the two helmets and the vacuum, there's a green speaker. Could I exchange it for a red one? Same model otherwise. If red isn't available, black is fine too.

Gift card for any difference.

Yara Silva`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('cancel_pending_order', { order_id: "#W3730488", reason: "no longer needed" }),
        act('exchange_delivered_order_items', { order_id: "#W3964602", item_ids: ["9179378709"], new_item_ids: ["1689914594"], payment_method_id: "gift_card_7252880" }),
      ],
    },
    tags: ['holdout3', 'cancel', 'exchange', 'multi-request', 'no-order-id', 'conditional', 'reason-own-words', 'option-words'],
    source: 'tasks_train#422',
  },
  {
    id: 'm067',
    from: 'yusuf.patel5348@example.com',
    name: 'Yusuf Patel',
    subject: 'Makeup shade + cancel the tablet',
    body: `Hello,

The makeup kit in my delivery with the tea kettle and the air purifier is the light skin tone, and it's far too light for me. I'd like the dark one, same basic kit, same brand. If the dark isn't available, the medium would be my second choice.

And please cancel my order with just the tablet in it, I won't need it. My employer gave me one.

Use my gift card for anything that needs paying.

Yusuf`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('exchange_delivered_order_items', { order_id: "#W1052399", item_ids: ["8090061879"], new_item_ids: ["6254646215"], payment_method_id: "gift_card_3372949" }),
        act('cancel_pending_order', { order_id: "#W2236333", reason: "no longer needed" }),
      ],
    },
    tags: ['holdout3', 'exchange', 'cancel', 'multi-request', 'no-order-id', 'conditional', 'reason-own-words', 'option-words'],
    source: 'tasks_train#470',
  },
  {
    id: 'm068',
    from: 'liam.li8523@example.com',
    name: 'Liam Li',
    subject: 'Dumbbells: new address and lighter set',
    body: `Hi,

My dumbbell order hasn't shipped yet and it's going to my old address in Charlotte. I'm now at 707 Maple Drive, Suite 817, San Antonio, TX 78202, please send it there.

Also, I overestimated myself. Instead of the 30-50 lb urethane set I'd like the lighter 5-25 lb one in rubber. Still the fixed kind, not adjustable. Refund the difference to my gift card.

Thanks,
Liam Li`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_address', { order_id: "#W1130240", address1: "707 Maple Drive", address2: "Suite 817", city: "San Antonio", country: "USA", state: "TX", zip: "78202" }),
        act('modify_pending_order_items', { order_id: "#W1130240", item_ids: ["7159180318"], new_item_ids: ["8068777068"], payment_method_id: "gift_card_5427896" }),
      ],
    },
    tags: ['holdout3', 'modify-address', 'modify-items', 'multi-request', 'no-order-id', 'order-matters', 'option-words'],
    source: 'tasks_train#485',
  },
];
