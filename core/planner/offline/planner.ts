// The offline planner: no network, no model. Reads the ticket, identifies the customer, grounds every
// request in what the systems return, applies the playbooks' rules, and proposes a complete plan,
// a question for the customer, or a hand-over. It never guesses a write.
import type { Picks, Request } from '../../../shared/request.ts';
import { catalogueOf, understand } from './understand.ts';
import { PlanSchema, type Plan, type PlaybookId, type ReadTool } from '../../../shared/plan.ts';
import {
  askSteps,
  closingSteps,
  fromAgent,
  fromSystem,
  fromTicket,
  handOverSteps,
  mayCancel,
  mayExchange,
  mayModify,
  mayPayDifference,
  mayPayWith,
  mayRefundTo,
  mayReturn,
  originalMethodId,
  writeStep,
  type DraftStep,
} from '../../../automations/playbooks/index.ts';
import { Reader, type CrmCustomer, type OrderDetails, type PaymentMethods } from './reads.ts';
import {
  addressFor,
  asks,
  cancelReason,
  hiddenIn,
  emailsIn,
  injectionIn,
  mentionsSomeoneElse,
  namesIn,
  orderContexts,
  orderIdsIn,
  outOfScopeIn,
  parseAddress,
  PATTERNS,
  requestsIn,
  zipsIn,
  type OrderContext,
  type RequestKind,
} from './extract.ts';
import { chooseVariant, clausesByItem, mentions, type Variant, everythingMeant, itemsMeant, nameScore, oneOfMeant, wishSentences, withoutOrderDescription } from './items.ts';
import { chooseMethod, describe } from './payment.ts';
import { findDiscrepancies } from './billing.ts';
import { coverageOf } from './coverage.ts';
import { clauses, normalize, requestParts, squashKey } from './text.ts';
import { Choices } from './choices.ts';
import { guardPlan } from './guard.ts';
import nlp from 'compromise';

/** The ticket as the planner sees it: the helpdesk's `get_ticket` fields, customer messages joined. */
export interface PlannerTicket {
  id: number;
  requester_name: string;
  requester_email: string;
  subject: string;
  /** all customer messages, oldest first */
  body: string;
}

export interface PlanOptions {
  now?: () => Date;
  /** the agent's picks among the choices of an earlier plan of the same ticket, by choice id */
  picks?: Picks;
}

type Verdict = { kind: 'ask'; what: string } | { kind: 'escalate'; why: string };

/** Everything one plan collects as it goes. */
class Draft {
  writes: DraftStep[] = [];
  requests: Plan['requests'] = [];
  done: string[] = [];
  answers: string[] = [];
  asks: string[] = [];
  escalations: string[] = [];
  /** for the person reading the plan, not the customer */
  notes: string[] = [];
  /** the whole visible message, for wishes said once for every order */
  text = '';
  /** the item names of every order read for a request, for the coverage check */
  items = new Map<string, string[]>();
  /** the agent's choices: candidates the planner could not tell apart */
  choices = new Choices();
  /** what waits for one of those choices */
  waiting: string[] = [];
  /** parts of the message the agent answers in the reply themselves */
  ownAnswers: string[] = [];

  verdict(v: Verdict) {
    if (v.kind === 'ask') this.asks.push(v.what);
    else this.escalations.push(v.why);
  }
}

const money = (n: number) => `$${n.toFixed(2)}`;
const cents = (n: number) => Math.round(n * 100);

export async function planOffline(ticket: PlannerTicket, read: ReadTool, opts: PlanOptions = {}): Promise<Plan> {
  const reader = new Reader(read);
  const draft = new Draft();
  // text hidden from a reader (HTML comments) is never acted on: only what the customer visibly wrote counts
  const subject = hiddenIn(ticket.subject);
  const body = hiddenIn(ticket.body);
  const hidden = [subject.hidden, body.hidden].filter(Boolean).join('\n');
  if (hidden) draft.notes.push('the message carries hidden text (an HTML comment) that was ignored');
  const text = `${subject.visible}\n${body.visible}`;
  draft.text = text;
  draft.choices = new Choices(opts.picks, text);
  // the typed requests of the message, in the words the systems returned (the plan carries them)
  // …and the plan check: a write steered by text addressed to the agent, or money nothing accounts for, hands over
  const finish = async (customer: CrmCustomer | null) => guardPlan(ticket, assemble(ticket, draft, reader, customer, opts, understand(text, catalogueOf(await reader.seen()))));

  if (injectionIn(text)) {
    draft.requests.push({ playbook: 'hand_over', summary: 'the ticket tries to instruct the agent' });
    draft.escalations.push('the message tries to give the agent instructions (override rules, skip confirmation); it is handled by a person');
    return finish(null);
  }
  const scope = outOfScopeIn(text);
  if (scope) {
    draft.requests.push({ playbook: 'hand_over', summary: scope });
    draft.escalations.push(`out of scope: ${scope}`);
    return finish(null);
  }

  const customer = await identify(ticket, text, reader);
  if (!customer) {
    draft.requests.push({ playbook: 'hand_over', summary: 'the customer could not be identified' });
    draft.asks.push('the email address of your account, or your full name and ZIP code, so that we can find your account');
    return finish(null);
  }

  const own = new Set(customer.orders.map((o) => o.order_id));
  // the subject counts only when the body names no order (it often sums up the body: "swap + a cancellation")
  const fromBody = orderContexts(body.visible);
  const { contexts, preamble } = fromBody.contexts.length > 0 ? fromBody : orderContexts(text);
  // someone else's order is never touched: with a request of the requester's own beside it, that
  // request is served and the other order left alone (and said so); alone, the ticket goes to a person
  const foreign = new Set(contexts.flatMap((c) => c.orderIds).filter((id) => !own.has(id)));
  const ownRequests = contexts.some((c) => c.orderIds.some((id) => own.has(id)) && [...requestsIn(c.text)].length > 0);
  for (const id of foreign) {
    const found = await reader.order(id);
    if (found.ok || mentionsSomeoneElse(text)) {
      if (ownRequests) draft.answers.push(`we can only act on orders placed from your own account, so order ${id} was left as it is; its owner can contact us directly`);
      else {
        draft.requests.push({ playbook: 'hand_over', summary: `order ${id} is not the requester's`, orderId: id });
        draft.escalations.push(`order ${id} does not belong to ${customer.user_id}; we act only on the requester's own orders`);
      }
    } else draft.asks.push(`the order number: we cannot find order ${id} on your account`);
  }
  if (draft.escalations.length > 0 || draft.asks.length > 0) return finish(customer);

  if (contexts.length === 0) await withoutOrderIds(text, customer, reader, draft);
  // "I'd like to return a few things: / From W1: … / From W2: …": a wish said once before the orders
  // is each listed order's, unless its own line asks something else or keeps it
  const shared = [...requestsIn(preamble)].some((k) => k !== 'information');
  for (const [n, context] of contexts.entries()) {
    const inherits = n === 0 || (shared && requestsIn(context.text).size === 0 && !KEEPS.test(normalize(context.text)));
    const ctx = inherits ? { ...context, text: `${preamble}${context.text}` } : context;
    const requests = requestsIn(ctx.text);
    for (const orderId of ctx.orderIds.filter((id) => own.has(id))) await handleOrder(orderId, ctx, requests, customer, reader, draft);
  }
  if (contexts.length > 0 && draft.escalations.length === 0) {
    // parts about other orders named only by their items ("… and cancel the other pending one (garden hose + makeup kit)")
    const { gaps } = coverageOf(text, contexts, own, draft);
    const named = new Set(contexts.flatMap((c) => c.orderIds));
    const meant = await ordersMeant(gaps.filter((g) => !g.text.startsWith('order ')).map((g) => g.text), named, customer, reader);
    await serveOrders(meant.byOrder, customer, reader, draft);
  }
  if (draft.escalations.length === 0) await serveItemWishes(text, customer, reader, draft);
  if (draft.requests.length === 0) {
    draft.requests.push({ playbook: 'hand_over', summary: 'no request we can act on was found' });
    draft.asks.push('what you would like us to do (for example: the order number and whether to cancel, change, return or exchange it)');
  }
  accountForEverything(text, contexts, own, draft);
  return finish(customer);
}

