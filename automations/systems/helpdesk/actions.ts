// The helpdesk (SupportDesk): read the queue and tickets; reply, note, status, assignee.
import { z } from 'zod';
import { defineAction, type ActionContext } from '../../runtime/action.ts';
import { legacyWebConnector, pageFacts, tableRows } from '../common/legacy-web.ts';

export const helpdesk = legacyWebConnector('helpdesk');

const TicketId = z.coerce.number().int().positive();
const Status = z.enum(['new', 'open', 'pending', 'solved']);

export const TicketSchema = z.object({
  id: z.number(),
  subject: z.string(),
  requester_name: z.string(),
  requester_email: z.string(),
  status: Status,
  assignee: z.string().nullable(),
  messages: z.array(z.object({ kind: z.enum(['customer', 'reply', 'note']), author: z.string(), at: z.string(), body: z.string() })),
});
export type Ticket = z.infer<typeof TicketSchema>;

const KIND_BY_LABEL: Record<string, Ticket['messages'][number]['kind']> = {
  'Customer message': 'customer',
  'Agent reply': 'reply',
  'Internal note': 'note',
};

async function openTicket(ctx: ActionContext, id: number): Promise<void> {
  await ctx.open(`/tickets/${id}`);
  await ctx.expectTarget('ticket', `#${id}:`, await ctx.page.getByRole('heading', { level: 1 }).innerText());
}

/** For a read-back: the page a write's form lands on is already a fresh load of the ticket. */
async function onTicket(ctx: ActionContext, id: number): Promise<void> {
  const path = new URL(ctx.page.url()).pathname;
  if (path === `/tickets/${id}`) await ctx.checkPage();
  else await openTicket(ctx, id);
}

