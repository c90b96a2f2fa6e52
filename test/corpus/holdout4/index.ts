// The fourth hold-out (holdout4.jsonl): customer email written without reading the planner, its tests or the
// earlier hold-outs; gold writes from train tasks (index ≥ 300) no other set uses. Every ticket is tagged holdout4.
import type { SourceTicket } from '../source/types.ts';
import { batchH4a } from './batch-h4a.ts';
import { batchH4b } from './batch-h4b.ts';
import { batchH4c } from './batch-h4c.ts';

export const HOLDOUT4 = 'holdout4';

export const HOLDOUT4_SOURCES: SourceTicket[] = [...batchH4a, ...batchH4b, ...batchH4c];
