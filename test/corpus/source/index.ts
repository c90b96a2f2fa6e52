// Every batch of the corpus, in file order. Batch 5 is the hold-out: tickets written last, after the
// first batches went to the planner, so its figures say how the rules do on text they were not tuned on.
import type { SourceTicket } from './types.ts';
import { batch1 } from './batch1.ts';
import { batch2 } from './batch2.ts';
import { batch3 } from './batch3.ts';
import { batch4 } from './batch4.ts';
import { batch5 } from './batch5.ts';

export const HOLDOUT = 'holdout';

export const SOURCES: SourceTicket[] = [
  ...batch1,
  ...batch2,
  ...batch3,
  ...batch4,
  ...batch5.map((t) => ({ ...t, tags: [...(t.tags ?? []), HOLDOUT] })),
];
