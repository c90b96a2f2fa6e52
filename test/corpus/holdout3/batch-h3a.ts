// Hold-out 3, batch a: train tasks that no other corpus file uses, told in the customer's own words.
import { act, type SourceTicket } from '../source/types.ts';

export const batchH3a: SourceTicket[] = [
  {
    id: 'm001',
    from: 'juan.lopez7539@example.com',
    name: 'Juan Lopez',
    subject: 'Changes to my order before it ships',
    body: `Hello,

I have an order that hasn't shipped yet with a bike helmet, a garden hose and the espresso machine in it, and I've had second thoughts about basically everything in it, sorry.

The helmet: same size and same blue, but I'd like the version with the most airflow. I ride in the afternoon heat here in Phoenix and the low ventilation one will cook me.

The espresso machine: I went big with the 2 liter automatic and now I'm looking at my counter and it's too much for one person. Keep the 9 bar pressure, but the small 1 liter one, and the manual kind. I actually like pulling shots by hand.

The hose: same 50 foot length, but latex instead of vinyl, and black rather than green if you have it.

Whatever the price difference ends up being, my PayPal is fine (it's the only thing I have on file anyway).

Also, it looks like that order is going to my old work address. Please ship it to my home instead: 411 Park Avenue, Suite 987, Phoenix, AZ 85060.

Thanks a lot,
Juan`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_address', { order_id: "#W3386832", address1: "411 Park Avenue", address2: "Suite 987", city: "Phoenix", country: "USA", state: "AZ", zip: "85060" }),
        act('modify_pending_order_items', { order_id: "#W3386832", item_ids: ["3339188619", "3709608322", "8249784860"], new_item_ids: ["9013366374", "7407838442", "4024196380"], payment_method_id: "paypal_6729210" }),
      ],
    },
    tags: ['holdout3', 'modify-address', 'modify-items', 'multi-request', 'no-order-id', 'option-words', 'order-matters', 'rambling'],
    source: 'tasks_train#26',
  },
  {
    id: 'm002',
    from: 'ava.nguyen2868@example.com',
    name: 'Ava Nguyen',
    subject: 'Cancelling a few orders, moving abroad',
    body: `Hi,

I'm moving to Lisbon at the end of the month and I'm trying to clean up everything I ordered before I decided to go, so I'm not paying for things that will arrive at an empty apartment.

- The skateboard. I won't be taking it, so I don't need it anymore.
- The headphones with the white glass bookshelf. Same story, I won't need either of them.
- The one with the dumbbells, the red speaker and the fleece jacket. That one was honestly a mistake, my nephew was on my laptop and clicked through my saved cart. I never meant to buy it.

Please cancel those three. The other two orders (the puzzle/camera one and the smart watch) I want to keep, those are coming with me.

Ava`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('cancel_pending_order', { order_id: "#W1242543", reason: "no longer needed" }),
        act('cancel_pending_order', { order_id: "#W9232383", reason: "no longer needed" }),
        act('cancel_pending_order', { order_id: "#W8367380", reason: "ordered by mistake" }),
      ],
    },
    tags: ['holdout3', 'cancel', 'multi-request', 'no-order-id', 'reason-own-words'],
    source: 'tasks_train#29',
  },
  {
    id: 'm003',
    from: 'sofia.rossi2645@example.com',
    name: 'Sofia Rossi',
    subject: 'luggage change + one cancel',
    body: `hello!

two things on my pending stuff:

first the luggage set in my order with the thermostat and the tea kettle. I picked the 4 piece red hard shell one but after seeing my friend's I want the 3 piece instead, in blue, and soft sided not hard. charge or refund the difference on my mastercard, that's the only card I have with you.

second, the other order, with the tablet, the coffee maker and the office chair, I placed by accident. I was trying to save the cart for later and it went through. please cancel it.

thank you!! sofia`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_items', { order_id: "#W2818151", item_ids: ["9956648681"], new_item_ids: ["6301799585"], payment_method_id: "credit_card_5051208" }),
        act('cancel_pending_order', { order_id: "#W5500815", reason: "ordered by mistake" }),
      ],
    },
    tags: ['holdout3', 'modify-items', 'cancel', 'multi-request', 'no-order-id', 'option-words', 'casual', 'reason-own-words'],
    source: 'tasks_train#44',
  },
  {
    id: 'm004',
    from: 'emma.kovacs5723@example.com',
    name: 'Emma Kovacs',
    subject: 'Two small swaps on my open orders',
    body: `Hello,

I'd like to change two things before my orders go out.

In the order with the headphones and the robot vacuum, I'd like the headphones to be over-ear rather than on-ear, still wireless, and black instead of white. White gets dirty so fast. The vacuum can stay as it is.

In my big order with the two keyboards and the skateboard, the men's perfume: I'd like to switch from the fresh scent to the oriental one, same 30ml bottle.

Please use my gift card for any difference. Thank you.

Emma Kovacs`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_items', { order_id: "#W7109609", item_ids: ["9805150490"], new_item_ids: ["7493556126"], payment_method_id: "gift_card_9246707" }),
        act('modify_pending_order_items', { order_id: "#W6554908", item_ids: ["9447903288"], new_item_ids: ["1325156478"], payment_method_id: "gift_card_9246707" }),
      ],
    },
    tags: ['holdout3', 'modify-items', 'multi-request', 'no-order-id', 'option-words', 'polite'],
    source: 'tasks_train#154 (no-op item pair dropped)',
  },
  {
    id: 'm005',
    from: 'isabella.santos9317@example.com',
    name: 'Isabella Santos',
    subject: 'Cancel the watch order, and return a keyboard',
    body: `Hi there,

My husband surprised me with a smart watch for our anniversary (yes, the exact one I had in my order, he saw it on my screen), so I don't need the order with the watch and the hiking boots anymore. The boots were for a hiking trip we've now called off, so please cancel that whole order.

While you're at it, the mechanical keyboard I received is way too loud for our small apartment, the clicking drives him crazy. I'd like to return it. Refund to my Mastercard please.

Thanks,
Isabella Santos`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('cancel_pending_order', { order_id: "#W9527030", reason: "no longer needed" }),
        act('return_delivered_order_items', { order_id: "#W1654332", item_ids: ["9665000388"], payment_method_id: "credit_card_4056740" }),
      ],
    },
    tags: ['holdout3', 'cancel', 'return', 'multi-request', 'no-order-id', 'reason-own-words'],
    source: 'tasks_train#78',
  },
  {
    id: 'm006',
    from: 'mei.ahmed4901@example.com',
    name: 'Mei Ahmed',
    subject: 'exchanging makeup and a skateboard',
    body: `Hi, Mei here.

The makeup kit that came with my e-reader and tablet is too light for my skin, I don't know what I was thinking. Could I swap it for the dark one? And I've heard better things about Brand C, so that brand instead of A, still the professional size.

Also, I got two skateboards in my other order. The longer one, the 34 inch plastic one, I'd like to exchange for a bamboo deck in 28 inch, plain like it is now. My son rides the shorter one and likes it, and I want one like his but in bamboo.

Use my Mastercard ending 9375 for whatever the difference is.

thanks!`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('exchange_delivered_order_items', { order_id: "#W3239882", item_ids: ["6509212169"], new_item_ids: ["1763705424"], payment_method_id: "credit_card_5902940" }),
        act('exchange_delivered_order_items', { order_id: "#W7553978", item_ids: ["3098764622"], new_item_ids: ["8176740019"], payment_method_id: "credit_card_5902940" }),
      ],
    },
    tags: ['holdout3', 'exchange', 'multi-request', 'no-order-id', 'option-words', 'comparison'],
    source: 'tasks_train#83',
  },
  {
    id: 'm007',
    from: 'chen.silva2698@example.com',
    name: 'Chen Silva',
    subject: 'Returns from two orders',
    body: `Hello,

I need to send back a few things from two different deliveries.

From the delivery with the digital camera and the coffee maker: the pet bed (our dog refuses to sleep in it) and the gold tablet. Please refund those onto my gift card.

From the delivery with the e-reader: the makeup kit and the skateboard. Those two should go back to my Mastercard.

To be clear, I'm keeping the other tablet, the silver one in the e-reader order. Only the gold one goes back.

Best,
Chen`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('return_delivered_order_items', { order_id: "#W9571698", item_ids: ["7381052709", "6065192424"], payment_method_id: "gift_card_7250692" }),
        act('return_delivered_order_items', { order_id: "#W3069600", item_ids: ["5012998807", "4545791457"], payment_method_id: "credit_card_1565124" }),
      ],
    },
    tags: ['holdout3', 'return', 'multi-request', 'no-order-id', 'same-product-twice'],
    source: 'tasks_train#84',
  },
  {
    id: 'm008',
    from: 'noah.sanchez7461@example.com',
    name: 'Noah Sanchez',
    subject: 'Order going to the wrong city + camera + returns',
    body: `Hi,

I'm Noah. A couple of things, in no particular order.

1. My order with the laptop, the running shoes and the digital camera is set to ship to an apartment in Philadelphia I moved out of. Please send it to the same address my espresso machine order went to, on Highland Drive in Washington (Suite 550).

2. On that same order, I'd like a different camera. Instead of the 20MP with 5x zoom and CF card, I want the 30MP with 3x zoom that takes SD cards. I think it's cheaper, so put the difference on my gift card.

3. From the order with the pet bed and keyboard, I want to return the white earbuds, the hiking boots and the skateboard. Refund to the gift card as well.

Thank you!`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_address', { order_id: "#W8645374", address1: "297 Highland Drive", address2: "Suite 550", city: "Washington", country: "USA", state: "DC", zip: "20056" }),
        act('modify_pending_order_items', { order_id: "#W8645374", item_ids: ["9644439410"], new_item_ids: ["1804581713"], payment_method_id: "gift_card_9909795" }),
        act('return_delivered_order_items', { order_id: "#W7293142", item_ids: ["3694871183", "2185126308", "6956751343"], payment_method_id: "gift_card_9909795" }),
      ],
    },
    tags: ['holdout3', 'modify-address', 'modify-items', 'return', 'multi-request', 'no-order-id', 'option-words', 'order-matters'],
    source: 'tasks_train#99',
  },
  {
    id: 'm009',
    from: 'ethan.moore4935@example.com',
    name: 'Ethan Moore',
    subject: 'A couple of exchanges',
    body: `Good afternoon,

I bought the woody perfume for myself and it turns out it's my wife who loves it, not me. Could I exchange it for the women's version of the same scent, same 30ml size?

And from my order with the sneakers: the silver luggage set scratches if you look at it, I'd rather have the same set in blue. The red speaker in that order, keep the colour, but I want the one with 20 hours of battery that's waterproof, we take it to the beach.

Charge or refund whatever's needed on my Visa.

Kind regards,
Ethan Moore`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('exchange_delivered_order_items', { order_id: "#W6353188", item_ids: ["5081446110"], new_item_ids: ["8316205423"], payment_method_id: "credit_card_6173085" }),
        act('exchange_delivered_order_items', { order_id: "#W7156413", item_ids: ["6690069155", "1689914594"], new_item_ids: ["6301799585", "7617930199"], payment_method_id: "credit_card_6173085" }),
      ],
    },
    tags: ['holdout3', 'exchange', 'multi-request', 'no-order-id', 'option-words', 'polite'],
    source: 'tasks_train#111',
  },
  {
    id: 'm010',
    from: 'yara.ito7353@example.com',
    name: 'Yara Ito',
    subject: 'Exchange three things and return a kettle',
    body: `Hello!! I hope you're having a good day :)

I got my order with the helmet, the makeup kit, the tea kettle and the wall clock. I love the clock, but the rest is not quite right and I'd like to exchange:

- the helmet, it's too big, I need a small, and I'd love it in white with medium ventilation this time
- the makeup kit, same skin tone but the basic kit, and Brand C rather than Brand A (the professional one is way more than I'll ever use)
- the tea kettle, I'd like the 1 liter glass one instead of the 2 liter steel one, still for a gas stove

And from my other order (with the grill and puzzle) I'd like to return the electric kettle, since I'll have the tea kettle anyway. I'm sorry if that's confusing!

Everything on my PayPal please.

Yara`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('exchange_delivered_order_items', { order_id: "#W1809337", item_ids: ["2882812427", "3339188619", "4238115171"], new_item_ids: ["3017803871", "7811981098", "3909406921"], payment_method_id: "paypal_1679017" }),
        act('return_delivered_order_items', { order_id: "#W8353027", item_ids: ["9335834276"], payment_method_id: "paypal_1679017" }),
      ],
    },
    tags: ['holdout3', 'exchange', 'return', 'multi-request', 'no-order-id', 'option-words', 'insecure'],
    source: 'tasks_train#117',
  },
  {
    id: 'm011',
    from: 'isabella.sanchez6218@example.com',
    name: 'Isabella Sanchez',
    subject: 'Skateboard order: new address and a different board',
    body: `Hi,

I have a pending order with a skateboard and a speaker. Two changes:

- Can you ship it to my New York place instead of Phoenix? It's the same address you sent my smart watch order to: 964 Sunset Drive, Suite 782, New York, NY 10199.
- For the skateboard, keep it bamboo but I want the longer one, 34 inch, and with a graphic design instead of plain.

PayPal for any difference.

Thanks,
Isabella`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_address', { order_id: "#W4386313", address1: "964 Sunset Drive", address2: "Suite 782", city: "New York", country: "USA", state: "NY", zip: "10199" }),
        act('modify_pending_order_items', { order_id: "#W4386313", item_ids: ["8176740019"], new_item_ids: ["3541421151"], payment_method_id: "paypal_8516781" }),
      ],
    },
    tags: ['holdout3', 'modify-address', 'modify-items', 'multi-request', 'no-order-id', 'order-matters'],
    source: 'tasks_train#131',
  },
  {
    id: 'm012',
    from: 'evelyn.hernandez3060@example.com',
    name: 'Evelyn Hernandez',
    subject: 'grill + return',
    body: `hi

my grill hasnt shipped yet. I changed my mind, I want charcoal instead of electric, same medium size with the side burner. my neighbor says electric ones never get hot enough

also returning the sunglasses and the dumbbells from my order that had the bookshelf in it, keeping the bookshelf

everything on my visa

evelyn`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_items', { order_id: "#W3482034", item_ids: ["5666020311"], new_item_ids: ["7848293342"], payment_method_id: "credit_card_3631888" }),
        act('return_delivered_order_items', { order_id: "#W9628587", item_ids: ["9045948550", "8140269513"], payment_method_id: "credit_card_3631888" }),
      ],
    },
    tags: ['holdout3', 'modify-items', 'return', 'multi-request', 'no-order-id', 'terse', 'typos'],
    source: 'tasks_train#147',
  },
  {
    id: 'm013',
    from: 'evelyn.lopez6910@example.com',
    name: 'Evelyn Lopez',
    subject: 'Grill change and a duplicate helmet',
    body: `Hi,

Two things please.

The grill in my order with the running shoes: I'd like the gas one instead of electric, and the portable size rather than medium since we're getting a smaller balcony. Side burner is still great.

And I ordered the bike helmet twice by accident. The first one already arrived and it's perfect, so please cancel the one that hasn't shipped.

My Mastercard for the grill difference.

Evelyn Lopez`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_items', { order_id: "#W3007862", item_ids: ["5666020311"], new_item_ids: ["9724317332"], payment_method_id: "credit_card_3566337" }),
        act('cancel_pending_order', { order_id: "#W1890669", reason: "ordered by mistake" }),
      ],
    },
    tags: ['holdout3', 'modify-items', 'cancel', 'multi-request', 'no-order-id', 'reason-own-words', 'option-words'],
    source: 'tasks_train#149',
  },
  {
    id: 'm014',
    from: 'anya.lee3013@example.com',
    name: 'Anya Lee',
    subject: 'Boots exchange + water bottle',
    body: `Hi,

The hiking boots from my order with the espresso machine are a size too big, and they're not waterproof, which I found out the hard way on a wet trail. Could you exchange them for a 9, waterproof, still leather?

Also, in my order with the headphones and the coffee maker (not the one with the pet bed), the water bottle: please make it the smaller 500ml one, and green instead of blue. Still stainless steel.

PayPal for any difference.

Anya`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('exchange_delivered_order_items', { order_id: "#W1335809", item_ids: ["2185126308"], new_item_ids: ["8106223139"], payment_method_id: "paypal_3728317" }),
        act('modify_pending_order_items', { order_id: "#W3176007", item_ids: ["7843064651"], new_item_ids: ["7533802601"], payment_method_id: "paypal_3728317" }),
      ],
    },
    tags: ['holdout3', 'exchange', 'modify-items', 'multi-request', 'no-order-id', 'option-words'],
    source: 'tasks_train#157',
  },
  {
    id: 'm015',
    from: 'lei.anderson3132@example.com',
    name: 'Lei Anderson',
    subject: 'cancel one order + return a whole delivery',
    body: `Hello,

Please cancel the order with the dumbbells, the helmet, the keyboard, the speaker and the water bottle. I put it in twice by mistake, I only meant to keep it as a list for my birthday.

And the delivery with the hiking boots and the action camera, I'd like to return both. The camera turned out to be the same one my brother already gave me, and the boots pinch. Back to my PayPal please.

Lei Anderson`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('cancel_pending_order', { order_id: "#W6002467", reason: "ordered by mistake" }),
        act('return_delivered_order_items', { order_id: "#W4072946", item_ids: ["5436236388", "8106223139"], payment_method_id: "paypal_1808675" }),
      ],
    },
    tags: ['holdout3', 'cancel', 'return', 'multi-request', 'no-order-id', 'reason-own-words'],
    source: 'tasks_train#168',
  },
  {
    id: 'm016',
    from: 'daiki.johnson2279@example.com',
    name: 'Daiki Johnson',
    subject: 'Kettle and hose',
    body: `Hi, it's Daiki.

I don't need the tea kettle I ordered anymore, my sister gave me hers when she moved. Please cancel that order.

In my other open order, the garden hose: I want the vinyl one instead of latex, in blue. Same 25 feet. PayPal for the difference.

Thanks`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('cancel_pending_order', { order_id: "#W1436802", reason: "no longer needed" }),
        act('modify_pending_order_items', { order_id: "#W5282037", item_ids: ["3230708338"], new_item_ids: ["9829827210"], payment_method_id: "paypal_2433177" }),
      ],
    },
    tags: ['holdout3', 'cancel', 'modify-items', 'multi-request', 'no-order-id', 'reason-own-words', 'terse'],
    source: 'tasks_train#184',
  },
  {
    id: 'm017',
    from: 'sofia.thomas3069@example.com',
    name: 'Sofia Thomas',
    subject: 'vaccum swap and cancel',
    body: `Hi there!

So I have two orders waiting and both have a vaccum in them, which is exactly the problem.

The one with the dumbbells: I want to keep it, but change the upright vaccum to the robot one. Bagged, cordless. I've read bagged ones are better for allergies.

The other one with the earbuds, the toothbrush and the charger was a mistake. I was comparing vacuums in two tabs and checked out both. Please cancel it.

Use my PayPal for the vacuum difference.

thanks so much,
Sofia`,
    expect: {
      outcome: 'resolve',
      actions: [
        act('modify_pending_order_items', { order_id: "#W2297866", item_ids: ["7407609582"], new_item_ids: ["4602305039"], payment_method_id: "paypal_5334408" }),
        act('cancel_pending_order', { order_id: "#W7619352", reason: "ordered by mistake" }),
      ],
    },
    tags: ['holdout3', 'modify-items', 'cancel', 'multi-request', 'no-order-id', 'typos', 'option-words'],
    source: 'tasks_train#191',
  },
];
