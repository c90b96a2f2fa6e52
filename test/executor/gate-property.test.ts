// Issue 5's gate proof: thousands of generated plans, policies and approvals run through the real
// Executor (real journal on disk, the real `decide` taken again before each write); only the runner
// is a stand-in that records what it was asked to do — the gate is under test, not the browser.
// No step runs unless its decision lets it under an approval of exactly that plan, and amount caps
// are exact to the cent.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, PLAYBOOKS, PlanSchema, type Plan, type Step } from '../../shared/plan.ts';
import type { Decision, DecisionKind } from '../../shared/decision.ts';
import { MODES, PolicySchema, type Caps, type Policy, type PolicyInput } from '../../shared/policy.ts';
import type { TraceSink } from '../../shared/trace.ts';
import type { ActionRunner } from '../../automations/runtime/runner.ts';
import { decide, decidePlan, type DecideContext } from '../../core/policy/decide.ts';
import { changesRecord } from '../../core/executor/run.ts';
import { approvePlan } from '../../core/plan-hash.ts';
import { Executor } from '../../core/executor/executor.ts';
import { Journal } from '../../core/executor/journal.ts';
import { actionRegistry } from '../../core/executor/actions.ts';
import { seededRandom as prng } from '../../sandbox/domain/random.ts';

const CASES = 2400;


/** Write actions the generator uses, with valid parameters (unique per step, so a call names its step). */
const WRITES: { action: string; system: Step['system']; params: (n: number, amount: number | undefined) => Record<string, unknown> }[] = [
  { action: 'cancel_pending_order', system: 'orders', params: (n) => ({ order_id: `#W${1000000 + n}`, reason: 'no longer needed' }) },
  { action: 'return_delivered_order_items', system: 'orders', params: (n) => ({ order_id: `#W${2000000 + n}`, item_ids: [String(n)], payment_method_id: 'credit_card_1' }) },
  { action: 'adjust_charge', system: 'billing', params: (n, amount) => ({ order_id: `#W${3000000 + n}`, charge_id: `ch_${n}`, amount: amount && amount > 0 ? amount : 1, reason: 'overcharged' }) },
  { action: 'add_crm_note', system: 'crm', params: (n) => ({ user_id: 'ana_ruiz_1', body: `note ${n}` }) },
  { action: 'reply_to_customer', system: 'helpdesk', params: (n) => ({ ticket_id: 77, body: `reply ${n}` }) },
  { action: 'set_ticket_status', system: 'helpdesk', params: (n) => ({ ticket_id: 70 + n, status: 'solved' }) },
];
const SOURCES = ['system', 'agent', 'ticket', undefined] as const;

/** What the agent's approval (and a second approver's, when there is one) lets run. */
const lets = (kind: DecisionKind, second: boolean) => kind === 'auto' || kind === 'approve' || (kind === 'second_approval' && second);

/** The tier an amount falls in, in whole cents, caps inclusive (the policy's own words, computed here independently). */
function tier(amountCents: number, caps: { auto?: number; approve?: number; secondApproval?: number }): DecisionKind {
  if (caps.secondApproval !== undefined && amountCents > caps.secondApproval) return 'blocked';
  if (caps.approve !== undefined && amountCents > caps.approve) return 'second_approval';
  if (caps.auto !== undefined && amountCents > caps.auto) return 'approve';
  return 'auto';
}

interface Case {
  plan: Plan;
  policy: Policy;
  /** the plan the approval is for: the plan itself, or a changed copy */
  approved: Plan;
  mutated: string | null;
  second: boolean;
  withDecisions: boolean;
  /** a one-write case over a policy that leaves only the caps to decide */
  boundary: { capsCents: { auto?: number; approve?: number; secondApproval?: number }; amountCents: number; at: 'cap' | 'cent_over' | 'other' } | null;
}

