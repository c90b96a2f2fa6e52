// Batch 2: writes of every kind, many with two or more requests in one message.
import { act, type SourceTicket } from './types.ts';

export const batch2: SourceTicket[] = [
  {
    id: 't043',
    from: 'isabella.santos9317@example.com',
    name: 'Isabella Santos',
    subject: 'Order #W9667707 — new address and two swaps',
    body: `Hi! Quick changes on #W9667707 before it leaves the warehouse:

• Please ship it to 967 Sunset Drive, Suite 613, Fort Worth, TX 76176, USA instead. I'm staying there for the summer.
• The running shoes: same size 9 with the rubber sole, but black synthetic instead of the white mesh.
• The e-reader: I'd rather have the 7-inch one with Wi-Fi + Cellular, still 32GB.

My Mastercard for any difference. You guys are the best :)
Isabella`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_address', { order_id: '#W9667707', address1: '967 Sunset Drive', address2: 'Suite 613', city: 'Fort Worth', country: 'USA', state: 'TX', zip: '76176' }),
        act('modify_pending_order_items', { order_id: '#W9667707', item_ids: ['9635758562', '7609274509'], new_item_ids: ['4107812777', '4273929280'], payment_method_id: 'credit_card_4056740' }),
      ],
    },
    tags: ['modify-address', 'modify-items', 'multi-request', 'option-words'],
    source: 'tasks_train#30',
  },
  {
    id: 't044',
    from: 'olivia.lopez4535@example.com',
    subject: 'charger + tablet',
    body: `Hello! Two things, both on my gift card please since that's all I use:
- pending order W9373487: the blue 20000mAh wireless power bank is overkill, I'd like the small white 5000mAh one with USB-C instead
- delivered order W2692684: can I exchange the black 10-inch tablet for the 8-inch gold one (same 128GB)?
Thank you!! Olivia`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_items', { order_id: '#W9373487', item_ids: ['4063401924'], new_item_ids: ['7866854614'], payment_method_id: 'gift_card_7711863' }),
        act('exchange_delivered_order_items', { order_id: '#W2692684', item_ids: ['3788616824'], new_item_ids: ['6065192424'], payment_method_id: 'gift_card_7711863' }),
      ],
    },
    tags: ['modify-items', 'exchange', 'multi-request', 'option-words', 'gift-card'],
    source: 'tasks_train#31',
  },
  {
    id: 't045',
    from: 'fatima.taylor7676@example.com',
    subject: 'Return tablet #W5285031',
    body: `I am returning the tablet from order #W5285031. I no longer have a use for it. Refund it to my Visa, the card it was paid with. I do not want an exchange or store credit.`,
    expect: {
      outcome: 'resolve',
      actions: [act('return_delivered_order_items', { order_id: '#W5285031', item_ids: ['2235648106'], payment_method_id: 'credit_card_7952624' })],
    },
    tags: ['return', 'rigid'],
    source: 'tasks_train#32',
  },
  {
    id: 't046',
    from: 'ivan.santos5925@example.com',
    name: 'Ivan Santos',
    subject: 'Tea kettle — wrong stove type',
    body: `Hello,

I just realised the tea kettle in my order W5801125 is the gas-stove glass one, but we have an induction hob. Could you change it to the ceramic 1.5 litre kettle that works on induction? Please use my PayPal for the difference, not the gift card.

Many thanks and have a good day,
Ivan`,
    expect: {
      outcome: 'resolve',
      actions: [act('modify_pending_order_items', { order_id: '#W5801125', item_ids: ['9647374798'], new_item_ids: ['3312883418'], payment_method_id: 'paypal_5543657' })],
    },
    tags: ['modify-items', 'polite', 'option-words'],
    source: 'tasks_train#33',
  },
  {
    id: 't047',
    from: 'isabella.johansson9391@example.com',
    name: 'Isabella Johansson',
    subject: 'Several requests (please read all)',
    body: `Dear support,

I have four requests and I would appreciate it if all of them were handled together.

1. Order #W2575533 (pending) must be shipped to 812 Cedar Avenue, Suite 500, Houston, TX 77129, USA.
2. In the same order, please change the 8-inch e-reader to the 7-inch Wi-Fi + Cellular model with 32GB, and the black 50ft vinyl garden hose to the green 25ft vinyl one. The portable charger stays as it is.
3. From order #W5565470 I am returning the electric kettle, the mechanical keyboard and the pet bed.
4. From order #W3792453 I would like to exchange the bamboo skateboard for the plastic-deck one (31 inch, plain design).

All refunds and differences to my PayPal account, which is the only payment method I have with you.

Kind regards,
Isabella Johansson`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_address', { order_id: '#W2575533', address1: '812 Cedar Avenue', address2: 'Suite 500', city: 'Houston', country: 'USA', state: 'TX', zip: '77129' }),
        act('modify_pending_order_items', { order_id: '#W2575533', item_ids: ['9494281769', '5206946487'], new_item_ids: ['4273929280', '3369928769'], payment_method_id: 'paypal_3024827' }),
        act('return_delivered_order_items', { order_id: '#W5565470', item_ids: ['7602931732', '9570044148', '6857426243'], payment_method_id: 'paypal_3024827' }),
        act('exchange_delivered_order_items', { order_id: '#W3792453', item_ids: ['4293355847'], new_item_ids: ['3877188862'], payment_method_id: 'paypal_3024827' }),
      ],
    },
    tags: ['modify-address', 'modify-items', 'return', 'exchange', 'multi-request', 'organized', 'option-words'],
    source: 'tasks_train#35 (no-op pair dropped)',
  },
  {
    id: 't048',
    from: 'mei.ahmed4901@example.com',
    subject: 'espresso machine + tablet',
    body: `Two changes. Pending order W2598324: swap the 2L manual espresso machine for the 1L capsule one (19 bar is fine). Delivered order W3239882: exchange the silver 10-inch 64GB tablet for the black 7-inch 128GB. Card on file for both. I need confirmation by end of day.`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_items', { order_id: '#W2598324', item_ids: ['3379843752'], new_item_ids: ['6200867091'], payment_method_id: 'credit_card_5902940' }),
        act('exchange_delivered_order_items', { order_id: '#W3239882', item_ids: ['2106335193'], new_item_ids: ['4913411651'], payment_method_id: 'credit_card_5902940' }),
      ],
    },
    tags: ['modify-items', 'exchange', 'multi-request', 'impatient', 'option-words'],
    source: 'tasks_train#36',
  },
  {
    id: 't049',
    from: 'ethan.johnson2557@example.com',
    subject: 'bookshelf exchange',
    body: `Hello, I received the brown metal bookshelf (6 ft) in order #W7450915. It doesn't fit under our ceiling slope. Could I exchange it for a wooden one, still brown, 5 ft? I can pay any difference with my gift card. Thank you, Ethan`,
    expect: {
      outcome: 'resolve',
      actions: [act('exchange_delivered_order_items', { order_id: '#W7450915', item_ids: ['6735339143'], new_item_ids: ['2244749153'], payment_method_id: 'gift_card_6892585' })],
    },
    tags: ['exchange', 'option-words', 'shy'],
    source: 'tasks_train#37',
  },
  {
    id: 't050',
    from: 'raj.lee6137@example.com',
    subject: 'Order W9933266 changes',
    body: `Pet bed: small brown fleece -> medium, grey.
Yoga mat: 4mm blue PVC -> 6mm green PVC.
Order W9933266, paypal. Thanks.`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_items', { order_id: '#W9933266', item_ids: ['4537595158', '5586947715'], new_item_ids: ['6857426243', '7510236436'], payment_method_id: 'paypal_4133936' }),
      ],
    },
    tags: ['modify-items', 'terse', 'option-words'],
    source: 'tasks_train#38',
  },
  {
    id: 't051',
    from: 'mohamed.santos7676@example.com',
    subject: 'backpack too small probably my fault',
    body: `I guess I should have read the size before ordering. The green small backpack from W4840405 barely fits my laptop. Can I exchange it for the black one in large? Knowing my luck it's out of stock. Gift card for the difference if there is one.`,
    expect: {
      outcome: 'resolve',
      actions: [act('exchange_delivered_order_items', { order_id: '#W4840405', item_ids: ['3557711149'], new_item_ids: ['6906307980'], payment_method_id: 'gift_card_4710915' })],
    },
    tags: ['exchange', 'pessimistic', 'option-words'],
    source: 'tasks_train#39',
  },
  {
    id: 't052',
    from: 'olivia.sanchez1894@example.com',
    subject: 'cancel toothbrush order + double charge',
    body: `Hi. Please cancel my toothbrush order W5101035, I don't need it anymore. Also, while you're at it: PayPal took $208.07 TWICE for that order. I want the second payment back too, not just the one the cancellation refunds.`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('cancel_pending_order', { order_id: '#W5101035', reason: 'no longer needed' }),
        act('adjust_charge', { order_id: '#W5101035', charge_id: 'ch_5101035_1_dup', amount: 208.07, reason: 'duplicate capture' }),
      ],
    },
    tags: ['cancel', 'billing', 'duplicate-capture', 'multi-request'],
    source: 'tasks_train#40 + planted duplicate capture',
  },
  {
    id: 't053',
    from: 'fatima.wilson5906@example.com',
    subject: 'exchange earbuds & speaker!!',
    body: `hey!! order W4556683 — the blue earbuds (8 hr battery) are fine but i'd rather have the 6 hour blue ones, same IPX4. and the blue speaker, can i get it in red with the 20 hour battery? still waterproof pls. charge/refund my mastercard. thanks!!!`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('exchange_delivered_order_items', { order_id: '#W4556683', item_ids: ['8555936349', '4716977452'], new_item_ids: ['1646531091', '7617930199'], payment_method_id: 'credit_card_9557278' }),
      ],
    },
    tags: ['exchange', 'casual', 'option-words'],
    source: 'tasks_train#41',
  },
  {
    id: 't054',
    from: 'mei.kovacs8232@example.com',
    subject: 'cancel one order, return another',
    body: `I need two things done please, I'm swamped this week.
Cancel W7800651 — the mouse/bookshelf/chair order was a mistake, I ordered it from the wrong account profile.
And I'm sending back the hiking boots, the desk lamp and the water bottle from W6390527. Refund to PayPal.`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('cancel_pending_order', { order_id: '#W7800651', reason: 'ordered by mistake' }),
        act('return_delivered_order_items', { order_id: '#W6390527', item_ids: ['1615379700', '8384507844', '8538875209'], payment_method_id: 'paypal_7644869' }),
      ],
    },
    tags: ['cancel', 'return', 'multi-request', 'busy'],
    source: 'tasks_train#47',
  },
  {
    id: 't055',
    from: 'sophia.martin4832@example.com',
    subject: 'luggage + ship to home',
    body: `Hiya, for my order #W1092119 could you send it to my home address instead (760 Elm Avenue, Suite 564, Houston TX 77034)? And I changed my mind on the luggage, I want the blue 4-piece softshell set instead of the silver 3-piece. Put the extra on my card. Thx! Sophia`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_address', { order_id: '#W1092119', address1: '760 Elm Avenue', address2: 'Suite 564', city: 'Houston', country: 'USA', state: 'TX', zip: '77034' }),
        act('modify_pending_order_items', { order_id: '#W1092119', item_ids: ['6690069155'], new_item_ids: ['8759627937'], payment_method_id: 'credit_card_5694100' }),
      ],
    },
    tags: ['modify-address', 'modify-items', 'multi-request', 'option-words'],
    source: 'tasks_train#48',
  },
  {
    id: 't056',
    from: 'chen.brown4062@example.com',
    subject: 'cancel W4296426',
    body: `Cancel W4296426. Don't need the water bottle anymore.`,
    expect: { outcome: 'resolve', actions: [act('cancel_pending_order', { order_id: '#W4296426', reason: 'no longer needed' })] },
    tags: ['cancel', 'terse'],
    source: 'tasks_train#50',
  },
  {
    id: 't057',
    from: 'liam.anderson5932@example.com',
    name: 'Liam Anderson',
    subject: 'Exchange request for #W1544028',
    body: `Hello,

I hope you are well. I would like to exchange two items from order #W1544028, if that is possible:

- the 2000-piece animals jigsaw puzzle, for the 1500-piece art puzzle (intermediate difficulty, same as now);
- the wristwatch with the blue dial, for the same silicone-strap watch with a black dial.

Please use my Mastercard for any price difference.

With thanks,
Liam Anderson`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('exchange_delivered_order_items', { order_id: '#W1544028', item_ids: ['5645314103', '8886009523'], new_item_ids: ['5546244844', '1994478369'], payment_method_id: 'credit_card_9185943' }),
      ],
    },
    tags: ['exchange', 'polite', 'option-words'],
    source: 'tasks_train#51',
  },
  {
    id: 't058',
    from: 'olivia.smith9157@example.com',
    subject: 'Returning a helmet',
    body: `Hi there! I'd like to return the cycling helmet from order W3794101, my son already got one for his birthday. Refund to PayPal is perfect. Have a great day!`,
    expect: {
      outcome: 'resolve',
      actions: [act('return_delivered_order_items', { order_id: '#W3794101', item_ids: ['3339188619'], payment_method_id: 'paypal_2076152' })],
    },
    tags: ['return', 'happy'],
    source: 'tasks_train#52',
  },
  {
    id: 't059',
    from: 'anya.brown8893@example.com',
    subject: 'sorry, a few changes',
    body: `Hi, sorry to be a pain. I don't need orders #W1430028 and #W1170711 anymore, could you cancel them? And on #W8883368, I'd like the smart watch in silver instead of black, with the LCD screen, leather band like now. My Mastercard for the difference please. Sorry again and thank you.`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('cancel_pending_order', { order_id: '#W1430028', reason: 'no longer needed' }),
        act('cancel_pending_order', { order_id: '#W1170711', reason: 'no longer needed' }),
        act('modify_pending_order_items', { order_id: '#W8883368', item_ids: ['9320099340'], new_item_ids: ['9811090008'], payment_method_id: 'credit_card_3414703' }),
      ],
    },
    tags: ['cancel', 'modify-items', 'multi-request', 'insecure', 'option-words'],
    source: 'tasks_train#53 (no-op pair dropped)',
  },
  {
    id: 't060',
    from: 'raj.moore4245@example.com',
    subject: 'Returns!',
    body: `Hey team! Happy Friday! I'm sending back three things from #W3467101: the LED bulb, the headphones and the smart watch. Refund onto my gift card like the original payment. Cheers, Raj`,
    expect: {
      outcome: 'resolve',
      actions: [act('return_delivered_order_items', { order_id: '#W3467101', item_ids: ['5111440845', '9805150490', '2860956907'], payment_method_id: 'gift_card_6009199' })],
    },
    tags: ['return', 'happy'],
    source: 'tasks_train#54',
  },
  {
    id: 't061',
    from: 'aarav.lee6460@example.com',
    subject: 'tablet smaller please',
    body: `Hi, my order W3586556 has the 8-inch gold tablet. Could you change it to the 7-inch one in black? Same storage. Visa for the difference. Thanks!`,
    expect: {
      outcome: 'resolve',
      actions: [act('modify_pending_order_items', { order_id: '#W3586556', item_ids: ['6065192424'], new_item_ids: ['4913411651'], payment_method_id: 'credit_card_1640996' })],
    },
    tags: ['modify-items', 'option-words'],
    source: 'tasks_train#56',
  },
  {
    id: 't062',
    from: 'amelia.silva7872@example.com',
    subject: 'cancel + boots exchange',
    body: `Hello,
Please cancel order #W4836353 (keyboard and phone), I no longer need them.
Also the leather waterproof hiking boots from #W7773202 are a size 12 but I need a 7 — they were meant for me, not my husband. Same model otherwise. Use my gift card if it costs more.
Thank you, Amelia Silva`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('cancel_pending_order', { order_id: '#W4836353', reason: 'no longer needed' }),
        act('exchange_delivered_order_items', { order_id: '#W7773202', item_ids: ['8277474082'], new_item_ids: ['3812493782'], payment_method_id: 'gift_card_3491931' }),
      ],
    },
    tags: ['cancel', 'exchange', 'multi-request', 'option-words'],
    source: 'tasks_train#57',
  },
  {
    id: 't063',
    from: 'ava.nguyen1860@example.com',
    subject: 'return thermostat and keyboard',
    body: `return the smart thermostat and the keyboard from W7597893, refund to gift card. both work fine i just dont want them`,
    expect: {
      outcome: 'resolve',
      actions: [act('return_delivered_order_items', { order_id: '#W7597893', item_ids: ['9480266227', '9991484137'], payment_method_id: 'gift_card_8640626' })],
    },
    tags: ['return', 'terse', 'typos'],
    source: 'tasks_train#58',
  },
  {
    id: 't064',
    from: 'anya.patel9309@example.com',
    name: 'Anya Patel',
    subject: 'makeup kit, returns, and I was charged twice',
    body: `Hi,

A few things, sorry it's a lot:

The makeup kit from #W6131421 is the light skin tone by Brand A. I need the dark skin tone, and I'd rather have Brand B, professional size again. Put any difference on my Mastercard.

Looking at my card statement, I was also charged $256.14 twice for that same order. Please refund the duplicate.

And from #W6174054 I'm returning the fleece jacket, the vacuum cleaner and the dumbbell set — refund that to my gift card please.

Thanks,
Anya`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('exchange_delivered_order_items', { order_id: '#W6131421', item_ids: ['6509212169'], new_item_ids: ['5012998807'], payment_method_id: 'credit_card_4142574' }),
        act('adjust_charge', { order_id: '#W6131421', charge_id: 'ch_6131421_1_dup', amount: 256.14, reason: 'duplicate capture' }),
        act('return_delivered_order_items', { order_id: '#W6174054', item_ids: ['8590708195', '9970989750', '6130713659'], payment_method_id: 'gift_card_6566420' }),
      ],
    },
    tags: ['exchange', 'return', 'billing', 'duplicate-capture', 'multi-request', 'option-words'],
    source: 'tasks_train#59 + planted duplicate capture',
  },
  {
    id: 't065',
    from: 'raj.li2787@example.com',
    subject: 'cancel pls',
    body: `cancel order W8967935 i dont need it anymore. need the refund fast`,
    expect: { outcome: 'resolve', actions: [act('cancel_pending_order', { order_id: '#W8967935', reason: 'no longer needed' })] },
    tags: ['cancel', 'terse', 'typos', 'impatient'],
    source: 'tasks_train#60',
  },
  {
    id: 't066',
    from: 'lei.ahmed1696@example.com',
    subject: 'mistake order + change shipping',
    body: `Hi, order W9132840 (skateboard and two helmets) was a mistake, please cancel it. Then for W6724985: send it to 558 Cedar Street, Suite 298, Houston, TX 77158, and swap the green 500ml bottle for the red 1000ml stainless one, and the white 5 ft glass bookshelf for the black 3 ft glass one. Card on file. Cheers, Lei`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('cancel_pending_order', { order_id: '#W9132840', reason: 'ordered by mistake' }),
        act('modify_pending_order_address', { order_id: '#W6724985', address1: '558 Cedar Street', address2: 'Suite 298', city: 'Houston', country: 'USA', state: 'TX', zip: '77158' }),
        act('modify_pending_order_items', { order_id: '#W6724985', item_ids: ['7533802601', '8895454203'], new_item_ids: ['2439754078', '1768466237'], payment_method_id: 'credit_card_3593714' }),
      ],
    },
    tags: ['cancel', 'modify-address', 'modify-items', 'multi-request', 'option-words'],
    source: 'tasks_train#43',
  },
  {
    id: 't067',
    from: 'yara.johansson3155@example.com',
    subject: 'helmet exchange :)',
    body: `Hi hi! The blue helmet (size S) from order #W9994227 is too small, could I get the red one in M with high ventilation instead? Mastercard for whatever the difference is. Thank you so much!! Yara`,
    expect: {
      outcome: 'resolve',
      actions: [act('exchange_delivered_order_items', { order_id: '#W9994227', item_ids: ['5886093635'], new_item_ids: ['8573379326'], payment_method_id: 'credit_card_4582364' })],
    },
    tags: ['exchange', 'happy', 'option-words'],
    source: 'tasks_train#45',
  },
  {
    id: 't068',
    from: 'lei.anderson3132@example.com',
    subject: 'return tablet, fix address, helmet size',
    body: `3 things, quickly:
1. return the tablet from W7242815, refund to paypal
2. W6002467 should go to 544 Sunset Drive, Suite 337, Jacksonville FL 32205
3. in W6002467 the blue helmet should be size S not L (low ventilation same)
That's it.`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('return_delivered_order_items', { order_id: '#W7242815', item_ids: ['6948061616'], payment_method_id: 'paypal_1808675' }),
        act('modify_pending_order_address', { order_id: '#W6002467', address1: '544 Sunset Drive', address2: 'Suite 337', city: 'Jacksonville', country: 'USA', state: 'FL', zip: '32205' }),
        act('modify_pending_order_items', { order_id: '#W6002467', item_ids: ['7907773809'], new_item_ids: ['5886093635'], payment_method_id: 'paypal_1808675' }),
      ],
    },
    tags: ['return', 'modify-address', 'modify-items', 'multi-request', 'terse'],
    source: 'tasks_train#46',
  },
];
