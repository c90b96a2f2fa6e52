// Sends this desk's finished runs to the hub in the background. The queue is on disk:
// LEGWORK_HOME/hub/outbox/<run> (one empty file per run waiting), moved to hub/sent/<run> once the
// hub has it and to hub/refused/<run>.json (with the hub's reason) when it refuses it. A file leaves
// the outbox only after the hub answered, and the hub stores a run once (run id + head hash), so a
// desk or a hub killed at any moment loses nothing and duplicates nothing: what was in flight is
// sent again and the hub answers "had it already". Network failures and 5xx back off (doubling, with
// jitter, up to maxDelayMs) per run.
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RunIdSchema } from '../../shared/trace.ts';
import { writeFileDurable, syncDir } from '../trace/durable.ts';
import type { TraceStore } from '../trace/store.ts';
import type { HubClient } from './client.ts';

export interface UploaderOptions {
  home: string;
  store: TraceStore;
  client: HubClient;
  minDelayMs?: number;
  maxDelayMs?: number;
  /** how long one upload may take before it counts as failed (default 120 s) */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface DrainResult {
  sent: string[];
  /** the hub had them already (an upload sent again after a cut) */
  already: string[];
  refused: { run: string; reason: string }[];
  /** still waiting: the hub was unreachable or failed; tried again after a back-off */
  waiting: string[];
}

export class HubUploader {
  readonly outbox: string;
  readonly sentDir: string;
  readonly refusedDir: string;
  private readonly retryAt = new Map<string, { at: number; delay: number }>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<DrainResult> | undefined;
  private stopped = true;

  constructor(private readonly opts: UploaderOptions) {
    this.outbox = path.join(opts.home, 'hub', 'outbox');
    this.sentDir = path.join(opts.home, 'hub', 'sent');
    this.refusedDir = path.join(opts.home, 'hub', 'refused');
  }

  /** Puts a finished run in the queue (durably: it is sent even if the desk is killed right after). */
  async enqueue(run: string): Promise<void> {
    RunIdSchema.parse(run);
    await writeFileDurable(path.join(this.outbox, run), '');
    this.retryAt.delete(run);
    this.kick();
  }

  /** Queues every finished run of the store that was never sent nor refused (runs from before enrollment, say). */
  async enqueueFinished(): Promise<number> {
    const listed = await this.opts.store.listRuns({});
    if (!listed.ok) return 0;
    const done = new Set([...(await names(this.sentDir)), ...(await names(this.refusedDir)).map((n) => n.replace(/\.json$/, '')), ...(await names(this.outbox))]);
    let n = 0;
    for (const r of listed.data) {
      if (r.outcome === null || done.has(r.run)) continue;
      await writeFileDurable(path.join(this.outbox, r.run), '');
      n++;
    }
    if (n) this.kick();
    return n;
  }

  /** Sends what is due now, one run at a time. */
  drain(): Promise<DrainResult> {
    this.running ??= this.drainOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Keeps sending in the background until stop(). */
  start(): void {
    this.stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private kick(delay = 0): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain()
        .catch((e: unknown) => this.opts.log?.(`hub upload: ${(e as Error).message}`))
        .then(() => this.scheduleNext());
    }, delay);
    this.timer.unref?.();
  }

  private async scheduleNext(): Promise<void> {
    const waiting = await names(this.outbox);
    if (!waiting.length) return;
    const next = Math.min(...waiting.map((r) => this.retryAt.get(r)?.at ?? Date.now()));
    this.kick(Math.max(0, next - Date.now()));
  }

  private async drainOnce(): Promise<DrainResult> {
    const out: DrainResult = { sent: [], already: [], refused: [], waiting: [] };
    for (const run of await names(this.outbox)) {
      if (!RunIdSchema.safeParse(run).success) continue;
      const due = this.retryAt.get(run);
      if (due && due.at > Date.now()) {
        out.waiting.push(run);
        continue;
      }
      const result = await this.sendOne(run);
      if (result.kind === 'sent') out[result.stored ? 'sent' : 'already'].push(run);
      else if (result.kind === 'refused') out.refused.push({ run, reason: result.reason });
      else {
        out.waiting.push(run);
        this.backOff(run, result.reason);
      }
    }
    return out;
  }

  private async sendOne(run: string): Promise<{ kind: 'sent'; stored: boolean } | { kind: 'refused' | 'retry'; reason: string }> {
    const bundle = await this.opts.store.bundleOf(run);
    if (!bundle.ok) return this.refuse(run, `the run cannot be read here: ${bundle.error.message}`);
    // not finished yet (or left open by a crash until it is recovered): it waits
    if (bundle.data.head === null) return { kind: 'retry', reason: 'the run has not finished (no signed head yet)' };
    let answer;
    try {
      answer = await this.opts.client.request('POST', '/api/runs', Buffer.from(JSON.stringify(bundle.data)), { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 120_000) });
    } catch (e) {
      return { kind: 'retry', reason: `the hub cannot be reached: ${(e as Error).message}` };
    }
    if (answer.status === 200 || answer.status === 201) {
      await mkdir(this.sentDir, { recursive: true, mode: 0o700 });
      await writeFile(path.join(this.sentDir, run), '');
      await rm(path.join(this.outbox, run), { force: true });
      await syncDir(this.outbox);
      this.retryAt.delete(run);
      return { kind: 'sent', stored: answer.status === 201 };
    }
    const reason = answer.error?.message ?? `HTTP ${answer.status}`;
    // the hub looked at the bundle and said no: sending it again would not change that
    if ([400, 403, 409, 413, 422].includes(answer.status)) return this.refuse(run, reason);
    return { kind: 'retry', reason };
  }

  private async refuse(run: string, reason: string): Promise<{ kind: 'refused'; reason: string }> {
    await writeFileDurable(path.join(this.refusedDir, `${run}.json`), `${JSON.stringify({ run, reason, at: new Date().toISOString() })}\n`);
    await rename(path.join(this.outbox, run), path.join(this.refusedDir, run)).catch(() => undefined);
    await rm(path.join(this.refusedDir, run), { force: true });
    this.opts.log?.(`hub refused run ${run}: ${reason}`);
    return { kind: 'refused', reason };
  }

  private backOff(run: string, reason: string): void {
    const min = this.opts.minDelayMs ?? 1000;
    const prev = this.retryAt.get(run)?.delay ?? 0;
    const delay = Math.min(this.opts.maxDelayMs ?? 60_000, prev ? prev * 2 : min);
    this.retryAt.set(run, { at: Date.now() + delay * (0.75 + Math.random() * 0.5), delay });
    this.opts.log?.(`hub upload of ${run} waits ${Math.round(delay / 1000)} s: ${reason}`);
  }
}

async function names(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => !n.endsWith('.tmp'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}
