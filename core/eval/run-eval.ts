// `legwork eval`: each corpus ticket filed in a fresh sandbox, planned and carried out by Legwork
// through the web pages, and its end state compared with the gold state of the expected actions.
import { WRITE_OPERATIONS } from '../../shared/retail.ts';
import type { Outcome } from '../../shared/plan.ts';
import { CorpusTicketSchema, type CorpusTicket } from '../../shared/ticket.ts';
import { beyondGold, classify, comparable, stateDiff, type EvalClass } from './compare.ts';

/** One line of a corpus file that did not parse: reported with its number and skipped. */
export interface BadLine {
  line: number;
  error: string;
}

export function parseCorpus(text: string): { tickets: { line: number; ticket: CorpusTicket }[]; bad: BadLine[] } {
  const tickets: { line: number; ticket: CorpusTicket }[] = [];
  const bad: BadLine[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      bad.push({ line, error: `not JSON: ${(e as Error).message}` });
      return;
    }
    const parsed = CorpusTicketSchema.safeParse(json);
    if (!parsed.success) {
      bad.push({ line, error: parsed.error.issues.map((iss) => `${iss.path.join('.') || 'ticket'}: ${iss.message}`).join('; ') });
      return;
    }
    if (seen.has(parsed.data.id)) {
      bad.push({ line, error: `duplicate id ${parsed.data.id}` });
      return;
    }
    seen.add(parsed.data.id);
    tickets.push({ line, ticket: parsed.data });
  });
  return { tickets, bad };
}

/** The sandbox's control endpoint, as eval uses it. */
export class Control {
  constructor(readonly base: string) {}

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: T }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as T };
  }

  async reset(): Promise<void> {
    const r = await this.call('POST', '/reset');
    if (r.status !== 200) throw new Error(`the sandbox refused to reset (${r.status})`);
  }

  async apply(name: string, kwargs: Record<string, unknown>): Promise<string | null> {
    const r = await this.call<{ ok: boolean; error?: string }>('POST', '/apply', { name, kwargs });
    return r.json.ok ? null : (r.json.error ?? `refused (${r.status})`);
  }

  /** Sets the fault switches (the body of `POST /faults`, e.g. `{ reset: true, all: { errorRate: 0.1 } }`). */
  async faults(update: object): Promise<void> {
    const r = await this.call<{ ok: boolean; error?: string }>('POST', '/faults', update);
    if (!r.json.ok) throw new Error(`the sandbox refused the faults: ${r.json.error ?? r.status}`);
  }

  async state(): Promise<unknown> {
    return (await this.call('GET', '/state')).json;
  }

  async writes(): Promise<{ via: string; op: string; target: string }[]> {
    return (await this.call<{ writes: { via: string; op: string; target: string }[] }>('GET', '/writes')).json.writes;
  }

  async fileTicket(t: { from: string; name?: string | undefined; subject: string; body: string }): Promise<number> {
    const r = await this.call<{ id?: number; error?: string }>('POST', '/tickets', { from: t.from, ...(t.name ? { name: t.name } : {}), subject: t.subject, body: t.body });
    if (!r.json.id) throw new Error(`the helpdesk refused the ticket: ${r.json.error ?? r.status}`);
    return r.json.id;
  }
}

/** What Legwork did with one filed ticket. */
export interface Resolution {
  plannedOutcome: Outcome | null;
  /** the run's outcome when a plan ran (completed, escalated, failed…) */
  runOutcome?: string;
  runId?: string;
  /** the run stopped before its end and its hand-over note landed on the ticket */
  handedOver?: boolean;
  planMs: number;
  runMs: number;
  error?: string;
  /** choices the plan showed, and how many the simulated agent made */
  choices?: number;
  picks?: number;
}

/** One Legwork with its own sandbox: eval runs one ticket at a time on each. */
export interface EvalWorker {
  control: Control;
  /** plans and runs the filed ticket; the corpus ticket tells the simulated agent what the customer wanted */
  resolve(ticketId: number, ticket: CorpusTicket): Promise<Resolution>;
}

export interface TicketResult {
  id: string;
  line: number;
  class: EvalClass | 'assisted' | 'invalid_gold';
  expected: Outcome;
  planned: Outcome | null;
  run_outcome: string | null;
  wrote: boolean;
  diff: string[];
  /** what the run changed that gold does not have (a wrong_write's cause) */
  beyond_gold: string[];
  plan_ms: number;
  run_ms: number;
  /** choices the plan showed; picks the simulated agent made */
  choices: number;
  picks: number;
  error?: string;
}

const BENCHMARK_WRITES: ReadonlySet<string> = new Set(WRITE_OPERATIONS);

