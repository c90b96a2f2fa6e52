// SupportDesk: the helpdesk agents work from. A ticket queue with filters and server-side
// pagination; a ticket page with the conversation (customer messages, replies, internal notes) and
// the four helpdesk writes: reply to the customer (behind a confirmation modal), internal note,
// status and assignee. Every write is recorded in the write log (`helpdesk_*`), once.
//
// The reply's confirmation is a <dialog> opened by an inline script, as old apps had it. The server
// never sends a reply that was not confirmed: a POST without `confirm=yes` (no script, or a client
// that skipped the modal) gets the same question as a confirmation page instead.
import { html, raw } from 'hono/html';
import { AGENTS, MessageBodySchema, TICKET_STATUSES, type Ticket, type TicketFilter, type TicketMessage, type TicketStatus } from '../domain/helpdesk.ts';
import { confirmPage, csrfField, field, one, paginate, PageError, required, table, type Ctx, type LegacyApp } from '../web/kit.ts';

const PER_PAGE = 20;
const MESSAGE_MAX = 20_000;

export function helpdeskRoutes(app: LegacyApp): void {
  const r = app.hono;
  const desk = () => app.world.helpdesk;

  r.get('/', (c) => c.redirect('/tickets'));

  // ---- the queue ---------------------------------------------------------------------------

  r.get('/tickets', (c) => {
    const v = c.var.view;
    const status = c.req.query('status') || 'any';
    const assignee = c.req.query('assignee') || 'anyone';
    const q = (c.req.query('q') ?? '').trim();
    const filter: TicketFilter = { text: q };
    if (status !== 'any') {
      if (!isStatus(status)) throw new PageError(400, 'Invalid filter', `Unknown status "${status}". Use one of: any, ${TICKET_STATUSES.join(', ')}.`);
      filter.status = status;
    }
    if (assignee === 'unassigned') filter.assignee = null;
    else if (assignee !== 'anyone') {
      if (!isAgent(assignee)) throw new PageError(400, 'Invalid filter', `Unknown assignee "${assignee}".`);
      filter.assignee = assignee;
    }
    const tickets = desk().search(filter);
    const { rows, nav } = paginate(c, tickets, PER_PAGE);
    const option = (value: string, label: string, current: string) =>
      html`<option value="${value}" ${value === current ? raw('selected') : ''}>${label}</option>`;
    const filters = html`<form method="get" action="/tickets" role="search" class="${v.cls('filters')}">
      ${v.arrange([
        field(
          c,
          'Status',
          (id) => html`<select id="${id}" name="status">${option('any', 'Any status', status)}${TICKET_STATUSES.map((s) => option(s, capitalise(s), status))}</select>`,
        ),
        field(
          c,
          'Assignee',
          (id) =>
            html`<select id="${id}" name="assignee">${option('anyone', 'Anyone', assignee)}${option('unassigned', 'Unassigned', assignee)}${AGENTS.map((a) =>
              option(a, a, assignee),
            )}</select>`,
        ),
        field(c, 'Search', (id) => html`<input id="${id}" name="q" type="search" value="${q}" size="30" placeholder="Subject or requester">`),
      ])}
      <p class="${v.cls('actions')}">${v.arrange([
        html`<button type="submit" class="${v.cls('primary')}">Filter</button>`,
        html`<a href="/tickets" class="${v.cls('button-link')}">Reset filters</a>`,
      ])}</p>
    </form>`;
    const results = table<Ticket>(
      c,
      'Tickets',
      [
        ['#', (t) => `#${t.id}`],
        ['Subject', (t) => html`<a href="/tickets/${t.id}">${t.subject}</a>`],
        // the first lines of what the customer wrote, as many helpdesks show under the subject
        ['Preview', (t) => firstLine(t.messages[0]?.body ?? '')],
        ['Requester', (t) => html`${t.requester_name}<br><small>${t.requester_email}</small>`],
        ['Status', (t) => html`<span class="${v.cls(`status-${t.status}`)}">${t.status}</span>`],
        ['Assignee', (t) => t.assignee ?? '—'],
        ['Created', (t) => when(t.created_at)],
      ],
      rows,
      'No tickets match these filters.',
    );
    return app.page(c, 'Ticket queue', html`${styles(c)}<section class="${v.cls('queue-filters')}">${filters}</section>${nav}${results}${tickets.length > PER_PAGE ? nav : ''}`);
  });

  // ---- one ticket --------------------------------------------------------------------------

  r.get('/tickets/:id', (c) => ticketPage(c, ticketOf(c, c.req.param('id'))));

  r.post('/tickets/:id/reply', (c) => {
    const ticket = ticketOf(c, c.req.param('id'));
    const body = messageBody(c, 'Reply');
    if (one(c.var.form, 'confirm') !== 'yes') {
      return confirmPage(c, {
        title: 'Send reply?',
        question: `Send this reply to ${ticket.requester_name} (${ticket.requester_email})? Customers see replies at once; they cannot be taken back.`,
        rows: [
          ['Ticket', `#${ticket.id} ${ticket.subject}`],
          ['To', ticket.requester_email],
          ['Message', html`<div class="${c.var.view.cls('msg-body')}">${body}</div>`],
        ],
        action: `/tickets/${ticket.id}/reply`,
        fields: { body },
        confirmLabel: 'Send reply',
        backHref: `/tickets/${ticket.id}`,
      });
    }
    desk().addMessage(ticket.id, 'reply', author(c), body);
    app.recordWrite('helpdesk_reply', String(ticket.id), { body });
    app.flash(c, `Reply sent to ${ticket.requester_email}.`);
    return c.redirect(`/tickets/${ticket.id}`, 303);
  });

  r.post('/tickets/:id/notes', (c) => {
    const ticket = ticketOf(c, c.req.param('id'));
    const body = messageBody(c, 'Note');
    desk().addMessage(ticket.id, 'note', author(c), body);
    app.recordWrite('helpdesk_note', String(ticket.id), { body });
    app.flash(c, 'Internal note added.');
    return c.redirect(`/tickets/${ticket.id}`, 303);
  });

  r.post('/tickets/:id/status', (c) => {
    const ticket = ticketOf(c, c.req.param('id'));
    const status = required(c.var.form, 'status', 'Status');
    if (!isStatus(status)) throw new PageError(400, 'Invalid status', `Unknown status "${status}". Use one of: ${TICKET_STATUSES.join(', ')}.`);
    if (ticket.status === status) {
      app.flash(c, `The status is already ${status}; nothing changed.`);
      return c.redirect(`/tickets/${ticket.id}`, 303);
    }
    const from = ticket.status;
    desk().setStatus(ticket.id, status);
    app.recordWrite('helpdesk_status', String(ticket.id), { status, from });
    app.flash(c, `Status changed from ${from} to ${status}.`);
    return c.redirect(`/tickets/${ticket.id}`, 303);
  });

  r.post('/tickets/:id/assignee', (c) => {
    const ticket = ticketOf(c, c.req.param('id'));
    // "" (Unassigned) is a valid choice; a form without the field is not.
    if (c.var.form['assignee'] === undefined) throw new PageError(400, 'Missing information', 'Assignee is required.');
    const assignee = one(c.var.form, 'assignee').trim();
    if (assignee !== '' && !isAgent(assignee)) throw new PageError(400, 'Invalid assignee', `Unknown agent "${assignee}". Use one of: ${AGENTS.join(', ')}, or Unassigned.`);
    const next = assignee === '' ? null : assignee;
    if (ticket.assignee === next) {
      app.flash(c, `The ticket is already ${next ? `assigned to ${next}` : 'unassigned'}; nothing changed.`);
      return c.redirect(`/tickets/${ticket.id}`, 303);
    }
    const from = ticket.assignee;
    desk().setAssignee(ticket.id, assignee);
    app.recordWrite('helpdesk_assign', String(ticket.id), { assignee: next, from });
    app.flash(c, next ? `Ticket assigned to ${next}.` : 'Ticket unassigned.');
    return c.redirect(`/tickets/${ticket.id}`, 303);
  });
}

