// The last look at a finished plan before the agent sees it (issue 17, findings 7 and 8). A pure
// function of the ticket's text and the plan; it changes the plan only to hand it over:
// - a write steered by text framed as an instruction to the agent, a bot or the system (override,
//   admin, system note, pasted approvals, tool output, hidden or encoded text, quoted history):
//   one of its values, or the kind of change it makes, is found only in such text;
// - money the customer's own text asks for or says was promised ("$500 to my gift card", "my
//   colleague agreed $500") that no write, and no line of the reply, accounts for.
// Either way the plan becomes a hand-over whose note quotes the sentence. Framed text (framing.ts)
// is no request: the offline planner sets it aside before reading and the plan shows it to the
// agent (`setAside`); from a planner that did not, framed text that steers nothing is named in the
// plan's reason, so the agent sees it.
import { handOverSteps } from '../../../automations/playbooks/steps.ts';
import { PlanSchema, type Plan, type Step } from '../../../shared/plan.ts';
import { WRITE_OPERATIONS } from '../../../shared/retail.ts';
import { HIDDEN_CHARS, quoteOf, segments, type Segment } from './framing.ts';
import { injectionIn } from './extract.ts';

export interface GuardTicket {
  id: number;
  requester_name: string;
  subject: string;
  body: string;
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

/**
 * The values of a write that the text could have named. With `readOnly`, a value the plan read from
 * a system is left out: a planner that set the framed text aside before reading (the plan's
 * `setAside`) cannot have taken it from there, so naming it there too is a coincidence (the
 * customer's only card, named by an injected line as well).
 */
function valuesOf(step: Step, readOnly: boolean): string[] {
  const p = step.params as Record<string, unknown>;
  const fromText = (key: string) => !readOnly || step.provenance[key]?.source !== 'system';
  const out: string[] = [];
  if (typeof p.order_id === 'string' && fromText('order_id')) out.push(p.order_id.replace('#', ''));
  for (const key of ['payment_method_id', 'reason', 'address1', 'zip', 'charge_id']) if (typeof p[key] === 'string' && step.action !== 'adjust_charge' && fromText(key)) out.push(p[key] as string);
  for (const key of ['item_ids', 'new_item_ids']) if (Array.isArray(p[key]) && fromText(key)) out.push(...(p[key] as unknown[]).map(String));
  return out.filter((v) => v.length >= 4);
}

interface Finding {
  why: string;
  quote: string;
}

function steeredWrite(step: Step, own: string, framed: Segment[], setAside: boolean): Finding | undefined {
  for (const value of valuesOf(step, setAside)) {
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

/** Money the customer asks for or says was promised that no write and no line of the reply accounts for. */
function uncoveredMoney(plan: Plan, own: Segment[]): Finding | undefined {
  const written = plan.steps.flatMap((s) => [s.amount, (s.params as Record<string, unknown>).amount]).filter((n): n is number => typeof n === 'number');
  const replied = amountsIn(plan.reply);
  for (const s of own) {
    const text = plain(s.text);
    if (!PROMISED.test(text) && !DESTINATION.test(text)) continue;
    for (const amount of amountsIn(text)) {
      const covered = [...written, ...replied].some((n) => Math.abs(n - amount) < 0.005);
      if (!covered) return { why: `the ticket asks for $${amount} that the plan does not account for`, quote: s.text };
    }
  }
  return undefined;
}

/**
 * The customer's own words get no write, and either the framed text tries to take the agent over
 * (the planner's injection cues: "system override", "ignore all previous rules"…) or the own words
 * alone only lead to a question ("just submit it:" before a pasted action): the ticket is the
 * framed text, not a request beside it, and a person who reads all of it handles it.
 */
function framedOnly(plan: Plan, writes: Step[], ticket: GuardTicket): Finding | undefined {
  if (plan.setAside.length === 0 || writes.length > 0) return undefined;
  if (plan.outcome === 'ask') return { why: 'the customer\'s own words leave a question, and the rest of the ticket is text we do not act on', quote: plan.setAside[0]!.text };
  if (injectionIn(`${ticket.subject}\n${ticket.body}`)) return { why: 'the ticket tries to instruct the agent, and its own words ask for nothing to do', quote: plan.setAside[0]!.text };
  return undefined;
}

/** The plan, or — when a write is steered by framed text or money goes unaccounted — its hand-over. */
export function guardPlan(ticket: GuardTicket, plan: Plan): Plan {
  if (plan.outcome === 'escalate') return plan;
  const all = segments(ticket.subject, ticket.body);
  const framed = all.filter((s) => s.framed);
  const own = plain(all.filter((s) => !s.framed).map((s) => s.text).join('\n'));
  const writes = plan.steps.filter((s) => s.kind === 'write' && (BENCHMARK.has(s.action) || s.action === 'adjust_charge'));
  const finding = writes.map((w) => steeredWrite(w, own, framed, plan.setAside.length > 0)).find(Boolean) ?? uncoveredMoney(plan, all.filter((s) => !s.framed)) ?? framedOnly(plan, writes, ticket);
  if (!finding) {
    if (framed.length === 0 || plan.setAside.length > 0) return plan;
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
