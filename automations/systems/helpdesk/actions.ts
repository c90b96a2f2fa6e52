// The helpdesk (SupportDesk): read the queue and tickets; reply, note, status, assignee.
import { HELPDESK_ACTIONS, type HelpdeskStatus, type Ticket } from '../../../shared/roles/helpdesk.ts';
import { defineSystem } from '../../runtime/system.ts';
import { defineAction, type ActionContext } from '../../runtime/action.ts';
import { shownOnce, timesShown } from '../common/helpdesk-role.ts';
import { pageFacts, tableRows, legacyWebParts } from '../common/legacy-web.ts';


// the helpdesk role's contract; SupportDesk's statuses are the role's own four (it has no "closed")
export { TicketSchema, QueueRowSchema, type Ticket } from '../../../shared/roles/helpdesk.ts';
const SANDBOX_STATUSES = ['new', 'open', 'pending', 'solved'] as const;

/** SupportDesk's status for the role's (the same word), or the refusal of one it does not have. */
function sandboxStatus(ctx: ActionContext, status: HelpdeskStatus): Promise<string> {
  if ((SANDBOX_STATUSES as readonly string[]).includes(status)) return Promise.resolve(status);
  return ctx.failure('invalid_input', `SupportDesk has no status for "${status}" (it has ${SANDBOX_STATUSES.join(', ')})`).then((e) => Promise.reject(e));
}

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

async function readTicket(ctx: ActionContext, id: number): Promise<Ticket> {
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


export const getTicket = defineAction({
  id: 'get_ticket',
  system: 'helpdesk',
  kind: 'read',
  input: HELPDESK_ACTIONS.get_ticket.input,
  output: HELPDESK_ACTIONS.get_ticket.output,
  run: async (ctx, { ticket_id }) => {
    await openTicket(ctx, ticket_id);
    return readTicket(ctx, ticket_id);
  },
});

export const listTickets = defineAction({
  id: 'list_tickets',
  system: 'helpdesk',
  kind: 'read',
  input: HELPDESK_ACTIONS.list_tickets.input,
  output: HELPDESK_ACTIONS.list_tickets.output,
  // SupportDesk has no queues: `queue` narrows nothing here
  run: async (ctx, { status, q, page }) => {
    if (status && !(SANDBOX_STATUSES as readonly string[]).includes(status)) return { tickets: [], page: 1, pages: 1 };
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

function messageWrite(id: string, kind: 'reply' | 'note') {
  return defineAction({
    id,
    system: 'helpdesk',
    kind: 'write',
    input: HELPDESK_ACTIONS.reply_to_customer.input,
    output: HELPDESK_ACTIONS.reply_to_customer.output,
    open: (ctx, { ticket_id }) => openTicket(ctx, ticket_id),
    alreadyDone: async (ctx, { ticket_id, body }) => timesShown(await readTicket(ctx, ticket_id), kind, body) > 0,
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
      return shownOnce(await readTicket(ctx, ticket_id), kind, body);
    },
  });
}

export const replyToCustomer = messageWrite('reply_to_customer', 'reply');
export const addInternalNote = messageWrite('add_internal_note', 'note');

export const setTicketStatus = defineAction({
  id: 'set_ticket_status',
  system: 'helpdesk',
  kind: 'write',
  input: HELPDESK_ACTIONS.set_ticket_status.input,
  output: HELPDESK_ACTIONS.set_ticket_status.output,
  open: async (ctx, { ticket_id, status }) => {
    await sandboxStatus(ctx, status);
    await openTicket(ctx, ticket_id);
  },
  alreadyDone: async (ctx, { status }) => (await shownFact(ctx, 'Status')) === status,
  run: async (ctx, { status }) => {
    await ctx.page.getByLabel('Status', { exact: true }).selectOption(await sandboxStatus(ctx, status));
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
  input: HELPDESK_ACTIONS.assign_ticket.input,
  output: HELPDESK_ACTIONS.assign_ticket.output,
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

/** The sandbox's SupportDesk as the helpdesk role's connector. */
export const helpdeskSystem = defineSystem({ id: 'sandbox-helpdesk', title: 'SupportDesk', role: 'helpdesk', actions: helpdeskActions, ...legacyWebParts('SupportDesk') });
export const helpdesk = helpdeskSystem.connector;