/**
 * A plan about to resolve must account for every request of the message: a part that no planned
 * request, answer or refusal serves turns the plan into a question that says what was understood
 * and asks about the rest (nothing is written on half a request).
 */
function accountForEverything(text: string, contexts: OrderContext[], own: Set<string>, draft: Draft): void {
  if (draft.escalations.length > 0) return;
  const { understood, gaps } = coverageOf(text, contexts, own, draft);
  if (gaps.length === 0) return;
  draft.notes.push(`not accounted for: ${gaps.map((g) => `"${g.text}" (${g.what})`).join('; ')}`);
  // a question is already going out, or a part nothing serves touches what the plan writes (names an
  // order or an item it writes on, or carries an address): the plan's reading is in doubt, so nothing
  // is written and the parts not understood are asked about with it
  const written = draft.writes.flatMap((w) => (typeof w.params.order_id === 'string' ? [w.params.order_id] : []));
  const touches = (said: string) =>
    orderIdsIn(said).length > 0 || said.startsWith('order ') || parseAddress(said) !== null || written.some((id) => (draft.items.get(id) ?? []).some((n) => nameScore(said, n) >= 2));
  if (draft.asks.length > 0 || understood.length === 0 || gaps.some((g) => touches(g.text))) {
    if (draft.asks.length === 0 && understood.length > 0) draft.asks.push(`please confirm that we understood you: ${understood.join('; ')}`);
    for (const g of gaps) draft.asks.push(g.text.startsWith('order ') ? g.what : `what you would like us to do about "${g.text}" (it reads like ${g.what}, which we could not match to your orders)`);
    return;
  }
  // the rest of the plan stands: each part nothing serves is shown to the agent, never dropped
  for (const g of gaps) sentenceChoice(g.text, g.what, draft);
}

/** A part of the message the plan does not serve: the agent leaves it out, hands the ticket over, or answers it. */
function sentenceChoice(said: string, what: string, draft: Draft): void {
  const quoted = `"${said}"`;
  const got = draft.choices.pick(
    'sentence',
    `Nothing in the plan serves ${quoted} (it reads like ${what}). What should happen with it?`,
    [
      { value: 'leave_out' as const, kind: 'leave_out', label: 'Leave it out', why: 'it asks for nothing the plan must do', effect: 'the plan runs as it is; the sentence is noted in the trace' },
      { value: 'hand_over' as const, kind: 'hand_over', label: 'Hand the ticket over', why: 'it needs a person', effect: 'nothing is changed; the ticket goes to a colleague with the sentence quoted' },
      { value: 'answer_myself' as const, kind: 'answer_myself', label: 'I will answer it myself', why: 'the reply needs a word on it', effect: 'the plan runs; the reply gets a line for you to write, and the ticket stays open' },
    ],
    { span: said.startsWith('order ') ? undefined : said, confirm: true },
  );
  if (!got) return void draft.waiting.push(`what to do with ${quoted}`);
  if (got.value === 'leave_out') draft.notes.push(`left out by the agent: ${quoted}`);
  else if (got.value === 'hand_over') draft.escalations.push(`the agent handed the ticket over for ${quoted}`);
  else draft.ownAnswers.push(said);
}

// ---- who is asking ---------------------------------------------------------------------------------

async function identify(ticket: PlannerTicket, text: string, reader: Reader): Promise<CrmCustomer | null> {
  let userId: string | undefined;
  for (const email of [ticket.requester_email, ...emailsIn(text)]) {
    if (!email.includes('@')) continue;
    const r = await reader.userIdByEmail(email.trim().toLowerCase());
    if (r.ok) {
      userId = r.data.user_id;
      break;
    }
  }
  if (!userId) {
    const zips = zipsIn(text);
    const names = namesIn(text);
    const requester = ticket.requester_name.trim().split(/\s+/);
    if (requester.length === 2 && /^[A-Z]/.test(requester[0]!)) names.push({ first: requester[0]!, last: requester[1]! });
    outer: for (const name of names) {
      for (const zip of zips) {
        const r = await reader.userIdByNameZip(name.first, name.last, zip);
        if (r.ok) {
          userId = r.data.user_id;
          break outer;
        }
      }
    }
  }
  if (!userId) return null;
  // Read ahead, in the other systems' tabs while the CRM answers: the payment methods (Billing)
  // and the orders the ticket names (Orders) are what most plans need next.
  void reader.methods(userId);
  for (const id of orderIdsIn(text)) void reader.order(id);
  const user = await reader.user(userId);
  return user.ok ? user.data : null;
}

// ---- one order's requests --------------------------------------------------------------------------

async function handleOrder(orderId: string, ctx: OrderContext, requests: Set<RequestKind>, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  const got = await reader.order(orderId);
  if (!got.ok) {
    draft.asks.push(`the order number: we could not open order ${orderId}`);
    return;
  }
  const order = got.data;
  draft.items.set(order.order_id, order.items.map((i) => i.name));
  const writes = [...requests].filter((r) => r !== 'information');
  const explicitExchange = asks(ctx.text, PATTERNS.exchange);
  if (requests.has('billing')) {
    // a cancellation asked beside a billing complaint goes first (its refund is the order's own)
    if (requests.has('cancel')) cancel(order, ctx.text, draft);
    await billing(order, customer, reader, draft);
    if (requests.has('information')) answerAbout(order, draft);
    // "refund" in a billing complaint is its word, not another request; an item change beside it is
    // served only when it names an item of the order
    if (requests.has('cancel')) return;
    if (!requests.has('return') && !explicitExchange) {
      // only outside the complaint's own sentences ("I want the second charge back" is no item wish)
      const rest = ctx.text.split(/(?<=[.!?\n])/).filter((x) => !PATTERNS.billing.test(normalize(x))).join('');
      if (requestsIn(rest).has('change_items')) await changeItems(order, rest, customer, reader, draft, true);
      return;
    }
  }
  if (writes.length === 0) {
    if (requests.has('information')) answerAbout(order, draft);
    return;
  }
  // "return the boots from W1 … P.S. cancel the skateboard order": a delivered order is returned,
  // not cancelled; the cancellation is of the pending order its own part names by its items (or asked)
  if (requests.has('cancel') && requests.has('return') && order.status === 'delivered' && !requests.has('billing')) {
    const parts = requestParts(ctx.text);
    const isCancel = (p: string) => asks(p, PATTERNS.cancel) && !asks(p, PATTERNS.return);
    await returnItems(order, parts.filter((p) => !isCancel(p)).join('\n'), customer, reader, draft);
    await cancelByItems(parts.filter(isCancel).join('\n'), order.order_id, customer, reader, draft);
    return;
  }
  // a cancellation ends the order: nothing else is changed on it
  if (requests.has('cancel')) {
    cancel(order, ctx.text, draft);
    return;
  }
  if (requests.has('payment')) await changePayment(order, ctx.text, customer, reader, draft);
  if (requests.has('order_address')) changeAddress(order, ctx.text, draft);
  if (requests.has('return') && !explicitExchange) await returnItems(order, ctx.text, customer, reader, draft);
  else if (requests.has('change_items')) {
    const others = requests.has('payment') || requests.has('order_address');
    await changeItems(order, ctx.text, customer, reader, draft, others);
  }
  if (requests.has('default_address')) changeDefaultAddress(customer, ctx.text, draft);
}

