// CustomerBase CRM: who the customer is. Search by name, email or ZIP (with the autocomplete old
// CRMs bolted on: an inline script asking GET /customers/suggest for JSON), a profile with the
// default address, the payment methods masked to the last four (balances live in Billing), the
// customer's orders (ids as plain text: Orders is another system) and agents' notes.
// Writes: the benchmark's modify_user_address (edit → confirmation page → write) and a note
// (`crm_note` in the write log).
import { addressFromForm, addressInputs, addressLines } from '../web/address.ts';
import { html, raw } from 'hono/html';
import type { Order, PaymentMethod, User } from '../../shared/retail.ts';
import { MessageBodySchema } from '../domain/helpdesk.ts';
import { searchCustomers, type CrmNote, type CustomerHit } from '../domain/crm.ts';
import { confirmPage, csrfField, field, one, paginate, PageError, required, table, type Ctx, type LegacyApp } from '../web/kit.ts';
import { methodLabel } from '../web/format.ts';

const PER_PAGE = 20;
const SUGGESTIONS = 8;
const NOTE_MAX = 20_000;


export function crmRoutes(app: LegacyApp): void {
  const r = app.hono;
  const users = () => app.world.retail.data.users;

  r.get('/', (c) => c.redirect('/customers'));

  // ---- search ------------------------------------------------------------------------------

  r.get('/customers', (c) => {
    const v = c.var.view;
    const q = (c.req.query('q') ?? '').trim();
    const hits = searchCustomers(users(), q);
    const { rows, nav } = paginate(c, hits, PER_PAGE);
    const results = q
      ? table<CustomerHit>(
          c,
          'Customers',
          [
            ['Name', (h) => html`<a href="${profilePath(h.user_id)}">${fullName(h.user)}</a>`],
            ['Email', (h) => h.user.email],
            ['ZIP', (h) => h.user.address.zip],
            ['City', (h) => h.user.address.city],
            ['Orders', (h) => h.user.orders.length],
          ],
          rows,
          `No customer matches "${q}".`,
        )
      : html`<p class="${v.cls('hint')}">Enter a name, an email address or a ZIP code.</p>`;
    return app.page(
      c,
      'Customers',
      html`${styles(c)}<section class="${v.cls('search')}">
          <form method="get" action="/customers" role="search" autocomplete="off" class="${v.cls('search-form')}">
            ${searchBox(c, q)}
            <p class="${v.cls('actions')}">${v.arrange([
              html`<button type="submit" class="${v.cls('primary')}">Search</button>`,
              html`<a href="/customers" class="${v.cls('button-link')}">Clear</a>`,
            ])}</p>
            <script>${raw(AUTOCOMPLETE_SCRIPT)}</script>
          </form>
        </section>
        ${hits.length > 0 ? nav : ''}${results}`,
    );
  });

  r.get('/customers/suggest', (c) => {
    const q = (c.req.query('q') ?? '').trim();
    const hits = q.length < 2 ? [] : searchCustomers(users(), q).slice(0, SUGGESTIONS);
    return c.json({
      suggestions: hits.map((h) => ({
        user_id: h.user_id,
        label: `${fullName(h.user)} · ${h.user.email} · ${h.user.address.zip}`,
        href: profilePath(h.user_id),
      })),
    });
  });

  // ---- profile -----------------------------------------------------------------------------

  r.get('/customers/:user_id', (c) => {
    const v = c.var.view;
    const userId = c.req.param('user_id');
    const user = userOf(c, userId);
    const orders = user.orders.map((id) => app.world.retail.data.orders[id]).filter((o): o is Order => o !== undefined);
    const notes = app.world.crm.notesOf(userId);
    const summary = html`<table class="${v.cls('kv')}"><tbody>${v.arrange([
      html`<tr><th scope="row">Name</th><td>${fullName(user)}</td></tr>`,
      html`<tr><th scope="row">Customer ID</th><td>${userId}</td></tr>`,
      html`<tr><th scope="row">Email</th><td><a href="mailto:${user.email}">${user.email}</a></td></tr>`,
      html`<tr><th scope="row">Default address</th><td>${addressLines(user.address)}</td></tr>`,
    ])}</tbody></table>
    <p class="${v.cls('actions')}"><a href="${profilePath(userId)}/address" class="${v.cls('button-link')}">Edit default address</a></p>`;
    const methods = html`<section class="${v.cls('methods')}">
      <h2>Payment methods</h2>
      ${table<PaymentMethod>(
        c,
        'Payment methods',
        [
          ['Method', (m) => methodLabel(m)],
          ['Type', (m) => (m.source === 'credit_card' ? 'Credit card' : m.source === 'paypal' ? 'PayPal account' : 'Gift card (balance in Billing)')],
        ],
        Object.values(user.payment_methods),
        'No payment methods on file.',
      )}
    </section>`;
    const orderList = html`<section class="${v.cls('orders')}">
      <h2>Orders</h2>
      ${table<Order>(
        c,
        'Orders',
        [
          ['Order', (o) => o.order_id],
          ['Status', (o) => o.status],
          ['Items', (o) => o.items.length],
        ],
        orders,
        'No orders.',
      )}
      <p class="${v.cls('hint')}">Order details are in OrderTrack.</p>
    </section>`;
    const noteList = html`<section class="${v.cls('notes')}">
      <h2>Notes</h2>
      ${notes.length === 0 ? html`<p class="${v.cls('empty')}">No notes yet.</p>` : html`<ol class="${v.cls('note-list')}">${notes.map((n) => note(c, n))}</ol>`}
      <form method="post" action="${profilePath(userId)}/notes">
        ${csrfField(c)}
        ${field(c, 'Note', (id) => html`<textarea id="${id}" name="body" rows="3" cols="70" maxlength="${NOTE_MAX}" required></textarea>`)}
        <p class="${v.cls('actions')}"><button type="submit">Add note</button></p>
      </form>
    </section>`;
    return app.page(
      c,
      fullName(user),
      html`${styles(c)}<p class="${v.cls('crumbs')}"><a href="/customers">« Customer search</a></p>
        <section class="${v.cls('profile')}">${summary}</section>
        ${v.arrange([methods, orderList, noteList])}`,
    );
  });

  r.post('/customers/:user_id/notes', (c) => {
    const userId = c.req.param('user_id');
    userOf(c, userId);
    const body = required(c.var.form, 'body', 'Note').replace(/\r\n?/g, '\n'); // browsers send CRLF
    if (!MessageBodySchema.safeParse(body).success) throw new PageError(400, 'Note too long', `A note has at most ${NOTE_MAX} characters.`);
    const added = app.world.crm.addNote(userId, c.var.session.user ?? 'agent', body);
    app.recordWrite('crm_note', userId, { note_id: added.note_id, body: added.body });
    app.flash(c, 'Note added.');
    return c.redirect(profilePath(userId), 303);
  });

  // ---- default address ---------------------------------------------------------------------

  r.get('/customers/:user_id/address', (c) => {
    const v = c.var.view;
    const userId = c.req.param('user_id');
    const user = userOf(c, userId);
    return app.page(
      c,
      'Edit default address',
      html`<p>Customer: <strong>${fullName(user)}</strong> (${userId})</p>
        <form method="post" action="${profilePath(userId)}/address" class="${v.cls('address-form')}">
          ${csrfField(c)}
          ${addressInputs(c, user.address)}
          <p class="${v.cls('actions')}">${v.arrange([
            html`<button type="submit" class="${v.cls('primary')}">Review change</button>`,
            html`<a href="${profilePath(userId)}" class="${v.cls('button-link')}">Cancel</a>`,
          ])}</p>
        </form>`,
    );
  });

  r.post('/customers/:user_id/address', (c) => {
    const userId = c.req.param('user_id');
    const user = userOf(c, userId);
    const form = c.var.form;
    const address = addressFromForm(form);
    if (one(form, 'confirm') !== 'yes') {
      const back = new URLSearchParams(address as unknown as Record<string, string>);
      return confirmPage(c, {
        title: 'Confirm address change',
        question: `Change the default address of ${fullName(user)}?`,
        rows: [
          ['Customer', `${fullName(user)} (${userId})`],
          ['Current address', addressLines(user.address)],
          ['New address', addressLines(address)],
        ],
        action: `${profilePath(userId)}/address`,
        fields: { ...address },
        confirmLabel: 'Save address',
        backHref: `${profilePath(userId)}/address?${back.toString()}`,
      });
    }
    app.write('modify_user_address', { user_id: userId, ...address });
    app.flash(c, 'Default address updated.');
    return c.redirect(profilePath(userId), 303);
  });
}

