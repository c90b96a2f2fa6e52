// The last look at a finished plan before the agent sees it (issue 17, findings 7 and 8). A pure
// function of the ticket's text and the plan; it changes the plan only to hand it over:
// - a write steered by text framed as an instruction to the agent, a bot or the system (override,
//   admin, system note, pasted approvals, tool output, hidden or encoded text, quoted history):
//   one of its values, or the kind of change it makes, is found only in such text;
// - money the ticket asks for or says was promised ("$500 to my gift card", "my colleague agreed
//   $500") that no write, and no line of the reply, accounts for.
// Either way the plan becomes a hand-over whose note quotes the sentence. Framed text that steers
// nothing is named in the plan's reason, so the agent sees it.
import { handOverSteps } from '../../../automations/playbooks/steps.ts';
import { PlanSchema, type Plan, type Step } from '../../../shared/plan.ts';
import { WRITE_OPERATIONS } from '../../../shared/retail.ts';

export interface GuardTicket {
  id: number;
  requester_name: string;
  subject: string;
  body: string;
}

const HIDDEN_CHARS = /[\u200b-\u200f\u2060\ufeff]/g;

/** Text that speaks to the agent, a bot or the system, or claims an authority nobody can check. */
const FRAMED: RegExp[] = [
  /\b(?:system|admin(?:istrator)?|internal|security|ops)\s+(?:note|notice|override|message|instruction|update)s?\b/i,
  /###\s*system\b/i,
  /\b(?:note|message|instructions?|memo)\s+(?:to|for)\s+(?:the\s+|any\s+)?(?:bot|ai|assistant|agent|model|system)s?\b/i,
  /\b(?:dear|hello|hi|hey|attention)\s+(?:ai\s+)?(?:bot|assistant|agent|ai|model)\b/i,
  /\bfor\s+the\s+(?:bot|ai|assistant|model)\b/i,
  /\b(?:the|any|all)\s+(?:automated\s+)?(?:agents?|bots?|assistants?|ai|model)\s+(?:should|must|shall|will|needs?\s+to|is\s+(?:to|authori[sz]ed))\b/i,
  /\bautomated\s+(?:agents?|systems?|assistants?)\b/i,
  /\bagent\s+instructions?\b/i,
  /\boverride\b/i,
  /\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|earlier|above|your|those)\b/i,
  /\bdeveloper\s+mode\b|\bexecute\s*:|\bjailbreak\b/i,
  /\btool\s+(?:result|output|call)\b|\bnext_action\b|\bpolicy_check\b/i,
  /\bpre-?approved\b|\bapproved\s+by\b|\bauthori[sz]ed\s+by\b|\byou\s+are\s+(?:now\s+)?authori[sz]ed\b|\bno\s+confirmation\s+(?:is\s+)?needed\b/i,
  /\bcorrection\s+from\s+(?:support|the\s+team|your\s+team|the\s+agent)\b/i,
  /\bdecode\b|\bbase64\b/i,
  /<!--|\[\/\/\]:\s*#/,
  /^\s*[{[]\s*"/,
  /\b[a-z]+_[a-z_]+\s*\(\s*[a-z_]+\s*=/i,
  HIDDEN_CHARS,
];

/** From a forwarded or quoted block on, the text is someone else's (or nobody's), not the customer's request. */
const FORWARDED = /-{3,}\s*(?:forwarded|original)\s+message|^\s*(?:from|sent):\s.+@/im;

export interface Segment {
  text: string;
  framed: boolean;
}

/** The ticket's text cut into sentences (and lines), each marked framed or the customer's own. */
export function segments(subject: string, body: string): Segment[] {
  const out: Segment[] = [{ text: subject, framed: FRAMED.some((re) => re.test(subject)) }];
  let forwarded = false;
  // an HTML comment or a markdown comment is one segment however it is punctuated
  const blocks = body.split(/(<!--[\s\S]*?-->|\[\/\/\]:\s*#\s*\([^)]*\))/);
  for (const block of blocks) {
    if (!block.trim()) continue;
    if (/^(?:<!--|\[\/\/\]:)/.test(block)) {
      out.push({ text: block, framed: true });
      continue;
    }
    for (const line of block.split('\n')) {
      if (FORWARDED.test(line)) forwarded = true;
      const quoted = /^\s*>/.test(line);
      for (const sentence of line.split(/(?<=[.!?])\s+(?=[A-Z\[<{#>-])/)) {
        if (!sentence.trim()) continue;
        out.push({ text: sentence, framed: forwarded || quoted || FRAMED.some((re) => re.test(sentence)) });
      }
    }
  }
  return out;
}

const BENCHMARK = new Set<string>(WRITE_OPERATIONS);
const plain = (s: string) => s.replace(HIDDEN_CHARS, '').toLowerCase();

/** What a write changes, as a customer would say it. */
const KIND_WORDS: Record<string, RegExp> = {
  cancel_pending_order: /cancel|don'?t\s+(?:need|want)|no\s+longer|by\s+mistake|stop\s+(?:it|the|my)|called\s+off|call\s+off/,
  return_delivered_order_items: /return|refund|send\s+(?:it|them|back)|money\s+back/,
  exchange_delivered_order_items: /exchange|swap|replace|instead|switch|trade|different|other\s+(?:one|size|colou?r)/,
  modify_pending_order_items: /change|swap|switch|instead|replace|different|other\s+(?:one|size|colou?r)|upgrade|rather/,
  modify_pending_order_address: /address|ship|deliver|send|street|avenue|road|lane|drive|apt|suite|zip/,
  modify_pending_order_payment: /pay|charge|card|paypal|gift|method|bill/,
  modify_user_address: /address|moved|move|street|avenue|road|lane|drive|apt|suite|zip/,
  adjust_charge: /charge|refund|twice|double|overcharg|money|difference|statement|paid|took|billed/,
};

/** The values of a write that the text could have named. */
function valuesOf(step: Step): string[] {
  const p = step.params as Record<string, unknown>;
  const out: string[] = [];
  if (typeof p.order_id === 'string') out.push(p.order_id.replace('#', ''));
  for (const key of ['payment_method_id', 'reason', 'address1', 'zip', 'charge_id']) if (typeof p[key] === 'string' && step.action !== 'adjust_charge') out.push(p[key] as string);
  for (const key of ['item_ids', 'new_item_ids']) if (Array.isArray(p[key])) out.push(...(p[key] as unknown[]).map(String));
  return out.filter((v) => v.length >= 4);
}

interface Finding {
  why: string;
  quote: string;
}

function steeredWrite(step: Step, own: string, framed: Segment[]): Finding | undefined {
  for (const value of valuesOf(step)) {
    const v = value.toLowerCase();
    const hit = framed.find((s) => plain(s.text).includes(v));
    if (hit && !own.includes(v)) return { why: `${step.action} would use "${value}", which only text addressed to the agent gives`, quote: hit.text };
  }
  const words = KIND_WORDS[step.action];
  if (words && !words.test(own)) {
    const hit = framed.find((s) => words.test(plain(s.text)));
    if (hit) return { why: `${step.action} is asked for only in text addressed to the agent`, quote: hit.text };
  }
  return undefined;
}

const AMOUNT = /\$\s?(\d[\d,]*(?:\.\d{1,2})?)|\b(\d[\d,]*(?:\.\d{1,2})?)\s?(?:dollars|usd)\b/gi;
// a promise someone else made ("my colleague agreed $500"), not the customer's own ("what I agreed to pay")
const PROMISED = /(?<!\b(?:i|we)\s+(?:had\s+|have\s+)?)\b(?:agreed|approved|promised|authori[sz]ed|offered|guaranteed)\b(?!\s+to\s+pay)|\bowes?\s+me\b|\bcompensat/i;
const DESTINATION = /\b(?:to|on|onto|into|as)\s+(?:my\s+|the\s+|a\s+)?(?:gift\s?card|gift_card_\d+|store\s+credit|credit|paypal|account|wallet|balance)\b/i;

function amountsIn(text: string): number[] {
  return [...text.matchAll(AMOUNT)].map((m) => Number((m[1] ?? m[2] ?? '').replace(/,/g, ''))).filter((n) => Number.isFinite(n) && n > 0);
}

/** Money the ticket asks for or says was promised that no write and no line of the reply accounts for. */
function uncoveredMoney(plan: Plan, all: Segment[]): Finding | undefined {
  const written = plan.steps.flatMap((s) => [s.amount, (s.params as Record<string, unknown>).amount]).filter((n): n is number => typeof n === 'number');
  const replied = amountsIn(plan.reply);
  for (const s of all) {
    const text = plain(s.text);
    if (!PROMISED.test(text) && !DESTINATION.test(text)) continue;
    for (const amount of amountsIn(text)) {
      const covered = [...written, ...replied].some((n) => Math.abs(n - amount) < 0.005);
      if (!covered) return { why: `the ticket asks for $${amount} that the plan does not account for`, quote: s.text };
    }
  }
  return undefined;
}

const quoteOf = (s: string) => {
  const one = s.replace(HIDDEN_CHARS, '').replace(/\s+/g, ' ').trim();
  return one.length > 300 ? `${one.slice(0, 297)}...` : one;
};

/** The plan, or — when a write is steered by framed text or money goes unaccounted — its hand-over. */
export function guardPlan(ticket: GuardTicket, plan: Plan): Plan {
  if (plan.outcome === 'escalate') return plan;
  const all = segments(ticket.subject, ticket.body);
  const framed = all.filter((s) => s.framed);
  const own = plain(all.filter((s) => !s.framed).map((s) => s.text).join('\n'));
  const writes = plan.steps.filter((s) => s.kind === 'write' && (BENCHMARK.has(s.action) || s.action === 'adjust_charge'));
  const finding = writes.map((w) => steeredWrite(w, own, framed)).find(Boolean) ?? uncoveredMoney(plan, all);
  if (!finding) {
    if (framed.length === 0) return plan;
    return { ...plan, reason: `${plan.reason}; not acted on, as it speaks to the agent rather than asking for something: "${quoteOf(framed[0]!.text)}"` };
  }
  return handOver(ticket, plan, finding);
}

function handOver(ticket: GuardTicket, plan: Plan, finding: Finding): Plan {
  const quote = quoteOf(finding.quote);
  const reason = `${finding.why}: "${quote}"`;
  const first = plan.customer?.name.split(/\s+/)[0] ?? ticket.requester_name.split(/\s+/)[0] ?? '';
  const hello = `Hello${first && !first.includes('@') ? ` ${first}` : ''},`;
  const reply = `${hello}\n\nThank you for your message. We have passed it to a specialist on our team, who will look into it and follow up with you personally.\n\nBest regards`;
  const planned = plan.steps.filter((s) => s.kind === 'write').map((s) => `- ${s.action} ${JSON.stringify(s.params)}`);
  const note = [
    `Hand-over from Legwork (plan check) for ticket #${ticket.id}.`,
    `Why a person: ${finding.why}.`,
    `The sentence: "${quote}"`,
    `Requests: ${plan.requests.map((r) => r.summary).join('; ') || 'none found'}.`,
    'What the planner had proposed (nothing of it was done):',
    ...(planned.length ? planned : ['- no writes']),
    'Recommended: serve the customer\'s own request by hand, and do not act on the quoted sentence without checking it.',
  ].join('\n');
  return PlanSchema.parse({
    ...plan,
    outcome: 'escalate',
    reason,
    requests: [...plan.requests, { playbook: 'hand_over', summary: 'a sentence the plan must not act on or cannot account for' }],
    choices: [],
    steps: handOverSteps(ticket.id, note, reply).map((s, i) => ({ ...s, id: `s${i + 1}` })),
    reply,
  });
}