/** A cancellation said beside another order: of the one other pending order its text names by its items, else asked. */
async function cancelByItems(text: string, besides: string, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  const candidates = await ordersNaming(text, new Set(['pending']), customer, reader, { besides: new Set([besides]) });
  const got = candidates.length > 1 ? draft.choices.pick('order', 'Which pending order should be cancelled?', orderCandidates(text, candidates, 'cancel')) : null;
  if (got) candidates.splice(0, candidates.length, got.value);
  else if (candidates.length > 1) {
    draft.requests.push({ playbook: 'cancel_order', summary: 'cancel an order named by its items' });
    return void draft.waiting.push('which order to cancel');
  }
  if (candidates.length !== 1) {
    draft.requests.push({ playbook: 'cancel_order', summary: 'cancel an order named by its items' });
    draft.asks.push(`which order to cancel (${besides} is delivered and cannot be cancelled)${candidates.length > 1 ? `: ${candidates.map((c) => c.order_id).join(' or ')}` : ''}`);
    return;
  }
  draft.items.set(candidates[0]!.order_id, candidates[0]!.items.map((i) => i.name));
  cancel(candidates[0]!, text, draft);
}

/**
 * The customer's orders of these statuses (none of `besides`) whose items the text names: by a
 * distinctive word (`score` 2, the default) or by any word of the item's name (1).
 */
async function ordersNaming(
  text: string,
  statuses: Set<string>,
  customer: CrmCustomer,
  reader: Reader,
  { besides = new Set<string>(), score = 2 }: { besides?: Set<string>; score?: number } = {},
): Promise<OrderDetails[]> {
  const found: OrderDetails[] = [];
  // an order the text says to leave alone ("do NOT touch the order with the skateboards") is not found by its items
  const meant = withoutLeftAlone(text);
  for (const o of customer.orders.filter((x) => statuses.has(x.status) && !besides.has(x.order_id))) {
    const r = await reader.order(o.order_id);
    if (r.ok && r.data.items.some((it) => nameScore(meant, it.name) >= score)) found.push(r.data);
  }
  return found;
}

/** A sentence telling to leave an order or item alone. */
const LEFT_ALONE = /\b(do not|don'?t|never|please don'?t) (touch|cancel|change|modify|return|do anything (to|with))\b|\bleave\b.{0,60}\b(alone|as it is|as is)\b|\b(i'?m|i am|i'?ll|i will|we'?ll|we will) keep(ing)?\b/;

/** The text without its sentences that leave something alone. */
function withoutLeftAlone(text: string): string {
  const kept = clauses(text).filter((c) => !LEFT_ALONE.test(normalize(c)));
  return kept.length > 0 ? kept.join('\n') : text;
}

/** An order's own line that keeps it or leaves it alone ("nothing for now, I'm keeping all of it"). */
const KEEPS = /\b(keep(ing)?|nothing|leave|don'?t|do not|not (this|that|it)|still want|fine as)\b/;

/** The statuses an order must have for each kind of write on it. */
const ORDER_STATUSES: Partial<Record<RequestKind, string[]>> = { cancel: ['pending'], return: ['delivered'], change_items: ['pending', 'delivered'], order_address: ['pending'] };
/** …and for a part that asks only to pay another way */
const PAYMENT_STATUSES = ['pending'];

const asksForWrite = (part: string) => [...requestsIn(part)].some((k) => k in ORDER_STATUSES || k === 'payment');

/**
 * The message as one piece per request, each with the words around it that belong to it: the
 * sentence a "please cancel it" points back to ("2) The laptop order was a mistake - please
 * cancel it."), the detail after it ("…the laptop one as well? no longer needed").
 */
function requestSegments(text: string): string[] {
  const segments: string[][] = [];
  let loose: string[] = [];
  for (const part of requestParts(text)) {
    if (!asksForWrite(part)) {
      loose.push(part);
      continue;
    }
    // what comes before the first request is its setting; later, only a request that points back takes it
    if (loose.length > 0 && (segments.length === 0 || /\b(it|them|that|those|this one|these|both)\b/i.test(part))) segments.push([...loose, part]);
    else {
      if (loose.length > 0) segments.at(-1)?.push(...loose);
      segments.push([part]);
    }
    loose = [];
  }
  if (loose.length > 0) segments.at(-1)?.push(...loose);
  return segments.map((s) => s.join('\n'));
}

/**
 * Which order each part of the message asks about, when it names it only by its items: the one
 * order, of a status that allows the request and not among `besides`, whose items the part names by
 * a distinctive word ("my pending order" when there is one). Parts naming none, or several, count
 * as unmatched.
 */
async function ordersMeant(parts: string[], besides: Set<string>, customer: CrmCustomer, reader: Reader): Promise<{ byOrder: Map<string, string[]>; unmatched: number }> {
  const byOrder = new Map<string, string[]>();
  let unmatched = 0;
  for (const part of parts) {
    const kinds = [...requestsIn(part)];
    const statuses = new Set(kinds.flatMap((k) => ORDER_STATUSES[k] ?? (k === 'payment' ? PAYMENT_STATUSES : [])));
    const candidates = (await ordersNaming(part, statuses, customer, reader, { besides })).map((o) => o.order_id);
    const pending = customer.orders.filter((o) => o.status === 'pending' && statuses.has('pending') && !besides.has(o.order_id));
    if (candidates.length === 0 && pending.length === 1 && /\b(my|the) (pending|open) order\b/.test(normalize(part))) candidates.push(pending[0]!.order_id);
    // "the tea kettle order and the electric kettle order … cancel both": exactly two, said as both
    const both = candidates.length === 2 && /\bboth\b/.test(normalize(part));
    if (candidates.length !== 1 && !both) {
      unmatched += 1;
      continue;
    }
    for (const id of candidates) byOrder.set(id, [...(byOrder.get(id) ?? []), part]);
  }
  return { byOrder, unmatched };
}

/** Each order's requests, from the parts of the message that ask about it. */
async function serveOrders(byOrder: Map<string, string[]>, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  for (const [orderId, said] of byOrder) {
    const text = said.join('\n');
    await handleOrder(orderId, { orderIds: [orderId], text }, requestsIn(text), customer, reader, draft);
  }
}

/** A wish for another variant, said without a change word: "medium would be ideal", "I'd like the same boots in an 8". */
const PREFERS = /\b(would like|'d like|i want|i need|prefer\w*|would be (ideal|great|perfect|better|nice|best)|rather|instead|if (there'?s|there is|you have|they have) no|if not|works? better|fit(s)? better|this time|if possible|should be|needs? to be)\b/;

/**
 * Item wishes no request served: a paragraph that names an item of one of the customer's pending or
 * delivered orders and another value of one of that product's options, in a wish. It is served on
 * that order, unless the order is cancelled, returned or changed by another request already.
 */
async function serveItemWishes(text: string, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  const taken = new Set(draft.requests.filter((r) => ['cancel_order', 'return_items', 'change_items', 'exchange_items', 'hand_over'].includes(r.playbook)).map((r) => r.orderId));
  // a paragraph naming an order by its number was served on that order
  const paragraphs = text.split(/\n\s*\n|\n(?=\s*(?:[-*\u2022]|\d+[.)])\s)/).filter((p) => PREFERS.test(normalize(p)) && orderIdsIn(p).length === 0);
  if (paragraphs.length === 0) return;
  const open: OrderDetails[] = [];
  for (const o of customer.orders.filter((x) => x.status === 'pending' || x.status === 'delivered')) {
    const got = await reader.order(o.order_id);
    if (got.ok) open.push(got.data);
  }
  // per order, the paragraphs wishing for another variant of one of its items, and those items
  const wishes = new Map<string, { order: OrderDetails; paragraphs: string[]; items: OrderDetails['items'] }>();
  for (const order of open) {
    for (const paragraph of paragraphs) {
      // an item that another of these orders holds too is not this order's for sure: left to the coverage check
      const elsewhere = (name: string) => open.some((o) => o.order_id !== order.order_id && o.items.some((it) => it.name === name));
      const named = order.items.filter((it) => it.product_id && nameScore(paragraph, it.name) >= 2 && !elsewhere(it.name));
      for (const it of named) {
        const product = await reader.product(it.product_id!);
        if (!product.ok || !mentions(paragraph, product.data).some((m) => it.options[m.key] !== undefined && it.options[m.key] !== m.value)) continue;
        const w = wishes.get(order.order_id) ?? { order, paragraphs: [], items: [] };
        if (!w.paragraphs.includes(paragraph)) w.paragraphs.push(paragraph);
        w.items.push(it);
        wishes.set(order.order_id, w);
      }
    }
  }
  // served as one change of the order's items, where no other request took the order
  for (const { order, paragraphs: said } of wishes.values()) {
    if (taken.has(order.order_id)) continue;
    draft.items.set(order.order_id, order.items.map((i) => i.name));
    await changeItems(order, said.join('\n'), customer, reader, draft, false);
  }
  // an item wished for that no write of its order carries is never dropped silently
  const written = new Set(draft.writes.flatMap((w) => (Array.isArray(w.params.item_ids) ? (w.params.item_ids as string[]) : [])));
  for (const { order, paragraphs: said, items } of wishes.values()) {
    const left = items.filter((it) => !written.has(it.item_id));
    if (left.length === 0 || !draft.writes.some((w) => w.params.order_id === order.order_id)) continue;
    draft.verdict({ kind: 'ask', what: `what you would like for the ${[...new Set(left.map((it) => it.name))].join(' and ')} of ${order.order_id} (we understood: "${said.join(' ').trim().slice(0, 200)}")` });
  }
}

