// The team lead's policy: the one in force, a draft checked as it is typed, what a draft would
// change for the recent runs' plans, and installing a signed file (checked against the lead key
// this Legwork trusts; a refused file changes nothing).
import { z } from 'zod';
import type { ApiHandlers } from '../api/handlers.ts';
import type { Decision } from '../../shared/decision.ts';
import { parsePolicy, type Policy } from '../../shared/policy.ts';
import { PlanSchema, type Plan } from '../../shared/plan.ts';
import { decidePlan } from '../policy/decide.ts';
import type { PolicyInForce } from '../policy/store.ts';
import type { Legwork } from '../legwork.ts';
import { ServiceError, unwrap, type ServiceContext } from './context.ts';
import { installedBy } from './policy-signing.ts';
import type { PolicyChange } from '../../shared/api.ts';

/** how many recent runs a preview looks at */
export const PREVIEW_RUNS = 50;

const SignedEnvelope = z.object({ policy: z.unknown(), keyId: z.string(), signature: z.string() });

export function policyHandlers({ legwork }: ServiceContext): Pick<ApiHandlers, 'policy.get' | 'policy.validate' | 'policy.preview' | 'policy.install'> {
  return {
    async 'policy.get'() {
      await legwork.policy.load();
      const inForce = legwork.policy.current;
      return {
        policy: inForce.policy,
        source: sourceOf(inForce),
        signedBy: inForce.keyId ?? null,
        builtIn: inForce.source === 'built-in',
        installedBy: await installedBy(legwork.policy.dir, inForce.policy.issuedAt),
      };
    },
    async 'policy.validate'({ text }) {
      const checked = checkDraft(text);
      return checked.ok ? { ok: true, errors: [] } : { ok: false, errors: checked.errors };
    },
    async 'policy.preview'({ text }) {
      const checked = checkDraft(text);
      if (!checked.ok) throw new ServiceError('invalid_input', `the draft is not a valid policy: ${checked.errors.join('; ')}`);
      await legwork.policy.load();
      return { changes: await previewChanges(legwork, legwork.policy.current.policy, checked.policy) };
    },
    async 'policy.install'({ signedText }) {
      unwrap(await legwork.policy.install(signedText));
      return { ok: true as const };
    },
  };
}

function sourceOf(inForce: PolicyInForce): string {
  if (inForce.source === 'built-in') return 'built-in strictest default';
  return `"${inForce.policy.name}"${inForce.source === 'last-good' ? ' (the last valid file: the installed one was refused)' : ''}`;
}

/** A draft as JSON text: a policy, or a signed policy file (its policy is checked). */
export function checkDraft(text: string): { ok: true; policy: Policy } | { ok: false; errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not valid JSON: ${(e as Error).message}`] };
  }
  const signed = SignedEnvelope.safeParse(json);
  const parsed = parsePolicy(signed.success ? signed.data.policy : json);
  if (parsed.ok) return { ok: true, policy: parsed.data };
  return { ok: false, errors: parsed.error.message.replace(/^policy is not valid: /, '').split('; ') };
}

/**
 * For the recent runs' plans (their `plan` events): each write step whose decision differs between
 * the policy in force and the draft, with its ticket (number and what the plan says it is about),
 * amount and expected effect. A ticket planned several times counts once, by its newest run.
 */
async function previewChanges(legwork: Legwork, now: Policy, draft: Policy): Promise<PolicyChange[]> {
  const runs = unwrap(await legwork.traces.listRuns({ limit: PREVIEW_RUNS }));
  const changes: PolicyChange[] = [];
  const seen = new Set<number>();
  for (const listing of runs) {
    const plan = await planOfRun(legwork, listing.run);
    if (!plan || seen.has(plan.ticketId)) continue;
    seen.add(plan.ticketId);
    const subject = plan.requests.map((r) => r.summary).join('; ');
    const ctx = { facts: {}, agent: listing.agent || legwork.agent, now: new Date(), recentAutoRuns: [] };
    const before = byStep(decidePlan(now, plan, ctx));
    const after = byStep(decidePlan(draft, plan, ctx));
    for (const step of plan.steps) {
      if (step.kind !== 'write') continue;
      const b = before.get(step.id)?.kind;
      const a = after.get(step.id)?.kind;
      if (!a || !b || a === b) continue;
      changes.push({
        runId: listing.run,
        stepId: step.id,
        action: step.action,
        before: b,
        after: a,
        ticketId: plan.ticketId,
        ...(subject ? { subject } : {}),
        ...(step.amount !== undefined ? { amount: step.amount } : {}),
        effect: step.expectedEffect,
      });
    }
  }
  return changes;
}

async function planOfRun(legwork: Legwork, runId: string): Promise<Plan | null> {
  const record = await legwork.traces.readRun(runId);
  if (!record.ok) return null;
  const event = record.data.events.find((e) => e.type === 'plan');
  const plan = PlanSchema.safeParse(event?.data.plan);
  return plan.success ? plan.data : null;
}

function byStep(decisions: Decision[]): Map<string, Decision> {
  return new Map(decisions.map((d) => [d.stepId, d]));
}
