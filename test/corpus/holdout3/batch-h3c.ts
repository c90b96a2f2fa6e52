// Hold-out 3, batch c: derived by hand from users, orders, products, wiki.md and the planted billing
// discrepancies (sandbox/domain/billing.ts): billing, default-address changes, questions answered from the
// systems with no write, asks and escalations. The customers here appear in no train or dev task.
import { act, type SourceTicket } from '../source/types.ts';

export const batchH3c: SourceTicket[] = [
  {
    id: 'm038',
    from: 'yara.li6570@example.com',
    name: 'Yara Li',
    subject: 'PayPal amount does not match my order',
    body: `Hi,

I was doing my budget this weekend and something doesn't add up. My order with the black luggage set and the gold smart watch came to $909.89 when I checked out, I have the confirmation email. But PayPal shows $1,083.44 taken for it. Did the shipping get charged twice or something? I'd like whatever was taken on top of the real price back.

Also, while I have you: my laptop order (with the notebook) still says it's being processed. Has it actually left the warehouse? A tracking number would be great.

Thanks,
Yara`,
    expect: {
      outcome: 'resolve',
      actions: [act('adjust_charge', { order_id: '#W2497857', charge_id: 'ch_2497857_1', amount: 173.55, reason: 'overcharge: captured $1,083.44 for a $909.89 order' })],
    },
    tags: ['holdout3', 'billing', 'overcharge', 'customer-misdiagnosed', 'question-mixed', 'tracking', 'no-order-id', 'multi-request'],
    source: 'planted discrepancy (overcharge on #W2497857); tracking question hand-derived',
  },
  {
    id: 'm039',
    from: 'emma.lopez8126@example.com',
    name: 'Emma Lopez',
    subject: 'Still waiting for my refund',
    body: `Hello,

A while ago I cancelled an order with you, the one with the desk lamp, a navy fleece jacket, a glass tea kettle and a garden hose. I was told the money would be back on my Visa within a week. It has now been much longer than that and nothing has come back, I've checked every statement. It was $490.88.

I'm not angry, but I would like my money, please. If something went wrong on your end, can you fix it?

Best regards,
Emma Lopez`,
    expect: {
      outcome: 'resolve',
      actions: [act('adjust_charge', { order_id: '#W9663142', charge_id: 'ch_9663142_1', amount: 490.88, reason: 'refund of cancelled order failed' })],
    },
    tags: ['holdout3', 'billing', 'unsettled-refund', 'no-order-id', 'polite'],
    source: 'planted discrepancy (unsettled refund on #W9663142)',
  },
  {
    id: 'm040',
    from: 'mason.lopez2966@example.com',
    name: 'Mason Lopez',
    subject: 'charged twice?? + cancel the bookshelf',
    body: `hey

so I think I got charged twice for my big order, the one with the smart watch, toothbrush, makeup kit, umbrella and sunglasses. the total on the order page is $1,420.67 but paypal took $1,766.29. that's not right. please refund the extra.

also cancel the bookshelf order pls. my landlord just told me the new place comes furnished so I really don't need it anymore

mason`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('adjust_charge', { order_id: '#W9222585', charge_id: 'ch_9222585_1', amount: 345.62, reason: 'overcharge: captured $1,766.29 for a $1,420.67 order' }),
        act('cancel_pending_order', { order_id: '#W3130816', reason: 'no longer needed' }),
      ],
    },
    tags: ['holdout3', 'billing', 'overcharge', 'customer-misdiagnosed', 'cancel', 'multi-request', 'no-order-id', 'reason-own-words', 'casual'],
    source: 'planted discrepancy (overcharge on #W9222585); cancellation hand-derived',
  },
  {
    id: 'm041',
    from: 'raj.sanchez2046@example.com',
    name: 'Raj Sanchez',
    subject: 'New address',
    body: `Hi,

I've just moved from San Diego to Sacramento for a new job. My new address is:

2287 Juniper Court, Apt 3B
Sacramento, CA 95818

Please update it on my account so future orders come here. And I have one order that hasn't shipped yet, the security camera and the air purifier. That should come to the new place too, there's nobody at the old apartment anymore.

Thanks,
Raj`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_user_address', { user_id: 'raj_sanchez_2970', address1: '2287 Juniper Court', address2: 'Apt 3B', city: 'Sacramento', state: 'CA', country: 'USA', zip: '95818' }),
        act('modify_pending_order_address', { order_id: '#W4566809', address1: '2287 Juniper Court', address2: 'Apt 3B', city: 'Sacramento', state: 'CA', country: 'USA', zip: '95818' }),
      ],
    },
    tags: ['holdout3', 'modify-user-address', 'modify-address', 'multi-request', 'no-order-id'],
    source: 'hand-derived (profile address and the one pending order)',
  },
  {
    id: 'm042',
    from: 'mason.sanchez2341@example.com',
    name: 'Mason Sanchez',
    subject: 'Update my address + a question',
    body: `Hello,

Could you change the address on my account? We moved out of San Antonio last month. The new one is 88 Willow Bend Road, Unit 12, Austin, TX 78745.

Also a quick question. I cancelled that big order with the camera and the skateboard a while back and paid for it with my gift card. Did the money actually go back on the gift card? I never checked.

Thanks,
Mason`,
    expect: {
      outcome: 'resolve',
      actions: [act('modify_user_address', { user_id: 'mason_sanchez_7536', address1: '88 Willow Bend Road', address2: 'Unit 12', city: 'Austin', state: 'TX', country: 'USA', zip: '78745' })],
    },
    tags: ['holdout3', 'modify-user-address', 'question-mixed', 'order-details', 'multi-request'],
    source: 'hand-derived (profile address; the gift-card refund of #W9469249 is in its payment history)',
  },
  // ---- resolve, no writes: answered from the systems ----
  {
    id: 'm043',
    from: 'aarav.anderson9752@example.com',
    name: 'Aarav Anderson',
    subject: 'gift card balance and my speaker',
    body: `Hi there,

Two quick questions, no changes needed.

How much is left on my gift card? I've used it for pretty much everything and I've lost track.

And the black speaker I ordered, is it on its way yet? If there's a tracking number I'd love to have it, I want to make sure I'm home when it comes.

Cheers,
Aarav`,
    expect: { outcome: 'resolve', actions: [] },
    tags: ['holdout3', 'read-only', 'gift-card-balance', 'tracking', 'question-mixed', 'no-order-id'],
    source: 'hand-derived (gift card balance $17; #W3220203 processed, tracking 235384470799)',
  },
  {
    id: 'm044',
    from: 'daiki.moore7228@example.com',
    name: 'Daiki Moore',
    subject: 'Action camera status and a receipt question',
    body: `Hello,

I'm waiting on an action camera. What's going on with it, has it shipped?

Also, my accountant wants the total I paid for the order with the two laptops (the one I sent to my brother in Charlotte, with the helmet and speaker in it as well). Can you tell me the exact amount and how I paid?

Thank you,
Daiki Moore`,
    expect: { outcome: 'resolve', actions: [] },
    tags: ['holdout3', 'read-only', 'order-status', 'order-details', 'question-mixed', 'no-order-id'],
    source: 'hand-derived (#W3109038 processed; #W7766102 paid $5,480.81 by gift card)',
  },
  {
    id: 'm045',
    from: 'noah.patel9232@example.com',
    name: 'Noah Patel',
    subject: 'How much did I pay for the watch?',
    body: `Hi,

My wife wants to know how much the silver smart watch cost (don't ask, it's a whole thing). It came in the order with the dumbbells, the boots and the desk lamp. Could you tell me the price of just the watch?

Also, I cancelled the order with the other desk lamp and the jigsaw puzzle. Did that money go back on my gift card? I'm asking before I place a new order with it.

Thanks!
Noah`,
    expect: { outcome: 'resolve', actions: [] },
    tags: ['holdout3', 'read-only', 'order-details', 'question-mixed', 'no-order-id'],
    source: 'hand-derived (the watch in #W9784474 was $370.38; #W1659844 refunded $203.54 to the gift card)',
  },
  {
    id: 'm046',
    from: 'james.lee7204@example.com',
    name: 'James Lee',
    subject: 'Double charge for my bicycle?',
    body: `Hi,

I bought a blue road bike from you and my gift card is almost empty now, there's only like $13 left. I'm pretty sure there was a lot more on it. Did the bike get charged twice? It was about $2,200.

Please check and tell me what happened.

James`,
    expect: { outcome: 'resolve', actions: [] },
    tags: ['holdout3', 'billing', 'unfounded-billing', 'read-only', 'no-order-id'],
    source: 'hand-derived (#W7846319 has one capture of $2,195.04 matching the order; no discrepancy is planted on it)',
  },
  {
    id: 'm047',
    from: 'juan.sanchez3280@example.com',
    name: 'Juan Sanchez',
    subject: 'tracking for my camera order?',
    body: `hello

my order with the digital camera, pet bed and the two kettles, where is it? can you give me the tracking number so I can follow it. I'm travelling on the 14th and need to know if it comes before.

thanks, Juan`,
    expect: { outcome: 'resolve', actions: [] },
    tags: ['holdout3', 'read-only', 'tracking', 'no-order-id', 'terse'],
    source: 'hand-derived (#W6483628 processed, tracking 845194533053)',
  },
  {
    id: 'm048',
    from: 'evelyn.brown5837@example.com',
    name: 'Evelyn Brown',
    subject: 'Disappointed with the tea kettle',
    body: `Hello,

I just wanted to let someone know that the glass tea kettle I received doesn't look like the photos at all. On the website it looked clear and elegant, and in real life the glass is kind of cloudy and the handle feels cheap.

I thought about sending it back, but honestly it works fine and I don't want the hassle of a return, so I'm keeping it, and everything else in that order too. Please don't start a return. I just wanted you to pass the feedback on.

Evelyn`,
    expect: { outcome: 'resolve', actions: [] },
    tags: ['holdout3', 'read-only', 'feedback', 'no-order-id'],
    source: 'hand-derived (like tasks_dev#17: the customer keeps everything)',
  },
  {
    id: 'm049',
    from: 'liam.wilson7017@example.com',
    name: 'Liam Wilson',
    subject: 'Checking my account details before I order',
    body: `Hi,

I'm about to place my first order and I want to be sure the basics are right. Which address do you have for me, and which payment methods are saved on my account? I changed banks last year and I'm not sure the old card is still on there.

Thanks,
Liam Wilson`,
    expect: { outcome: 'resolve', actions: [] },
    tags: ['holdout3', 'read-only', 'profile'],
    source: 'hand-derived (profile: 112 Broadway, Suite 951, Phoenix; PayPal only)',
  },
  {
    id: 'm050',
    from: 'amelia.nguyen6010@example.com',
    name: 'Amelia Nguyen',
    subject: 'What else does my watch come in?',
    body: `Hi!

I love the smart watch I got from you, but the metal band catches on my sweaters. Before I decide anything: what other bands and colours does the same watch come in, and which of those are actually in stock right now? Just the options please, I'm not changing anything yet.

Amelia`,
    expect: { outcome: 'resolve', actions: [] },
    tags: ['holdout3', 'read-only', 'product-info', 'no-order-id'],
    source: 'hand-derived (Smart Watch variants in products.json)',
  },
  // ---- ask: only the customer can tell ----
  {
    id: 'm051',
    from: 'mei.patel3193@example.com',
    name: 'Mei Patel',
    subject: 'Cancel the perfume order',
    body: `Hi,

Please cancel my order with the perfume in it. I picked up a bottle at the duty-free on my way back from Lisbon, so I don't need it anymore.

Thank you,
Mei`,
    expect: { outcome: 'ask', actions: [] },
    tags: ['holdout3', 'ask', 'missing-order', 'cancel', 'no-order-id', 'reason-own-words'],
    source: 'hand-derived (two pending orders hold a perfume: #W9583042 and #W4082615)',
  },
  {
    id: 'm052',
    from: 'sofi.h.travels@mailbox.example',
    name: 'Sofia H.',
    subject: 'cancel my order please',
    body: `Hello, this is Sofia Hernandez. I'm writing from my travel email because I can't log in to my usual one from here.

I placed an order with a smart watch, a red luggage set, dumbbells, a speaker and a desk lamp, and it was a mistake, I meant to order only the luggage and everything else got added from an old cart. Please cancel it before it ships.

Thank you!`,
    expect: { outcome: 'ask', actions: [] },
    tags: ['holdout3', 'ask', 'unknown-sender', 'missing-zip', 'cancel', 'no-order-id'],
    source: 'hand-derived (the sender is not a customer address and the text gives no zip code)',
  },
  {
    id: 'm053',
    from: 'evelyn.ito2168@example.com',
    name: 'Evelyn Ito',
    subject: 'Moving + question about the backpack',
    body: `Hi,

We're moving to a new apartment next week, so could you change the shipping address on my order with the backpack and the speaker to the new place? I'd hate for it to end up at the old building.

Also, out of curiosity, does that backpack come in black too? Same small leather camera one. Not changing it, just asking.

Thanks so much,
Evelyn`,
    expect: { outcome: 'ask', actions: [] },
    tags: ['holdout3', 'ask', 'incomplete-address', 'modify-address', 'question-mixed', 'product-info', 'no-order-id'],
    source: 'hand-derived (the new address is not given)',
  },
  {
    id: 'm054',
    from: 'sophia.thomas1364@example.com',
    name: 'Sophia Thomas',
    subject: 'Return yoga mat and clock',
    body: `Hello,

From my delivery with the vacuum and the backpack, I'd like to return the yoga mat and the wall clock. Neither really fit in my place.

Please put the refund on my Visa ending 9858, that's the card I use for everything these days.

Sophia`,
    expect: { outcome: 'ask', actions: [] },
    tags: ['holdout3', 'ask', 'refund-method-not-allowed', 'return', 'no-order-id'],
    source: 'hand-derived (#W1867876 was paid with the Mastercard ending 2378; a refund goes to it or a gift card)',
  },
  {
    id: 'm055',
    from: 'liam.silva6470@example.com',
    name: 'Liam Silva',
    subject: 'Change one of the bookshelves',
    body: `Hi,

In my pending order I have two glass bookshelves. The brown 4 foot one, I'd like to change to a wooden one instead, same 4 foot height. Glass and toddlers don't mix, as we found out.

For the colour, I honestly like the white wood and the black wood equally, they'd both go with the room. The PayPal on my account is fine for any difference.

Liam`,
    expect: { outcome: 'ask', actions: [] },
    tags: ['holdout3', 'ask', 'ambiguous-option', 'modify-items', 'no-order-id', 'option-words'],
    source: 'hand-derived (wood/white/4 ft and wood/black/4 ft are both available: two equal wishes)',
  },
  {
    id: 'm056',
    from: 'amelia.kim6460@example.com',
    name: 'Amelia Kim',
    subject: 'Cancel',
    body: `Cancel my order with the desk lamp, the two kettles and the keyboard.

Amelia Kim`,
    expect: { outcome: 'ask', actions: [] },
    tags: ['holdout3', 'ask', 'missing-reason', 'cancel', 'terse', 'no-order-id'],
    source: 'hand-derived (#W7634667 is pending; no reason given)',
  },
  // ---- escalate ----
  {
    id: 'm057',
    from: 'emma.ito3790@example.com',
    name: 'Emma Ito',
    subject: 'Please cancel the coffee maker',
    body: `Hi,

I'd like to cancel my coffee maker order. I saw the same little espresso maker at the shop around the corner and I'd rather buy it there and carry it home today. I don't need it anymore.

Thanks,
Emma`,
    expect: { outcome: 'escalate', actions: [] },
    tags: ['holdout3', 'escalate', 'against-policy', 'status-processed', 'cancel', 'no-order-id'],
    source: 'hand-derived (#W3780282 is processed)',
  },
  {
    id: 'm058',
    from: 'fatima.anderson8791@example.com',
    name: 'Fatima Anderson',
    subject: "Cancelling my brother-in-law's camera order",
    body: `Hello,

My brother-in-law James ordered an action camera from you, order #W7464385. He's hiking in Patagonia for three weeks with no signal and asked me to cancel it for him since he won't be home to receive it. He doesn't need it anymore.

Could you please cancel it? I can give you any details you need.

Fatima`,
    expect: { outcome: 'escalate', actions: [] },
    tags: ['holdout3', 'escalate', 'other-customer', 'cancel'],
    source: 'hand-derived (#W7464385 belongs to james_sanchez_3954)',
  },
  {
    id: 'm059',
    from: 'anya.silva9408@example.com',
    name: 'Anya Silva',
    subject: 'Swap dumbbells for a yoga mat?',
    body: `Hi,

I got the iron dumbbell set with my puzzle and fleece jacket, but my physio says no weights for six months after my shoulder surgery. Could I exchange the dumbbells for a yoga mat instead? I'd be happy to pay the difference if there is one, or get the rest back on my card.

Thanks,
Anya`,
    expect: { outcome: 'escalate', actions: [] },
    tags: ['holdout3', 'escalate', 'against-policy', 'different-product', 'exchange', 'no-order-id'],
    source: 'hand-derived (exchange for a different product)',
  },
  {
    id: 'm060',
    from: 'mei.kim7945@example.com',
    name: 'Mei Kim',
    subject: 'Delete my account',
    body: `Hello,

I'd like my account closed and all my personal data deleted: name, address, everything. I haven't bought anything in a long time and I keep getting your emails. There's still a few dollars on my gift card, you can keep it.

Please confirm when it's done.

Mei Kim`,
    expect: { outcome: 'escalate', actions: [] },
    tags: ['holdout3', 'escalate', 'account-deletion', 'privacy'],
    source: 'hand-derived (account deletion is out of scope)',
  },
  {
    id: 'm061',
    from: 'emma.rossi7853@example.com',
    name: 'Emma Rossi',
    subject: 'Laptop missing from my delivery!!',
    body: `Hi,

My order with the laptop, the bookshelf, the lamp and the keyboard says delivered, and the bookshelf, lamp and keyboard did arrive. But the laptop never did. The box it should have been in was not there at all. I've asked the neighbours and the building manager.

I need the laptop for work on Monday. Please send me a new one right away, I'm not paying for it twice.

Emma Rossi`,
    expect: { outcome: 'escalate', actions: [] },
    tags: ['holdout3', 'escalate', 'lost-package', 'no-order-id', 'annoyed'],
    source: 'hand-derived (a missing item and a free replacement are out of scope)',
  },
  {
    id: 'm062',
    from: 'james.sanchez6979@example.com',
    name: 'James Sanchez',
    subject: 'Price difference on the action camera',
    body: `Hello,

I ordered the silver action camera last week for $502. Today I see the exact same model for $399 at another store. I don't want to cancel, I like buying from you and the order's already placed, but I'd like you to refund me the difference of about $100.

Thanks,
James`,
    expect: { outcome: 'escalate', actions: [] },
    tags: ['holdout3', 'escalate', 'price-match', 'no-order-id'],
    source: 'hand-derived (a price match is out of scope; the customer does not want a cancellation)',
  },
];
