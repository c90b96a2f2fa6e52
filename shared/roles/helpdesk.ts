// The helpdesk role: what any helpdesk connector (the sandbox's SupportDesk, Request Tracker…) reads
// and writes for a resolution, in one vocabulary. Each connector maps its own statuses to these.
import { z } from 'zod';

/**
 * The role's ticket statuses. A connector maps its own to these (RT: new → new, open → open,
 * stalled → pending, resolved → solved, rejected → closed) and back when it writes one.
 */
export const HELPDESK_STATUSES = [
  /** nobody has answered yet */
  'new',
  /** being worked on */
  'open',
  /** waiting on the customer (or a third party) */
  'pending',
  /** resolved: the customer's request was served */
  'solved',
  /** closed without serving it (refused, spam, duplicate) */
  'closed',
] as const;
export const HelpdeskStatusSchema = z.enum(HELPDESK_STATUSES);
export type HelpdeskStatus = z.infer<typeof HelpdeskStatusSchema>;

export const TicketIdSchema = z.coerce.number().int().positive();

export const TicketMessageSchema = z.object({
  /** the customer's own message, the agents' reply to them, or an internal note only agents see */
  kind: z.enum(['customer', 'reply', 'note']),
  author: z.string(),
  at: z.string(),
  body: z.string(),
});
export type TicketMessage = z.infer<typeof TicketMessageSchema>;

export const TicketSchema = z.object({
  id: z.number(),
  subject: z.string(),
  requester_name: z.string(),
  requester_email: z.string(),
  status: HelpdeskStatusSchema,
  assignee: z.string().nullable(),
  /** the queue (or group) the ticket is in, where the helpdesk has them */
  queue: z.string().optional(),
  messages: z.array(TicketMessageSchema),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const QueueRowSchema = z.object({
  id: z.number(),
  subject: z.string(),
  requester: z.string(),
  status: HelpdeskStatusSchema,
  assignee: z.string().nullable(),
  created: z.string(),
  queue: z.string().optional(),
  /** the start of the customer's message, where the queue shows one */
  preview: z.string().optional(),
});
export type QueueRow = z.infer<typeof QueueRowSchema>;

export const ListTicketsInputSchema = z.object({
  status: HelpdeskStatusSchema.optional(),
  q: z.string().optional(),
  /** one queue of the helpdesk's, by name, where it has them */
  queue: z.string().optional(),
  page: z.number().int().positive().default(1),
});
export const TicketPageSchema = z.object({ tickets: z.array(QueueRowSchema), page: z.number(), pages: z.number() });
export type TicketPage = z.infer<typeof TicketPageSchema>;

export const MessageInputSchema = z.object({ ticket_id: TicketIdSchema, body: z.string().trim().min(1).max(20_000) });
export const StatusInputSchema = z.object({ ticket_id: TicketIdSchema, status: HelpdeskStatusSchema });
/** `assignee` is the helpdesk's user name; null unassigns */
export const AssignInputSchema = z.object({ ticket_id: TicketIdSchema, assignee: z.string().trim().min(1).nullable() });
export const NoOutputSchema = z.object({});

/** Every helpdesk connector has these six actions, with these inputs and outputs. */
export const HELPDESK_ACTIONS = {
  get_ticket: { kind: 'read', input: z.object({ ticket_id: TicketIdSchema }), output: TicketSchema },
  list_tickets: { kind: 'read', input: ListTicketsInputSchema, output: TicketPageSchema },
  reply_to_customer: { kind: 'write', input: MessageInputSchema, output: NoOutputSchema },
  add_internal_note: { kind: 'write', input: MessageInputSchema, output: NoOutputSchema },
  set_ticket_status: { kind: 'write', input: StatusInputSchema, output: NoOutputSchema },
  assign_ticket: { kind: 'write', input: AssignInputSchema, output: NoOutputSchema },
} as const;
