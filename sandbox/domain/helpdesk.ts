// Helpdesk tickets: the queue the agent works from, with customer messages, replies and internal notes.
import { z } from 'zod';
import type { RetailData } from './seed.ts';
import { seededRandom, pick } from './random.ts';
import { invalid, notFound } from './errors.ts';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'solved'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const AGENTS = ['Ana Ruiz', 'Ben Okafor', 'Chloe Martin', 'Legwork'] as const;

export interface TicketMessage {
  kind: 'customer' | 'reply' | 'note';
  author: string;
  body: string;
  at: string;
}

export interface Ticket {
  id: number;
  requester_email: string;
  requester_name: string;
  subject: string;
  status: TicketStatus;
  assignee: string | null;
  created_at: string;
  messages: TicketMessage[];
}

export const NewTicketSchema = z.object({
  from: z.email('from must be an email address'),
  /** the sender's display name, as a mail header carries it */
  name: z.string().trim().min(1).max(200).optional(),
  subject: z.string().trim().min(1, 'subject is required').max(200),
  body: z.string().trim().min(1, 'body is required').max(20_000),
});
export type NewTicket = z.infer<typeof NewTicketSchema>;

/** What the queue filters on; `assignee: null` means unassigned, undefined means anyone. */
export interface TicketFilter {
  status?: TicketStatus;
  assignee?: string | null;
  /** case-insensitive, over the subject and the requester's name and email */
  text?: string;
}

export const MessageBodySchema = z.string().trim().min(1, 'The message is empty').max(20_000);

const SEED_TEMPLATES: ((o: { order: string; item: string }) => [string, string])[] = [
  ({ order }) => ['Cancel my order', `Hi, please cancel order ${order}, I ordered it by mistake. Thanks`],
  ({ order, item }) => ['Where is my package?', `Hello, my order ${order} with the ${item} has not arrived yet. Can you tell me where it is?`],
  ({ order, item }) => ['Return request', `I'd like to return the ${item} from order ${order}. Refund to the original card please.`],
  ({ order }) => ['Wrong address on my order', `I just noticed order ${order} is going to my old address. Can it be changed?`],
  ({ item }) => ['Question about a product', `Do you have the ${item} in other colors? Just curious.`],
  ({ order, item }) => ['Exchange', `The ${item} in ${order} is the wrong size for me, can I exchange it for a bigger one?`],
];
const BASE_TIME = Date.parse('2026-11-16T09:00:00Z');

export class Helpdesk {
  readonly tickets: Ticket[] = [];

  constructor(private readonly data: RetailData) {}

  /** A few dozen demo tickets over real customers and orders, the same every time. */
  seedDemoTickets(count = 36): void {
    const rand = seededRandom(4242);
    const orders = Object.values(this.data.orders).sort((a, b) => a.order_id.localeCompare(b.order_id));
    for (let i = 0; i < count; i++) {
      const order = pick(rand, orders);
      const user = this.data.users[order.user_id];
      if (!user) continue;
      const [subject, body] = pick(rand, SEED_TEMPLATES)({ order: order.order_id, item: order.items[0]?.name ?? 'item' });
      const at = new Date(BASE_TIME + i * 47 * 60_000).toISOString();
      const status = pick(rand, ['new', 'new', 'open', 'pending', 'solved'] as const);
      this.create({ from: user.email, subject, body }, { at, status, assignee: status === 'new' ? null : pick(rand, AGENTS.slice(0, 3)) });
    }
  }

  create(input: NewTicket, opts: { at?: string; status?: TicketStatus; assignee?: string | null } = {}): Ticket {
    const user = Object.values(this.data.users).find((u) => u.email.toLowerCase() === input.from.toLowerCase());
    const at = opts.at ?? new Date().toISOString();
    const ticket: Ticket = {
      id: 1001 + this.tickets.length,
      requester_email: input.from,
      requester_name: user ? `${user.name.first_name} ${user.name.last_name}` : (input.name ?? input.from),
      subject: input.subject,
      status: opts.status ?? 'new',
      assignee: opts.assignee ?? null,
      created_at: at,
      messages: [{ kind: 'customer', author: input.from, body: input.body, at }],
    };
    this.tickets.push(ticket);
    return ticket;
  }

  /** The queue: tickets matching the filter, newest first (ties: the higher number first). */
  search(filter: TicketFilter = {}): Ticket[] {
    const text = filter.text?.trim().toLowerCase() ?? '';
    return this.tickets
      .filter((t) => filter.status === undefined || t.status === filter.status)
      .filter((t) => filter.assignee === undefined || t.assignee === filter.assignee)
      .filter((t) => !text || [t.subject, t.requester_name, t.requester_email].some((s) => s.toLowerCase().includes(text)))
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
  }

  ticket(id: number): Ticket {
    const t = this.tickets.find((x) => x.id === id);
    if (!t) throw notFound(`Ticket #${id} not found`);
    return t;
  }

  addMessage(id: number, kind: 'reply' | 'note', author: string, body: string): TicketMessage {
    const ticket = this.ticket(id);
    const message: TicketMessage = { kind, author, body: MessageBodySchema.parse(body), at: new Date().toISOString() };
    ticket.messages.push(message);
    if (kind === 'reply' && ticket.status === 'new') ticket.status = 'open';
    return message;
  }

  setStatus(id: number, status: string): void {
    const parsed = z.enum(TICKET_STATUSES).safeParse(status);
    if (!parsed.success) throw invalid(`Unknown status "${status}"; use one of ${TICKET_STATUSES.join(', ')}`);
    this.ticket(id).status = parsed.data;
  }

  setAssignee(id: number, assignee: string): void {
    if (assignee !== '' && !(AGENTS as readonly string[]).includes(assignee)) throw invalid(`Unknown agent "${assignee}"`);
    this.ticket(id).assignee = assignee === '' ? null : assignee;
  }
}
