// Writes on one order or account: a cancellation (with its reason) and address changes.
import { fromAgent, fromSystem, fromTicket, writeStep } from '../../../automations/playbooks/index.ts';
import { applyRefusal } from './playbook-rules.ts';
import type { CrmCustomer, OrderDetails } from './reads.ts';
import { addressesIn, addressFor, cancelReason, cancelReasonsIn, parseAddress, PATTERNS } from './extract.ts';
import { normalize } from './text.ts';
import { Draft, money, statusFrom } from './draft.ts';

// ---- cancel ----------------------------------------------------------------------------------------

export async function cancel(order: OrderDetails, text: string, draft: Draft): Promise<void> {
  draft.requests.push({ playbook: 'cancel_order', summary: `cancel ${order.order_id}`, orderId: order.order_id });
  // the reason is read where the cancellation is asked ("twice" in a billing complaint beside it is not one)
  const about = text.split(/(?<=[.!?\n])/).filter((x) => PATTERNS.cancel.test(normalize(x)));
  // "same reason": the one the message gives for its other cancellation
  // …or the one reason the whole message gives ("two of my orders were mistakes: … please cancel both")
  const whole = cancelReasonsIn(draft.text.split(/(?<=[.!?\n])/).filter((x) => !PATTERNS.billing.test(normalize(x))).join(' '));
  const sameAsBefore = /\b(same|that) reason\b|\bfor the same\b/.test(normalize(text)) ? cancelReason(draft.text) : null;
  const near = about.length > 0 ? cancelReason(about.join(' ')) : null;
  // the words around the request (not a billing complaint's) may tell the other reason: "I hit buy on
  // the wrong screen. I don't want either of them, cancel it" — then the agent picks
  const aroundText = text.split(/(?<=[.!?\n])/).filter((x) => !PATTERNS.billing.test(normalize(x))).join(' ');
  const around = cancelReason(aroundText);
  const reason = near ?? around ?? sameAsBefore;
  const what = `cancel ${order.order_id}`;
  const refused = await draft.rules.refusal('cancel_order', 'cancel_pending_order', { order });
  if (refused) return applyRefusal(draft, refused, what);
  const said = about.length > 0 ? about.join(' ') : text;
  // a reason said only elsewhere in the message is likely this one's too, but not surely: the agent
  // confirms it (offered first), never a guess
  const elsewhere = !reason && whole.length === 1 ? whole[0]! : null;
  // cues of both reasons where the cancellation is asked ("I meant to write yesterday … I won't need
  // it"): a cue word said in another sense is common, so the agent picks (the plainer reason first)
  const both = cancelReasonsIn(near ? about.join(' ') : aroundText).length === 2;
  const given =
    both
      ? reasonPicked(order, said, ['no longer needed', 'ordered by mistake'], draft)
      : near && around && near !== around
      ? reasonPicked(order, text, [near, around], draft)
      : elsewhere
        ? reasonPicked(order, draft.text, [elsewhere, ...REASONS.filter((r) => r !== elsewhere)], draft)
        : (reason ?? reasonInOwnWords(order, said, draft));
  if (given === undefined) return void draft.waiting.push(`the reason for cancelling ${order.order_id}`);
  if (!given) return draft.verdict({ kind: 'ask', what: `the reason for cancelling ${order.order_id}: "no longer needed" or "ordered by mistake"` });
  const gated = await draft.rules.refusal('cancel_order', 'cancel_pending_order', { order, write: { order_id: order.order_id, reason: given } });
  if (gated) return applyRefusal(draft, gated, what);
  const total = order.payment_history.filter((p) => p.transaction_type === 'payment').reduce((s, p) => s + p.amount, 0);
  draft.writes.push(
    writeStep({
      playbook: 'cancel_order',
      system: 'orders',
      action: 'cancel_pending_order',
      params: {
        order_id: { value: order.order_id, from: statusFrom(order) },
        reason: { value: given, from: fromAgent(`the customer's reason, as the policy names it: "${given}"`) },
      },
      why: `the customer asks to cancel ${order.order_id} (${given}); it is pending`,
      expectedEffect: `${order.order_id} is cancelled and ${money(total)} is refunded to the original payment method`,
      amount: total,
    }),
  );
  draft.done.push(`cancelled order ${order.order_id} (${given}); ${money(total)} goes back to the original payment method (gift cards at once, cards in 5–7 business days)`);
}

export const REASONS = ['no longer needed', 'ordered by mistake'] as const;

/**
 * A reason said in the customer's own words that matches neither reason's cues ("my sister beat me
 * to it"): the agent picks which of the policy's two it is (undefined while not picked). No words
 * beyond the request itself: null, and the customer is asked.
 */
