// A run's summary (what the index keeps) derived from its events. Autonomy: a write step ran
// 'auto' when its execution-time decision (step_intent.data.decision.kind, else the plan-time
// decision for that step id) is 'auto'. A step counts once however often it was journalled
// (recovery may write a second intent for the same step), and auto only if every intent was.
// A write belongs to its step's playbook (step_intent.data.playbook, else the plan step's).
import type { RunSummary, TraceEvent } from '../../shared/trace.ts';
import { RunOutcomeSchema } from '../../shared/trace.ts';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** kind of a decision value: a Decision object or a bare kind */
function decisionKind(v: unknown): string | undefined {
  return isRec(v) ? str(v.kind) : str(v);
}

export function summarizeRun(run: string, events: readonly TraceEvent[]): RunSummary {
  // run_started may come twice (the store writes one on open, the executor its own): later fields win
  const sd: Rec = Object.assign({}, ...events.filter((e) => e.type === 'run_started').map((e) => e.data));
  const started = events.find((e) => e.type === 'run_started');
  const finished = events.findLast((e) => e.type === 'run_finished');
  const stepKind = new Map<string, string>();
  const stepPlaybook = new Map<string, string>();
  const planDecision = new Map<string, string>();
  /** write step id → [auto, playbook] */
  const writes = new Map<string, [boolean, string]>();
  const autoRuns = new Map<string, { action: string; at: string }>();
  let heals = 0;
  let errors = 0;
  let escalated = false;
  let planOutcome: string | undefined;
  let planReason: string | undefined;
  let planSteps: number | undefined;
  let llm: RunSummary['llm'];
  let handOver: string | undefined;
  const ran = new Set<string>();
  const stepAction = new Map<string, string>();
  for (const e of events) {
    const d = e.data;
    if (e.type === 'plan') {
      const plan = isRec(d.plan) ? d.plan : d;
      planOutcome = str(plan.outcome);
      planReason = str(plan.reason);
      if (isRec(plan.usage) && typeof plan.usage.costUsd === 'number') {
        llm = { tokens: Number(plan.usage.promptTokens ?? 0) + Number(plan.usage.completionTokens ?? 0), costUsd: plan.usage.costUsd };
      }
      const steps = plan.steps;
      if (Array.isArray(steps)) planSteps = steps.length;
      for (const s of Array.isArray(steps) ? steps : []) {
        if (!isRec(s) || !str(s.id)) continue;
        if (str(s.kind)) stepKind.set(s.id as string, s.kind as string);
        if (str(s.playbook)) stepPlaybook.set(s.id as string, s.playbook as string);
        if (str(s.action)) stepAction.set(s.id as string, s.action as string);
      }
    } else if (e.type === 'decisions') {
      for (const dec of Array.isArray(d.decisions) ? d.decisions : []) if (isRec(dec) && str(dec.stepId) && str(dec.kind)) planDecision.set(dec.stepId as string, dec.kind as string);
    } else if (e.type === 'step_intent') {
      const id = str(d.stepId) ?? `#${e.seq}`;
      const kind = str(d.kind) ?? stepKind.get(id);
      if (kind !== 'write') continue;
      const auto = (decisionKind(d.decision) ?? planDecision.get(id)) === 'auto';
      // a step re-journalled after a crash keeps the stricter reading: auto only if every intent was auto
      const playbook = str(d.playbook) ?? stepPlaybook.get(id) ?? '';
      writes.set(id, [(writes.get(id)?.[0] ?? true) && auto, playbook]);
      if (auto && !autoRuns.has(id)) autoRuns.set(id, { action: str(d.action) ?? '', at: e.at });
    } else if (e.type === 'step_result') {
      if (d.ok === false) errors++;
      else if (str(d.stepId)) ran.add(d.stepId as string);
    } else if (e.type === 'heal') heals++;
    else if (e.type === 'escalated') {
      escalated = true;
      handOver = handOverReason(d, stepAction.get(str(d.stepId) ?? '') ?? '');
    }
  }
  const outcome = finished ? RunOutcomeSchema.safeParse(finished.data.outcome) : undefined;
  const named = Array.isArray(sd.playbooks) ? sd.playbooks.filter((p): p is string => typeof p === 'string') : [];
  // without playbooks on run_started, the plan's steps name them
  const playbooks = named.length ? named : [...new Set(stepPlaybook.values())];
  const writesByPlaybook: RunSummary['writesByPlaybook'] = {};
  for (const [auto, stepPb] of writes.values()) {
    // a step without a playbook belongs to the run's only playbook, if it has just one
    const pb = stepPb || (playbooks.length === 1 ? playbooks[0]! : '');
    const c = (writesByPlaybook[pb] ??= { writes: 0, autoWrites: 0 });
    c.writes++;
    if (auto) c.autoWrites++;
  }
  const ticketId = typeof sd.ticketId === 'number' || typeof sd.ticketId === 'string' ? sd.ticketId : null;
  const startedAt = started?.at ?? events[0]?.at ?? '';
  const finishedAt = finished?.at ?? null;
  const duration = finishedAt && startedAt ? Date.parse(finishedAt) - Date.parse(startedAt) : NaN;
  return {
    run,
    ticketId,
    agent: str(sd.agent) ?? '',
    playbooks,
    startedAt,
    finishedAt,
    durationMs: Number.isFinite(duration) && duration >= 0 ? duration : null,
    outcome: outcome?.success ? outcome.data : null,
    writes: writes.size,
    autoWrites: [...writes.values()].filter(([auto]) => auto).length,
    autoRuns: [...autoRuns.values()],
    writesByPlaybook,
    heals,
    errors,
    escalated: escalated || (outcome?.success === true && outcome.data === 'escalated'),
    ...(planOutcome ? { planOutcome } : {}),
    stepsRun: ran.size,
    ...(planSteps !== undefined ? { planSteps } : {}),
    ...(llm ? { llm } : {}),
    ...(handOver ? { handOver } : planOutcome === 'escalate' && planReason ? { handOver: shortReason(planReason) } : {}),
  };
}

/** A run's hand-over in a few words a lead can count: the step that failed and how, else the reason's first clause. */
function handOverReason(d: Rec, action: string): string {
  const error = isRec(d.stepError) ? d.stepError : undefined;
  if (error && str(error.code)) {
    return `${action ? `${action.replace(/_/g, ' ')}: ` : 'a step: '}${String(error.code).replace(/_/g, ' ')}`;
  }
  return shortReason(str(d.reason) ?? 'handed over');
}

function shortReason(text: string): string {
  const first = text.split(/[.;:(]/)[0]!.trim();
  return first.length > 70 ? `${first.slice(0, 69)}…` : first || 'handed over';
}