/** Words naming an order (not the account) as what a new address is for. */
const ORDER_MEANT = /\b(my|the|this|an?) (pending |last |latest |recent |current |open |new )?(order|package|parcel|shipment)\b/;

/** No order number: find the one order the text can only mean, or answer / ask. */
async function withoutOrderIds(text: string, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  const requests = requestsIn(text);
  // "the shipping address of my pending order": an order's, though no number says which
  const ofAnOrder = requests.has('order_address') && !requests.has('default_address') && ORDER_MEANT.test(normalize(text));
  // no order named: a new address is the account's ("I've moved to …, please update my address")
  if (!ofAnOrder && (requests.has('default_address') || (parseAddress(text) && (PATTERNS.moved.test(normalize(text)) || requests.has('order_address'))))) {
    changeDefaultAddress(customer, text, draft);
    return;
  }
  const writeKinds = [...requests].filter((r) => r !== 'information' && r !== 'payment');
  if (writeKinds.length === 0) {
    await answerGeneral(text, customer, reader, draft);
    return;
  }
  if (requests.has('billing')) return billingWithoutOrderId(text, customer, reader, draft);
  // "return the earbuds … and cancel the office chair": each request on the one order its own words name
  const segments = requestSegments(text);
  if (segments.length > 0) {
    const meant = await ordersMeant(segments, new Set(), customer, reader);
    if (meant.unmatched === 0 && meant.byOrder.size > 1) return serveOrders(meant.byOrder, customer, reader, draft);
  }
  const statuses = new Set(writeKinds.flatMap((k) => ORDER_STATUSES[k] ?? []));
  const candidates = await ordersNaming(text, statuses, customer, reader, { score: 1 });
  // an order found only by a loose word ("on my phone" for a smartphone) among several the request
  // could be about is the agent's to confirm, never taken on its own
  const loose = candidates.length === 1 && !candidates[0]!.items.some((it) => nameScore(text, it.name) >= 2) && customer.orders.filter((o) => statuses.has(o.status)).length > 1;
  if (loose) {
    const kind = writeKinds[0]!;
    const got = draft.choices.pick('order', `Which order does the customer mean (${kind.replace('_', ' ')})?`, orderCandidates(text, candidates, kind), { confirm: true });
    if (got) return handleOrder(got.value.order_id, { orderIds: [got.value.order_id], text }, requests, customer, reader, draft);
    draft.requests.push({ playbook: playbookOf(kind), summary: `${kind.replace('_', ' ')} without an order number` });
    return void draft.waiting.push('which order is meant');
  }
  if (candidates.length === 0 && ofAnOrder && writeKinds.length === 1) {
    // "my pending order" when there is exactly one
    const pending = customer.orders.filter((o) => o.status === 'pending');
    if (pending.length === 1 && (/\b(pending|not (yet )?shipped|hasn'?t shipped)\b/.test(normalize(text)) || customer.orders.length === 1)) {
      const r = await reader.order(pending[0]!.order_id);
      if (r.ok) candidates.push(r.data);
    }
  }
  if (candidates.length !== 1) {
    const kind = writeKinds[0]!;
    // several of the customer's orders fit what the text names: one that holds clearly more of what
    // it names is the one; otherwise the agent, who sees them, picks
    const ranked = orderCandidates(text, candidates, kind);
    const dominant = ranked.length > 1 && ranked[0]!.named >= 2 && ranked[1]!.named * 2 <= ranked[0]!.named ? ranked[0]!.value : null;
    const got = dominant ? { value: dominant } : candidates.length > 1 ? draft.choices.pick('order', `Which order does the customer mean (${kind.replace('_', ' ')})?`, ranked) : null;
    if (got) return handleOrder(got.value.order_id, { orderIds: [got.value.order_id], text }, requests, customer, reader, draft);
    draft.requests.push({ playbook: playbookOf(kind), summary: `${kind.replace('_', ' ')} without an order number` });
    if (candidates.length > 1) return void draft.waiting.push('which order is meant');
    draft.asks.push('the order number (we could not tell which of your orders you mean)');
    return;
  }
  await handleOrder(candidates[0]!.order_id, { orderIds: [candidates[0]!.order_id], text }, requests, customer, reader, draft);
}

/** Orders as the agent's options: best named first, each with the items that matched. */
function orderCandidates(text: string, orders: OrderDetails[], kind: string) {
  // the order naming most of what the text names comes first ("the order that also had the pet bed")
  const score = (o: OrderDetails) => [...new Set(o.items.map((it) => it.name))].reduce((sum, name) => sum + Math.min(2, nameScore(text, name)), 0);
  return [...orders]
    .sort((a, b) => score(b) - score(a))
    .map((o) => {
      const named = o.items.filter((it) => nameScore(text, it.name) >= 1).map((it) => it.name);
      return {
        value: o,
        /** how many different products of the order the text names by a distinctive word */
        named: new Set(o.items.filter((it) => nameScore(text, it.name) >= 2).map((it) => it.name)).size,
        label: `${o.order_id} (${o.status}): ${o.items.map((it) => it.name).join(', ')}`,
        why: named.length > 0 ? `the message names its ${[...new Set(named)].join(', ')}` : `it is ${o.status}, as the request needs`,
        effect: `${kind.replace('_', ' ')} on ${o.order_id}`,
      };
    });
}

function playbookOf(kind: RequestKind): PlaybookId {
  const map: Record<RequestKind, PlaybookId> = {
    cancel: 'cancel_order',
    return: 'return_items',
    change_items: 'change_items',
    order_address: 'change_shipping_address',
    payment: 'change_payment_method',
    default_address: 'change_default_address',
    information: 'information',
    billing: 'billing_discrepancy',
  };
  return map[kind];
}

const statusFrom = (o: OrderDetails) => fromSystem(`orders: ${o.order_id} shows status ${o.status}`);

// ---- cancel ----------------------------------------------------------------------------------------

function cancel(order: OrderDetails, text: string, draft: Draft): void {
  draft.requests.push({ playbook: 'cancel_order', summary: `cancel ${order.order_id}`, orderId: order.order_id });
  // the reason is read where the cancellation is asked ("twice" in a billing complaint beside it is not one)
  const about = text.split(/(?<=[.!?\n])/).filter((x) => PATTERNS.cancel.test(normalize(x)));
  // "same reason": the one the message gives for its other cancellation
  const sameAsBefore = /\b(same|that) reason\b|\bfor the same\b/.test(normalize(text)) ? cancelReason(draft.text) : null;
  const reason = (about.length > 0 ? cancelReason(about.join(' ')) : null) ?? cancelReason(text) ?? sameAsBefore;
  const allowed = mayCancel(order, reason ?? 'no longer needed');
  if (allowed !== true) return draft.verdict({ kind: 'escalate', why: `cancel ${order.order_id}: ${allowed}` });
  const given = reason ?? reasonInOwnWords(order, about.length > 0 ? about.join(' ') : text, draft);
  if (given === undefined) return void draft.waiting.push(`the reason for cancelling ${order.order_id}`);
  if (!given) return draft.verdict({ kind: 'ask', what: `the reason for cancelling ${order.order_id}: "no longer needed" or "ordered by mistake"` });
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

const REASONS = ['no longer needed', 'ordered by mistake'] as const;

/**
 * A reason said in the customer's own words that matches neither reason's cues ("my sister beat me
 * to it"): the agent picks which of the policy's two it is (undefined while not picked). No words
 * beyond the request itself: null, and the customer is asked.
 */
function reasonInOwnWords(order: OrderDetails, said: string, draft: Draft): (typeof REASONS)[number] | null | undefined {
  const rest = normalize(said)
    .replace(/#?\bw\s?\d{7}\b/g, ' ')
    .replace(/\b(hi|hello|hey|please|pls|thanks?|thank you|could|can|would|you|kindly|cancel\w*|my|the|this|that|order|it|a|an|and|to|for|of|i|i'd|i'm|like|want|need|just|id)\b/g, ' ')
    .replace(/[^a-z' ]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 2);
  if (rest.length < 3) return null;
  const got = draft.choices.pick(
    'reason',
    `Which reason does the customer give for cancelling ${order.order_id}?`,
    REASONS.map((r) => ({ value: r, label: r, why: `the customer says: "${said.trim().slice(0, 160)}"`, effect: `cancel ${order.order_id} with the reason "${r}"` })),
    { span: said.trim(), confirm: true },
  );
  return got ? got.value : undefined;
}

// ---- payment methods -------------------------------------------------------------------------------

async function methodsOf(customer: CrmCustomer, reader: Reader): Promise<PaymentMethods['payment_methods'] | null> {
  const r = await reader.methods(customer.user_id);
  return r.ok ? r.data.payment_methods : null;
}

/** The method the text names for money moving on this order, or the verdict. */
async function methodFor(
  order: OrderDetails,
  text: string,
  customer: CrmCustomer,
  reader: Reader,
  purpose: string,
  opts: { exclude?: string; wholeText?: string } = {},
): Promise<{ method: PaymentMethods['payment_methods'][number]; how: string } | Verdict> {
  const all = await methodsOf(customer, reader);
  if (!all) return { kind: 'ask', what: `which payment method to use for ${purpose}` };
  // the method being replaced is never the new one, whatever words name it ("from my gift card to …")
  const methods = all.filter((m) => m.id !== opts.exclude);
  let picked = chooseMethod(text, methods, originalMethodId(order));
  // a wish said once for the whole message ("card on file for both", "all differences to my PayPal")
  if (!picked.ok && 'none' in picked && opts.wholeText) picked = chooseMethod(opts.wholeText, methods, originalMethodId(order));
  if (picked.ok) return { method: picked.method, how: picked.how };
  // the customer has only one possible method and names none: nothing to choose
  if (methods.length === 1 && 'none' in picked) return { method: methods[0]!, how: `${describe(methods[0]!)} (the only payment method on the account)` };
  if ('none' in picked) {
    // "card on file" with one card, or the only method the customer has
    if (/\b(card on file|my card|the card)\b/.test(normalize(`${text}\n${opts.wholeText ?? ''}`))) {
      const cards = methods.filter((m) => m.source === 'credit_card');
      if (cards.length === 1) return { method: cards[0]!, how: describe(cards[0]!) };
    }
    return { kind: 'ask', what: `which payment method to use for ${purpose} (${methods.map(describe).join(', ')})` };
  }
  return { kind: 'ask', what: picked.reason };
}

const isVerdict = (x: object): x is Verdict => 'kind' in x;

async function changePayment(order: OrderDetails, text: string, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  draft.requests.push({ playbook: 'change_payment_method', summary: `pay ${order.order_id} with another method`, orderId: order.order_id });
  const allowed = mayModify(order);
  if (allowed !== true) return draft.verdict({ kind: 'escalate', why: `change payment of ${order.order_id}: ${allowed}` });
  const sentences = text.split(/(?<=[.!?\n])/).filter((s) => PATTERNS.payment.test(normalize(s)));
  const picked = await methodFor(order, sentences.join(' ') || text, customer, reader, `paying ${order.order_id}`, { exclude: originalMethodId(order), wholeText: draft.text });
  if (isVerdict(picked)) return draft.verdict(picked);
  const ok = mayPayWith(order, picked.method);
  if (ok !== true) return draft.verdict({ kind: 'escalate', why: ok });
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

// ---- addresses -------------------------------------------------------------------------------------

function addressParams(address: NonNullable<ReturnType<typeof parseAddress>>) {
  const from = fromTicket('the address as the customer wrote it');
  return Object.fromEntries(Object.entries(address).map(([k, v]) => [k, { value: v, from }]));
}

const oneLine = (a: NonNullable<ReturnType<typeof parseAddress>>) => [a.address1, a.address2, a.city, `${a.state} ${a.zip}`, a.country].filter(Boolean).join(', ');

function changeAddress(order: OrderDetails, text: string, draft: Draft): void {
  draft.requests.push({ playbook: 'change_shipping_address', summary: `ship ${order.order_id} elsewhere`, orderId: order.order_id });
  const allowed = mayModify(order);
  if (allowed !== true) return draft.verdict({ kind: 'escalate', why: `change the address of ${order.order_id}: ${allowed}` });
  const address = addressFor(text, 'order');
  if (!address) return draft.verdict({ kind: 'ask', what: `the full new shipping address for ${order.order_id} (street, apartment, city, state, ZIP)` });
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

function changeDefaultAddress(customer: CrmCustomer, text: string, draft: Draft): void {
  draft.requests.push({ playbook: 'change_default_address', summary: 'change the default address' });
  const address = addressFor(text, 'account');
  if (!address) return draft.verdict({ kind: 'ask', what: 'the full new default address for your account (street, apartment, city, state, ZIP)' });
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

// ---- returns ---------------------------------------------------------------------------------------

async function returnItems(order: OrderDetails, text: string, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  draft.requests.push({ playbook: 'return_items', summary: `return items of ${order.order_id}`, orderId: order.order_id });
  const allowed = mayReturn(order);
  if (allowed !== true) return draft.verdict({ kind: 'escalate', why: `return from ${order.order_id}: ${allowed}` });
  const said = wishSentences(withoutOrderDescription(text), PATTERNS.return, order.items);
  const lines = oneOfMeant(said, order.items, everythingMeant(said, order.items, PATTERNS.return) ?? itemsMeant(said, order.items));
  if (lines === null) return draft.verdict({ kind: 'ask', what: `which of the items of ${order.order_id} of the same kind to return (they differ in their options)` });
  const chosen = lines.length > 0 ? lines : order.items.length === 1 ? [0] : [];
  if (chosen.length === 0) return draft.verdict({ kind: 'ask', what: `which items of ${order.order_id} to return (${order.items.map((i) => i.name).join(', ')})` });
  const picked = await methodFor(order, text, customer, reader, `the refund of the return from ${order.order_id}`, { wholeText: draft.text });
  if (isVerdict(picked)) {
    const methods = await methodsOf(customer, reader);
    const original = methods?.find((m) => m.id === originalMethodId(order));
    return draft.verdict({
      kind: 'ask',
      what: `where the refund should go: the original payment method${original ? ` (${describe(original)})` : ''} or a gift card`,
    });
  }
  const ok = mayRefundTo(order, picked.method);
  if (ok !== true) return draft.verdict({ kind: 'ask', what: `${ok}; which of those should receive the refund?` });
  const items = chosen.map((i) => order.items[i]!);
  const amount = items.reduce((s, it) => s + cents(it.price), 0) / 100;
  draft.writes.push(
    writeStep({
      playbook: 'return_items',
      system: 'orders',
      action: 'return_delivered_order_items',
      params: {
        order_id: { value: order.order_id, from: statusFrom(order) },
        item_ids: { value: items.map((it) => it.item_id), from: fromSystem(`orders: ${order.order_id} holds ${items.map((it) => `${it.name} (${it.item_id})`).join(', ')}`) },
        payment_method_id: { value: picked.method.id, from: fromSystem(`billing: ${picked.how} is ${picked.method.id}`) },
      },
      why: `the customer asks to return ${items.map((it) => it.name).join(', ')}; the order is delivered`,
      expectedEffect: `${order.order_id} is "return requested" for ${items.length} item(s); ${money(amount)} is refunded to ${picked.method.id} once they are back`,
      amount,
    }),
  );
  draft.done.push(`started the return of ${items.map((it) => it.name).join(', ')} from ${order.order_id}; ${money(amount)} will be refunded to your ${picked.how} once the items are back (you will get an email on how to send them)`);
}

// ---- item changes and exchanges ------------------------------------------------------------------

async function changeItems(order: OrderDetails, text: string, customer: CrmCustomer, reader: Reader, draft: Draft, hasOtherRequests: boolean): Promise<void> {
  const exchange = order.status === 'delivered';
  const playbook: PlaybookId = exchange ? 'exchange_items' : 'change_items';
  const lines = itemsMeant(text, order.items);
  if (lines.length === 0 && hasOtherRequests) return;
  draft.requests.push({ playbook, summary: `${exchange ? 'exchange' : 'change'} items of ${order.order_id}`, orderId: order.order_id });
  const allowed = exchange ? mayExchange(order) : mayModify(order);
  if (allowed !== true) return draft.verdict({ kind: 'escalate', why: `${exchange ? 'exchange' : 'change'} items of ${order.order_id}: ${allowed}` });
  if (lines.length === 0) return draft.verdict({ kind: 'ask', what: `which item of ${order.order_id} to change, and to which options` });
  const byItem = clausesByItem(text, order.items);
  // the same product twice in the order: the line whose own options the text names is the one meant
  const twins = lines.filter((i) => lines.some((j) => j !== i && order.items[j]!.product_id === order.items[i]!.product_id));
  if (twins.length > 0) {
    const said = (i: number) => {
      const item = order.items[i]!;
      const others = twins.filter((j) => j !== i && order.items[j]!.product_id === item.product_id);
      const own = Object.entries(item.options).filter(([k, v]) => others.every((j) => order.items[j]!.options[k] !== v));
      const words = squashKey((byItem.get(i) ?? []).join(' '));
      return own.filter(([, v]) => words.includes(squashKey(v))).length;
    };
    const best = Math.max(...twins.map(said));
    const meant = twins.filter((i) => said(i) === best);
    if (best === 0 || meant.length > 1) return draft.verdict({ kind: 'ask', what: `which of the ${order.items[twins[0]!]!.name} items of ${order.order_id} to change` });
    lines.splice(0, lines.length, ...lines.filter((i) => !twins.includes(i) || meant.includes(i)));
  }
  const pairs: { old: OrderDetails['items'][number]; newId: string; newPrice: number; options: Record<string, string> }[] = [];
  for (const i of lines) {
    const item = order.items[i]!;
    if (!item.product_id) return draft.verdict({ kind: 'ask', what: `which ${item.name} you would like` });
    const product = await reader.product(item.product_id);
    if (!product.ok) return draft.verdict({ kind: 'escalate', why: `the product of ${item.name} could not be read (${product.message})` });
    const choice = chooseVariant((byItem.get(i) ?? []).join('\n'), item, product.data);
    if (!choice.ok && !choice.candidates?.length) return draft.verdict({ kind: 'ask', what: choice.reason });
    const variant = choice.ok ? choice : pickVariant(item, product.data.name, choice.candidates!, (byItem.get(i) ?? []).join(' '), draft);
    if (!variant) {
      draft.waiting.push(`which ${item.name} the customer wants`);
      continue;
    }
    pairs.push({ old: item, newId: variant.item_id, newPrice: variant.price, options: variant.options });
  }
  // an item waiting for the agent's pick: the write waits with it (never half the items)
  if (pairs.length < lines.length) return;
  const difference = pairs.reduce((s, p) => s + cents(p.newPrice) - cents(p.old.price), 0) / 100;
  const picked = await methodFor(order, text, customer, reader, `the price difference (${money(difference)})`, { wholeText: draft.text });
  if (isVerdict(picked)) return draft.verdict(picked);
  const covers = mayPayDifference(picked.method, difference);
  if (covers !== true) return draft.verdict({ kind: 'ask', what: `${covers}; which other payment method should pay it?` });
  const describePair = (p: (typeof pairs)[number]) => `${p.old.name} (${Object.values(p.old.options).join(', ')}) → ${Object.values(p.options).join(', ')}`;
  draft.writes.push(
    writeStep({
      playbook,
      system: 'orders',
      action: exchange ? 'exchange_delivered_order_items' : 'modify_pending_order_items',
      params: {
        order_id: { value: order.order_id, from: statusFrom(order) },
        item_ids: { value: pairs.map((p) => p.old.item_id), from: fromSystem(`orders: ${order.order_id} holds ${pairs.map((p) => `${p.old.name} ${p.old.item_id}`).join(', ')}`) },
        new_item_ids: { value: pairs.map((p) => p.newId), from: fromSystem(`orders: available variants ${pairs.map((p) => p.newId).join(', ')} match the options the customer named`) },
        payment_method_id: { value: picked.method.id, from: fromSystem(`billing: ${picked.how} is ${picked.method.id}`) },
      },
      why: `the customer asks to ${exchange ? 'exchange' : 'change'}: ${pairs.map(describePair).join('; ')}`,
      expectedEffect: `${order.order_id} ${exchange ? 'is "exchange requested"' : 'is "pending (item modified)"'}; price difference ${money(difference)} on ${picked.method.id}`,
      ...(difference < 0 ? { amount: -difference } : {}),
    }),
  );
  const diffText = difference === 0 ? 'no price difference' : difference > 0 ? `${money(difference)} to pay on your ${picked.how}` : `${money(-difference)} back to your ${picked.how}`;
  draft.done.push(`${exchange ? 'requested the exchange' : 'changed the items'} of ${order.order_id}: ${pairs.map(describePair).join('; ')} (${diffText})`);
}

/** The variants closest to the customer's wish, for the agent to pick one. */
function pickVariant(item: OrderDetails['items'][number], productName: string, candidates: Variant[], said: string, draft: Draft): Variant | null {
  const current = Object.values(item.options).join(', ');
  const diff = (v: Variant) => Object.entries(v.options).filter(([k, value]) => item.options[k] !== value).map(([k, value]) => `${k} ${value}`).join(', ');
  const got = draft.choices.pick(
    'variant',
    `Which ${productName} does the customer want instead of ${current}?`,
    candidates.map((v) => ({
      value: v,
      label: `${Object.values(v.options).join(', ')} ($${v.price.toFixed(2)})`,
      why: `changes ${diff(v) || 'nothing'}; available`,
      effect: `${item.name} (${current}) → ${Object.values(v.options).join(', ')}, price difference $${(v.price - item.price).toFixed(2)}`,
    })),
    { span: said.trim().split('\n')[0], confirm: true },
  );
  return got?.value ?? null;
}

// ---- billing ---------------------------------------------------------------------------------------

async function billing(order: OrderDetails, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  draft.requests.push({ playbook: 'billing_discrepancy', summary: `check the charges of ${order.order_id}`, orderId: order.order_id });
  const payments = await reader.payments(order.order_id);
  if (!payments.ok) return draft.verdict({ kind: 'escalate', why: `the payments of ${order.order_id} could not be read (${payments.message})` });
  const methods = (await methodsOf(customer, reader)) ?? [];
  const giftCards = new Set(methods.filter((m) => m.source === 'gift_card').map((m) => m.id));
  const found = findDiscrepancies(order, payments.data, giftCards);
  if (found.length === 0) {
    draft.answers.push(`we checked every charge and refund on ${order.order_id}: the charges match the order (${money(payments.data.charges.reduce((s, c) => s + c.amount, 0))} captured) and no duplicate or overcharge shows, so there is nothing to refund`);
    return;
  }
  for (const d of found) {
    draft.writes.push(
      writeStep({
        playbook: 'billing_discrepancy',
        system: 'billing',
        action: 'adjust_charge',
        params: {
          order_id: { value: order.order_id, from: statusFrom(order) },
          charge_id: { value: d.charge_id, from: fromSystem(`billing: ${d.detail}`) },
          amount: { value: d.amount, from: fromSystem(`billing: ${d.detail}`) },
          reason: { value: d.reason, from: fromAgent(`the discrepancy found: ${d.kind}`) },
        },
        why: d.detail,
        expectedEffect: `${money(d.amount)} of charge ${d.charge_id} is given back (${d.reason})`,
        amount: d.amount,
      }),
    );
    draft.done.push(`refunded ${money(d.amount)} on ${order.order_id} (${d.reason}); it reaches your account in 5–7 business days`);
  }
}

/** How many suspicious orders a billing search without an order number reads, at most (two reads each). */
const BILLING_SEARCH_LIMIT = 12;

/**
 * A billing complaint without an order number: the processor's records of each of the customer's
 * orders (bounded) are compared with the order; the one order with a discrepancy of the kind the
 * text describes (or naming the items the text names) is the one meant. None: the charges are
 * explained; several: the customer is asked which.
 */
async function billingWithoutOrderId(text: string, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  draft.requests.push({ playbook: 'billing_discrepancy', summary: 'a billing complaint without an order number' });
  const t = normalize(text);
  const wanted = new Set<string>();
  if (/\b(twice|double|two (identical )?(payments|charges)|duplicate|same payment|same charge|extra payment|second (charge|payment))\b/.test(t)) wanted.add('duplicate_capture');
  if (/\b(overcharg\w*|more than|higher than|too much|doesn't match|does not match|difference)\b/.test(t)) wanted.add('overcharge');
  if (/\brefund|money back|cancell?ed|canceled\b/.test(t)) wanted.add('unsettled_refund');
  const billingView = await reader.methods(customer.user_id);
  if (!billingView.ok) return draft.verdict({ kind: 'ask', what: 'the order number the charge is about' });
  const giftCards = new Set(billingView.data.payment_methods.filter((m) => m.source === 'gift_card').map((m) => m.id));
  // Billing's per-order totals (one read) tell which orders can hold a discrepancy: more captured
  // than the items cost, or a cancelled order not refunded in full; only those are read in detail
  const suspicious = billingView.data.orders.filter(
    (o) => cents(o.captured) - cents(o.refunded) - cents(o.adjusted) > cents(o.items_total) || (o.status === 'cancelled' && cents(o.refunded) + cents(o.adjusted) < cents(o.captured)),
  );
  const hits: { order: OrderDetails; found: ReturnType<typeof findDiscrepancies>; named: boolean }[] = [];
  for (const o of suspicious.slice(0, BILLING_SEARCH_LIMIT)) {
    const payments = await reader.payments(o.order_id);
    if (!payments.ok) continue;
    const p = payments.data;
    const order = await reader.order(o.order_id);
    if (!order.ok) continue;
    const found = findDiscrepancies(order.data, p, giftCards).filter((d) => wanted.size === 0 || wanted.has(d.kind));
    if (found.length > 0) hits.push({ order: order.data, found, named: order.data.items.some((it) => nameScore(text, it.name) >= 1) });
  }
  const named = hits.filter((h) => h.named);
  const meant = hits.length === 1 ? hits : named.length === 1 ? named : [];
  if (meant.length === 1) return billing(meant[0]!.order, customer, reader, draft);
  if (hits.length === 0) {
    draft.answers.push(`we checked the card processor's charges and refunds for every one of your ${customer.orders.length} orders: each charge matches its order and every refund went through, so there is nothing to refund`);
    return;
  }
  draft.verdict({ kind: 'ask', what: `which order the charge is about: ${hits.map((h) => h.order.order_id).join(' or ')}` });
}

// ---- read-only answers -----------------------------------------------------------------------------

function answerAbout(order: OrderDetails, draft: Draft): void {
  draft.requests.push({ playbook: 'information', summary: `status of ${order.order_id}`, orderId: order.order_id });
  const tracking = order.fulfillments.flatMap((f) => f.tracking_id);
  const paid = order.payment_history.filter((p) => p.transaction_type === 'payment');
  const refunded = order.payment_history.filter((p) => p.transaction_type === 'refund');
  const total = (xs: typeof paid) => xs.reduce((sum, p) => sum + cents(p.amount), 0) / 100;
  draft.answers.push(
    `order ${order.order_id} (${order.items.map((i) => i.name).join(', ')}) is ${order.status}${tracking.length ? `; tracking number ${tracking.join(', ')}` : '; it has no tracking number yet'}` +
      (paid.length ? `; you paid ${money(total(paid))} (${[...new Set(paid.map((p) => p.payment_method_id))].join(', ')})${refunded.length ? `, and ${money(total(refunded))} was refunded` : ''}` : ''),
  );
}

async function answerGeneral(text: string, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<void> {
  const t = normalize(text);
  if (/\b(balance|gift ?card)\b/.test(t)) {
    draft.requests.push({ playbook: 'information', summary: 'gift card balance' });
    const methods = (await methodsOf(customer, reader)) ?? [];
    const cards = methods.filter((m) => m.source === 'gift_card');
    draft.answers.push(cards.length ? cards.map((c) => `your gift card ${c.id} holds ${money(c.balance ?? 0)}`).join('; ') : 'there is no gift card on your account');
    return;
  }
  if (/\baddress\b/.test(t)) {
    draft.requests.push({ playbook: 'information', summary: 'default address' });
    const a = customer.address;
    draft.answers.push(`the default address on your account is ${[a.address1, a.address2, a.city, `${a.state} ${a.zip}`, a.country].filter(Boolean).join(', ')}`);
    return;
  }
  if (PRODUCT_QUESTION.test(t) && (await answerProducts(text, customer, reader, draft))) return;
  if (PATTERNS.information.test(t) || /\border/.test(t)) {
    // the orders the text names by item, else every order
    const orders: OrderDetails[] = [];
    for (const o of customer.orders.slice(0, 8)) {
      const r = await reader.order(o.order_id);
      if (r.ok) orders.push(r.data);
    }
    const named = orders.filter((o) => o.items.some((i) => nameScore(text, i.name) >= 1));
    for (const o of named.length ? named : orders) answerAbout(o, draft);
  }
}

/** A question about what a product comes in: its options, sizes, colours, versions. */
const PRODUCT_QUESTION = /\b(do you (have|carry|sell|stock|make)|comes? in|available|in stock|options?|colou?rs?|sizes?|versions?|variants?|models?|how many|what kinds?)\b/;

/**
 * The products the text names among those the customer bought, answered from the catalogue: the
 * values of each option over the variants on offer. False when the text names none of them.
 */
async function answerProducts(text: string, customer: CrmCustomer, reader: Reader, draft: Draft): Promise<boolean> {
  const named = new Map<string, string>();
  for (const o of customer.orders.slice(0, 8)) {
    const r = await reader.order(o.order_id);
    if (!r.ok) continue;
    for (const it of r.data.items) if (it.product_id && nameScore(text, it.name) >= 2) named.set(it.product_id, it.name);
  }
  // a product the customer never bought: looked up in the catalogue by the nouns of the question
  if (named.size === 0) {
    const nouns = (nlp(text).nouns().toSingular().out('array') as string[]).map((n) => normalize(n).replace(/^(the|a|an|your|my|any|some|other) /, '')).filter((n) => n.length >= 3);
    const words = [...new Set(nouns.flatMap((n) => n.split(' ')))].filter((w) => w.length >= 3 && !PRODUCT_QUESTION.test(w)).slice(0, 4);
    for (const word of words) {
      const found = await reader.findProducts(word);
      if (found.ok) for (const p of found.data.products) if (nameScore(text, p.name) >= 2) named.set(p.product_id, p.name);
      if (named.size > 0) break;
    }
  }
  for (const [productId, name] of named) {
    const product = await reader.product(productId);
    if (!product.ok) continue;
    const offered = Object.values(product.data.variants).filter((v) => v.available);
    const keys = [...new Set(offered.flatMap((v) => Object.keys(v.options)))];
    draft.requests.push({ playbook: 'information', summary: `what the ${name} comes in` });
    draft.answers.push(
      offered.length === 0
        ? `the ${name} is not available in any version right now`
        : `the ${name} is available in ${offered.length} version${offered.length > 1 ? 's' : ''}: ${keys.map((k) => `${k} ${[...new Set(offered.map((v) => v.options[k]).filter(Boolean))].join(', ')}`).join('; ')}`,
    );
  }
  return named.size > 0;
}

// ---- the plan --------------------------------------------------------------------------------------

function assemble(ticket: PlannerTicket, draft: Draft, reader: Reader, customer: CrmCustomer | null, opts: PlanOptions, understood: Request[]): Plan {
  const first = customer?.name.first_name ?? ticket.requester_name.split(/\s+/)[0] ?? '';
  const hello = `Hello${first && !first.includes('@') ? ` ${first}` : ''},`;
  const summary = draft.requests.map((r) => r.summary).join('; ');
  let outcome: Plan['outcome'];
  let reason: string;
  let reply: string;
  let steps: DraftStep[];
  if (draft.escalations.length > 0) {
    outcome = 'escalate';
    reason = draft.escalations.join('; ');
    reply = `${hello}\n\nThank you for your message. We have passed it to a specialist on our team, who will look into it and follow up with you personally.\n\nBest regards`;
    const note = [
      `Hand-over from Legwork (offline planner) for ticket #${ticket.id}.`,
      `Requester: ${ticket.requester_name} <${ticket.requester_email}>${customer ? ` = ${customer.user_id}` : ' (not identified)'}.`,
      `Requests: ${summary || 'none found'}.`,
      `Why a person: ${reason}.`,
      ...(draft.notes.length > 0 ? [`Also: ${draft.notes.join('; ')}.`] : []),
      'Recommended: review the request against the policy and reply; nothing was changed.',
    ].join('\n');
    steps = handOverSteps(ticket.id, note, reply);
  } else if (draft.asks.length > 0) {
    outcome = 'ask';
    reason = `missing or ambiguous: ${draft.asks.join('; ')}`;
    const list = draft.asks.map((a) => `- ${a}`).join('\n');
    reply = `${hello}\n\nThank you for your message. Before we can go ahead we need a little more from you:\n${list}\n\nAs soon as we have that we will take care of it.\n\nBest regards`;
    steps = askSteps(draft.requests[0]?.playbook ?? 'information', ticket.id, reply);
  } else {
    outcome = 'resolve';
    reason = draft.writes.length > 0 ? `grounded in the systems: ${summary}` : `answered from the systems: ${summary}`;
    if (draft.waiting.length > 0) reason = `waiting for the agent's choice: ${draft.waiting.join('; ')}; ${reason}`;
    const facts = [...draft.done, ...draft.answers].map((f) => `- ${f[0]!.toUpperCase()}${f.slice(1)}.`);
    const own = draft.ownAnswers.map((said) => `- [your answer to "${said}"]`);
    reply = `${hello}\n\nThank you for getting in touch. ${draft.writes.length > 0 ? 'Here is what we have done:' : 'Here is what we found:'}\n${[...facts, ...own].join('\n')}\n\nBest regards`;
    const playbook = draft.requests[0]?.playbook ?? 'information';
    const note = draft.writes.length > 0 ? `Ticket #${ticket.id}: ${draft.done.join('; ')}.` : '';
    steps = [...draft.writes, ...closingSteps(playbook, ticket.id, customer?.user_id ?? null, note, reply, own.length > 0 ? 'open' : 'solved')];
  }
  return PlanSchema.parse({
    ticketId: ticket.id,
    planner: 'offline',
    outcome,
    reason,
    requests: draft.requests,
    understood,
    // a question to the customer or a hand-over waits for nobody's choice
    choices: outcome === 'resolve' ? draft.choices.shown : [],
    customer: customer ? { user_id: customer.user_id, name: `${customer.name.first_name} ${customer.name.last_name}`, email: customer.email } : null,
    steps: steps.map((s, i) => ({ ...s, id: `s${i + 1}` })),
    reply,
    reads: reader.records,
    createdAt: (opts.now?.() ?? new Date()).toISOString(),
  });
}
