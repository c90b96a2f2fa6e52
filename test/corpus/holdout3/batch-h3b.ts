// Hold-out 3, batch b: more train tasks no other corpus file uses, told in the customer's own words.
import { act, type SourceTicket } from '../source/types.ts';

export const batchH3b: SourceTicket[] = [
  {
    id: 'm018',
    from: 'ethan.muller6617@example.com',
    name: 'Ethan Muller',
    subject: 'Please cancel + a return',
    body: `Hello,

I placed an order last night with a water bottle, a vacuum, a tea kettle, an espresso machine and a wall clock. I have no idea how, I think I hit "buy now" on my wife's saved cart instead of mine. It was a mistake, please cancel the whole thing.

Also, the perfume from my delivery with the jigsaw puzzle gives me a headache. I'd like to return it, the puzzle I keep. Refund to my Visa please.

Ethan`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('cancel_pending_order', { order_id: "#W4683557", reason: "ordered by mistake" }),
        act('return_delivered_order_items', { order_id: "#W4398027", item_ids: ["1725100896"], payment_method_id: "credit_card_5721095" }),
      ],
    },
    tags: ['holdout3', 'cancel', 'return', 'multi-request', 'no-order-id', 'reason-own-words'],
    source: 'tasks_train#205',
  },
  {
    id: 'm019',
    from: 'mei.kovacs8232@example.com',
    name: 'Mei Kovacs',
    subject: 'watch exchange and returning boots and a bottle',
    body: `Hi,

The gold smart watch with the leather strap that came with my phone and luggage set is just not me. Could I exchange it for the black one with the silicone band? And the normal LCD screen is fine, I don't need the fancy AMOLED display. Keep the garden hose from that order as it is, no changes there.

Then from the order with the desk lamp: I'm returning the hiking boots (size 10) and the black glass water bottle. The lamp stays.

All of it to my PayPal. Thank you!

Mei`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('exchange_delivered_order_items', { order_id: "#W8065207", item_ids: ["5694328282"], new_item_ids: ["2860956907"], payment_method_id: "paypal_7644869" }),
        act('return_delivered_order_items', { order_id: "#W6390527", item_ids: ["1615379700", "8538875209"], payment_method_id: "paypal_7644869" }),
      ],
    },
    tags: ['holdout3', 'exchange', 'return', 'multi-request', 'no-order-id', 'option-words'],
    source: 'tasks_train#206 (no-op item pair dropped)',
  },
  {
    id: 'm020',
    from: 'ava.lopez3569@example.com',
    name: 'Ava Lopez',
    subject: 'Office chair + camera/bottle exchange',
    body: `Hi,

I'm setting up a home office and I've changed my mind on a couple of things.

The office chair in my order that also has hiking boots and a hose hasn't shipped yet. Instead of the red mesh one with no armrests, I'd like the black fabric one with fixed armrests, standard back like now. It should be cheaper; please put whatever I get back on my gift card.

And from the delivery with the digital camera and the water bottle: I'd like to exchange the camera for the same 30MP 3x model but the CF card version, because that's what my other gear uses. And the bottle, could I have the small 500ml glass one in green instead of the big blue steel one? Any extra cost on my Mastercard.

Thanks,
Ava Lopez`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_items', { order_id: "#W5911003", item_ids: ["4274709903"], new_item_ids: ["8426249116"], payment_method_id: "gift_card_4855547" }),
        act('exchange_delivered_order_items', { order_id: "#W2941275", item_ids: ["1804581713", "7843064651"], new_item_ids: ["7255224608", "5758737025"], payment_method_id: "credit_card_7772870" }),
      ],
    },
    tags: ['holdout3', 'modify-items', 'exchange', 'multi-request', 'no-order-id', 'option-words'],
    source: 'tasks_train#208',
  },
  {
    id: 'm021',
    from: 'lucas.muller7899@example.com',
    name: 'Lucas Muller',
    subject: 'Return + cancel',
    body: `Hi,

Sending back both things from the delivery with the smart thermostat and the makeup kit. The thermostat doesn't work with our heating system, and the makeup was a gift that didn't land. Refund onto my gift card please, that's how I paid.

And the order with the dumbbells and the gaming mouse that's still pending: I ordered it by mistake, it was meant for my brother's account. Please cancel it.

Lucas`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('return_delivered_order_items', { order_id: "#W1523776", item_ids: ["8593894906", "3913310464"], payment_method_id: "gift_card_2748512" }),
        act('cancel_pending_order', { order_id: "#W3206099", reason: "ordered by mistake" }),
      ],
    },
    tags: ['holdout3', 'return', 'cancel', 'multi-request', 'no-order-id', 'reason-own-words'],
    source: 'tasks_train#212',
  },
  {
    id: 'm022',
    from: 'yusuf.rossi7301@example.com',
    name: 'Yusuf Rossi',
    subject: 'Returning four things, and a different espresso machine',
    body: `Hello,

From my big delivery (headphones, vacuum, keyboard, thermostat and smart watch) I'd like to return everything except the headphones. So: the thermostat, the smart watch, the robot vacuum and the keyboard. I'm moving in with my partner and we have doubles of all of it now.

Also, in my pending order with the t-shirt, please change the espresso machine. Same 9 bar, but the 1.5 litre size, and I want a capsule machine rather than the automatic one.

My Mastercard for both the refund and whatever the espresso change costs.

Yusuf Rossi`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('return_delivered_order_items', { order_id: "#W2378156", item_ids: ["4983901480", "9408160950", "4602305039", "1151293680"], payment_method_id: "credit_card_9513926" }),
        act('modify_pending_order_items', { order_id: "#W4776164", item_ids: ["6324294385"], new_item_ids: ["3815173328"], payment_method_id: "credit_card_9513926" }),
      ],
    },
    tags: ['holdout3', 'return', 'modify-items', 'multi-request', 'no-order-id', 'option-words'],
    source: 'tasks_train#215',
  },
  {
    id: 'm023',
    from: 'yara.muller9246@example.com',
    name: 'Yara Muller',
    subject: 'makeup kit cancel and changes to the dumbbells/luggage order',
    body: `Hi

Please cancel my order that only has the makeup kit in it. My daughter says she doesn't want it anymore. Teenagers.

And on my other open order, the one with the dumbbell set and the luggage:
- dumbbells: I'd like the heavier 30-50 lb range instead of 5-25, and rubber instead of iron. Still adjustable.
- luggage: just the 2-piece set instead of the 3-piece, same black softshell.

Use my Visa for the differences.

Thank you,
Yara Muller`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('cancel_pending_order', { order_id: "#W5056519", reason: "no longer needed" }),
        act('modify_pending_order_items', { order_id: "#W5995614", item_ids: ["3877338112", "9692325258"], new_item_ids: ["3735133539", "8926329222"], payment_method_id: "credit_card_3095586" }),
      ],
    },
    tags: ['holdout3', 'cancel', 'modify-items', 'multi-request', 'no-order-id', 'option-words', 'reason-own-words'],
    source: 'tasks_train#238',
  },
  {
    id: 'm024',
    from: 'mia.jackson5798@example.com',
    name: 'Mia Jackson',
    subject: 'Several things on my orders',
    body: `Hello, I'm Mia Jackson.

I have too many orders open, sorry. Here's what I need:

The one with the desk lamp, the espresso machine and the electric kettle, I ordered by mistake. I thought I was buying the lamp alone. Please cancel it.

The order with the grill, the bookshelf and the gaming mouse is going to an address in Jacksonville, that was my old place. Please send it to my home address: 816 Spruce Street, Suite 114, Indianapolis, IN 46227.

And on that same order, I'd rather have the charcoal grill in the medium size with a side burner instead of the electric portable one with rotisserie. If there's money back, put it on my gift card.

The other two orders are fine.

Thanks!`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('cancel_pending_order', { order_id: "#W7807323", reason: "ordered by mistake" }),
        act('modify_pending_order_address', { order_id: "#W2618034", address1: "816 Spruce Street", address2: "Suite 114", city: "Indianapolis", country: "USA", state: "IN", zip: "46227" }),
        act('modify_pending_order_items', { order_id: "#W2618034", item_ids: ["5745575001"], new_item_ids: ["7848293342"], payment_method_id: "gift_card_5715854" }),
      ],
    },
    tags: ['holdout3', 'cancel', 'modify-address', 'modify-items', 'multi-request', 'no-order-id', 'order-matters', 'option-words'],
    source: 'tasks_train#243',
  },
  {
    id: 'm025',
    from: 'chen.anderson4495@example.com',
    name: 'Chen Anderson',
    subject: 'return a t-shirt, cancel sunglasses order',
    body: `hello

The black t-shirt I got is too small, I'll send it back. can the money go on my gift card rather than the card? it's a small amount anyway.

also the pending order with the sunglasses and the headphones, please cancel, I don't need it anymore. found both at my parents' house when I was cleaning.

Chen`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('return_delivered_order_items', { order_id: "#W5332101", item_ids: ["1176194968"], payment_method_id: "gift_card_3434432" }),
        act('cancel_pending_order', { order_id: "#W1348788", reason: "no longer needed" }),
      ],
    },
    tags: ['holdout3', 'return', 'cancel', 'multi-request', 'no-order-id', 'reason-own-words', 'casual'],
    source: 'tasks_train#260',
  },
  {
    id: 'm026',
    from: 'ethan.lopez8943@example.com',
    name: 'Ethan Lopez',
    subject: 'Boots for my son + cancel',
    body: `Hi,

The hiking boots in my order with the helmet, t-shirt and camera were supposed to be for my son, but I picked my own size by accident. Please change them to a size 7. He'll want the synthetic ones, and he doesn't need them waterproof, he only wears them to scout camp in summer. Take the difference from my gift card.

And the order with the dumbbells, espresso machine, coffee maker and pet bed, cancel that please, we don't need it anymore since we're moving in with my mother-in-law, who has all of that already.

Ethan`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_items', { order_id: "#W8073920", item_ids: ["8277474082"], new_item_ids: ["1437889264"], payment_method_id: "gift_card_7219486" }),
        act('cancel_pending_order', { order_id: "#W6779827", reason: "no longer needed" }),
      ],
    },
    tags: ['holdout3', 'modify-items', 'cancel', 'multi-request', 'no-order-id', 'reason-own-words', 'option-words'],
    source: 'tasks_train#261',
  },
  {
    id: 'm027',
    from: 'aarav.gonzalez9269@example.com',
    name: 'Aarav Gonzalez',
    subject: 'Speaker colour + returns',
    body: `Hi,

On my pending order with the wall clock and the patio umbrella, the Bluetooth speaker is black; I'd like the same one in navy please, or whatever your dark blue is called.

And I'd like to return both things from my delivered order: the air purifier and the mechanical keyboard. Neither fit my desk setup.

Please use my gift card for all of it, the speaker difference and the refunds.

Aarav`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_items', { order_id: "#W9160732", item_ids: ["7597543861"], new_item_ids: ["6704763132"], payment_method_id: "gift_card_5979071" }),
        act('return_delivered_order_items', { order_id: "#W6797115", item_ids: ["8302289002", "7658724607"], payment_method_id: "gift_card_5979071" }),
      ],
    },
    tags: ['holdout3', 'modify-items', 'return', 'multi-request', 'no-order-id', 'option-words'],
    source: 'tasks_train#270',
  },
  {
    id: 'm028',
    from: 'raj.moore4245@example.com',
    name: 'Raj Moore',
    subject: 'Speaker + watch',
    body: `Hi, Raj here.

In my pending order with the pet bed and the yoga mat, the blue speaker: I'd like the non-waterproof version instead. Same blue, same 10 hours. I know it's a bit more, that's fine.

And the black smart watch with the silicone band from my delivered order: I'd like to exchange it for the gold one with the leather band, same LCD screen.

Both on my gift card please, it should have enough on it.

Thanks`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_items', { order_id: "#W9929926", item_ids: ["4716977452"], new_item_ids: ["6704763132"], payment_method_id: "gift_card_6009199" }),
        act('exchange_delivered_order_items', { order_id: "#W3467101", item_ids: ["2860956907"], new_item_ids: ["9408160950"], payment_method_id: "gift_card_6009199" }),
      ],
    },
    tags: ['holdout3', 'modify-items', 'exchange', 'multi-request', 'no-order-id', 'option-words'],
    source: 'tasks_train#276',
  },
  {
    id: 'm029',
    from: 'noah.kovacs8240@example.com',
    name: 'Noah Kovacs',
    subject: 'cancel + swap the green speaker',
    body: `Hi,

I placed an order with a water bottle, headphones and a smart watch by mistake, I was only building a wishlist. Please cancel it.

And I got two speakers in an order a while ago, one black and one green. The green one clashes with everything in my living room. Could I exchange it for red, same specs otherwise? Gift card for any difference.

Noah`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('cancel_pending_order', { order_id: "#W9440076", reason: "ordered by mistake" }),
        act('exchange_delivered_order_items', { order_id: "#W3002300", item_ids: ["9179378709"], new_item_ids: ["1689914594"], payment_method_id: "gift_card_2486551" }),
      ],
    },
    tags: ['holdout3', 'cancel', 'exchange', 'multi-request', 'no-order-id', 'option-words', 'reason-own-words'],
    source: 'tasks_train#280',
  },
  {
    id: 'm030',
    from: 'liam.santos7226@example.com',
    name: 'Liam Santos',
    subject: 'Helmet + kettle order: address and changes',
    body: `Hello,

My order with the bike helmet and the tea kettle is set to go to Chicago, where I was staying last month. Please send it to 441 Hillcrest Drive, Suite 386, Austin, TX 78762 instead.

And two changes to that order:
- the kettle: I'd like the 1 litre glass one for a gas stove instead of the 2 litre stainless one for induction (we have a gas range here in Austin)
- the helmet: size L, black, with high ventilation, instead of the red medium one

Charge or refund my Visa.

Liam Santos`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_address', { order_id: "#W6794581", address1: "441 Hillcrest Drive", address2: "Suite 386", city: "Austin", country: "USA", state: "TX", zip: "78762" }),
        act('modify_pending_order_items', { order_id: "#W6794581", item_ids: ["1906487464", "1719127154"], new_item_ids: ["3909406921", "1665571435"], payment_method_id: "credit_card_1055108" }),
      ],
    },
    tags: ['holdout3', 'modify-address', 'modify-items', 'multi-request', 'no-order-id', 'order-matters', 'option-words'],
    source: 'tasks_train#318',
  },
  {
    id: 'm031',
    from: 'ethan.kim3231@example.com',
    name: 'Ethan Kim',
    subject: 'Notebook return + cancelling an order',
    body: `Hi,

From my delivery with the laptop and the espresso machine, I want to return just the notebook (the A4 hard cover). It's not what I expected. Gift card refund is fine.

And please cancel the pending order with the two gaming mice, the puzzle, the action camera and the vacuum. I won't need any of it, the project I bought it for got cancelled.

Ethan Kim`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('return_delivered_order_items', { order_id: "#W1763367", item_ids: ["1199058591"], payment_method_id: "gift_card_5701566" }),
        act('cancel_pending_order', { order_id: "#W8296441", reason: "no longer needed" }),
      ],
    },
    tags: ['holdout3', 'return', 'cancel', 'multi-request', 'no-order-id', 'reason-own-words'],
    source: 'tasks_train#327',
  },
  {
    id: 'm032',
    from: 'sofia.li5731@example.com',
    name: 'Sofia Li',
    subject: 'Pay with my card instead + speaker colour',
    body: `Hello,

For my pending order with the earbuds, helmet and speaker, I'd like to pay with my Mastercard rather than the gift card. I want to save the gift card for something else.

And while we're at it, could the speaker be blue instead of red? Same 20 hours, not waterproof. The Mastercard for any difference too.

Sofia Li`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_payment', { order_id: "#W6599568", payment_method_id: "credit_card_8296913" }),
        act('modify_pending_order_items', { order_id: "#W6599568", item_ids: ["1052700637"], new_item_ids: ["2635605237"], payment_method_id: "credit_card_8296913" }),
      ],
    },
    tags: ['holdout3', 'modify-payment', 'modify-items', 'multi-request', 'no-order-id', 'order-matters'],
    source: 'tasks_train#297',
  },
  {
    id: 'm033',
    from: 'anya.patel9309@example.com',
    name: 'Anya Patel',
    subject: 'Switch payment and change three items',
    body: `Hi,

Several changes to my pending order (tea kettle, bookshelf, electric kettle, boots, speaker):

- I'd like the whole order paid with my Mastercard instead of the gift card.
- The speaker: red instead of black, the one with 20 hours battery, and it doesn't need to be waterproof.
- The tea kettle: a 1 liter glass one that works on an electric stove, instead of the 1.5 liter ceramic gas one. We just replaced our gas stove.
- The hiking boots: size 11 instead of 8 (they're for my husband, not me), leather, not waterproof.

Keep the bookshelf and the electric kettle as they are. Put any price difference on the Mastercard as well.

Anya`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_payment', { order_id: "#W4604258", payment_method_id: "credit_card_4142574" }),
        act('modify_pending_order_items', { order_id: "#W4604258", item_ids: ["5855700373", "7497340597", "2648909398"], new_item_ids: ["1052700637", "9747045638", "5676696062"], payment_method_id: "credit_card_4142574" }),
      ],
    },
    tags: ['holdout3', 'modify-payment', 'modify-items', 'multi-request', 'no-order-id', 'option-words', 'order-matters'],
    source: 'tasks_train#463',
  },
  {
    id: 'm034',
    from: 'sofia.ahmed2872@example.com',
    name: 'Sofia Ahmed',
    subject: 'exchanging the hose and the thermostat',
    body: `Hi,

From the delivery with my smartphone, I'd like to exchange two things:

The garden hose is much too short for our yard. Can I have the 100 foot one, in latex, blue? And the white Apple HomeKit thermostat shows every fingerprint; I'd like the brushed metal one instead, it would match the fridge.

I only have my gift card on the account so use that for whatever the difference is.

Sofia Ahmed`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('exchange_delivered_order_items', { order_id: "#W2002395", item_ids: ["3369928769", "3377900078"], new_item_ids: ["8481719475", "9480266227"], payment_method_id: "gift_card_6117300" }),
      ],
    },
    tags: ['holdout3', 'exchange', 'multi-request', 'no-order-id', 'option-words'],
    source: 'tasks_train#86',
  },
  {
    id: 'm035',
    from: 'lei.hernandez7247@example.com',
    name: 'Lei Hernandez',
    subject: 'Helmet too big',
    body: `Hello,

The cycling helmet I got wobbles on my head. I'd like to exchange it for a small. Keep the red, and I'd go for the low ventilation one this time, it's getting cold here in Columbus.

Gift card for any difference please.

Lei`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('exchange_delivered_order_items', { order_id: "#W2982823", item_ids: ["1719127154"], new_item_ids: ["3358616356"], payment_method_id: "gift_card_5245016" }),
      ],
    },
    tags: ['holdout3', 'exchange', 'no-order-id', 'option-words'],
    source: 'tasks_train#114',
  },
  {
    id: 'm036',
    from: 'evelyn.patel2010@example.com',
    name: 'Evelyn Patel',
    subject: 'Speaker return',
    body: `Hi,

The red waterproof speaker I got sounds muffled even at full volume. I'd like to return it and get my money back on PayPal.

I also have two other orders open, those are fine, no changes.

Thanks,
Evelyn Patel`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('return_delivered_order_items', { order_id: "#W9158156", item_ids: ["7751905257"], payment_method_id: "paypal_3704667" }),
      ],
    },
    tags: ['holdout3', 'return', 'no-order-id'],
    source: 'tasks_train#94',
  },
  {
    id: 'm037',
    from: 'amelia.gonzalez4271@example.com',
    name: 'Amelia Gonzalez',
    subject: 'backpack return',
    body: `Hello,

My daughter wanted a different backpack after all, so I'd like to return the grey one I bought with the t-shirt. The t-shirt we're keeping.

Refund to my gift card, which is what I paid with.

Amelia`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('return_delivered_order_items', { order_id: "#W7209932", item_ids: ["5917587651"], payment_method_id: "gift_card_2611937" }),
      ],
    },
    tags: ['holdout3', 'return', 'no-order-id', 'reason-own-words'],
    source: 'tasks_train#106',
  },
];
