// QA verdicts and comments: reviews/<run>.jsonl beside the trace (never inside it), append-only,
// the newest line winning.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ReviewSchema, type Review } from '../../shared/trace.ts';
import { appendLineDurable } from './durable.ts';

export class ReviewLog {
  constructor(readonly dir: string) {}

  fileOf(run: string): string {
    return path.join(this.dir, `${run}.jsonl`);
  }

  async add(review: Review): Promise<void> {
    await appendLineDurable(this.fileOf(review.run), JSON.stringify(review));
  }

  /** Every review of the run, oldest first (lines that do not parse are left out). */
  async of(run: string): Promise<Review[]> {
    let text: string;
    try {
      text = await readFile(this.fileOf(run), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return text
      .split('\n')
      .slice(0, -1) // the part after the last newline is unfinished
      .flatMap((line) => {
        try {
          const r = ReviewSchema.safeParse(JSON.parse(line));
          return r.success && r.data.run === run ? [r.data] : [];
        } catch {
          return [];
        }
      });
  }
}
