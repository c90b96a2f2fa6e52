// A small file TraceSink for the executor's tests (the real trace store replaces it when wired):
// one JSONL per run, hash-chained, blobs by sha256; a second process continues the same chain.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../../shared/plan.ts';
import type { TraceEvent, TraceEventType, TraceSink } from '../../shared/trace.ts';

export class FileTraceSink implements TraceSink {
  constructor(
    readonly dir: string,
    readonly run: string,
  ) {
    mkdirSync(path.join(dir, 'blobs'), { recursive: true });
  }

  get file(): string {
    return path.join(this.dir, `${this.run}.jsonl`);
  }

  events(): TraceEvent[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as TraceEvent];
        } catch {
          return []; // a torn last line
        }
      });
  }

  async append(type: TraceEventType, data: Record<string, unknown>): Promise<TraceEvent> {
    const last = this.events().at(-1);
    const body = { run: this.run, seq: last ? last.seq + 1 : 0, at: new Date().toISOString(), type, data, prev: last?.hash ?? '' };
    const event: TraceEvent = { ...body, hash: sha256(canonicalJson(body)) };
    appendFileSync(this.file, `${JSON.stringify(event)}\n`);
    return event;
  }

  async putBlob(bytes: Uint8Array): Promise<string> {
    const hash = sha256(bytes);
    writeFileSync(path.join(this.dir, 'blobs', hash), bytes);
    return hash;
  }

  hasBlob(hash: string): boolean {
    return existsSync(path.join(this.dir, 'blobs', hash));
  }

  /** The chain is whole: every event points at the one before it and hashes to what it says. */
  chainIntact(): boolean {
    let prev = '';
    return this.events().every((e, i) => {
      const { hash, ...body } = e;
      const ok = e.seq === i && e.prev === prev && hash === sha256(canonicalJson(body));
      prev = hash;
      return ok;
    });
  }
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