function searchBox(c: Ctx, q: string) {
  const v = c.var.view;
  const list = v.id();
  return html`<div class="${v.cls('autocomplete')}">${field(
    c,
    'Search customers',
    (id) =>
      html`<input id="${id}" name="q" type="search" value="${q}" size="40" placeholder="Name, email or ZIP" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="${list}">`,
  )}<ul id="${list}" role="listbox" aria-label="Suggestions" class="${v.cls('suggestions')}" hidden></ul></div>`;
}

// The autocomplete: plain DOM, textContent only; the form works the same without it.
const AUTOCOMPLETE_SCRIPT = `(function () {
  var form = document.currentScript.closest('form');
  var input = form.querySelector('input[name=q]');
  var list = form.querySelector('[role=listbox]');
  var timer = null, seq = 0, active = -1;
  function close() {
    list.hidden = true; list.textContent = ''; active = -1;
    input.setAttribute('aria-expanded', 'false');
  }
  function mark(i) {
    var items = list.children;
    for (var k = 0; k < items.length; k++) items[k].setAttribute('aria-selected', k === i ? 'true' : 'false');
    active = i;
  }
  function show(suggestions) {
    list.textContent = '';
    suggestions.forEach(function (s) {
      var li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.textContent = s.label;
      li.dataset.href = s.href;
      li.addEventListener('mousedown', function (e) { e.preventDefault(); });
      li.addEventListener('click', function () { window.location.href = s.href; });
      list.appendChild(li);
    });
    list.hidden = suggestions.length === 0;
    input.setAttribute('aria-expanded', suggestions.length ? 'true' : 'false');
    active = -1;
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { seq++; close(); return; }
    timer = setTimeout(function () {
      var mine = ++seq;
      fetch('/customers/suggest?q=' + encodeURIComponent(q), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (res) { return res.ok ? res.json() : { suggestions: [] }; })
        .then(function (data) { if (mine === seq) show(data.suggestions || []); })
        .catch(function () { if (mine === seq) close(); });
    }, 200);
  });
  input.addEventListener('keydown', function (e) {
    var n = list.children.length;
    if (e.key === 'Escape') { close(); return; }
    if (!n || list.hidden) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); mark((active + 1) % n); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); mark((active - 1 + n) % n); }
    else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); window.location.href = list.children[active].dataset.href; }
  });
  input.addEventListener('blur', function () { setTimeout(close, 150); });
})();`;

