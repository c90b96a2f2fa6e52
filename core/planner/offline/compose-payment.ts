// The payment method a message names for money moving on an order, and a change of an order's method.
import { fromSystem, originalMethodId, writeStep } from '../../../automations/playbooks/index.ts';
import { applyRefusal } from './playbook-rules.ts';
import { Reader, type CrmCustomer, type OrderDetails, type PaymentMethods } from './reads.ts';
import { PATTERNS } from './extract.ts';
import { chooseMethod, describe, fits, ruledOut } from './payment.ts';
import { normalize } from './text.ts';
import { type Verdict, Draft, statusFrom, isVerdict } from './draft.ts';

// ---- payment methods -------------------------------------------------------------------------------

export async function methodsOf(customer: CrmCustomer, reader: Reader): Promise<PaymentMethods['payment_methods'] | null> {
  const r = await reader.methods(customer.user_id);
  return r.ok ? r.data.payment_methods : null;
}

type Method = PaymentMethods['payment_methods'][number];

/**
 * The method the text names for money moving on this order, or the verdict. With a draft, methods
 * the text names several of (one as how the order was paid, one for this) are offered to the agent as
 * a choice instead of a question to the customer; `null` then means the write waits for the pick. A
 * text that names none is asked: the policy wants the customer's own word on where money goes.
 */
export async function methodFor(
  order: OrderDetails,
  text: string,
  customer: CrmCustomer,
  reader: Reader,
  purpose: string,
  opts: { exclude?: string; wholeText?: string; draft?: Draft; allowed?: (m: Method) => boolean } = {},
): Promise<{ method: Method; how: string } | Verdict | null> {
  const all = await methodsOf(customer, reader);
  if (!all) return { kind: 'ask', what: `which payment method to use for ${purpose}` };
  // the method being replaced is never the new one, whatever words name it ("from my gift card to …")
  const methods = all.filter((m) => m.id !== opts.exclude);
  const original = originalMethodId(order);
  let picked = chooseMethod(text, methods, original);
  // a wish said once for the whole message ("card on file for both", "all differences to my PayPal")
  if (!picked.ok && 'none' in picked && opts.wholeText) picked = chooseMethod(opts.wholeText, methods, original);
  if (picked.ok) return { method: picked.method, how: picked.how };
  // the customer has only one possible method and names none: nothing to choose
  if (methods.length === 1 && 'none' in picked) return { method: methods[0]!, how: `${describe(methods[0]!)} (the only payment method on the account)` };
  if ('none' in picked) {
    // "not the gift card, please": of the methods that may take the money, the one the text leaves
    const ruled = ruledOut(`${text}\n${opts.wholeText ?? ''}`);
    const left = methods.filter((m) => (opts.allowed?.(m) ?? true) && !ruled.some((w) => fits(w, m, original)));
    if (ruled.length > 0 && left.length === 1) return { method: left[0]!, how: `${describe(left[0]!)} (the one the message does not rule out)` };
    // "card on file" with one card, or the only method the customer has
    if (/\b(card on file|my card|the card)\b/.test(normalize(`${text}\n${opts.wholeText ?? ''}`))) {
      const cards = methods.filter((m) => m.source === 'credit_card');
      if (cards.length === 1) return { method: cards[0]!, how: describe(cards[0]!) };
    }
    // nothing named: the policy wants the customer's own word on where money goes, so this is asked
    return { kind: 'ask', what: `which payment method to use for ${purpose} (${methods.map(describe).join(', ')})` };
  }
  const ask: Verdict = { kind: 'ask', what: picked.reason };
  if (!opts.draft || picked.candidates.length < 2) return ask;
  return agentPicks(
    opts.draft,
    purpose,
    picked.candidates.map((c) => ({ method: c.method, why: c.described ? 'the message names it as how the order was paid' : 'the message names it for this' })),
    ask,
  );
}

/** The agent's pick among payment methods, or null while the choice waits (the write waits with it). */
function agentPicks(draft: Draft, purpose: string, candidates: { method: Method; why: string }[], fallback: Verdict): { method: Method; how: string } | Verdict | null {
  if (candidates.length === 0) return fallback;
  const got = draft.choices.pick(
    'payment_method',
    `Which payment method for ${purpose}?`,
    candidates.map((c) => ({ value: c.method, label: describe(c.method), why: c.why, effect: `${purpose} goes through ${describe(c.method)}` })),
    { confirm: true },
  );
  if (got) return { method: got.value, how: describe(got.value) };
  draft.waiting.push(`which payment method for ${purpose}`);
  return null;
}

export async function changePayment(order: OrderDetails, text: string, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  draft.requests.push({ playbook: 'change_payment_method', summary: `pay ${order.order_id} with another method`, orderId: order.order_id });
  const what = `change payment of ${order.order_id}`;
  const refused = await draft.rules.refusal('change_payment_method', 'modify_pending_order_payment', { order });
  if (refused) return applyRefusal(draft, refused, what);
  const sentences = text.split(/(?<=[.!?\n])/).filter((s) => PATTERNS.payment.test(normalize(s)));
  const picked = await methodFor(order, sentences.join(' ') || text, customer, reader, `paying ${order.order_id}`, { exclude: originalMethodId(order), wholeText: draft.text, draft });
  if (picked === null) return;
  if (isVerdict(picked)) return draft.verdict(picked);
  const gated = await draft.rules.refusal('change_payment_method', 'modify_pending_order_payment', {
    order,
    customer,
    method: picked.method,
    write: { order_id: order.order_id, payment_method_id: picked.method.id },
  });
  if (gated) return applyRefusal(draft, gated, what);
  draft.writes.push(
    writeStep({
      playbook: 'change_payment_method',
      system: 'orders',
      action: 'modify_pending_order_payment',
      params: {
        order_id: { value: order.order_id, from: statusFrom(order) },
        payment_method_id: { value: picked.method.id, from: fromSystem(`billing: ${customer.user_id}'s ${picked.how} is ${picked.method.id}`) },
      },
      why: `the customer asks to pay ${order.order_id} with ${picked.how}`,
      expectedEffect: `${order.order_id} is paid with ${picked.method.id}; the original method is refunded`,
    }),
  );
  draft.done.push(`order ${order.order_id} is now paid with your ${picked.how}; the original payment is refunded`);
}
