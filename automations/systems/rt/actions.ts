// Request Tracker 5 as the helpdesk role: read the queue (a search) and a ticket; reply to the
// requestors and comment through RT's update form (its rich-text editor), set the status and the
// owner through the ticket's Basics and People forms. Every update is a form RT's own page submits,
// so RT's Referer check sees the page it expects.
import { defineAction, type ActionContext } from '../../runtime/action.ts';
import { HELPDESK_ACTIONS } from '../../../shared/roles/helpdesk.ts';
import { shownOnce, timesShown } from '../common/helpdesk-role.ts';
import { onTicket, openTicket, readResults, readTicket, RESULT_FORMAT, rtStatus, rtStatusesFor, sqlString } from './pages.ts';

const ROWS_PER_PAGE = 20;

export const getTicket = defineAction({
  id: 'get_ticket',
  system: 'helpdesk',
  ...HELPDESK_ACTIONS.get_ticket,
  run: async (ctx, { ticket_id }) => {
    await openTicket(ctx, ticket_id);
    return readTicket(ctx, ticket_id);
  },
});

export const listTickets = defineAction({
  id: 'list_tickets',
  system: 'helpdesk',
  ...HELPDESK_ACTIONS.list_tickets,
  run: async (ctx, { status, q, queue, page }) => {
    const where: string[] = [];
    if (status) where.push(`(${rtStatusesFor(status).map((s) => `Status = ${sqlString(s)}`).join(' OR ')})`);
    if (queue) where.push(`Queue = ${sqlString(queue)}`);
    if (q) where.push(`(Subject LIKE ${sqlString(q)} OR Requestor.EmailAddress LIKE ${sqlString(q)} OR id = ${Number(q.replace(/^#/, '')) || 0})`);
    const params = new URLSearchParams({ Query: where.join(' AND ') || 'id > 0', Format: RESULT_FORMAT, OrderBy: 'id', Order: 'ASC', RowsPerPage: String(ROWS_PER_PAGE), Page: String(page) });
    await ctx.open(`/Search/Results.html?${params}`);
    const { found, rows } = await readResults(ctx.page);
    return { tickets: rows, page, pages: Math.max(1, Math.ceil(found / ROWS_PER_PAGE)) };
  },
});

/** Text as the editor's HTML: paragraphs at blank lines, line breaks inside them, everything escaped. */
function asHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Writes the message into RT's update form: its rich-text editor (CKEditor 4) when it has one, else the plain box. */
async function writeMessage(ctx: ActionContext, body: string): Promise<void> {
  const box = await ctx.find('the message editor', [
    { describe: '#cke_UpdateContent (CKEditor)', locate: (p) => p.locator('#cke_UpdateContent iframe.cke_wysiwyg_frame') },
    { describe: 'textarea[name=UpdateContent]', locate: (p) => p.locator('textarea[name="UpdateContent"]:visible') },
  ], 10_000);
  if ((await box.evaluate((el) => el.tagName)) === 'TEXTAREA') {
    await box.fill(body);
    return;
  }
  await ctx.page.waitForFunction(() => (window as any).CKEDITOR?.instances?.UpdateContent?.status === 'ready');
  await ctx.page.evaluate((html) => (window as any).CKEDITOR.instances.UpdateContent.setData(html), asHtml(body));
}

function messageWrite(id: 'reply_to_customer' | 'add_internal_note', kind: 'reply' | 'note') {
  const rtAction = kind === 'reply' ? 'Respond' : 'Comment';
  return defineAction({
    id,
    system: 'helpdesk',
    ...HELPDESK_ACTIONS[id],
    open: (ctx, { ticket_id }) => openTicket(ctx, ticket_id),
    alreadyDone: async (ctx, { ticket_id, body }) => timesShown(await readTicket(ctx, ticket_id), kind, body) > 0,
    run: async (ctx, { ticket_id, body }) => {
      // the update form is reached from the ticket's page, as a person clicks Reply or Comment
      await ctx.open(`/Ticket/Update.html?Action=${rtAction}&id=${ticket_id}`, { referer: `/Ticket/Display.html?id=${ticket_id}` });
      await ctx.expectTarget('ticket', `#${ticket_id}:`, await ctx.page.title());
      await ctx.page.locator('select[name="UpdateType"]').selectOption(kind === 'reply' ? 'response' : 'private', { force: true });
      await writeMessage(ctx, body);
      await ctx.submit(ctx.page.locator('form[name="TicketUpdate"] input[name="SubmitTicket"]'));
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

/** The ticket's Basics form (status and owner), reached from its page. */
async function openBasics(ctx: ActionContext, ticketId: number): Promise<void> {
  await ctx.open(`/Ticket/Modify.html?id=${ticketId}`, { referer: `/Ticket/Display.html?id=${ticketId}` });
  await ctx.expectTarget('ticket', `#${ticketId}:`, await ctx.page.title());
}

export const setTicketStatus = defineAction({
  id: 'set_ticket_status',
  system: 'helpdesk',
  ...HELPDESK_ACTIONS.set_ticket_status,
  open: (ctx, { ticket_id }) => openTicket(ctx, ticket_id),
  alreadyDone: async (ctx, { ticket_id, status }) => (await readTicket(ctx, ticket_id)).status === status,
  run: async (ctx, { ticket_id, status }) => {
    await openBasics(ctx, ticket_id);
    await ctx.page.locator('form[name="TicketModify"] select[name="Status"]').selectOption(rtStatus(status), { force: true });
    await ctx.submit(ctx.page.locator('form[name="TicketModify"] input[name="SubmitTicket"]'));
    return {};
  },
  verify: async (ctx, { ticket_id, status }) => {
    await onTicket(ctx, ticket_id);
    const shown = (await readTicket(ctx, ticket_id)).status;
    return shown === status || `status shows ${shown}`;
  },
});

export const assignTicket = defineAction({
  id: 'assign_ticket',
  system: 'helpdesk',
  ...HELPDESK_ACTIONS.assign_ticket,
  open: (ctx, { ticket_id }) => openTicket(ctx, ticket_id),
  alreadyDone: async (ctx, { ticket_id, assignee }) => (await readTicket(ctx, ticket_id)).assignee === assignee,
  run: async (ctx, { ticket_id, assignee }) => {
    await openBasics(ctx, ticket_id);
    const select = ctx.page.locator('form[name="TicketModify"] select[name="Owner"]');
    // options read "sam (Sam Carter)"; "Nobody in particular" unassigns
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, label: (o.textContent ?? '').trim() })));
    const wanted = assignee === null ? options.find((o) => /^Nobody/.test(o.label)) : options.find((o) => o.label === assignee || o.label.startsWith(`${assignee} (`));
    if (!wanted) throw await ctx.failure('invalid_input', `RT offers no owner "${assignee}" for ticket #${ticket_id} (it offers ${options.map((o) => o.label).join(', ')})`);
    await select.selectOption(wanted.value, { force: true });
    await ctx.submit(ctx.page.locator('form[name="TicketModify"] input[name="SubmitTicket"]'));
    return {};
  },
  verify: async (ctx, { ticket_id, assignee }) => {
    await onTicket(ctx, ticket_id);
    const shown = (await readTicket(ctx, ticket_id)).assignee;
    return shown === assignee || `owner shows ${shown ?? 'nobody'}`;
  },
});

export const rtActions = [getTicket, listTickets, replyToCustomer, addInternalNote, setTicketStatus, assignTicket];
