// The hash chain of a run's events: each event's hash covers its content and the hash before it.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/plan.ts';
import { TraceEventSchema, type TraceEvent, type TraceEventType } from '../../shared/trace.ts';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** sha256 over canonical JSON of {run, seq, at, type, data, prev}. */
export function eventHash(e: Omit<TraceEvent, 'hash'>): string {
  return sha256Hex(canonicalJson({ run: e.run, seq: e.seq, at: e.at, type: e.type, data: e.data, prev: e.prev }));
}

export function makeEvent(run: string, seq: number, at: string, type: TraceEventType, data: Record<string, unknown>, prev: string): TraceEvent {
  const body = { run, seq, at, type, data, prev };
  return { ...body, hash: eventHash(body) };
}

/** One line of an events file, parsed as far as it goes. */
export interface EventLine {
  line: number;
  event?: TraceEvent;
  /** why the line is not an event */
  error?: string;
}

export interface ParsedEvents {
  lines: EventLine[];
  /** the last line had no newline: a write that never finished (it is not an event of the run) */
  torn: { line: number; bytes: number } | null;
  /** bytes up to the end of the last complete line */
  completeBytes: number;
}

/** Parses an events file's text. Never throws: what is not an event is reported per line. */
export function parseEventLines(text: string): ParsedEvents {
  const lines: EventLine[] = [];
  let start = 0;
  let n = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    n++;
    if (nl < 0) {
      return { lines, torn: { line: n, bytes: Buffer.byteLength(text.slice(start)) }, completeBytes: Buffer.byteLength(text.slice(0, start)) };
    }
    lines.push(parseEventValue(n, text.slice(start, nl)));
    start = nl + 1;
  }
  return { lines, torn: null, completeBytes: Buffer.byteLength(text) };
}

export function parseEventValue(line: number, raw: unknown): EventLine {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { line, error: 'not JSON' };
    }
  }
  const parsed = TraceEventSchema.safeParse(value);
  if (!parsed.success) return { line, error: `not an event: ${parsed.error.issues[0]?.path.join('.') || 'value'} ${parsed.error.issues[0]?.message ?? ''}`.trim() };
  return { line, event: parsed.data };
}

/** The blob hashes an event says it refers to. */
export function blobRefs(event: TraceEvent): string[] {
  const refs = event.data.blobs;
  return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : [];
}