function generate(i: number): Case {
  const rnd = prng(0x5eed + i);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const centsBetween = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

  // caps in cents, on and around which amounts are drawn
  const capCents = [centsBetween(0, 9_999), centsBetween(10_000, 49_999), centsBetween(50_000, 200_000)].sort((a, b) => a - b);
  const capsCents = {
    ...(chance(0.8) ? { auto: capCents[0] } : {}),
    ...(chance(0.8) ? { approve: capCents[1] } : {}),
    ...(chance(0.6) ? { secondApproval: capCents[2] } : {}),
  };
  const toCaps = (c: typeof capsCents): Caps => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v / 100])) as Caps;
  const boundaryAmount = (): { cents: number; at: 'cap' | 'cent_over' | 'other' } => {
    const caps = Object.values(capsCents);
    if (caps.length && chance(0.85)) {
      const cap = pick(caps);
      return chance(0.5) ? { cents: cap, at: 'cap' } : { cents: cap + 1, at: 'cent_over' };
    }
    return { cents: centsBetween(0, 250_000), at: 'other' };
  };

  const isBoundary = chance(0.35);
  const steps: Step[] = [];
  let boundary: Case['boundary'] = null;
  let policyInput: PolicyInput;
  if (isBoundary) {
    const w = pick(WRITES);
    const amount = boundaryAmount();
    const params = w.params(1, amount.cents / 100);
    steps.push(stepOf('s1', pick(PLAYBOOKS), w.system, w.action, 'write', params, Object.fromEntries(Object.keys(params).map((k) => [k, 'system'])), amount.cents / 100));
    policyInput = { version: 1, name: 'caps only', defaultMode: pick(MODES), actions: { [w.action]: { mode: 'auto', caps: toCaps(capsCents) } } };
    boundary = { capsCents, amountCents: amount.cents, at: amount.at };
  } else {
    const n = 1 + Math.floor(rnd() * 6);
    for (let s = 1; s <= n; s++) {
      if (chance(0.15)) {
        steps.push(stepOf(`s${s}`, pick(PLAYBOOKS), 'orders', 'get_order_details', 'read', { order_id: `#W${4000000 + s}` }, {}, undefined));
        continue;
      }
      const w = pick(WRITES);
      const amount = chance(0.75) ? boundaryAmount().cents / 100 : undefined;
      const params = w.params(s, amount);
      const sources = chance(0.5) ? Object.fromEntries(Object.keys(params).map((k) => [k, 'system'])) : Object.fromEntries(Object.keys(params).map((k) => [k, pick(SOURCES)]));
      steps.push(stepOf(`s${s}`, pick(PLAYBOOKS), w.system, w.action, 'write', params, sources, amount));
    }
    const actions: Record<string, unknown> = {};
    for (const w of WRITES) {
      if (!chance(0.7)) continue;
      actions[w.action] = {
        ...(chance(0.85) ? { mode: pick(MODES) } : {}),
        ...(chance(0.6) ? { caps: toCaps(capsCents) } : {}),
        // facts are unknown to this run: a tightening condition then applies
        ...(chance(0.1) ? { conditions: [{ when: [{ fact: 'order.status', eq: 'pending' }], mode: pick(MODES) }] } : {}),
      };
    }
    const playbooks = chance(0.25) ? { [pick(PLAYBOOKS)]: { mode: pick(MODES) } } : {};
    policyInput = { version: 1, name: 'generated', defaultMode: pick(MODES), actions, playbooks };
  }
  const plan = PlanSchema.parse({ ticketId: 77, planner: 'offline', outcome: 'resolve', reason: 'generated', steps, reply: 'done', customer: null, createdAt: '2026-01-01T00:00:00Z' });
  const policy = PolicySchema.parse(policyInput);

  let approved = plan;
  let mutated: string | null = null;
  if (chance(0.25)) [approved, mutated] = mutate(plan, pick, rnd);
  return { plan, policy, approved, mutated, second: chance(0.5), withDecisions: chance(0.7), boundary };
}

