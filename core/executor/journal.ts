// The write-ahead journal: one append-only JSONL file per run under LEGWORK_HOME/journal, each
// record flushed to disk (fsync) before the executor goes on. An intent is on disk before its
// action touches a system, so after a crash we know which steps may have happened.
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, truncate, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { FailureSchema } from '../../shared/errors.ts';
import { PlanSchema } from '../../shared/plan.ts';
import { DecisionSchema } from '../../shared/decision.ts';
import { RunOutcomeSchema, type RunOutcome } from '../../shared/trace.ts';
import { legworkHome } from '../home.ts';
import { redact } from '../../automations/runtime/redact.ts';
import { writeFileDurable } from '../trace/durable.ts';
import { ApprovalSchema } from '../plan-hash.ts';

export const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

const at = z.string();
const ScreenshotsSchema = z.object({ before: z.string().optional(), after: z.string().optional() });

export const JournalRecordSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run_opened'),
    at,
    run: z.string().regex(RUN_ID),
    plan: PlanSchema,
    approval: ApprovalSchema,
    /** who gets the run when it is handed over */
    escalateTo: z.string().optional(),
  }),
  /** about to run a step: on disk before the action starts */
  z.object({ type: z.literal('intent'), at, stepId: z.string(), decision: DecisionSchema.optional(), recovered: z.boolean().optional() }),
  z.object({
    type: z.literal('result'),
    at,
    stepId: z.string(),
    ok: z.boolean(),
    alreadyDone: z.boolean(),
    error: FailureSchema.optional(),
    screenshots: ScreenshotsSchema.optional(),
    /** found after a crash: the write's alreadyDone check (or the action again, guarded by it) decided */
    recovered: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('skipped'),
    at,
    stepId: z.string(),
    by: z.enum(['agent', 'policy']),
    reason: z.string(),
    decision: DecisionSchema.optional(),
    /** the run stops here (the policy turned stricter than what the approver saw) */
    stops: z.boolean().optional(),
  }),
  /** the agent cancelled: the steps left do not run, also not after a crash */
  z.object({ type: z.literal('cancel'), at }),
  /** about to write the hand-over note: its exact text, so that after a crash the same note is checked for */
  z.object({ type: z.literal('escalation_intent'), at, reason: z.string(), body: z.string() }),
  z.object({ type: z.literal('escalation_result'), at, ok: z.boolean(), alreadyDone: z.boolean(), error: FailureSchema.optional() }),
  z.object({ type: z.literal('closed'), at, outcome: RunOutcomeSchema }),
]);
export type JournalRecord = z.infer<typeof JournalRecordSchema>;
/** A record as the executor writes it; the journal stamps the time. */
export type JournalEntry = JournalRecord extends infer R ? (R extends JournalRecord ? Omit<R, 'at'> : never) : never;

type Rec<T extends JournalRecord['type']> = Extract<JournalRecord, { type: T }>;

export interface StepJournal {
  intent?: Rec<'intent'>;
  result?: Rec<'result'>;
  skipped?: Rec<'skipped'>;
}

/** A run as its journal tells it. */
export interface RunJournal {
  opened: Rec<'run_opened'>;
  steps: Map<string, StepJournal>;
  cancelled: boolean;
  escalation?: { intent: Rec<'escalation_intent'>; result?: Rec<'escalation_result'> };
  closed?: RunOutcome;
}

export class JournalError extends Error {
  override name = 'JournalError';
}

export function replay(records: JournalRecord[]): RunJournal {
  const [first, ...rest] = records;
  if (first?.type !== 'run_opened') throw new JournalError('the journal does not start with run_opened');
  const run: RunJournal = { opened: first, steps: new Map(), cancelled: false };
  const step = (id: string) => {
    let s = run.steps.get(id);
    if (!s) run.steps.set(id, (s = {}));
    return s;
  };
  for (const r of rest) {
    if (r.type === 'intent') step(r.stepId).intent = r;
    else if (r.type === 'result') step(r.stepId).result = r;
    else if (r.type === 'skipped') step(r.stepId).skipped = r;
    else if (r.type === 'cancel') run.cancelled = true;
    else if (r.type === 'escalation_intent') run.escalation = { intent: r };
    else if (r.type === 'escalation_result' && run.escalation) run.escalation.result = r;
    else if (r.type === 'closed') run.closed = r.outcome;
    else throw new JournalError(`a second run_opened in run ${first.run}`);
  }
  return run;
}

export class Journal {
  constructor(readonly dir: string) {}

  /** The journal under LEGWORK_HOME. */
  static inHome(home: string = legworkHome()): Journal {
    return new Journal(path.join(home, 'journal'));
  }

