// Hold-out 2, second half (k021–k040): same rules as batch-h2a.ts. Billing gold repays exactly the
// discrepancy planted in the sandbox seed (sandbox/domain/billing.ts), whatever the customer claims.
import { act, type SourceTicket } from '../source/types.ts';

export const batchH2b: SourceTicket[] = [
  {
    id: 'k021',
    from: 'daiki.patel3402@example.com',
    name: 'Daiki Patel',
    subject: 'Keyboard exchange (order W8969494)',
    body: `Good afternoon,

In order #W8969494 I received two mechanical keyboards. The 80% one with clicky switches and white backlight is too compact for me. Could I exchange it for the same keyboard in full size? Clicky switches and white backlight as before. Please settle any difference with my PayPal.

I was also going to ask about swapping the electric kettle from my other order (#W3135192) for a green one, but on reflection I'll keep the kettle as it is. No change needed there.

Kind regards,
Daiki Patel`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('exchange_delivered_order_items', { order_id: '#W8969494', item_ids: ['4843487907'], new_item_ids: ['6342039236'], payment_method_id: 'paypal_1009053' }),
      ],
    },
    tags: ['exchange', 'option-words', 'multi-request', 'polite', 'holdout2'],
    source: 'tasks_dev#16',
  },
  {
    id: 'k022',
    from: 'liam.lee9297@example.com',
    name: 'Liam Lee',
    subject: 'got 2 hoses in one order, only want 1',
    body: `hi, looks like i somehow put the same garden hose in my cart twice, order W7208030 has 2 of the green 25ft rubber one. i only need one. can you take one of them off the order and refund me for it? keep the other one coming.

thanks
liam`,
    expect: { outcome: 'ask', actions: [] },
    tags: ['cancel', 'ask', 'partial-cancel', 'casual', 'holdout2'],
    source: 'hand-derived (one item cannot be removed from an order; only the whole order can be cancelled)',
  },
  {
    id: 'k023',
    from: 'raj.santos4322@example.com',
    name: 'Raj Santos',
    subject: 'Kettle exchange for order W1630030',
    body: `Hello,

I'd like to exchange the electric kettle from order #W1630030 (2L stainless steel, white).

I was first going to ask for the 1L black one, but I've changed my mind: I'd like the 1.5 litre glass kettle instead. Colour doesn't matter to me. Any difference to PayPal.

Regards,
Raj Santos`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('exchange_delivered_order_items', { order_id: '#W1630030', item_ids: ['4458619711'], new_item_ids: ['9472539378'], payment_method_id: 'paypal_2417743' }),
      ],
    },
    tags: ['exchange', 'option-words', 'holdout2'],
    source: 'tasks_dev#18',
  },
  {
    id: 'k024',
    from: 'juan.smith6503@example.com',
    name: 'Juan Smith',
    subject: 'False advertising - tea kettle order W3547545',
    body: `To whom it may concern,

The ceramic tea kettle I received in order W3547545 looks nothing like the photos on your website. The colour is different, the finish is different, and the handle is a completely different shape. That is false advertising.

I have already spoken to a lawyer friend about this. I expect a written response from a manager, not a chatbot, explaining how you intend to make this right. If I don't hear from a real person within 7 days I will file a complaint with the consumer protection office.

Juan Smith`,
    expect: { outcome: 'escalate', actions: [] },
    tags: ['escalate', 'legal-threat', 'human-requested', 'angry', 'holdout2'],
    source: 'tasks_dev#17 (no writes in the task; a legal threat asking for a manager)',
  },
  {
    id: 'k025',
    from: 'fatima.anderson1447@example.com',
    name: 'Fatima Anderson',
    subject: 'Skateboard deck + an order I did not mean to place',
    body: `Hello,

I'm writing about two of my orders.

The skateboard I just ordered (#W2974929): I picked the wrong deck material by mistake. It should be bamboo instead of plastic, everything else the same (31 inch, plain design). Please use my PayPal for the difference.

And the order with the blue earbuds, the headphones and the digital camera, #W4514908, I placed by mistake, it was meant to be a wishlist. Please cancel it.

Thank you kindly,
Fatima Anderson`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_items', { order_id: '#W2974929', item_ids: ['3877188862'], new_item_ids: ['4293355847'], payment_method_id: 'paypal_7916550' }),
        act('cancel_pending_order', { order_id: '#W4514908', reason: 'ordered by mistake' }),
      ],
    },
    tags: ['modify-items', 'cancel', 'multi-request', 'option-words', 'polite', 'holdout2'],
    source: 'tasks_dev#19 + hand-derived cancellation',
  },
  {
    id: 'k026',
    from: 'mia.nguyen5072@example.com',
    name: 'Mia Nguyen',
    subject: 'cancel one order, change camera in the other',
    body: `Hi!

So I have two orders open with you right now.

The big one with the tablet, the luggage set, sneakers and the bike helmet - please cancel all of it, I don't need it anymore (got the tablet as a gift, long story).

In the other one, the indoor security camera I picked is the 2K one. Can you change it to the 4K one instead? Keep the puzzle and earbuds as they are.

thanks!!
Mia`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('cancel_pending_order', { order_id: '#W7259788', reason: 'no longer needed' }),
        act('modify_pending_order_items', { order_id: '#W4657527', item_ids: ['5966895767'], new_item_ids: ['6901578702'], payment_method_id: 'paypal_3722088' }),
      ],
    },
    tags: ['cancel', 'modify-items', 'multi-request', 'no-order-id', 'option-words', 'casual', 'holdout2'],
    source: 'hand-derived',
  },
  {
    id: 'k027',
    from: 'james.johnson7869@example.com',
    name: 'James Johnson',
    subject: 'Change shipping address',
    body: `Hello,

I'm moving to Philadelphia this week. Please change the shipping address of my pending order to 457 Park Avenue, Suite 12, Philadelphia, PA 19028, USA.

Thanks,
James Johnson`,
    expect: { outcome: 'ask', actions: [] },
    tags: ['modify-address', 'ask', 'missing-order', 'no-order-id', 'holdout2'],
    source: 'hand-derived (two pending orders: #W1006327 and #W7836908)',
  },
  {
    id: 'k028',
    from: 'juan.nguyen7877@example.com',
    name: 'Juan Nguyen',
    subject: 'I moved - new address',
    body: `Hi,

I've moved within Phoenix. Could you update the address on my account to:

2918 North 16th Street, Apt 7
Phoenix, AZ 85016
USA

My keyboard order #W9537685 hasn't shipped yet, so please send that one to the new address as well.

Thanks a lot,
Juan`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_user_address', {
          user_id: 'juan_nguyen_7430',
          address1: '2918 North 16th Street',
          address2: 'Apt 7',
          city: 'Phoenix',
          state: 'AZ',
          country: 'USA',
          zip: '85016',
        }),
        act('modify_pending_order_address', {
          order_id: '#W9537685',
          address1: '2918 North 16th Street',
          address2: 'Apt 7',
          city: 'Phoenix',
          state: 'AZ',
          country: 'USA',
          zip: '85016',
        }),
      ],
    },
    tags: ['modify-user-address', 'modify-address', 'multi-request', 'polite', 'holdout2'],
    source: 'hand-derived',
  },
  {
    id: 'k029',
    from: 'evelyn.ito2168@example.com',
    name: 'Evelyn Ito',
    subject: 'payment for W6207110',
    body: `pls switch payment on order W6207110 from my visa to my paypal. nothing else changes. ty`,
    expect: { outcome: 'resolve', actions: [act('modify_pending_order_payment', { order_id: '#W6207110', payment_method_id: 'paypal_5377635' })] },
    tags: ['modify-payment', 'terse', 'holdout2'],
    source: 'hand-derived',
  },
  {
    id: 'k030',
    from: 'noah.patel9232@example.com',
    name: 'Noah Patel',
    subject: 'Swap smart watch colour',
    body: `Hey,

The silver smart watch I got (leather band, LCD) turns out to clash with pretty much everything I wear. Could I exchange it for the same watch in gold? Same leather band and same LCD screen.

Let me know what happens next.

Noah`,
    expect: { outcome: 'ask', actions: [] },
    tags: ['exchange', 'ask', 'missing-payment-method', 'option-words', 'no-order-id', 'holdout2'],
    source: 'hand-derived (the gold variant costs more; PayPal, Visa and a gift card are on file)',
  },
  {
    id: 'k031',
    from: 'lei.patel2400@example.com',
    name: 'Lei Patel',
    subject: 'Perfume size + where is my refund??',
    body: `Hi,

Two things.

1) My order W2403263 has the oriental men's perfume in 100ml. That's way more than I need, can I have the smaller bottle of the same scent instead? Refund the difference to my card.

2) I cancelled an order with a tablet, dumbbells and a puzzle (W9506777) a while ago and I still don't think I got my $1,594.43 back on my Visa. Can you check what happened to it?

Lei`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_items', { order_id: '#W2403263', item_ids: ['5421902839'], new_item_ids: ['1325156478'], payment_method_id: 'credit_card_4589919' }),
      ],
    },
    tags: ['modify-items', 'billing', 'unfounded-billing', 'multi-request', 'option-words', 'holdout2'],
    source: 'hand-derived (the refund of #W9506777 settled; no discrepancy is planted on it)',
  },
  {
    id: 'k032',
    from: 'evelyn.wilson8748@example.com',
    name: 'Evelyn Wilson',
    subject: 'exchange jacket for a backpack?',
    body: `Hello,

The navy fleece jacket (XL) I received in order W8042635 doesn't fit and honestly I don't wear fleece much. Instead of a different size, could I exchange it for one of your backpacks? I saw a grey one on your site at about the same price. Happy to pay a small difference with my gift card.

Best,
Evelyn`,
    expect: { outcome: 'escalate', actions: [] },
    tags: ['exchange', 'escalate', 'against-policy', 'different-product', 'polite', 'holdout2'],
    source: 'hand-derived (exchange for a different product)',
  },
  {
    id: 'k033',
    from: 'aarav.ito1554@example.com',
    name: 'Aarav Ito',
    subject: 'Wrong address on my bookshelf order',
    body: `Hi,

My order with the black glass bookshelf and the two pairs of red headphones is set to ship to 295 Broadway in Chicago. I don't live there anymore! Please send it to my home address, the one that's on my account (830 Main Street in LA).

Thanks,
Aarav`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_address', {
          order_id: '#W2239230',
          address1: '830 Main Street',
          address2: 'Suite 500',
          city: 'Los Angeles',
          state: 'CA',
          country: 'USA',
          zip: '90131',
        }),
      ],
    },
    tags: ['modify-address', 'no-order-id', 'holdout2'],
    source: 'hand-derived (the profile address)',
  },
  {
    id: 'k034',
    from: 'ava.nguyen2868@example.com',
    name: 'Ava Nguyen',
    subject: 'Charged more than my order total',
    body: `Hello,

My order #W8367380 (dumbbell set, red bluetooth speaker, fleece jacket) came to $1,003.22 at checkout. My Mastercard statement shows a charge of $1,219.73 from you for it. That is over $200 more than I agreed to pay.

Please fix this and refund the extra amount to my card.

Thank you,
Ava Nguyen`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('adjust_charge', { order_id: '#W8367380', charge_id: 'ch_8367380_1', amount: 216.51, reason: 'overcharge: captured $1,219.73 on a $1,003.22 order' }),
      ],
    },
    tags: ['billing', 'overcharge', 'polite', 'holdout2'],
    source: 'planted discrepancy (overcharge)',
  },
  {
    id: 'k035',
    from: 'sophia.smith9861@example.com',
    name: 'Sophia Smith',
    subject: 'kettle change',
    body: `Hi there, on my order with the pet bed and bookshelf, can you change the electric kettle to a glass one? I've gone off stainless steel. Thanks! Sophia`,
    expect: { outcome: 'ask', actions: [] },
    tags: ['modify-items', 'ask', 'ambiguous-option', 'missing-item', 'no-order-id', 'casual', 'holdout2'],
    source: 'hand-derived (the order has two electric kettles, and glass comes in several sizes and colours)',
  },
  {
    id: 'k036',
    from: 'emma.santos7683@example.com',
    name: 'Emma Santos',
    subject: 'charged twice for tablet',
    body: `Hi,

I looked at my Mastercard this morning and the tablet I ordered (silver, 10 inch, the one going to Phoenix) was charged TWICE, $903.95 both times. I only ordered one tablet.

Please refund the second charge. I'm not happy about having almost a thousand dollars taken by mistake.

Emma`,
    expect: {
      outcome: 'resolve',
      actions: [act('adjust_charge', { order_id: '#W2918688', charge_id: 'ch_2918688_1_dup', amount: 903.95, reason: 'duplicate capture' })],
    },
    tags: ['billing', 'duplicate-capture', 'no-order-id', 'annoyed', 'holdout2'],
    source: 'planted discrepancy (duplicate capture)',
  },
  {
    id: 'k037',
    from: 'harper.lee5642@example.com',
    name: 'Harper Lee',
    subject: 'Two weeks late - I want compensation',
    body: `My grill and camera order was supposed to arrive for my son's birthday and came two weeks late. The party was ruined and I had to buy a second grill last minute from a store.

I expect a $150 credit to my account for this, or I want to talk to a supervisor who can authorise it. Please don't reply with a template apology.

Harper Lee`,
    expect: { outcome: 'escalate', actions: [] },
    tags: ['escalate', 'compensation', 'human-requested', 'angry', 'no-order-id', 'holdout2'],
    source: 'hand-derived (compensation is out of scope)',
  },
  {
    id: 'k038',
    from: 'mason.sanchez2341@example.com',
    name: 'Mason Sanchez',
    subject: 'return sunglasses / swap helmet size',
    body: `hi there

1. the black sunglasses with green lenses from the chicago delivery, i want to return them. refund to my gift card.
2. the blue cycling helmet from my other order (the one with the camera and skateboard) is size L and too big. i want a blue one in M. ventilation doesnt matter to me. use the gift card for any difference

thanks, mason`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('return_delivered_order_items', { order_id: '#W6209538', item_ids: ['2177260429'], payment_method_id: 'gift_card_2647591' }),
        act('exchange_delivered_order_items', { order_id: '#W9342124', item_ids: ['8153356023'], new_item_ids: ['9013366374'], payment_method_id: 'gift_card_2647591' }),
      ],
    },
    tags: ['return', 'exchange', 'multi-request', 'no-order-id', 'option-words', 'casual', 'holdout2'],
    source: 'hand-derived',
  },
  {
    id: 'k039',
    from: 'isabella.lopez4599@example.com',
    name: 'Isabella Lopez',
    subject: 'Backpack in black?',
    body: `Hello,

I love the large grey nylon backpack with the hydration compartment that I received, but the grey gets dirty so fast. Could you exchange it for exactly the same backpack in black?

Thank you!
Isabella`,
    expect: { outcome: 'ask', actions: [] },
    tags: ['exchange', 'ask', 'unavailable-variant', 'option-words', 'no-order-id', 'holdout2'],
    source: 'hand-derived (no black large nylon hydration backpack exists)',
  },
  {
    id: 'k040',
    from: 'raj.kim9998@example.com',
    name: 'Raj Kim',
    subject: 'Double charge on W5697187?',
    body: `hi,
i see two lines from your store on my mastercard for order W5697187, both around $1,465. did you charge me twice?? i only placed that order once. please look into it and refund whatever was taken twice

raj`,
    expect: { outcome: 'resolve', actions: [] },
    tags: ['billing', 'unfounded-billing', 'casual', 'holdout2'],
    source: 'hand-derived (one capture matching the order; no discrepancy is planted on it)',
  },
];
