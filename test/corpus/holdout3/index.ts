// The third hold-out (holdout3.jsonl): tickets written without reading the planner, its playbooks, its tests
// or the earlier hold-outs, in the voice of the human-written goals of tasks_dev.json. Every ticket is tagged holdout3.
import type { SourceTicket } from '../source/types.ts';
import { batchH3a } from './batch-h3a.ts';
import { batchH3b } from './batch-h3b.ts';
import { batchH3c } from './batch-h3c.ts';
import { batchH3d } from './batch-h3d.ts';
import { batchH3e } from './batch-h3e.ts';

export const HOLDOUT3 = 'holdout3';

export const HOLDOUT3_SOURCES: SourceTicket[] = [...batchH3a, ...batchH3b, ...batchH3c, ...batchH3d, ...batchH3e];