  file(runId: string): string {
    if (!RUN_ID.test(runId)) throw new JournalError(`bad run id "${runId}"`);
    return path.join(this.dir, `${runId}.jsonl`);
  }

  /** Starts a run's journal; refuses a run id that already has one. */
  async create(entry: Omit<Rec<'run_opened'>, 'at'>): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await this.write(this.file(entry.run), { ...entry, at: now() }, 'wx');
    // the new file's name must survive a crash too
    await syncDir(this.dir);
  }

  async append(runId: string, entry: JournalEntry): Promise<void> {
    await this.write(this.file(runId), { ...entry, at: now() } as JournalRecord, 'a');
    if (entry.type === 'closed') await this.scrub(runId);
  }

  /**
   * A closed run's journal, redacted like evidence: the plan's exact parameters (which may quote card
   * data from a ticket) are needed only to finish an open run after a crash. Replaced all at once.
   */
  private async scrub(runId: string): Promise<void> {
    const { records } = await this.read(runId);
    await writeFileDurable(this.file(runId), records.map((r) => `${JSON.stringify(redact(r))}\n`).join(''), { mode: 0o600 });
  }

  /**
   * The run's records. A last line without its newline is a write the crash cut short: it is left
   * out (and `repair` removes it). Any other line that does not parse means the journal is damaged.
   */
  async read(runId: string): Promise<{ records: JournalRecord[]; tornTail: boolean }> {
    const text = await readFile(this.file(runId), 'utf8');
    const lines = text.split('\n');
    const tail = lines.pop() ?? '';
    const records = lines.map((line, i) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new JournalError(`journal of run ${runId}: line ${i + 1} is not JSON`);
      }
      const parsed = JournalRecordSchema.safeParse(json);
      if (!parsed.success) throw new JournalError(`journal of run ${runId}: line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      return parsed.data;
    });
    return { records, tornTail: tail.length > 0 };
  }

  async load(runId: string): Promise<RunJournal> {
    return replay((await this.read(runId)).records);
  }

  /** Cuts a torn last line so the next record starts on a line of its own. */
  async repair(runId: string): Promise<void> {
    const file = this.file(runId);
    const text = await readFile(file);
    const end = text.lastIndexOf(0x0a) + 1;
    if (end < text.length) {
      await truncate(file, end);
      const fh = await open(file, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
  }

  async runIds(): Promise<string[]> {
    const names = await readdir(this.dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [] as string[];
      throw e;
    });
    return names.filter((n) => n.endsWith('.jsonl')).map((n) => n.slice(0, -'.jsonl'.length)).filter((id) => RUN_ID.test(id)).sort();
  }

  /**
   * Runs whose journal does not end with a `closed` record (a damaged journal counts as unclosed).
   * Only each file's tail is read: `closed` is always a run's last record.
   */
  async unclosed(): Promise<string[]> {
    const open: string[] = [];
    for (const id of await this.runIds()) {
      if ((await this.lastRecordType(id)) !== 'closed') open.push(id);
    }
    return open;
  }

  private async lastRecordType(runId: string): Promise<string | undefined> {
    const fh = await open(this.file(runId), 'r');
    try {
      const { size } = await fh.stat();
      const length = Math.min(size, 4096);
      const buf = Buffer.alloc(length);
      await fh.read(buf, 0, length, size - length);
      const lines = buf.toString('utf8').split('\n');
      lines.pop(); // empty after the last newline, or a torn line
      const last = lines.pop();
      return last ? (JSON.parse(last) as { type?: string }).type : undefined;
    } catch {
      return undefined;
    } finally {
      await fh.close();
    }
  }

  /**
   * Takes the run for this process: null when a live process (this one included) holds it. A lock
   * left by a process that died (a crash) is taken over.
   */
  async lock(runId: string): Promise<(() => Promise<void>) | null> {
    const file = path.join(this.dir, `${runId}.lock`);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    for (let tries = 0; tries < 2; tries++) {
      try {
        await writeFile(file, String(process.pid), { flag: 'wx', mode: 0o600 });
        return () => unlink(file).catch(() => undefined);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) return null;
      await unlink(file).catch(() => undefined);
    }
    return null;
  }

  private async write(file: string, record: JournalRecord, flag: 'a' | 'wx'): Promise<void> {
    const fh = await open(file, flag === 'wx' ? constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL : constants.O_WRONLY | constants.O_APPEND, 0o600);
    try {
      await fh.write(`${JSON.stringify(record)}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
}

function now(): string {
  return new Date().toISOString();
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // not every platform can fsync a directory (Windows); the file's own fsync still holds
  }
}