function ticketPage(c: Ctx, t: Ticket) {
  const app = c.var.app;
  const v = c.var.view;
  const details = html`<table class="${v.cls('kv')}"><tbody>${v.arrange([
    html`<tr><th scope="row">Requester</th><td>${t.requester_name} &lt;<a href="mailto:${t.requester_email}">${t.requester_email}</a>&gt;</td></tr>`,
    html`<tr><th scope="row">Status</th><td><span class="${v.cls(`status-${t.status}`)}">${t.status}</span></td></tr>`,
    html`<tr><th scope="row">Assignee</th><td>${t.assignee ?? 'Unassigned'}</td></tr>`,
    html`<tr><th scope="row">Created</th><td>${when(t.created_at)}</td></tr>`,
  ])}</tbody></table>`;
  const conversation = html`<section aria-label="Conversation" class="${v.cls('conversation')}">
    <h2>Conversation</h2>
    <ol class="${v.cls('thread')}">${t.messages.map((m) => message(c, m))}</ol>
  </section>`;

  const replyForm = html`<section class="${v.cls('reply-box')}">
    <h2>Reply to customer</h2>
    <form method="post" action="/tickets/${t.id}/reply">
      ${csrfField(c)}<input type="hidden" name="confirm" value="">
      ${field(c, 'Reply', (id) => html`<textarea id="${id}" name="body" rows="5" cols="70" maxlength="${MESSAGE_MAX}" required></textarea>`)}
      <p class="${v.cls('actions')}"><button type="submit" class="${v.cls('primary')}">Send reply</button></p>
      ${confirmDialog(c, t)}
    </form>
  </section>`;
  const noteForm = html`<section class="${v.cls('note-box')}">
    <h2>Internal note</h2>
    <p class="${v.cls('hint')}">Only agents see internal notes.</p>
    <form method="post" action="/tickets/${t.id}/notes">
      ${csrfField(c)}
      ${field(c, 'Note', (id) => html`<textarea id="${id}" name="body" rows="3" cols="70" maxlength="${MESSAGE_MAX}" required></textarea>`)}
      <p class="${v.cls('actions')}"><button type="submit">Add note</button></p>
    </form>
  </section>`;
  const propsForm = html`<section class="${v.cls('props-box')}">
    <h2>Ticket properties</h2>
    ${v.arrange([
      html`<form method="post" action="/tickets/${t.id}/status" class="${v.cls('inline-form')}">
        ${csrfField(c)}
        ${field(
          c,
          'Status',
          (id) => html`<select id="${id}" name="status">${TICKET_STATUSES.map((s) => html`<option value="${s}" ${s === t.status ? raw('selected') : ''}>${capitalise(s)}</option>`)}</select>`,
        )}
        <button type="submit">Update status</button>
      </form>`,
      html`<form method="post" action="/tickets/${t.id}/assignee" class="${v.cls('inline-form')}">
        ${csrfField(c)}
        ${field(
          c,
          'Assignee',
          (id) => html`<select id="${id}" name="assignee"><option value="" ${t.assignee === null ? raw('selected') : ''}>Unassigned</option>${AGENTS.map(
            (a) => html`<option value="${a}" ${a === t.assignee ? raw('selected') : ''}>${a}</option>`,
          )}</select>`,
        )}
        <button type="submit">Assign</button>
      </form>`,
    ])}
  </section>`;

  return app.page(
    c,
    `Ticket #${t.id}: ${t.subject}`,
    html`${styles(c)}<p class="${v.cls('crumbs')}"><a href="/tickets">« Back to the queue</a></p>
      ${details}
      ${conversation}
      ${v.arrange([replyForm, noteForm, propsForm])}`,
  );
}

