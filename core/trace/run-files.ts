// Where a run lives in the store and how its files are read (tolerating a crash's half line).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TraceHeadSchema, type TraceEvent, type TraceHead } from '../../shared/trace.ts';
import { parseEventLines, type ParsedEvents } from './chain.ts';

export const EVENTS_FILE = 'events.jsonl';
export const HEAD_FILE = 'head.json';

export interface RawRun {
  parsed: ParsedEvents;
  /** undefined when there is no head file; the parsed JSON (or the raw text if not JSON) otherwise */
  head: unknown;
}

/** Reads a run folder; throws only when the events file cannot be read at all. */
export async function readRunDir(dir: string): Promise<RawRun> {
  const text = await readFile(path.join(dir, EVENTS_FILE), 'utf8');
  let head: unknown;
  try {
    const raw = await readFile(path.join(dir, HEAD_FILE), 'utf8');
    try {
      head = JSON.parse(raw);
    } catch {
      head = raw;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return { parsed: parseEventLines(text), head };
}

/** A run as a reader sees it: its events in order, its head, and whether its tail was cut. */
export interface RunRecord {
  run: string;
  events: TraceEvent[];
  head: TraceHead | null;
  /** the last line was half written (a crash): it is left out */
  truncated: boolean;
  /** lines that are not events (left out) */
  malformedLines: number[];
}

export function toRecord(run: string, raw: RawRun): RunRecord {
  const head = TraceHeadSchema.safeParse(raw.head);
  return {
    run,
    events: raw.parsed.lines.flatMap((l) => (l.event ? [l.event] : [])),
    head: head.success ? head.data : null,
    truncated: raw.parsed.torn !== null,
    malformedLines: raw.parsed.lines.filter((l) => !l.event).map((l) => l.line),
  };
}