async function readTicket(ctx: ActionContext, id: number): Promise<z.input<typeof TicketSchema>> {
  const { title: heading, facts } = await pageFacts(ctx.page);
  const requester = facts.Requester ?? '';
  const email = /<([^>]+)>\s*$/.exec(requester)?.[1] ?? '';
  const assignee = facts.Assignee ?? '';
  const thread = await ctx.find('the conversation', [
    { describe: 'role=region[name="Conversation"] >> role=listitem', locate: (p) => p.getByRole('region', { name: 'Conversation' }).getByRole('listitem') },
    { describe: 'heading "Conversation" + list items', locate: (p) => p.locator('section', { has: p.getByRole('heading', { name: 'Conversation' }) }).getByRole('listitem') },
  ]);
  const messages = await thread.locator('xpath=..').getByRole('listitem').evaluateAll((items) =>
    items.map((li) => {
      const head = li.querySelector('p');
      const label = head?.querySelector('strong')?.textContent?.trim() ?? '';
      const author = (head?.textContent ?? '').split('·')[1]?.trim() ?? '';
      const at = head?.querySelector('time')?.getAttribute('datetime') ?? '';
      const body = li.querySelector('article > div')?.textContent ?? '';
      return { label, author, at, body };
    }),
  );
  return {
    id,
    subject: heading.replace(/^Ticket #\d+:\s*/, ''),
    requester_name: requester.replace(/<[^>]*>\s*$/, '').trim(),
    requester_email: email,
    status: (facts.Status ?? '') as Ticket['status'],
    assignee: assignee === 'Unassigned' ? null : assignee,
    messages: messages.map((m) => ({ kind: KIND_BY_LABEL[m.label] ?? 'customer', author: m.author, at: m.at, body: m.body })),
  };
}

/** One fact of the ticket's summary (`| Status | open |`), read with the others in one look at the page. */
async function shownFact(ctx: ActionContext, header: string): Promise<string> {
  return (await pageFacts(ctx.page)).facts[header] ?? '';
}

const sameText = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

export const getTicket = defineAction({
  id: 'get_ticket',
  system: 'helpdesk',
  kind: 'read',
  input: z.object({ ticket_id: TicketId }),
  output: TicketSchema,
  run: async (ctx, { ticket_id }) => {
    await openTicket(ctx, ticket_id);
    return readTicket(ctx, ticket_id);
  },
});

export const QueueRowSchema = z.object({
  id: z.number(),
  subject: z.string(),
  requester: z.string(),
  status: Status,
  assignee: z.string().nullable(),
  created: z.string(),
  /** the start of the customer's message, where the queue shows one */
  preview: z.string().optional(),
});

export const listTickets = defineAction({
  id: 'list_tickets',
  system: 'helpdesk',
  kind: 'read',
  input: z.object({ status: Status.optional(), q: z.string().optional(), page: z.number().int().positive().default(1) }),
  output: z.object({ tickets: z.array(QueueRowSchema), page: z.number(), pages: z.number() }),
  run: async (ctx, { status, q, page }) => {
    const params = new URLSearchParams({ page: String(page) });
    if (status) params.set('status', status);
    if (q) params.set('q', q);
    await ctx.open(`/tickets?${params}`);
    const pager = (await ctx.page.getByRole('navigation', { name: 'Pagination' }).innerText().catch(() => '')) || 'Page 1 of 1';
    const [, current = '1', total = '1'] = /Page (\d+) of (\d+)/.exec(pager) ?? [];
    const table = ctx.page.getByRole('table');
    const rows = (await table.count()) > 0 ? await tableRows(table.first()) : [];
    return {
      tickets: rows.map((r) => ({
        id: Number((r['#'] ?? '').replace(/\D/g, '')),
        subject: r.Subject ?? '',
        requester: r.Requester ?? '',
        status: (r.Status ?? '').toLowerCase() as Ticket['status'],
        assignee: !r.Assignee || r.Assignee === 'Unassigned' || r.Assignee === '—' ? null : r.Assignee,
        created: r.Created ?? '',
        ...(r.Preview ? { preview: r.Preview } : {}),
      })),
      page: Number(current),
      pages: Number(total),
    };
  },
});

const MessageInput = z.object({ ticket_id: TicketId, body: z.string().trim().min(1).max(20_000) });

function messageWrite(id: string, kind: 'reply' | 'note') {
  return defineAction({
    id,
    system: 'helpdesk',
    kind: 'write',
    input: MessageInput,
    output: z.object({}),
    open: (ctx, { ticket_id }) => openTicket(ctx, ticket_id),
    alreadyDone: async (ctx, { ticket_id, body }) => (await readTicket(ctx, ticket_id)).messages.some((m) => m.kind === kind && sameText(m.body, body)),
    run: async (ctx, { body }) => {
      const page = ctx.page;
      if (kind === 'reply') {
        await (await ctx.find('the reply box', [{ describe: 'label=Reply', locate: (p) => p.getByLabel('Reply', { exact: true }) }])).fill(body);
        await page.getByRole('button', { name: 'Send reply' }).click();
        const dialog = page.getByRole('dialog', { name: /Send this message/ });
        await ctx.submit(dialog.getByRole('button', { name: 'Confirm and send' }));
      } else {
        await (await ctx.find('the note box', [{ describe: 'label=Note', locate: (p) => p.getByLabel('Note', { exact: true }) }])).fill(body);
        await ctx.submit(page.getByRole('button', { name: 'Add note' }));
      }
      return {};
    },
    verify: async (ctx, { ticket_id, body }) => {
      await onTicket(ctx, ticket_id);
      const t = await readTicket(ctx, ticket_id);
      return t.messages.filter((m) => m.kind === kind && sameText(m.body, body)).length === 1 || `the ${kind} is not shown exactly once on ticket #${ticket_id}`;
    },
  });
}

export const replyToCustomer = messageWrite('reply_to_customer', 'reply');
export const addInternalNote = messageWrite('add_internal_note', 'note');

export const setTicketStatus = defineAction({
  id: 'set_ticket_status',
  system: 'helpdesk',
  kind: 'write',
  input: z.object({ ticket_id: TicketId, status: Status }),
  output: z.object({}),
  open: (ctx, { ticket_id }) => openTicket(ctx, ticket_id),
  alreadyDone: async (ctx, { status }) => (await shownFact(ctx, 'Status')) === status,
  run: async (ctx, { status }) => {
    await ctx.page.getByLabel('Status', { exact: true }).selectOption(status);
    await ctx.submit(ctx.page.getByRole('button', { name: 'Update status' }));
    return {};
  },
  verify: async (ctx, { ticket_id, status }) => {
    await onTicket(ctx, ticket_id);
    const shown = await shownFact(ctx, 'Status');
    return shown === status || `status shows ${shown}`;
  },
});

export const assignTicket = defineAction({
  id: 'assign_ticket',
  system: 'helpdesk',
  kind: 'write',
  input: z.object({ ticket_id: TicketId, /** null unassigns */ assignee: z.string().trim().min(1).nullable() }),
  output: z.object({}),
  open: (ctx, { ticket_id }) => openTicket(ctx, ticket_id),
  alreadyDone: async (ctx, { assignee }) => (await shownFact(ctx, 'Assignee')) === (assignee ?? 'Unassigned'),
  run: async (ctx, { assignee }) => {
    await ctx.page.getByLabel('Assignee', { exact: true }).selectOption(assignee ?? '');
    await ctx.submit(ctx.page.getByRole('button', { name: 'Assign' }));
    return {};
  },
  verify: async (ctx, { ticket_id, assignee }) => {
    await onTicket(ctx, ticket_id);
    const shown = await shownFact(ctx, 'Assignee');
    return shown === (assignee ?? 'Unassigned') || `assignee shows ${shown}`;
  },
});

export const helpdeskActions = [getTicket, listTickets, replyToCustomer, addInternalNote, setTicketStatus, assignTicket];
