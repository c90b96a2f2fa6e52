// Plans every corpus ticket through a ReadTool and compares each plan with the ticket's gold:
// the outcome, and the benchmark writes (write steps whose action is a benchmark write or adjust_charge).
import { WRITE_OPERATIONS, type ActionCall } from '../../../shared/retail.ts';
import { canonicalJson, type Outcome, type Plan, type ReadTool } from '../../../shared/plan.ts';
import type { CorpusTicket } from '../../../shared/ticket.ts';
import { planOffline, type PlannerTicket } from './planner.ts';

export interface TicketScore {
  id: string;
  expected: Outcome;
  planned: Outcome;
  /** the plan's benchmark writes equal the gold actions (as a multiset; the free-text reason of an adjustment aside) */
  writesMatch: boolean;
  writes: ActionCall[];
  gold: ActionCall[];
  reason: string;
  durationMs: number;
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

export async function measureCorpus(tickets: CorpusTicket[], read: ReadTool | ((t: CorpusTicket) => Promise<ReadTool>)): Promise<TicketScore[]> {
  const scores: TicketScore[] = [];
  for (const [i, t] of tickets.entries()) {
    const tool = read.length === 1 ? await (read as (t: CorpusTicket) => Promise<ReadTool>)(t) : (read as ReadTool);
    const started = Date.now();
    const plan = await planOffline(plannerTicketOf(t, i + 1), tool);
    const writes = benchmarkWrites(plan);
    scores.push({
      id: t.id,
      expected: t.expect.outcome,
      planned: plan.outcome,
      writesMatch: sameWrites(writes, t.expect.actions),
      writes,
      gold: t.expect.actions,
      reason: plan.reason,
      durationMs: Date.now() - started,
    });
  }
  return scores;
}

/** Totals: outcome matches, exact write matches, both, and writes planned where gold has none or others. */
export function summarize(scores: TicketScore[]) {
  const n = scores.length;
  const outcome = scores.filter((s) => s.expected === s.planned).length;
  const writes = scores.filter((s) => s.writesMatch).length;
  const correct = scores.filter((s) => s.expected === s.planned && s.writesMatch).length;
  const wrongWrites = scores.filter((s) => !s.writesMatch && s.writes.length > 0).length;
  return { tickets: n, outcomeMatch: outcome, writesMatch: writes, correct, wrongWrites };
}
