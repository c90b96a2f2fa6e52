// Tickets as they arrive (the helpdesk) and as the corpus and `legwork eval` carry them.
import { z } from 'zod';
import { ActionCallSchema } from './retail.ts';
import { OutcomeSchema } from './plan.ts';

/** One line of a corpus file (JSONL): a customer's ticket and what should come of it. */
export const CorpusTicketSchema = z.object({
  id: z.string().min(1),
  /** the requester's address, as the helpdesk shows it */
  from: z.string().min(3),
  /** the requester's display name; defaults to the address's local part */
  name: z.string().optional(),
  subject: z.string().min(1),
  body: z.string().min(1),
  expect: z.object({
    outcome: OutcomeSchema,
    actions: z.array(ActionCallSchema),
  }),
  /** free-form labels: "typos", "two-requests", "prompt-injection", "other-customer"… */
  tags: z.array(z.string()).default([]),
  /** where the gold actions came from, e.g. "tasks_train#12" */
  source: z.string().optional(),
});
export type CorpusTicket = z.infer<typeof CorpusTicketSchema>;
