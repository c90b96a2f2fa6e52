// The trace store: one folder per run (append-only, hash-chained events + signed head), blobs by
// content hash, QA reviews beside the runs, and an index for queries and metrics.
//
//   <root>/runs/<run>/events.jsonl   <root>/runs/<run>/head.json
//   <root>/blobs/<ab>/<sha256>       <root>/reviews/<run>.jsonl     <root>/index.jsonl
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import { fail, type Result } from '../../shared/errors.ts';
import type { AutoRun } from '../../shared/policy.ts';
import {
  OpenRunSchema,
  RunIdSchema,
  TraceQuerySchema,
  VerdictInputSchema,
  type OpenRun,
  type PlaybookMetrics,
  type Review,
  type RunListing,
  type TraceBundle,
  type TraceQuery,
  type VerdictInput,
  type VerifyReport,
} from '../../shared/trace.ts';
import { legworkHome } from '../home.ts';
import { BlobStore } from './blobs.ts';
import { referencedBlobs } from './bundle.ts';
import { writeFileDurable } from './durable.ts';
import { loadOrCreateTraceKey, readTraceKey, type TraceKey } from './keys.ts';
import { playbookMetrics } from './metrics.ts';
import { filterRuns, sampleRuns, type SampleOptions } from './query.ts';
import { ReviewLog } from './reviews.ts';
import { RunIndex, type IndexEntry } from './run-index.ts';
import { EVENTS_FILE, readRunDir, toRecord, type RawRun, type RunRecord } from './run-files.ts';
import { summarizeRun } from './summary.ts';
import { verifyChain } from './verify.ts';
import { RunWriter, type WriterDeps } from './writer.ts';

export interface TraceStoreOptions {
  /** the machine's trace key (ed25519, PEM); created on first use. Default: <root>/../keys/trace-ed25519.pem */
  keyFile?: string;
  /** the clock (tests, the bench's generator) */
  now?: () => Date;
}

export class TraceStore {
  readonly runsDir: string;
  readonly blobs: BlobStore;
  readonly reviews: ReviewLog;
  readonly index: RunIndex;
  readonly keyFile: string;
  private readonly now: () => Date;
  private key: Promise<TraceKey> | null = null;
  /** auto write steps started by this process's writers (the index has them once their run finishes) */
  private readonly autoRunsHere: AutoRun[] = [];

  constructor(
    readonly root: string,
    opts: TraceStoreOptions = {},
  ) {
    this.runsDir = path.join(root, 'runs');
    this.blobs = new BlobStore(path.join(root, 'blobs'));
    this.reviews = new ReviewLog(path.join(root, 'reviews'));
    this.index = new RunIndex(path.join(root, 'index.jsonl'), () => this.scan());
    this.keyFile = opts.keyFile ?? path.join(root, '..', 'keys', 'trace-ed25519.pem');
    this.now = opts.now ?? (() => new Date());
  }

  /** The store of a Legwork home: LEGWORK_HOME/traces, the key in LEGWORK_HOME/keys. */
  static forHome(home: string = legworkHome()): TraceStore {
    return new TraceStore(path.join(home, 'traces'), { keyFile: path.join(home, 'keys', 'trace-ed25519.pem') });
  }

  runDir(run: string): string {
    return path.join(this.runsDir, RunIdSchema.parse(run));
  }

  /** Starts a run: writes run_started {ticketId, agent, playbooks, ...data} and indexes it. */
  async openRun(input: OpenRun): Promise<RunWriter> {
    const { ticketId, agent, playbooks, data, runId } = OpenRunSchema.parse(input);
    const run = runId ?? `${this.now().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}-${randomBytes(4).toString('hex')}`;
    await mkdir(path.join(this.root), { recursive: true, mode: 0o700 });
    return RunWriter.create(this.runDir(run), run, this.writerDeps(), { ...data, ticketId, agent, playbooks });
  }

  /**
   * Carries on a run a crash left without a head (recovery): a half-written last line is cut off
   * (it was never acknowledged, so nothing acted on it). Refused for a finished or damaged run.
   */
  async resumeRun(run: string): Promise<Result<RunWriter>> {
    const raw = await this.readRaw(run);
    if (!raw.ok) return raw;
    if (raw.data.head !== undefined) return fail('precondition_failed', `run ${run} is finished`);
    const report = await this.verifyRaw(run, raw.data);
    const damage = report.problems.find((p) => p.code !== 'no_head' && p.code !== 'truncated_line');
    if (damage) return fail('precondition_failed', `run ${run} cannot be carried on: ${damage.message}`);
    if (raw.data.parsed.torn) await truncate(path.join(this.runDir(run), EVENTS_FILE), raw.data.parsed.completeBytes);
    const events = raw.data.parsed.lines.flatMap((l) => (l.event ? [l.event] : []));
    return { ok: true, data: RunWriter.resumed(this.runDir(run), run, this.writerDeps(), events) };
  }

