// The hold-out part of the corpus (holdout.jsonl): tickets written apart from the main batches, over
// customers and orders the main corpus mostly does not use, after the planner's rules were tuned on
// tickets.jsonl. Its figures are reported separately (issue 4).
import type { SourceTicket } from '../source/types.ts';
import { batchH1 } from './batch-h1.ts';

export const HOLDOUT_SOURCES: SourceTicket[] = [...batchH1];
