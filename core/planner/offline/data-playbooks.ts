// Playbooks served from data: a request kind the planner's code does not know, understood from the
// cue words its playbook file names ("resend the order confirmation"). The playbook's own reads,
// rules, writes (parameters bound to the reads) and reply paragraph make its part of the plan; the
// closing steps are the plan's as for every request. Nothing here is specific to one playbook.
import { bind, fromSystem, render, writeStep, type CompiledPlaybook } from '../../../automations/playbooks/index.ts';
import { builtInActions } from '../../../automations/playbooks/index.ts';
import type { CrmCustomer } from './reads.ts';
import { orderIdsIn } from './extract.ts';
import { normalize } from './text.ts';
import type { Draft } from './draft.ts';
import { applyRefusal } from './playbook-rules.ts';

const ACTIONS = builtInActions();

/** Words a cue may leave out or a customer may add between its words. */
const FILLER = new Set(['the', 'a', 'an', 'my', 'me', 'our', 'your', 'for', 'of', 'please', 'again', 'us', 'to']);
const words = (s: string) => normalize(s).replace(/[^a-z0-9#' ]+/g, ' ').split(/\s+/).filter((w) => w && !FILLER.has(w));

/** The sentences of the text that say a cue: its words in order (filler aside). */
export function cueSentences(text: string, cues: readonly string[]): string[] {
  return text.split(/(?<=[.!?\n])/).filter((sentence) => {
    const said = words(sentence);
    return cues.some((cue) => {
      let at = 0;
      for (const w of words(cue)) {
        at = said.indexOf(w, at);
        if (at < 0) return false;
        at += 1;
      }
      return true;
    });
  });
}

/** Serves the data playbooks whose cues the text says; which orders they served, and whether any matched. */
export async function serveFromData(text: string, customer: CrmCustomer, draft: Draft): Promise<{ matched: boolean; served: Set<string> }> {
  const served = new Set<string>();
  let matched = false;
  for (const playbook of draft.rules.playbooks.fromData) {
    const said = cueSentences(text, playbook.spec.cues);
    if (said.length === 0) continue;
    matched = true;
    // the orders its sentences name, else those the message names, else the customer's only order
    const own = new Set(customer.orders.map((o) => o.order_id));
    const inCue = orderIdsIn(said.join(' ')).filter((id) => own.has(id));
    const inText = orderIdsIn(text).filter((id) => own.has(id));
    const needsOrder = playbook.spec.reads.some((r) => Object.values(r.input ?? {}).some((expr) => expr.includes('request.order_id')));
    const orders = !needsOrder ? [''] : inCue.length > 0 ? inCue : inText.length === 1 ? inText : inText.length === 0 && customer.orders.length === 1 ? [customer.orders[0]!.order_id] : [];
    if (orders.length === 0) {
      draft.requests.push({ playbook: playbook.spec.id, summary: playbook.spec.title });
      draft.asks.push(`the order number, for: ${playbook.spec.title.toLowerCase()}`);
      continue;
    }
    for (const orderId of orders) {
      await serveOne(playbook, orderId, draft);
      if (orderId) served.add(orderId);
    }
  }
  return { matched, served };
}

async function serveOne(playbook: CompiledPlaybook, orderId: string, draft: Draft): Promise<void> {
  const { spec } = playbook;
  draft.requests.push({ playbook: spec.id, summary: `${spec.title}${orderId ? `: ${orderId}` : ''}`, ...(orderId ? { orderId } : {}) });
  const what = `${spec.title.toLowerCase()}${orderId ? ` (${orderId})` : ''}`;
  const vars = draft.rules.standard(spec.id, orderId);
  const unread = await draft.rules.readsFor(playbook, vars);
  if (unread) return applyRefusal(draft, unread, what);
  const refused = draft.rules.evaluate(playbook, spec.writes[0]?.action ?? 'reply_to_customer', vars);
  if (refused) return applyRefusal(draft, refused, what);
  for (const w of spec.writes) {
    const grounded = Object.entries(w.params).filter(([, b]) => typeof b !== 'string');
    if (grounded.length > 0) {
      return draft.verdict({ kind: 'escalate', why: `${what}: ${w.action}'s ${grounded.map(([k]) => k).join(', ')} must be grounded by a person (the playbook binds them to no read)` });
    }
    const params = bind(playbook, playbook.writeParams.get(w.action) ?? {}, vars);
    const gated = draft.rules.evaluate(playbook, w.action, { ...vars, write: params });
    if (gated) return applyRefusal(draft, gated, what);
    const system = ACTIONS.get(w.action)!.system as Parameters<typeof writeStep>[0]['system'];
    draft.writes.push(
      writeStep({
        playbook: spec.id,
        system,
        action: w.action,
        params: Object.fromEntries(Object.entries(params).map(([k, value]) => [k, { value, from: fromSystem(`${spec.id}: ${String(w.params[k])}`) }])),
        why: `${spec.title}, as the playbook ${spec.id} says`,
        expectedEffect: `${w.action} with ${Object.keys(params).join(', ')}`,
      }),
    );
  }
  if (playbook.reply) draft.answers.push(render(playbook.reply, playbook.toCel(vars)).trim());
}