export function reasonInOwnWords(order: OrderDetails, said: string, draft: Draft): (typeof REASONS)[number] | null | undefined {
  const rest = normalize(said)
    .replace(/#?\bw\s?\d{7}\b/g, ' ')
    .replace(/\b(hi|hello|hey|please|pls|thanks?|thank you|could|can|would|you|kindly|cancel\w*|my|the|this|that|order|it|a|an|and|to|for|of|i|i'd|i'm|like|want|need|just|id)\b/g, ' ')
    .replace(/[^a-z' ]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 2);
  if (rest.length < 3) return null;
  return reasonPicked(order, said, REASONS, draft);
}

/** The agent's pick among the policy's reasons, in the order given (undefined while not picked). */
function reasonPicked(order: OrderDetails, said: string, ranked: readonly (typeof REASONS)[number][], draft: Draft): (typeof REASONS)[number] | undefined {
  const got = draft.choices.pick(
    'reason',
    `Which reason does the customer give for cancelling ${order.order_id}?`,
    ranked.map((r) => ({ value: r, label: r, why: `the customer says: "${said.trim().slice(0, 160)}"`, effect: `cancel ${order.order_id} with the reason "${r}"` })),
    { span: said.trim(), confirm: true },
  );
  return got ? got.value : undefined;
}
// ---- addresses -------------------------------------------------------------------------------------

/** A part of an address taken back ("correction: it's Apt 4B, not 3B"): never write the first version. */
const CORRECTED = /\b(correction|i meant|typo|should (read|say)|wrong (apartment|apt|number|zip|street)|(old|previous) (apartment|apt|unit|suite|street|zip) (number|code))\b|\bnot (apt\.? |suite |unit |#)?\w*\d\w*\b/;
const UNIT = /\b(?:apartment|apt\.?|suite|ste\.?|unit|floor|room)\s*#?\s*(\w*\d\w*)/gi;

/**
 * Part of the address said again after it with another value ("…Apt 4, Austin, TX 78701. We're in
 * apartment 14 now"): the address as written is not the one meant.
 */
function correctedLater(text: string, address: NonNullable<ReturnType<typeof parseAddress>>): boolean {
  const flat = text.replace(/\s+/g, ' ');
  const end = flat.indexOf(address.zip, flat.indexOf(address.address1));
  if (end < 0) return false;
  const unit = address.address2.match(/\w*\d\w*/)?.[0]?.toLowerCase();
  // another full address said after it has its own unit
  const after = addressesIn(flat.slice(end + address.zip.length)).reduce((t, a) => t.replace(a.address1, ' ').replace(a.address2, ' '), flat.slice(end + address.zip.length));
  return [...after.matchAll(UNIT)].some((m) => m[1]!.toLowerCase() !== unit);
}
const corrected = (text: string, address: NonNullable<ReturnType<typeof parseAddress>>) => CORRECTED.test(normalize(text)) || correctedLater(text, address);

export function addressParams(address: NonNullable<ReturnType<typeof parseAddress>>) {
  const from = fromTicket('the address as the customer wrote it');
  return Object.fromEntries(Object.entries(address).map(([k, v]) => [k, { value: v, from }]));
}

export const oneLine = (a: NonNullable<ReturnType<typeof parseAddress>>) => [a.address1, a.address2, a.city, `${a.state} ${a.zip}`, a.country].filter(Boolean).join(', ');

export async function changeAddress(order: OrderDetails, text: string, draft: Draft): Promise<void> {
  draft.requests.push({ playbook: 'change_shipping_address', summary: `ship ${order.order_id} elsewhere`, orderId: order.order_id });
  const what = `change the address of ${order.order_id}`;
  const refused = await draft.rules.refusal('change_shipping_address', 'modify_pending_order_address', { order });
  if (refused) return applyRefusal(draft, refused, what);
  const address = addressFor(text, 'order');
  if (address && corrected(text, address)) return draft.verdict({ kind: 'ask', what: `the full new shipping address for ${order.order_id} as it should be (part of it was corrected)` });
  if (!address) return draft.verdict({ kind: 'ask', what: `the full new shipping address for ${order.order_id} (street, apartment, city, state, ZIP)` });
  const gated = await draft.rules.refusal('change_shipping_address', 'modify_pending_order_address', { order, write: { order_id: order.order_id, ...address } });
  if (gated) return applyRefusal(draft, gated, what);
  draft.writes.push(
    writeStep({
      playbook: 'change_shipping_address',
      system: 'orders',
      action: 'modify_pending_order_address',
      params: { order_id: { value: order.order_id, from: statusFrom(order) }, ...addressParams(address) },
      why: `the customer asks to ship ${order.order_id} to a new address`,
      expectedEffect: `${order.order_id} ships to ${oneLine(address)}`,
    }),
  );
  draft.done.push(`order ${order.order_id} will ship to ${oneLine(address)}`);
}

export async function changeDefaultAddress(customer: CrmCustomer, text: string, draft: Draft): Promise<void> {
  draft.requests.push({ playbook: 'change_default_address', summary: 'change the default address' });
  const address = addressFor(text, 'account');
  if (address && corrected(text, address)) return draft.verdict({ kind: 'ask', what: 'the full new default address as it should be (part of it was corrected)' });
  if (!address) return draft.verdict({ kind: 'ask', what: 'the full new default address for your account (street, apartment, city, state, ZIP)' });
  const gated = await draft.rules.refusal('change_default_address', 'modify_user_address', { customer, write: { user_id: customer.user_id, ...address } });
  if (gated) return applyRefusal(draft, gated, 'change the default address');
  draft.writes.push(
    writeStep({
      playbook: 'change_default_address',
      system: 'crm',
      action: 'modify_user_address',
      params: { user_id: { value: customer.user_id, from: fromSystem(`crm: the requester is ${customer.user_id}`) }, ...addressParams(address) },
      why: 'the customer asks to change the default address on the account',
      expectedEffect: `${customer.user_id}'s default address is ${oneLine(address)}`,
    }),
  );
  draft.done.push(`the default address on your account is now ${oneLine(address)}`);
}