/** A ticket that could not be planned and run at all: nothing planned, nothing written, and why. */
function notRun(ticket: CorpusTicket, line: number, cls: 'invalid_gold' | 'missed', error: string): TicketResult {
  return { id: ticket.id, line, class: cls, expected: ticket.expect.outcome, planned: null, run_outcome: null, wrote: false, diff: [], beyond_gold: [], plan_ms: 0, run_ms: 0, choices: 0, picks: 0, error };
}

export interface FaultOptions {
  /**
   * The sandbox's fault switches while the ticket is planned and run (the body of `POST /faults`,
   * parsed from a spec by the caller). The gold state and the end state are read without faults.
   */
  faults?: object;
}

export async function evalTicket(worker: EvalWorker, line: number, ticket: CorpusTicket, opts: FaultOptions = {}): Promise<TicketResult> {
  const { control } = worker;
  await control.reset();
  const before = await control.state();
  for (const action of ticket.expect.actions) {
    const refused = await control.apply(action.name, action.kwargs);
    if (refused) return notRun(ticket, line, 'invalid_gold', `gold action ${action.name} is refused by the sandbox: ${refused}`);
  }
  const gold = await control.state();
  await control.reset();
  const ticketId = await control.fileTicket(ticket);
  let resolution: Resolution;
  if (opts.faults) await control.faults({ ...opts.faults, reset: true });
  try {
    resolution = await worker.resolve(ticketId, ticket);
  } finally {
    if (opts.faults) await control.faults({ reset: true });
  }
  const actual = await control.state();
  const wrote = (await control.writes()).some((w) => w.via !== 'control' && BENCHMARK_WRITES.has(w.op));
  const diff = stateDiff(comparable(actual), comparable(gold));
  const extra = diff.length ? beyondGold(comparable(actual), comparable(gold), comparable(before)) : [];
  const judged = classify({
    expectedOutcome: ticket.expect.outcome,
    plannedOutcome: resolution.plannedOutcome,
    wrote,
    goldHasWrites: ticket.expect.actions.length > 0,
    handedOver: resolution.handedOver ?? false,
    beyondGold: extra,
    diff,
  });
  // right, after the agent made the plan's choices
  const cls = judged === 'correct' && (resolution.picks ?? 0) > 0 ? 'assisted' : judged;
  return {
    id: ticket.id, line, class: cls, expected: ticket.expect.outcome, planned: resolution.plannedOutcome,
    run_outcome: resolution.runOutcome ?? null, wrote, diff, beyond_gold: extra, plan_ms: resolution.planMs, run_ms: resolution.runMs,
    choices: resolution.choices ?? 0, picks: resolution.picks ?? 0,
    ...(resolution.error ? { error: resolution.error } : {}),
  };
}

export interface EvalSummary {
  total: number;
  correct: number;
  /** right after the simulated agent's picks */
  assisted: number;
  clean_escalation: number;
  asked: number;
  escalated: number;
  wrong_write: number;
  missed: number;
  invalid_gold: number;
  skipped_lines: BadLine[];
  /** the fault spec the tickets ran under, if any */
  faults?: string;
  wall_s: number;
  concurrency: number;
  /** choices shown per ticket, on average */
  choices_per_ticket: number;
  per_ticket: TicketResult[];
}

/** Runs the tickets over the workers (one ticket at a time each), in corpus order in the result. */
export async function runEval(
  tickets: { line: number; ticket: CorpusTicket }[],
  workers: EvalWorker[],
  onResult?: (r: TicketResult) => void,
  opts: FaultOptions = {},
): Promise<Omit<EvalSummary, 'skipped_lines'>> {
  const started = Date.now();
  const results: TicketResult[] = new Array(tickets.length);
  let next = 0;
  await Promise.all(
    workers.map(async (worker) => {
      for (let i = next++; i < tickets.length; i = next++) {
        const { line, ticket } = tickets[i]!;
        let r: TicketResult;
        try {
          r = await evalTicket(worker, line, ticket, opts);
        } catch (e) {
          r = notRun(ticket, line, 'missed', `eval failed: ${(e as Error).message}`);
        }
        results[i] = r;
        onResult?.(r);
      }
    }),
  );
  const count = (c: TicketResult['class']) => results.filter((r) => r.class === c).length;
  return {
    total: results.length,
    correct: count('correct'),
    assisted: count('assisted'),
    clean_escalation: count('clean_escalation'),
    asked: count('asked'),
    escalated: count('escalated'),
    wrong_write: count('wrong_write'),
    missed: count('missed'),
    invalid_gold: count('invalid_gold'),
    wall_s: Math.round((Date.now() - started) / 100) / 10,
    concurrency: workers.length,
    choices_per_ticket: results.length === 0 ? 0 : Math.round((results.reduce((sum, r) => sum + r.choices, 0) / results.length) * 100) / 100,
    per_ticket: results,
  };
}
