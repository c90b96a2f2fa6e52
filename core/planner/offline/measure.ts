// Plans every corpus ticket through a ReadTool and compares each plan with the ticket's gold:
// the outcome, and the benchmark writes (write steps whose action is a benchmark write or adjust_charge).
import { WRITE_OPERATIONS, type ActionCall } from '../../../shared/retail.ts';
import { canonicalJson, type Outcome, type Plan, type ReadTool } from '../../../shared/plan.ts';
import type { CorpusTicket } from '../../../shared/ticket.ts';
import type { Picks } from '../../../shared/request.ts';
import { planOffline, type PlannerTicket } from './planner.ts';

export interface TicketScore {
  id: string;
  expected: Outcome;
  /** the plan's outcome after the agent's picks; a plan whose choices the agent could not make counts as a question */
  planned: Outcome;
  /** the plan's benchmark writes equal the gold actions (as a multiset; the free-text reason of an adjustment aside) */
  writesMatch: boolean;
  writes: ActionCall[];
  gold: ActionCall[];
  reason: string;
  durationMs: number;
  /** choices the plan showed, and how many the simulated agent picked */
  choices: number;
  picks: number;
}

const BENCHMARK = new Set<string>(WRITE_OPERATIONS);

/** The plan's writes in the benchmark's names and kwargs. */
export function benchmarkWrites(plan: Plan): ActionCall[] {
  return plan.steps.filter((s) => s.kind === 'write' && BENCHMARK.has(s.action)).map((s) => ({ name: s.action, kwargs: s.params }));
}

/** One write as compared: item pairs in a stable order, an adjustment's reason left out. */
function comparable(a: ActionCall): string {
  const k: Record<string, unknown> = { ...a.kwargs };
  if (a.name === 'adjust_charge') delete k.reason;
  if (Array.isArray(k.item_ids) && Array.isArray(k.new_item_ids)) {
    const pairs = (k.item_ids as string[]).map((id, i) => [id, (k.new_item_ids as string[])[i]] as const).sort((x, y) => (x[0] + x[1]).localeCompare(y[0] + y[1]));
    k.item_ids = pairs.map((p) => p[0]);
    k.new_item_ids = pairs.map((p) => p[1]);
  } else if (Array.isArray(k.item_ids)) k.item_ids = [...(k.item_ids as string[])].sort();
  if (typeof k.amount === 'number') k.amount = Math.round(k.amount * 100);
  return canonicalJson({ name: a.name, kwargs: k });
}

export function sameWrites(a: ActionCall[], b: ActionCall[]): boolean {
  const x = a.map(comparable).sort();
  const y = b.map(comparable).sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** The corpus ticket as the helpdesk would show it (ticket numbers from 1 in corpus order). */
export function plannerTicketOf(t: CorpusTicket, n: number): PlannerTicket {
  return { id: n, requester_name: t.name ?? t.from.split('@')[0]!, requester_email: t.from, subject: t.subject, body: t.body };
}

/** Plans a ticket for an eval, with the agent's picks so far; `Picks` by choice id. */
export type PlanTicket = (picks: Picks) => Promise<Plan>;

/** At most this many choices per ticket and options per choice count for `assisted`. */
export const AGENT_CHOICES = 3;

const openChoices = (plan: Plan) => (plan.outcome === 'resolve' ? plan.choices.filter((c) => c.picked === null) : []);

/** Every write of `a` is one of `b`'s (as a multiset). */
function within(a: ActionCall[], b: ActionCall[]): boolean {
  const rest = b.map(comparable);
  return a.map(comparable).every((w) => {
    const at = rest.indexOf(w);
    if (at < 0) return false;
    rest.splice(at, 1);
    return true;
  });
}

/**
 * The simulated agent of `legwork eval`: for each choice the plan shows (at most three), it picks
 * the option whose effect matches the expected actions — an option whose re-composed plan writes
 * nothing outside the gold and, once nothing is left to choose, is the expected resolution. It never
 * adds an option; where no option fits it stops, and the plan counts as a question to the customer.
 */
export async function agentPicks(planTicket: PlanTicket, expected: Outcome, gold: ActionCall[]): Promise<{ plan: Plan; choices: number; picks: number }> {
  let picks: Picks = {};
  let plan = await planTicket(picks);
  const seen = new Set(plan.choices.map((c) => c.id));
  let made = 0;
  while (openChoices(plan).length > 0 && made < AGENT_CHOICES) {
    const choice = openChoices(plan)[0]!;
    let fallback: { plan: Plan; picks: Picks } | null = null;
    let found: { plan: Plan; picks: Picks } | null = null;
    for (const option of choice.options) {
      const tried = { ...picks, [choice.id]: option.id };
      const p = await planTicket(tried);
      const writes = benchmarkWrites(p);
      if (!within(writes, gold)) continue;
      if (openChoices(p).length === 0) {
        if (p.outcome === expected && sameWrites(writes, gold)) {
          found = { plan: p, picks: tried };
          break;
        }
      } else fallback ??= { plan: p, picks: tried };
    }
    const next = found ?? fallback;
    if (!next) break;
    made += 1;
    picks = next.picks;
    plan = next.plan;
    for (const c of plan.choices) seen.add(c.id);
  }
  return { plan, choices: seen.size, picks: made };
}

export async function measureCorpus(tickets: CorpusTicket[], read: ReadTool | ((t: CorpusTicket) => Promise<ReadTool>)): Promise<TicketScore[]> {
  const scores: TicketScore[] = [];
  for (const [i, t] of tickets.entries()) {
    const tool = read.length === 1 ? await (read as (t: CorpusTicket) => Promise<ReadTool>)(t) : (read as ReadTool);
    const started = Date.now();
    const { plan, choices, picks } = await agentPicks((p) => planOffline(plannerTicketOf(t, i + 1), tool, { picks: p }), t.expect.outcome, t.expect.actions);
    // choices left open: nothing runs, and the agent asks the customer
    const undecided = openChoices(plan).length > 0;
    const writes = undecided ? [] : benchmarkWrites(plan);
    scores.push({
      id: t.id,
      expected: t.expect.outcome,
      planned: undecided ? 'ask' : plan.outcome,
      writesMatch: sameWrites(writes, t.expect.actions),
      writes,
      gold: t.expect.actions,
      reason: plan.reason,
      durationMs: Date.now() - started,
      choices,
      picks,
    });
  }
  return scores;
}

/**
 * Totals: outcome matches, exact write matches, `correct` (right with no choice of the agent's),
 * `assisted` (right after the agent's picks), and writes planned where gold has none or others.
 */
export function summarize(scores: TicketScore[]) {
  const n = scores.length;
  const outcome = scores.filter((s) => s.expected === s.planned).length;
  const writes = scores.filter((s) => s.writesMatch).length;
  const right = scores.filter((s) => s.expected === s.planned && s.writesMatch);
  const wrongWrites = scores.filter((s) => !s.writesMatch && s.writes.length > 0).length;
  return {
    tickets: n,
    outcomeMatch: outcome,
    writesMatch: writes,
    correct: right.filter((s) => s.picks === 0).length,
    assisted: right.filter((s) => s.picks > 0).length,
    wrongWrites,
    withChoices: scores.filter((s) => s.choices > 0).length,
    choices: scores.reduce((sum, s) => sum + s.choices, 0),
  };
}