  /** A run as stored; a half-written last line (a crash) is reported as `truncated`, not an error. */
  async readRun(run: string): Promise<Result<RunRecord>> {
    const raw = await this.readRaw(run);
    return raw.ok ? { ok: true, data: toRecord(run, raw.data) } : raw;
  }

  async putBlob(bytes: Uint8Array): Promise<string> {
    return this.blobs.put(bytes);
  }

  getBlob(hash: string): Promise<Buffer | undefined> {
    return this.blobs.get(hash);
  }

  /** The machine's trace public key (base64 SPKI DER), or null before the first finished run. */
  async publicKey(): Promise<string | null> {
    return (await readTraceKey(this.keyFile))?.publicKey ?? null;
  }

  /**
   * Verifies a stored run. By default a head must be signed by this machine's key (when it has
   * one); `trustedKeys` replaces that list.
   */
  async verifyRun(run: string, opts: { trustedKeys?: string[] } = {}): Promise<VerifyReport> {
    const raw = await this.readRaw(run);
    if (!raw.ok) return { ok: false, run, events: 0, finished: false, head: null, problems: [{ code: 'unreadable', message: raw.error.message }] };
    return this.verifyRaw(run, raw.data, opts.trustedKeys);
  }

  /** The run as one bundle (events, head, blobs, public key, reviews): what exportRun writes and the hub uploader sends. */
  async bundleOf(run: string): Promise<Result<TraceBundle>> {
    const raw = await this.readRaw(run);
    if (!raw.ok) return raw;
    const events = raw.data.parsed.lines.map((l) => l.event ?? null);
    const blobs: Record<string, string> = {};
    for (const hash of referencedBlobs(events)) {
      const bytes = await this.blobs.get(hash);
      if (bytes) blobs[hash] = bytes.toString('base64');
    }
    const head = raw.data.head ?? null;
    const headKey = head && typeof head === 'object' ? (head as { publicKey?: unknown }).publicKey : undefined;
    return {
      ok: true,
      data: {
        format: 'legwork-trace-bundle',
        version: 1,
        run,
        exportedAt: this.now().toISOString(),
        events,
        head,
        publicKey: typeof headKey === 'string' ? headKey : ((await this.publicKey()) ?? ''),
        blobs,
        reviews: await this.reviews.of(run),
      },
    };
  }

  /** Writes the run as one bundle file (events, head, blobs, public key, reviews). */
  async exportRun(run: string, out: string): Promise<Result<{ file: string; events: number; blobs: number; finished: boolean }>> {
    const made = await this.bundleOf(run);
    if (!made.ok) return made;
    const bundle = made.data;
    try {
      await writeFileDurable(path.resolve(out), JSON.stringify(bundle));
    } catch (e) {
      return fail('invalid_input', `cannot write ${out}: ${(e as Error).message}`);
    }
    return { ok: true, data: { file: path.resolve(out), events: bundle.events.length, blobs: Object.keys(bundle.blobs).length, finished: bundle.head !== null } };
  }