function note(c: Ctx, n: CrmNote) {
  const v = c.var.view;
  return html`<li class="${v.cls('note')}">
    <p class="${v.cls('note-head')}"><strong>${n.author}</strong> · <time datetime="${n.at}">${when(n.at)}</time></p>
    <div class="${v.cls('note-body')}">${n.body}</div>
  </li>`;
}

function styles(c: Ctx) {
  const v = c.var.view;
  const s = (part: string) => `.${v.cls(part)}`;
  return html`<style>
    ${s('autocomplete')}{position:relative} ${s('autocomplete')} .${v.cls('field')}{margin:0}
    ${s('suggestions')}{position:absolute;left:154px;top:100%;z-index:10;list-style:none;margin:0;padding:0;background:#fff;border:1px solid #8a96a3;min-width:360px;box-shadow:2px 2px 4px rgba(0,0,0,.2)}
    ${s('suggestions')} li{padding:3px 8px;cursor:pointer;border-bottom:1px solid #eee}
    ${s('suggestions')} li:hover,${s('suggestions')} li[aria-selected=true]{background:#2b4a6f;color:#fff}
    ${s('note-list')}{list-style:none;padding:0} ${s('note')}{border:1px solid #d9b84a;background:#fff6cc;padding:4px 10px;margin-bottom:6px}
    ${s('note-head')}{margin:0 0 2px;font-size:12px;color:#555} ${s('note-body')}{white-space:pre-wrap}
    ${s('hint')}{color:#666;font-size:12px} .${v.cls('actions')} > * + *{margin-left:10px}
  </style>`;
}

function userOf(c: Ctx, userId: string): User {
  const users = c.var.app.world.retail.data.users;
  const user = Object.hasOwn(users, userId) ? users[userId] : undefined;
  if (!user) throw new PageError(404, 'Customer not found', `There is no customer with ID ${userId}.`);
  return user;
}

function profilePath(userId: string): string {
  return `/customers/${encodeURIComponent(userId)}`;
}

function fullName(u: User): string {
  return `${u.name.first_name} ${u.name.last_name}`;
}

/** "2026-11-16 09:47 UTC" */
function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
