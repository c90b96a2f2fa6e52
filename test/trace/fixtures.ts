// A trace store in a temp folder with a clock the test moves, and a typical run written into it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { RunOutcome } from '../../shared/trace.ts';
import { TraceStore } from '../../core/trace/store.ts';

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

/** A fresh LEGWORK_HOME, removed after the test. */
export function tempHome(): string {
  const home = mkdtempSync(path.join(os.tmpdir(), 'legwork-trace-'));
  homes.push(home);
  return home;
}

export class Clock {
  private t: number;
  constructor(start = '2025-03-01T10:00:00.000Z') {
    this.t = Date.parse(start);
  }
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
}

export function storeIn(home: string, clock = new Clock()): { store: TraceStore; clock: Clock; home: string } {
  const store = new TraceStore(path.join(home, 'traces'), { keyFile: path.join(home, 'keys', 'trace-ed25519.pem'), now: clock.now });
  return { store, clock, home };
}

/** Bytes standing in for a screenshot (any bytes do: the store does not look inside). */
export function fakePng(label: string): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(label)]));
}

export interface SampleRunOptions {
  ticketId?: number;
  agent?: string;
  playbooks?: string[];
  /** step id → decision kind; every step is a write, of playbooks[i % playbooks.length] */
  writes?: Record<string, string>;
  outcome?: RunOutcome;
  /** ms from start to finish */
  durationMs?: number;
  /** leave it unfinished (no head) */
  unfinished?: boolean;
  /** when it starts (default: the clock as it is) */
  startAt?: string;
}

/** Writes a run the way the executor does: plan, decisions, approval, steps with screenshots, a heal. */
export async function writeSampleRun(ctx: { store: TraceStore; clock: Clock }, opts: SampleRunOptions = {}) {
  const writes = opts.writes ?? { s1: 'auto', s2: 'approve' };
  const playbooks = opts.playbooks ?? ['cancel_order'];
  if (opts.startAt) ctx.clock.set(opts.startAt);
  const w = await ctx.store.openRun({ ticketId: opts.ticketId ?? 1001, agent: opts.agent ?? 'ana', playbooks, data: { planner: 'offline' } });
  const steps = Object.keys(writes).map((id, i) => ({ id, playbook: playbooks[i % playbooks.length], system: 'orders', action: 'cancel_pending_order', kind: 'write', params: { order_id: '#W2378156' } }));
  await w.append('plan', { plan: { ticketId: opts.ticketId ?? 1001, steps } });
  await w.append('decisions', { decisions: Object.entries(writes).map(([stepId, kind]) => ({ stepId, kind, reason: 'policy' })) });
  await w.append('approved', { approver: opts.agent ?? 'ana', planHash: 'ab'.repeat(32) });
  const shots: string[] = [];
  for (const [stepId, kind] of Object.entries(writes)) {
    await w.append('step_intent', { stepId, action: 'cancel_pending_order', kind: 'write', decision: { stepId, kind, reason: 'policy' } });
    const before = await w.putBlob(fakePng(`${w.run}-${stepId}-before`));
    const after = await w.putBlob(fakePng(`${w.run}-${stepId}-after`));
    shots.push(before, after);
    await w.append('step_result', { stepId, ok: true, evidence: { screenshots: { before, after } } });
  }
  await w.append('heal', { action: 'cancel_pending_order', selector: 'button#cancel', fallback: 'text=Cancel order' });
  if (opts.outcome === 'escalated') await w.append('escalated', { note: 'handed to a human', where: 'helpdesk internal note' });
  if (!opts.unfinished) {
    ctx.clock.set(new Date(Date.parse(w.summary().startedAt) + (opts.durationMs ?? 90_000)).toISOString());
    await w.finish(opts.outcome ?? 'completed');
  }
  return { writer: w, run: w.run, shots };
}
