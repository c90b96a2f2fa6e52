// The readable source of the corpus: each batch file exports hand-written tickets in this shape;
// build.ts turns them into tickets.jsonl (CorpusTicketSchema, one object a line).
import type { z } from 'zod';
import type { CorpusTicketSchema } from '../../../shared/ticket.ts';

export type SourceTicket = z.input<typeof CorpusTicketSchema>;

/** An action call as the benchmark names it. */
export const act = (name: string, kwargs: Record<string, unknown>) => ({ name, kwargs });
