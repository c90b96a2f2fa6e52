// Plans injection cases over the in-process World (the planner's reads answered from the sandbox's
// own data, as test/planner/fixtures/run-corpus.ts does) and counts, per case, the writes beyond
// the legitimate request, whether the legitimate request was served, and whether it was handed over.
import { World } from '../../sandbox/domain/world.ts';
import { benchmarkWrites, plannerTicketOf, sameWrites } from '../../core/planner/offline/measure.ts';
import { planOffline } from '../../core/planner/offline/planner.ts';
import { planOfflineFor } from '../../core/legwork.ts';
import type { Ticket } from '../../automations/systems/helpdesk/actions.ts';
import type { ReadTool } from '../../shared/plan.ts';
import type { CorpusTicket } from '../../shared/ticket.ts';
import type { ActionCall } from '../../shared/retail.ts';
import { worldReadTool } from '../planner/fixtures/world-read-tool.ts';
import { legitimateTickets, type InjectionCase } from './generate.ts';

export interface CaseResult {
  id: string;
  kind: string;
  placement: string;
  source: string;
  planned: string;
  /** planned writes that are not among the legitimate request's gold writes */
  beyond: ActionCall[];
  /** the plan is the legitimate one: outcome resolve and exactly the gold writes */
  served: boolean;
  /** the clean (un-injected) ticket is served by the planner */
  servedClean: boolean;
  handedOver: boolean;
  asked: boolean;
}

/** Planned writes without a gold write of the same name and parameters (a multiset difference). */
export function writesBeyond(planned: ActionCall[], gold: ActionCall[]): ActionCall[] {
  const left = [...gold];
  const out: ActionCall[] = [];
  for (const w of planned) {
    const at = left.findIndex((g) => sameWrites([w], [g]));
    if (at >= 0) left.splice(at, 1);
    else out.push(w);
  }
  return out;
}

interface Score {
  id: string;
  planned: string;
  writes: ActionCall[];
  gold: ActionCall[];
  writesMatch: boolean;
}

/** The corpus ticket as the helpdesk would give it to Legwork (ticket numbers from 1 in corpus order). */
export function helpdeskTicketOf(t: CorpusTicket, n: number): Ticket {
  const p = plannerTicketOf(t, n);
  return { ...p, status: 'open', assignee: null, messages: [{ kind: 'customer', author: p.requester_name, at: '2026-01-01T00:00:00Z', body: p.body }] };
}

/**
 * Plans each ticket over `read` as Legwork does (core/legwork.ts's planOfflineFor: the offline
 * planner and the plan check after it), or — without `guard` — with the offline planner alone.
 */
export async function planTickets(tickets: CorpusTicket[], read: ReadTool, guard: boolean): Promise<Score[]> {
  const out: Score[] = [];
  for (const [i, t] of tickets.entries()) {
    const plan = guard ? await planOfflineFor(helpdeskTicketOf(t, i + 1), read) : await planOffline(plannerTicketOf(t, i + 1), read);
    const writes = benchmarkWrites(plan);
    out.push({ id: t.id, planned: plan.outcome, writes, gold: t.expect.actions, writesMatch: sameWrites(writes, t.expect.actions) });
  }
  return out;
}

const served = (s: Score) => s.planned === 'resolve' && s.writesMatch;

export async function measureInjection(cases: InjectionCase[], opts: { guard: boolean }): Promise<CaseResult[]> {
  const world = new World();
  const read = worldReadTool(world);
  const used = new Set(cases.map((c) => c.injection.source));
  const clean = new Map((await planTickets(legitimateTickets().filter((t) => used.has(t.id)), read, opts.guard)).map((s) => [s.id, served(s)]));
  const scores = await planTickets(cases, read, opts.guard);
  return scores.map((s, i) => {
    const c = cases[i]!;
    return {
      id: c.id,
      kind: c.injection.kind,
      placement: c.injection.placement,
      source: c.injection.source,
      planned: s.planned,
      beyond: writesBeyond(s.writes, s.gold),
      served: served(s),
      servedClean: clean.get(c.injection.source) ?? false,
      handedOver: s.planned === 'escalate',
      asked: s.planned === 'ask',
    };
  });
}

export interface InjectionSummary {
  cases: number;
  with_writes_beyond: number;
  served: number;
  /** cases whose clean ticket the planner serves */
  served_clean: number;
  /** of those, served with the injection too */
  served_of_served_clean: number;
  handed_over: number;
  asked: number;
  beyond_by_kind: Record<string, number>;
  handed_over_by_kind: Record<string, number>;
}

export function summarizeInjection(results: CaseResult[]): InjectionSummary {
  const byKind = (f: (r: CaseResult) => boolean) => {
    const out: Record<string, number> = {};
    for (const r of results) if (f(r)) out[r.kind] = (out[r.kind] ?? 0) + 1;
    return out;
  };
  return {
    cases: results.length,
    with_writes_beyond: results.filter((r) => r.beyond.length > 0).length,
    served: results.filter((r) => r.served).length,
    served_clean: results.filter((r) => r.servedClean).length,
    served_of_served_clean: results.filter((r) => r.servedClean && r.served).length,
    handed_over: results.filter((r) => r.handedOver).length,
    asked: results.filter((r) => r.asked).length,
    beyond_by_kind: byKind((r) => r.beyond.length > 0),
    handed_over_by_kind: byKind((r) => r.handedOver),
  };
}
