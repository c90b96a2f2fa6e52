// What installing a playbook set would change: the difference of the files (playbooks, rules,
// writes, baselines, cue words), and the recent plans whose rules checks would now come out
// differently — each plan records the facts its rules saw (Plan.checks), and the new rules are
// evaluated over those same facts.
import type { Plan } from '../../shared/plan.ts';
import type { RuleCheck } from '../../shared/playbook.ts';
import { refusal, type CompiledPlaybook, type Playbooks } from '../../automations/playbooks/index.ts';
import type { TraceStore } from '../trace/store.ts';

export interface FileChange {
  playbook: string;
  change: string;
}

export interface PlanChange {
  ticketId: number;
  playbook: string;
  action: string;
  /** what the rules said then, and would say now: "allowed", or "refused by <rule>: <message>" */
  before: string;
  after: string;
}

/** The differences between two sets, one line each. */
export function diffPlaybooks(from: Playbooks, to: Playbooks): FileChange[] {
  const out: FileChange[] = [];
  for (const a of from.all) if (!to.get(a.spec.id)) out.push({ playbook: a.spec.id, change: 'removed' });
  for (const b of to.all) {
    const a = from.get(b.spec.id);
    if (!a) {
      out.push({ playbook: b.spec.id, change: `added: ${b.spec.title}${b.spec.cues.length ? ` (served when a ticket says ${b.spec.cues.map((c) => `"${c}"`).join(' or ')})` : ''}` });
      continue;
    }
    const rules = (p: CompiledPlaybook) => new Map(p.spec.rules.map((r) => [r.id, r]));
    const [ra, rb] = [rules(a), rules(b)];
    for (const [id, r] of rb) {
      const old = ra.get(id);
      if (!old) out.push({ playbook: b.spec.id, change: `rule added: ${id} (${r.says}): ${r.check}` });
      else if (old.check !== r.check || old.refuse !== r.refuse || old.before !== r.before || old.when !== r.when) out.push({ playbook: b.spec.id, change: `rule changed: ${id}: ${old.check} → ${r.check}` });
      else if (old.message !== r.message || old.says !== r.says) out.push({ playbook: b.spec.id, change: `rule reworded: ${id}` });
    }
    for (const id of ra.keys()) if (!rb.has(id)) out.push({ playbook: b.spec.id, change: `rule removed: ${id}` });
    const writes = (p: CompiledPlaybook) => JSON.stringify([p.spec.writes, p.spec.closing, p.spec.reads]);
    if (writes(a) !== writes(b)) out.push({ playbook: b.spec.id, change: 'reads, writes or closing steps changed' });
    if (a.spec.baseline_minutes !== b.spec.baseline_minutes) out.push({ playbook: b.spec.id, change: `baseline ${a.spec.baseline_minutes} → ${b.spec.baseline_minutes} min` });
    if (JSON.stringify(a.spec.cues) !== JSON.stringify(b.spec.cues) || JSON.stringify(a.spec.serves) !== JSON.stringify(b.spec.serves)) out.push({ playbook: b.spec.id, change: 'request kinds or cue words changed' });
    if (a.spec.reply !== b.spec.reply) out.push({ playbook: b.spec.id, change: 'reply changed' });
  }
  return out;
}

const said = (r: RuleCheck['refused']) => (r ? `refused by ${r.rule}: ${r.message}` : 'allowed');

/** The variables a check recorded, as the rules take them (the time back as a timestamp). */
export function variablesOf(check: RuleCheck): Record<string, unknown> {
  const vars: Record<string, unknown> = { ...check.facts };
  if (typeof vars.now === 'string') vars.now = new Date(vars.now);
  return vars;
}

/** The checks of these plans whose outcome the new set changes. */
export function planChanges(plans: readonly Plan[], to: Playbooks): PlanChange[] {
  const out: PlanChange[] = [];
  for (const plan of plans) {
    for (const check of plan.checks ?? []) {
      const pb = to.get(check.playbook);
      const now = pb ? refusal(pb, check.action, variablesOf(check)) : null;
      const after = pb ? said(now) : 'its playbook is removed';
      const before = said(check.refused);
      if (before !== after) out.push({ ticketId: plan.ticketId, playbook: check.playbook, action: check.action, before, after });
    }
  }
  return out;
}

/** The plans of the most recent runs in the trace store (newest first). */
export async function recentPlans(traces: TraceStore, limit = 200): Promise<Plan[]> {
  const runs = await traces.listRuns({ limit });
  if (!runs.ok) return [];
  const plans: Plan[] = [];
  for (const run of runs.data) {
    const record = await traces.readRun(run.run);
    if (!record.ok) continue;
    const event = record.data.events.find((e) => e.type === 'plan');
    const plan = event?.data.plan as Plan | undefined;
    if (plan && typeof plan.ticketId === 'number') plans.push(plan);
  }
  return plans;
}
