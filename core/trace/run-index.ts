// The compact index of runs that queries read: one JSON line per change (a run opened or finished,
// a verdict given), the newest line about a run winning. Loaded once and followed by its tail;
// rebuildable from the run and review files at any time.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { RunListing, RunSummary, Verdict } from '../../shared/trace.ts';
import { VerdictSchema } from '../../shared/trace.ts';
import { appendLineDurable, writeFileDurable } from './durable.ts';

export type IndexEntry = { k: 'run'; s: RunSummary } | { k: 'verdict'; run: string; verdict: Verdict; at: string };

export class RunIndex {
  private readonly runs = new Map<string, RunSummary>();
  private readonly verdicts = new Map<string, Verdict>();
  private loaded: { ino: number; size: number } | null = null;
  /** every run with its verdict, newest first; rebuilt after a change */
  private listing: RunListing[] | null = null;
  /** index lines that did not parse (a rebuild drops them) */
  skipped = 0;

  constructor(
    readonly file: string,
    /** every entry, from the run and review files */
    private readonly scan: () => Promise<IndexEntry[]>,
  ) {}

  /** Every run with its newest verdict, newest first, as of the index file now. Do not change it. */
  async all(): Promise<readonly RunListing[]> {
    if (!this.refresh()) await this.rebuild();
    return this.listing ?? this.list();
  }

  /**
   * The same without waiting (the index file is read synchronously). Without an index file it
   * gives what is in memory; `all()` rebuilds a missing index.
   */
  allNow(): readonly RunListing[] {
    this.refresh();
    return this.listing ?? this.list();
  }

  private list(): RunListing[] {
    // the summaries are this index's own parsed objects: the verdict is set on them, not copied
    const out = [...this.runs.values()] as RunListing[];
    let ascending = true;
    for (let i = 0; i < out.length; i++) {
      out[i]!.verdict = this.verdicts.get(out[i]!.run) ?? null;
      if (i && newestFirst(out[i - 1]!, out[i]!) < 0) ascending = false;
    }
    // a rebuilt index is in start order and live runs are added in it: sorting is rarely needed
    this.listing = ascending ? out.reverse() : out.sort(newestFirst);
    return this.listing;
  }

  async add(entry: IndexEntry): Promise<void> {
    if (!this.refresh()) await this.rebuild(); // so this line does not become all of the index
    await appendLineDurable(this.file, JSON.stringify(entry));
  }

  /** Rewrites the index from the run and review files; returns how many runs it holds. */
  async rebuild(): Promise<number> {
    const entries = await this.scan();
    const startOf = (e: IndexEntry) => (e.k === 'run' ? e.s.startedAt : '\uffff');
    entries.sort((a, b) => (startOf(a) < startOf(b) ? -1 : startOf(a) > startOf(b) ? 1 : 0));
    await writeFileDurable(this.file, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    this.loaded = null;
    this.refresh();
    return this.runs.size;
  }

  /** Catches up with the index file (synchronously: one stat, and a read when it grew); false when there is none. */
  private refresh(): boolean {
    let st;
    try {
      st = statSync(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      return false;
    }
    if (this.loaded && this.loaded.ino === st.ino && this.loaded.size === st.size) return true;
    if (!this.loaded || this.loaded.ino !== st.ino || st.size < this.loaded.size) {
      this.runs.clear();
      this.verdicts.clear();
      this.listing = null;
      this.skipped = 0;
      this.loaded = { ino: st.ino, size: this.apply(readFileSync(this.file, 'utf8')) };
      return true;
    }
    const fd = openSync(this.file, 'r');
    try {
      const buf = Buffer.alloc(st.size - this.loaded.size);
      readSync(fd, buf, 0, buf.length, this.loaded.size);
      this.loaded = { ino: st.ino, size: this.loaded.size + this.apply(buf.toString('utf8')) };
    } finally {
      closeSync(fd);
    }
    return true;
  }

  /** Applies the complete lines of `text`; returns the bytes consumed (up to the last newline). */
  private apply(text: string): number {
    const end = text.lastIndexOf('\n') + 1;
    for (const line of text.slice(0, end).split('\n')) {
      if (!line) continue;
      let e: IndexEntry;
      try {
        e = JSON.parse(line);
      } catch {
        this.skipped++;
        continue;
      }
      if (e.k === 'run' && typeof e.s?.run === 'string') this.runs.set(e.s.run, e.s);
      else if (e.k === 'verdict' && VerdictSchema.safeParse(e.verdict).success) this.verdicts.set(e.run, e.verdict);
      else this.skipped++;
    }
    if (end) this.listing = null;
    return Buffer.byteLength(text.slice(0, end));
  }
}

/** By start time, newest first; then by run id. */
export function newestFirst(a: RunListing, b: RunListing): number {
  return a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.run < b.run ? 1 : a.run > b.run ? -1 : 0;
}