function message(c: Ctx, m: TicketMessage) {
  const v = c.var.view;
  const label = m.kind === 'customer' ? 'Customer message' : m.kind === 'reply' ? 'Agent reply' : 'Internal note';
  return html`<li class="${v.cls(`msg-${m.kind}`)}"><article>
    <p class="${v.cls('msg-head')}"><strong>${label}</strong> · ${m.author} · <time datetime="${m.at}">${when(m.at)}</time></p>
    <div class="${v.cls('msg-body')}">${m.body}</div>
  </article></li>`;
}

/** The "are you sure" modal of the reply form; the script fills its preview with textContent only. */
function confirmDialog(c: Ctx, t: Ticket) {
  const v = c.var.view;
  const title = v.id();
  const buttons = v.arrange([
    html`<button type="button" value="send" class="${v.cls('primary')}">Confirm and send</button>`,
    html`<button type="button" value="cancel">Cancel</button>`,
  ]);
  return html`<dialog aria-labelledby="${title}" class="${v.cls('confirm-modal')}">
      <h3 id="${title}">Send this message to ${t.requester_email}?</h3>
      <p>Customers see replies at once; they cannot be taken back.</p>
      <blockquote class="${v.cls('msg-body')}"></blockquote>
      <p class="${v.cls('actions')}">${buttons}</p>
    </dialog>
    <script>${raw(CONFIRM_SCRIPT)}</script>`;
}

