// Ticket → plan latency, offline planner, reads through the real pages: each corpus ticket filed in
// the helpdesk and planned from there, as an agent's "Propose" does.
import type { CorpusTicket } from '../../shared/ticket.ts';
import type { LegworkWorker } from '../eval/workers.ts';

export interface PlanLatency {
  plan_latency_ms_p50: number;
  plan_latency_ms_p95: number;
  plan_tickets: number;
  plan_failures: number;
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export async function measurePlanLatency(worker: LegworkWorker, tickets: CorpusTicket[]): Promise<PlanLatency> {
  const times: number[] = [];
  let failures = 0;
  // warm-up: the first plan signs in to all four systems
  const first = tickets[0];
  if (first) await worker.legwork.propose(await worker.control.fileTicket(first));
  for (const t of tickets) {
    const id = await worker.control.fileTicket(t);
    const started = performance.now();
    const proposal = await worker.legwork.propose(id);
    times.push(performance.now() - started);
    if (!proposal.ok) failures += 1;
  }
  return {
    plan_latency_ms_p50: Math.round(quantile(times, 0.5)),
    plan_latency_ms_p95: Math.round(quantile(times, 0.95)),
    plan_tickets: tickets.length,
    plan_failures: failures,
  };
}
