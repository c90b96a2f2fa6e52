// A run's trace read as QA reviews it: one record per step of the plan (what it did in words, its
// parameters, the decision, how long it took, what the read-back saw, its screenshots, heals), who
// approved, and how the run really ended. Built from the events as the executor writes them
// (shared/trace.ts): step_result carries `evidence.screenshots.{before,after}`, `evidence.durationMs`
// and `evidence.output` (the read-back).
import { TraceEventSchema, type TraceEvent } from '../../../../shared/trace.ts';
import { words } from '../../ui/format.ts';

type Rec = Record<string, unknown>;
const obj = (v: unknown): Rec | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

export type ReviewedStatus = 'done' | 'already_done' | 'failed' | 'skipped' | 'not_reached';

export interface ReviewedStep {
  stepId: string;
  /** 1-based, in the plan's order */
  index: number;
  action: string;
  system: string;
  kind: string;
  why: string | null;
  expectedEffect: string | null;
  params: Rec;
  decision: { kind: string; reason: string } | null;
  status: ReviewedStatus;
  durationMs: number | null;
  /** what the step read back from the page after it acted (a write's result as the system shows it) */
  readBack: unknown;
  error: string | null;
  skippedWhy: string | null;
  before: string | null;
  after: string | null;
  heals: string[];
}

export interface RunReview {
  steps: ReviewedStep[];
  approvers: string[];
  /** the plan's own outcome: resolve, ask or escalate */
  planOutcome: string | null;
  /** the run's outcome as the trace's run_finished says, or null while running */
  outcome: string | null;
  /** what the run was about: the plan's requests, in words */
  about: string[];
}

const OUTCOME_WORDS: Record<string, string> = {
  completed: 'completed',
  asked: 'asked the customer',
  escalated: 'handed over to a person',
  cancelled: 'cancelled',
  failed: 'failed',
};

/** The run's outcome in words; a question sent to the customer is "asked", never "completed". */
export function outcomeWords(outcome: string | null, planOutcome: string | null): string {
  if (!outcome) return 'still running';
  if (outcome === 'completed' && planOutcome === 'ask') return OUTCOME_WORDS.asked!;
  return OUTCOME_WORDS[outcome] ?? outcome;
}

export function reviewRun(raw: unknown[]): RunReview {
  const events = raw.flatMap((e) => {
    const parsed = TraceEventSchema.safeParse(e);
    return parsed.success ? [parsed.data] : [];
  });
  const plan = obj(events.find((e) => e.type === 'plan')?.data.plan);
  const planSteps = (Array.isArray(plan?.steps) ? plan.steps : []).map(obj).filter((s): s is Rec => Boolean(s && str(s.id)));
  const steps = new Map<string, ReviewedStep>();
  const stepFor = (id: string, data: Rec): ReviewedStep => {
    let s = steps.get(id);
    if (!s) {
      s = blank(id, steps.size + 1, data);
      steps.set(id, s);
    }
    return s;
  };
  for (const p of planSteps) stepFor(p.id as string, p);

  const approvers: string[] = [];
  let outcome: string | null = null;
  for (const e of events) apply(e);

  function apply(e: TraceEvent): void {
    const d = e.data;
    const id = str(d.stepId);
    if (e.type === 'approved') {
      for (const who of [d.approver, d.secondApprover]) if (str(who) && !approvers.includes(who as string)) approvers.push(who as string);
    } else if (e.type === 'run_finished') {
      outcome = str(d.outcome);
    } else if (e.type === 'decisions' && Array.isArray(d.decisions)) {
      for (const dec of d.decisions.map(obj)) if (dec && str(dec.stepId) && steps.has(dec.stepId as string)) steps.get(dec.stepId as string)!.decision = decisionOf(dec);
    } else if (id && e.type === 'step_intent') {
      const s = stepFor(id, d);
      if (obj(d.params)) s.params = obj(d.params)!;
      // the execution-time decision is the one the step ran under
      if (obj(d.decision)) s.decision = decisionOf(obj(d.decision)!);
    } else if (id && e.type === 'step_result') {
      const s = stepFor(id, d);
      const evidence = obj(d.evidence) ?? {};
      const shots = obj(evidence.screenshots) ?? {};
      s.status = d.ok === false ? 'failed' : d.alreadyDone === true ? 'already_done' : 'done';
      s.durationMs = typeof evidence.durationMs === 'number' ? evidence.durationMs : null;
      s.readBack = evidence.output ?? null;
      s.before = str(shots.before);
      s.after = str(shots.after);
      const error = obj(d.error);
      s.error = error ? (str(error.message) ?? 'failed') : null;
    } else if (id && e.type === 'step_skipped') {
      const s = stepFor(id, d);
      s.status = 'skipped';
      s.skippedWhy = d.by === 'agent' ? 'the agent skipped it' : (str(d.reason) ?? 'the policy did not let it run');
    } else if (id && e.type === 'heal') {
      stepFor(id, d).heals.push(`${str(d.element) ?? 'an element'}: ${str(d.from) ?? '?'} → ${str(d.to) ?? '?'}`);
    }
  }

  const requests = Array.isArray(plan?.requests) ? plan.requests.map(obj) : [];
  return {
    steps: [...steps.values()],
    approvers,
    planOutcome: str(plan?.outcome),
    outcome,
    about: requests.flatMap((r) => (r && str(r.summary) ? [`${words(String(r.playbook ?? ''))}: ${r.summary as string}`] : [])),
  };
}

function blank(stepId: string, index: number, d: Rec): ReviewedStep {
  return {
    stepId,
    index,
    action: str(d.action) ?? '?',
    system: str(d.system) ?? '',
    kind: str(d.kind) ?? '',
    why: str(d.why),
    expectedEffect: str(d.expectedEffect),
    params: obj(d.params) ?? {},
    decision: null,
    status: 'not_reached',
    durationMs: null,
    readBack: null,
    error: null,
    skippedWhy: null,
    before: null,
    after: null,
    heals: [],
  };
}

function decisionOf(d: Rec): { kind: string; reason: string } | null {
  return str(d.kind) ? { kind: d.kind as string, reason: str(d.reason) ?? '' } : null;
}