const CONFIRM_SCRIPT = `(function () {
  var form = document.currentScript.closest('form');
  var dialog = form.querySelector('dialog');
  var confirmed = form.querySelector('input[name=confirm]');
  form.addEventListener('submit', function (e) {
    if (confirmed.value === 'yes') return;
    e.preventDefault();
    dialog.querySelector('blockquote').textContent = form.querySelector('textarea').value;
    dialog.showModal();
  });
  dialog.querySelector('button[value=send]').addEventListener('click', function () {
    confirmed.value = 'yes';
    dialog.close();
    form.submit();
  });
  dialog.querySelector('button[value=cancel]').addEventListener('click', function () {
    dialog.close();
  });
})();`;

function styles(c: Ctx) {
  const v = c.var.view;
  const s = (part: string) => `.${v.cls(part)}`;
  return html`<style>
    ${s('filters')} .${v.cls('field')}{display:inline-block;margin:0 14px 0 0} ${s('filters')} label{min-width:0;margin-right:4px}
    ${s('filters')} .${v.cls('actions')}{display:inline-block;margin:0} .${v.cls('actions')} > * + *{margin-left:10px}
    ${s('thread')}{list-style:none;padding:0;margin:0}
    ${s('thread')} > li{border:1px solid #c8ccd2;margin:0 0 8px;padding:6px 10px;background:#fafbfc}
    ${s('msg-reply')}{background:#eef5ff !important} ${s('msg-note')}{background:#fff6cc !important;border-color:#d9b84a !important}
    ${s('msg-head')}{margin:0 0 4px;color:#555;font-size:12px} ${s('msg-body')}{white-space:pre-wrap}
    ${s('inline-form')}{display:inline-block;margin-right:24px} ${s('inline-form')} .${v.cls('field')}{display:inline}
    ${s('inline-form')} label{min-width:0} ${s('hint')}{color:#666;font-size:12px;margin:0}
    ${s('status-new')}{color:#a33;font-weight:bold} ${s('status-solved')}{color:#3a7a3a}
  </style>`;
}

function ticketOf(c: Ctx, param: string | undefined): Ticket {
  const text = param ?? '';
  if (!/^\d{1,9}$/.test(text)) throw new PageError(404, 'Ticket not found', `There is no ticket "${text}".`);
  const ticket = c.var.app.world.helpdesk.tickets.find((t) => t.id === Number(text));
  if (!ticket) throw new PageError(404, 'Ticket not found', `There is no ticket #${text}.`);
  return ticket;
}

/** The `body` field: required, and no longer than the helpdesk keeps. */
function messageBody(c: Ctx, label: string): string {
  // browsers send a textarea's line breaks as CRLF; the helpdesk keeps LF
  const body = required(c.var.form, 'body', label).replace(/\r\n?/g, '\n');
  if (!MessageBodySchema.safeParse(body).success) throw new PageError(400, 'Message too long', `${label} is too long (at most ${MESSAGE_MAX} characters).`);
  return body;
}

function author(c: Ctx): string {
  return c.var.session.user ?? 'agent';
}

function isStatus(s: string): s is TicketStatus {
  return (TICKET_STATUSES as readonly string[]).includes(s);
}

function isAgent(s: string): boolean {
  return (AGENTS as readonly string[]).includes(s);
}

/** "2026-11-16 09:47 UTC" */
function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A message as one short line: whitespace collapsed, cut at a word near 100 characters. */
function firstLine(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text.length <= 100) return text;
  const cut = text.slice(0, 100);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 60 ? cut.lastIndexOf(' ') : 100)}…`;
}