function stepOf(id: string, playbook: Step['playbook'], system: Step['system'], action: string, kind: Step['kind'], params: Record<string, unknown>, sources: Record<string, string | undefined>, amount: number | undefined): Step {
  const provenance = Object.fromEntries(Object.entries(sources).flatMap(([k, source]) => (source ? [[k, { source, detail: `${source}: ${k}` }]] : [])));
  return { id, playbook, system, action, kind, params, provenance, why: 'generated', expectedEffect: 'generated', ...(amount === undefined ? {} : { amount }) } as Step;
}

/** A copy of the plan changed in one way an approval must notice. */
function mutate(plan: Plan, pick: <T>(xs: readonly T[]) => T, rnd: () => number): [Plan, string] {
  const copy: Plan = structuredClone(plan);
  const target = pick(copy.steps);
  const how = pick(['param', 'amount', 'provenance', 'add_step', 'drop_step', 'action', 'reply'] as const);
  switch (how) {
    case 'param': {
      const key = pick(Object.keys(target.params));
      const v = target.params[key];
      target.params[key] = typeof v === 'number' ? v + 1 : typeof v === 'string' ? `${v}1` : [...(v as unknown[]), '9'];
      break;
    }
    case 'amount':
      target.amount = Math.round(((target.amount ?? 0) + 0.01) * 100) / 100;
      break;
    case 'provenance': {
      const key = pick(Object.keys(target.params).length ? Object.keys(target.params) : ['x']);
      const now = target.provenance[key]?.source;
      target.provenance[key] = { source: now === 'ticket' ? 'system' : 'ticket', detail: 'changed' };
      break;
    }
    case 'add_step':
      copy.steps.push({ ...structuredClone(target), id: `s${copy.steps.length + 1}`, params: { ticket_id: 99, body: 'an extra step' }, action: 'reply_to_customer', system: 'helpdesk', kind: 'write' });
      break;
    case 'drop_step':
      if (copy.steps.length > 1) copy.steps.splice(Math.floor(rnd() * copy.steps.length), 1);
      else copy.steps[0]!.id = 'z1';
      break;
    case 'action':
      target.playbook = target.playbook === 'hand_over' ? 'information' : 'hand_over';
      break;
    case 'reply':
      copy.reply = `${copy.reply}!`;
      break;
  }
  return [PlanSchema.parse(copy), how];
}