  /** Records a QA verdict beside the trace; the run's own files are not touched. */
  async setVerdict(run: string, input: VerdictInput): Promise<Result<Review>> {
    if (!RunIdSchema.safeParse(run).success) return fail('invalid_input', `"${run}" is not a run id`);
    const parsed = VerdictInputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail('invalid_input', `verdict: ${issue?.path.join('.') || 'input'} ${issue?.message ?? ''}`.trim());
    }
    if (!(await isDir(this.runDir(run)))) return fail('not_found', `no run ${run}`);
    const review: Review = { run, ...parsed.data, at: this.now().toISOString() };
    await mkdir(this.reviews.dir, { recursive: true, mode: 0o700 });
    await this.reviews.add(review);
    await this.index.add({ k: 'verdict', run, verdict: review.verdict, at: review.at });
    return { ok: true, data: review };
  }

  /** The runs that match, newest first, each with its newest verdict. */
  async listRuns(query: TraceQuery = {}): Promise<Result<RunListing[]>> {
    const q = TraceQuerySchema.safeParse(query);
    if (!q.success) {
      const issue = q.error.issues[0];
      return fail('invalid_input', `query: ${issue?.path.join('.') || 'query'} ${issue?.message ?? ''}`.trim());
    }
    return { ok: true, data: filterRuns(await this.index.all(), q.data) };
  }

  /** A QA sample of the runs that match: all escalations and a seeded share of the rest. */
  async sampleForQa(query: TraceQuery, opts: SampleOptions): Promise<Result<RunListing[]>> {
    const runs = await this.listRuns(query);
    return runs.ok ? { ok: true, data: sampleRuns(runs.data, opts) } : runs;
  }

  /** Metrics per playbook (and "all") over the runs that match. */
  async metrics(query: TraceQuery = {}, baselines?: Record<string, number>): Promise<Result<PlaybookMetrics[]>> {
    const runs = await this.listRuns(query);
    return runs.ok ? { ok: true, data: playbookMetrics(runs.data, baselines) } : runs;
  }

  /**
   * The write steps that ran 'auto' for `agent` in the last `windowMs` (default an hour): what
   * policy rate limits count. Synchronous: from the index (read from disk on first use) and from
   * the runs this process is writing. A run left open by a crashed process counts once recovered.
   */
  recentAutoRuns(agent: string, windowMs = 3_600_000, now: Date = this.now()): AutoRun[] {
    const since = new Date(now.getTime() - windowMs).toISOString();
    const seen = new Set<string>();
    const out: AutoRun[] = [];
    const add = (r: AutoRun) => {
      const key = `${r.action}\u0000${r.at}`;
      if (r.agent !== agent || r.at < since || seen.has(key)) return;
      seen.add(key);
      out.push(r);
    };
    for (const run of this.index.allNow()) {
      if (run.agent !== agent || (run.finishedAt !== null && run.finishedAt < since)) continue;
      for (const a of run.autoRuns ?? []) add({ agent: run.agent, action: a.action, at: a.at });
    }
    for (const r of this.autoRunsHere) add(r);
    return out;
  }

  /** Rewrites the index from the run and review files. */
  rebuildIndex(): Promise<number> {
    return this.index.rebuild();
  }

  private writerDeps(): WriterDeps {
    return {
      blobs: this.blobs,
      now: this.now,
      key: () => (this.key ??= loadOrCreateTraceKey(this.keyFile)),
      indexed: (summary) => this.index.add({ k: 'run', s: summary }),
      autoRan: (r) => {
        this.autoRunsHere.push(r);
        // keep a day at most
        const old = new Date(this.now().getTime() - 86_400_000).toISOString();
        while (this.autoRunsHere.length && this.autoRunsHere[0]!.at < old) this.autoRunsHere.shift();
      },
    };
  }

  private async readRaw(run: string): Promise<Result<RawRun>> {
    if (!RunIdSchema.safeParse(run).success) return fail('invalid_input', `"${run}" is not a run id`);
    try {
      return { ok: true, data: await readRunDir(this.runDir(run)) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return fail('not_found', `no run ${run}`);
      return fail('internal', `run ${run} cannot be read: ${(e as Error).message}`);
    }
  }

  private async verifyRaw(run: string, raw: RawRun, trustedKeys?: string[]): Promise<VerifyReport> {
    const own = trustedKeys ? null : await this.publicKey();
    return verifyChain({
      run,
      lines: raw.parsed.lines,
      torn: raw.parsed.torn,
      head: raw.head,
      blob: (hash) => this.blobs.get(hash),
      trustedKeys: trustedKeys ?? (own ? [own] : undefined),
    });
  }

  /** Every run's summary and newest verdict, from the files (the index's source of truth). */
  private async scan(): Promise<IndexEntry[]> {
    let names: string[];
    try {
      names = (await readdir(this.runsDir)).filter((n) => RunIdSchema.safeParse(n).success);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const entries: IndexEntry[] = [];
    for (let i = 0; i < names.length; i += 64) {
      const batch = await Promise.all(
        names.slice(i, i + 64).map(async (run): Promise<IndexEntry[]> => {
          const raw = await this.readRaw(run);
          if (!raw.ok) return [];
          const out: IndexEntry[] = [{ k: 'run', s: summarizeRun(run, toRecord(run, raw.data).events) }];
          const last = (await this.reviews.of(run)).at(-1);
          if (last) out.push({ k: 'verdict', run, verdict: last.verdict, at: last.at });
          return out;
        }),
      );
      entries.push(...batch.flat());
    }
    return entries;
  }
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}
