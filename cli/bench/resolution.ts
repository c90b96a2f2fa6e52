// Run overhead of a whole resolution: a multi-system plan of six steps carried out by Legwork
// (executor, journal, hash-chained trace, masked screenshots before and after every write) against
// a bare playwright-core script doing the same clicks on the same pages, interleaved in one run.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { connectors } from '../../automations/systems/index.ts';
import { Legwork } from '../../core/legwork.ts';
import { approvePlan } from '../../core/plan-hash.ts';
import { PlanSchema, type Plan } from '../../shared/plan.ts';
import { sandboxSystems } from '../systems.ts';
import { benchCases, median, round, type Case } from './overhead.ts';
import { cpuOf } from './cpu.ts';

/** The resolution: cancel an order, move the customer, adjust a charge, note the CRM, reply, solve. */
const STEPS = ['cancel_pending_order', 'modify_user_address', 'adjust_charge', 'add_crm_note', 'reply_to_customer', 'set_ticket_status'] as const;

export interface ResolutionFigures {
  run_steps: number;
  run_systems: number;
  run_legwork_ms_p50: number;
  run_bare_ms_p50: number;
  run_overhead_ratio: number;
  /** Legwork minus bare per write step, the median over rounds (each round's pair run back to back) */
  run_added_ms_per_write: number;
  /** the same in CPU time (core + Chromium): what the work costs, whatever else the machine runs */
  run_legwork_cpu_ms_p50: number;
  run_bare_cpu_ms_p50: number;
  run_added_cpu_ms_per_write: number;
  rounds: number;
}

function planOf(cases: Case[], inputs: Record<string, unknown>[], ticketId: number): Plan {
  return PlanSchema.parse({
    ticketId,
    planner: 'offline',
    outcome: 'resolve',
    reason: 'benchmark resolution',
    steps: cases.map((c, i) => ({
      id: `s${i + 1}`,
      playbook: 'cancel_order',
      system: c.system,
      action: c.action.id,
      kind: 'write',
      params: inputs[i],
      provenance: Object.fromEntries(Object.keys(inputs[i]!).map((k) => [k, { source: 'system', detail: 'benchmark' }])),
      why: 'benchmark',
      expectedEffect: 'benchmark',
    })),
    reply: 'benchmark',
    createdAt: new Date().toISOString(),
  });
}

export async function measureResolution(sandbox: RunningSandbox, rounds: number): Promise<ResolutionFigures> {
  const all = await benchCases(sandbox);
  const cases = STEPS.map((id) => all.find((c) => c.action.id === id)!);
  const home = mkdtempSync(path.join(os.tmpdir(), 'legwork-bench-run-'));
  const legwork = await Legwork.open({ home, systems: sandboxSystems(sandbox.urls), agent: 'bench' });
  const bare = new Map<string, Page>();
  try {
    for (const c of cases) {
      if (bare.has(c.system)) continue;
      const page = await legwork.host.context.newPage();
      await connectors[c.system]!.signIn(page, sandbox.urls[c.system], sandbox.credentials[c.system]);
      bare.set(c.system, page);
    }
    const inputsFor = async (n: number) => {
      const inputs: Record<string, unknown>[] = [];
      for (const c of cases) inputs.push(await c.input(n));
      // one ticket for the whole resolution, as a real one has
      const ticket = inputs.find((i) => 'ticket_id' in i)!.ticket_id;
      for (const i of inputs) if ('ticket_id' in i) i.ticket_id = ticket;
      return inputs;
    };
    const viaLegwork = async (n: number) => {
      const inputs = await inputsFor(n);
      const plan = planOf(cases, inputs, Number(inputs.find((i) => 'ticket_id' in i)!.ticket_id));
      const approval = approvePlan(plan, 'bench', { secondApprover: 'bench-lead' });
      if (!approval.ok) throw new Error(approval.error.message);
      const t = performance.now();
      const started = await legwork.executor.start(plan, approval.data, { agent: 'bench' });
      if (!started.ok) throw new Error(`the benchmark plan was refused: ${started.error.message}`);
      const summary = await started.data.done;
      const ms = performance.now() - t;
      if (summary.outcome !== 'completed') throw new Error(`the benchmark run ended ${summary.outcome}: ${JSON.stringify(summary.steps.find((s) => s.error)?.error)}`);
      return ms;
    };
    const viaBare = async (n: number) => {
      const inputs = await inputsFor(n);
      const t = performance.now();
      for (const [i, c] of cases.entries()) {
        const page = bare.get(c.system)!;
        await page.bringToFront();
        await c.bare(page, sandbox.urls[c.system], inputs[i]!);
      }
      return performance.now() - t;
    };
    // warm-up: sign-ins, first page loads, the trace key
    await viaLegwork(0);
    await viaBare(rounds + 1);
    const legworkMs: number[] = [];
    const bareMs: number[] = [];
    const legworkCpu: number[] = [];
    const bareCpu: number[] = [];
    for (let n = 1; n <= rounds; n++) {
      const l = await cpuOf(() => viaLegwork(n * 2 + rounds * 2));
      legworkMs.push(l.result);
      legworkCpu.push(l.cpuMs);
      const b = await cpuOf(() => viaBare(n * 2 + 1 + rounds * 2));
      bareMs.push(b.result);
      bareCpu.push(b.cpuMs);
    }
    const l = median(legworkMs);
    const b = median(bareMs);
    return {
      run_steps: cases.length,
      run_systems: new Set(cases.map((c) => c.system)).size,
      run_legwork_ms_p50: round(l),
      run_bare_ms_p50: round(b),
      run_overhead_ratio: round(l / b),
      run_added_ms_per_write: round(median(legworkMs.map((ms, i) => (ms - bareMs[i]!) / cases.length))),
      run_legwork_cpu_ms_p50: round(median(legworkCpu)),
      run_bare_cpu_ms_p50: round(median(bareCpu)),
      run_added_cpu_ms_per_write: round(median(legworkCpu.map((ms, i) => (ms - bareCpu[i]!) / cases.length))),
      rounds,
    };
  } finally {
    await legwork.close();
    rmSync(home, { recursive: true, force: true });
  }
}
