// The offline planner: no network, no model. Reads the ticket, identifies the customer, grounds every
// request in what the systems return, applies the playbooks' rules, and proposes a complete plan,
// a question for the customer, or a hand-over. It never guesses a write.
// Stages: understand (understand.ts, extract.ts) → find the customer and the orders meant (here,
// find-orders.ts, serve.ts, item-wishes.ts) → compose the writes (compose-*.ts, answers.ts) →
// account for every request (coverage.ts) → assemble (assemble.ts) → check (guard.ts); before them
// all, framed sentences are set aside (customer-words.ts).
import { catalogueOf, understand } from './understand.ts';
import type { Plan, ReadTool } from '../../../shared/plan.ts';
import { Reader, type CrmCustomer } from './reads.ts';
import { hiddenIn, holdIn, emailsIn, injectionIn, mentionsSomeoneElse, namesIn, orderContexts, orderIdsIn, outOfScopeIn, parseAddress, requestsIn, zipsIn, type OrderContext } from './extract.ts';
import { nameScore } from './items.ts';
import { coverageOf } from './coverage.ts';
import { normalize } from './text.ts';
import { Choices } from './choices.ts';
import { guardPlan } from './guard.ts';
import { customerWords } from './customer-words.ts';
import { type PlannerTicket, type PlanOptions, Draft } from './draft.ts';

export type { PlannerTicket, PlanOptions };
import { KEEPS, ordersMeant } from './find-orders.ts';
import { handleOrder, serveAnotherOrder, serveOrders, withoutOrderIds } from './serve.ts';
import { serveItemWishes } from './item-wishes.ts';
import { assemble } from './assemble.ts';
import { holdBack } from './hold.ts';
import { PlaybookRules } from './playbook-rules.ts';
import { serveFromData } from './data-playbooks.ts';
import { builtInPlaybooks } from '../../playbooks/built-in.ts';

export async function planOffline(received: PlannerTicket, read: ReadTool, opts: PlanOptions = {}): Promise<Plan> {
  // a sentence framed as an instruction to the agent, a bot or the system, or forwarded or quoted, is
  // no request: the stages read the customer's own words, the plan carries what was set aside for
  // the agent to see, and the plan check below still reads the whole ticket (customer-words.ts)
  const { ticket, setAside } = customerWords(received);
  const reader = new Reader(read);
  const draft = new Draft();
  draft.rules = new PlaybookRules(opts.playbooks ?? builtInPlaybooks(), reader, ticket, opts.now?.() ?? new Date());
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
  const finish = async (customer: CrmCustomer | null) => guardPlan(received, { ...assemble(ticket, draft, reader, customer, opts, understand(text, catalogueOf(await reader.seen()))), setAside });

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
  draft.rules.forCustomer(customer.user_id);

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

  // a request kind a playbook file adds, said in its cue words, is served from the file
  const fromData = await serveFromData(text, customer, draft);
  const onlyAsking = (kinds: Set<string>) => [...kinds].every((k) => k === 'information');
  if (contexts.length === 0 && !(fromData.matched && onlyAsking(requestsIn(text)))) await withoutOrderIds(text, customer, reader, draft);
  // "I'd like to return a few things: / From W1: … / From W2: …": a wish said once before the orders
  // is each listed order's, unless its own line asks something else or keeps it
  const shared = [...requestsIn(preamble)].some((k) => k !== 'information');
  for (const [n, context] of contexts.entries()) {
    const inherits = n === 0 || (shared && requestsIn(context.text).size === 0 && !KEEPS.test(normalize(context.text)));
    const ctx = inherits ? { ...context, text: `${preamble}${context.text}` } : context;
    const requests = requestsIn(ctx.text);
    for (const orderId of ctx.orderIds.filter((id) => own.has(id) && !(fromData.served.has(id) && onlyAsking(requests)))) await handleOrder(orderId, ctx, requests, customer, reader, draft);
  }
  if (contexts.length > 0 && draft.escalations.length === 0) {
    // parts about other orders named only by their items ("… and cancel the other pending one (garden hose + makeup kit)")
    const { gaps } = coverageOf(text, contexts, own, draft);
    const named = new Set(contexts.flatMap((c) => c.orderIds));
    const meant = await ordersMeant(gaps.filter((g) => !g.text.startsWith('order ')).map((g) => g.text), named, customer, reader);
    await serveOrders(meant.byOrder, customer, reader, draft);
  }
  if (draft.escalations.length === 0) await serveItemWishes(text, customer, reader, draft);
  // "same for my second order": which other order, the agent picks
  if (contexts.length === 0 && draft.escalations.length === 0) {
    for (const g of coverageOf(text, contexts, own, draft).gaps) if (g.another && g.another !== 'address') await serveAnotherOrder(g.text, g.another, customer, reader, draft);
  }
  // "please don't change anything yet": what would be done is shown to the agent, nothing is written
  const held = holdIn(text);
  if (held && draft.escalations.length === 0) {
    holdBack(draft, held);
    return finish(customer);
  }
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
  const covered = coverageOf(text, contexts, own, draft);
  // a part the agent is offered a choice about is accounted for by that choice
  const gaps = covered.gaps.filter((g) => !draft.choices.shown.some((c) => c.span?.text === g.text));
  const { understood } = covered;
  if (gaps.length === 0) return;
  draft.notes.push(`not accounted for: ${gaps.map((g) => `"${g.text}" (${g.what})`).join('; ')}`);
  // a question is already going out, or a part nothing serves touches what the plan writes (names an
  // order or an item it writes on, or carries an address): the plan's reading is in doubt, so nothing
  // is written and the parts not understood are asked about with it
  const written = draft.writes.flatMap((w) => (typeof w.params.order_id === 'string' ? [w.params.order_id] : []));
  const touches = (said: string) =>
    orderIdsIn(said).length > 0 || said.startsWith('order ') || parseAddress(said) !== null || written.some((id) => (draft.items.get(id) ?? []).some((n) => nameScore(said, n) >= 2));
  if (draft.asks.length > 0 || understood.length === 0 || gaps.some((g) => g.short || touches(g.text))) {
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
  // Read ahead, in the Orders tab while the CRM looks the customer up: the orders the ticket names
  // are what most plans need next (one named by someone else is read all the same, to say so)
  for (const id of orderIdsIn(text)) void reader.order(id);
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
  // and the payment methods (Billing) while the CRM reads the customer
  void reader.methods(userId);
  const user = await reader.user(userId);
  return user.ok ? user.data : null;
}
