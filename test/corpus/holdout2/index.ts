// The second hold-out (holdout2.jsonl): 40 tickets written after the planner's rules were frozen, by
// someone who had not read the planner, its playbooks, its tests or any eval result. Report its figures
// on their own.
import type { SourceTicket } from '../source/types.ts';
import { batchH2a } from './batch-h2a.ts';
import { batchH2b } from './batch-h2b.ts';

export const HOLDOUT2_SOURCES: SourceTicket[] = [...batchH2a, ...batchH2b];
