// An edited parameter, carried through the plan: the step's amount (which the policy's caps read),
// and every text composed from the old value — expected effects, the reply, the CRM note and the
// other steps' parameters — say the new one (a step's `why`, the facts found, is left as read). The policy's decisions are taken again by the caller.
// Texts are matched on the renderings the composer writes (money as "$3,990.32", ids and words as
// given); values too short to be told apart from other text (under 4 characters) are left alone.
import type { ParamSource, Plan } from '../../shared/plan.ts';

const cents = (n: number) => Math.round(n * 100);
const money = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The texts an old value was written as, each with what the new value is written as. */
function renderings(old: unknown, value: unknown): [string, string][] {
  if (typeof old === 'number' && typeof value === 'number' && Number.isFinite(value)) {
    const pairs: [string, string][] = [
      [money(old), money(value)],
      [`$${old.toFixed(2)}`, `$${value.toFixed(2)}`],
    ];
    // a bare amount with cents ("3990.32") is specific enough to be the same amount
    if (cents(old) % 100 !== 0) pairs.push([old.toFixed(2), value.toFixed(2)]);
    return pairs.filter(([from, to], i) => from !== to && pairs.findIndex(([f]) => f === from) === i);
  }
  if (typeof old === 'string' && typeof value === 'string' && old.trim().length >= 4 && old !== value) return [[old, value]];
  return [];
}

export function recompose(plan: Plan, stepId: string, param: string, value: unknown, source: ParamSource): Plan {
  const out: Plan = structuredClone(plan);
  const step = out.steps.find((s) => s.id === stepId);
  if (!step) return out;
  const old = step.params[param];
  step.params[param] = value;
  step.provenance[param] = source;
  if (typeof old === 'number' && typeof value === 'number' && step.amount !== undefined && cents(step.amount) === cents(old)) step.amount = value;

  const swaps = renderings(old, value);
  if (swaps.length === 0) return out;
  const sub = (text: string) => swaps.reduce((t, [from, to]) => t.split(from).join(to), text);
  for (const s of out.steps) {
    // `why` states what was found in the systems (the charge's own amount): facts, not composed from the edit
    s.expectedEffect = sub(s.expectedEffect);
    for (const [name, v] of Object.entries(s.params)) {
      if (typeof v === 'string' && !(s.id === stepId && name === param)) s.params[name] = sub(v);
    }
  }
  out.reply = sub(out.reply);
  out.requests = out.requests.map((r) => ({ ...r, summary: sub(r.summary) }));
  return out;
}
