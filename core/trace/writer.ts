// One run being written: append-only JSONL, each event hash-chained and on disk (fsync) before
// append() resolves — the executor relies on that before any side effect. finish() writes the
// signed head that makes a cut tail detectable.
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { RUN_OUTCOMES, RunOutcomeSchema, TraceEventTypeSchema, type RunOutcome, type RunSummary, type TraceEvent, type TraceEventType, type TraceHead, type TraceSink } from '../../shared/trace.ts';
import type { BlobStore } from './blobs.ts';
import { makeEvent } from './chain.ts';
import { appendLineDurable, syncDir, writeFileDurable } from './durable.ts';
import { signHead, type TraceKey } from './keys.ts';
import { EVENTS_FILE, HEAD_FILE } from './run-files.ts';
import { summarizeRun } from './summary.ts';

export interface WriterDeps {
  blobs: BlobStore;
  now: () => Date;
  key: () => Promise<TraceKey>;
  /** the run's summary changed (opened, finished): the index hears of it */
  indexed: (summary: RunSummary) => Promise<void>;
  /** a write step is about to run under an 'auto' decision (rate limits count it at once) */
  autoRan?: (run: { agent: string; action: string; at: string }) => void;
}

export class RunWriter implements TraceSink {
  private tail: Promise<unknown> = Promise.resolve();
  private broken: Error | null = null;
  private head: TraceHead | null = null;
  /** finish() was called: no more appends */
  private finishing = false;
  /** blob hashes stored through this writer: events naming them get them listed in data.blobs */
  private readonly stored = new Set<string>();

  private constructor(
    readonly run: string,
    readonly dir: string,
    private readonly deps: WriterDeps,
    private readonly events: TraceEvent[],
  ) {}

  /** Creates the run's folder (refusing one that exists) and writes run_started. */
  static async create(dir: string, run: string, deps: WriterDeps, started: Record<string, unknown>): Promise<RunWriter> {
    await mkdir(path.dirname(dir), { recursive: true, mode: 0o700 });
    await mkdir(dir, { mode: 0o700 }); // EEXIST: never write into another run
    const fh = await open(path.join(dir, EVENTS_FILE), 'wx', 0o600);
    await fh.close();
    await syncDir(dir);
    await syncDir(path.dirname(dir));
    const writer = new RunWriter(run, dir, deps, []);
    await writer.append('run_started', started);
    await deps.indexed(writer.summary());
    return writer;
  }

  /** Carries on a run read back from disk (recovery after a crash); the caller checked it. */
  static resumed(dir: string, run: string, deps: WriterDeps, events: TraceEvent[]): RunWriter {
    return new RunWriter(run, dir, deps, [...events]);
  }

  get count(): number {
    return this.events.length;
  }

  /** the newest event written */
  get last(): TraceEvent | undefined {
    return this.events.at(-1);
  }

  get finished(): boolean {
    return this.head !== null;
  }

  summary(): RunSummary {
    return summarizeRun(this.run, this.events);
  }

  append(type: TraceEventType, data: Record<string, unknown>): Promise<TraceEvent> {
    if (this.finishing) return Promise.reject(new Error(`run ${this.run} is finished: its trace takes no more events`));
    if (type === 'run_finished') {
      // through the plain TraceSink: the same as finish(), which also signs the head
      const outcome = RunOutcomeSchema.safeParse(data?.outcome);
      if (!outcome.success) return Promise.reject(new Error(`run_finished needs an outcome (${RUN_OUTCOMES.join(', ')})`));
      return this.finish(outcome.data, data).then(() => this.events.at(-1)!);
    }
    const next = this.tail.then(() => this.write(type, data));
    this.tail = next.catch(() => undefined);
    return next;
  }

  async putBlob(bytes: Uint8Array): Promise<string> {
    const hash = await this.deps.blobs.put(bytes);
    this.stored.add(hash);
    return hash;
  }

  /**
   * Writes run_finished (the outcome, the run's duration unless data gives one, and data) and the
   * signed head. Appending run_finished through the TraceSink does the same.
   */
  async finish(outcome: RunOutcome, data: Record<string, unknown> = {}): Promise<TraceHead> {
    const parsed = RunOutcomeSchema.parse(outcome);
    if (this.finishing) throw new Error(`run ${this.run} is already finished`);
    this.finishing = true;
    const at = this.deps.now();
    const started = this.events[0] ? Date.parse(this.events[0].at) : NaN;
    const durationMs = Math.max(0, at.getTime() - started);
    const done = this.tail.then(() => this.write('run_finished', { ...(Number.isFinite(durationMs) ? { durationMs } : {}), ...data, outcome: parsed }, at));
    this.tail = done.catch(() => undefined);
    await done;
    const last = this.events.at(-1)!;
    const head = signHead(await this.deps.key(), { run: this.run, count: this.events.length, lastHash: last.hash, outcome: parsed, signedAt: this.deps.now().toISOString() });
    await writeFileDurable(path.join(this.dir, HEAD_FILE), `${JSON.stringify(head, null, 2)}\n`);
    this.head = head;
    await this.deps.indexed(this.summary());
    return head;
  }

  private async write(type: TraceEventType, data: Record<string, unknown>, at: Date = this.deps.now()): Promise<TraceEvent> {
    if (this.broken) throw new Error(`trace of run ${this.run} cannot be written: ${this.broken.message}`);
    TraceEventTypeSchema.parse(type);
    // a JSON round trip: what is hashed is exactly what a reader parses back (Dates, undefined…)
    const plain = JSON.parse(JSON.stringify(data ?? {})) as Record<string, unknown>;
    if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) throw new Error('event data must be an object');
    const refs = this.referencedBlobs(plain);
    if (refs.length) plain.blobs = refs;
    const prev = this.events.at(-1)?.hash ?? '';
    const event = makeEvent(this.run, this.events.length, at.toISOString(), type, plain, prev);
    try {
      await appendLineDurable(path.join(this.dir, EVENTS_FILE), JSON.stringify(event));
    } catch (e) {
      // a line may be half on disk: nothing more is appended after it
      this.broken = e as Error;
      throw e;
    }
    this.events.push(event);
    if (type === 'step_intent' && plain.kind === 'write' && isAuto(plain.decision)) {
      const agent = this.events.filter((e) => e.type === 'run_started').map((e) => e.data.agent).findLast((a) => typeof a === 'string');
      this.deps.autoRan?.({ agent: (agent as string | undefined) ?? '', action: typeof plain.action === 'string' ? plain.action : '', at: event.at });
    }
    return event;
  }

  private referencedBlobs(data: Record<string, unknown>): string[] {
    const found = new Set<string>(Array.isArray(data.blobs) ? data.blobs.filter((b): b is string => typeof b === 'string') : []);
    if (this.stored.size) {
      const walk = (v: unknown): void => {
        if (typeof v === 'string') {
          if (this.stored.has(v)) found.add(v);
        } else if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      };
      walk(data);
    }
    return [...found].sort();
  }
}

function isAuto(decision: unknown): boolean {
  return decision === 'auto' || (typeof decision === 'object' && decision !== null && (decision as { kind?: unknown }).kind === 'auto');
}