describe('the executor gate over generated plans, policies and approvals', () => {
  it(`runs a step only when its decision and an approval of exactly that plan let it (${CASES} cases), caps exact to the cent`, { timeout: 120_000 }, async () => {
    const base = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
    const journal = new Journal(mkdtempSync(path.join(base, 'legwork-gate-')));
    const calls: { action: string; params: string }[] = [];
    // the stand-in runner: records the call, reports the step done
    const runner = {
      run: async (def: { id: string }, input: unknown) => {
        calls.push({ action: def.id, params: canonicalJson(input) });
        return { ok: true, output: {}, alreadyDone: false };
      },
    } as unknown as Pick<ActionRunner, 'run'>;
    const sink: TraceSink = { append: async (type, data) => ({ run: '', seq: 0, at: '', type, data, prev: '', hash: '' }) };
    const actions = actionRegistry();
    const now = new Date('2026-03-01T12:00:00Z');
    const seen = { ran: 0, refused: 0, mutated: 0, escalated: 0, atCap: new Set<DecisionKind>(), centOver: new Set<DecisionKind>() };

    for (let i = 0; i < CASES; i++) {
      const c = generate(i);
      const ctx: DecideContext = { facts: {}, agent: 'ana', now, recentAutoRuns: [] };
      const executor = new Executor({ runner, actions, journal, openTrace: () => sink, decideAtRun: (step) => decide(c.policy, c.plan, step, ctx), escalateTo: 'Team lead' });
      // the decisions the approver saw are those of the approved plan
      const shown = decidePlan(c.policy, c.approved, ctx);
      const approval = approvePlan(c.approved, 'ana', { ...(c.second ? { secondApprover: 'ben' } : {}), ...(c.withDecisions ? { decisions: shown } : {}) });
      if (!approval.ok) throw new Error(`case ${i}: ${approval.error.message}`);
      calls.length = 0;
      const runId = `gate-${i}`;
      const at = `case ${i}: ${JSON.stringify({ mutated: c.mutated, second: c.second, withDecisions: c.withDecisions, boundary: c.boundary, steps: c.plan.steps.map((s) => [s.id, s.action, s.amount, s.provenance]), policy: c.policy })}`;

      const started = await executor.start(c.plan, approval.data, { runId });
      if (c.mutated) {
        // an approval of another plan: refused before anything is written or run
        seen.mutated++;
        expect(started.ok, at).toBe(false);
        if (!started.ok) expect(started.error.code, at).toBe('precondition_failed');
        expect(calls, at).toEqual([]);
        expect(existsSync(journal.file(runId)), at).toBe(false);
        continue;
      }
      if (!started.ok) throw new Error(`${at}: ${started.error.message}`);
      const summary = await started.data.done;

      const expected = c.plan.steps.map((s) => decide(c.policy, c.plan, s, ctx));
      const ranIds = new Set<string>();
      let note = 0;
      for (const call of calls) {
        const step = c.plan.steps.find((s) => s.action === call.action && canonicalJson(s.params) === call.params);
        if (step) {
          expect(ranIds.has(step.id), `${at}: ${step.id} ran twice`).toBe(false);
          ranIds.add(step.id);
        } else {
          // the only call outside the plan: the hand-over note of a run the policy stopped
          expect(call.action, `${at}: ran something not in the plan: ${call.action} ${call.params}`).toBe('add_internal_note');
          expect(JSON.parse(call.params).body, at).toMatch(/^Legwork stopped/);
          note++;
        }
      }
      expect(note, at).toBe(summary.outcome === 'escalated' ? 1 : 0);
      if (note) seen.escalated++;

      let stopped = false;
      for (const [k, step] of c.plan.steps.entries()) {
        const d: Decision = expected[k]!;
        const allowed = lets(d.kind, c.second);
        const ran = ranIds.has(step.id);
        // the gate: ran ⇒ auto, or approve (this exact plan is approved), or second_approval with a second approver
        if (ran) expect(allowed, `${at}: ${step.id} ran under ${d.kind}`).toBe(true);
        // and nothing allowed is held back, except after a refusal that stops the run
        expect(ran, `${at}: ${step.id} (${d.kind})`).toBe(allowed && !stopped);
        // a refusal the approver did not see stops the run; so does one they saw on a write to a system of record
        if (!allowed && (!c.withDecisions || changesRecord(step))) stopped = true;
        const report = summary.steps[k]!;
        if (step.kind === 'write' && (ran || report.status === 'skipped')) expect(report.decision?.kind, at).toBe(d.kind);
        if (ran) seen.ran++;
        else seen.refused++;
      }
      expect(summary.outcome, at).toBe(stopped ? 'escalated' : 'completed');

      if (c.boundary) {
        const want = tier(c.boundary.amountCents, c.boundary.capsCents);
        const step = c.plan.steps[0]!;
        expect(summary.steps[0]!.decision?.kind, at).toBe(want);
        expect(ranIds.has(step.id), at).toBe(lets(want, c.second));
        if (c.boundary.at === 'cap') seen.atCap.add(want);
        if (c.boundary.at === 'cent_over') seen.centOver.add(want);
      }
    }

    // the generator reached every corner it is meant to
    expect(seen.mutated).toBeGreaterThan(CASES / 8);
    expect(seen.ran).toBeGreaterThan(500);
    expect(seen.refused).toBeGreaterThan(500);
    expect(seen.escalated).toBeGreaterThan(50);
    // exactly at a cap gives the lower tier and one cent over the higher: every tier seen both ways
    expect([...seen.atCap].sort()).toEqual(['approve', 'auto', 'second_approval'].sort());
    expect([...seen.centOver].sort()).toEqual(['approve', 'blocked', 'second_approval'].sort());
  });
});

