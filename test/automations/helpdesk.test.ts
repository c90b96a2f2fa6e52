// Helpdesk actions through the real runtime, against the sandbox in real Chromium.
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { control } from '../helpers/sandbox.ts';
import { automationSuite, type Harness } from '../helpers/automation.ts';
import { addInternalNote, assignTicket, getTicket, listTickets, replyToCustomer, setTicketStatus } from '../../automations/systems/helpdesk/actions.ts';

let sandbox!: RunningSandbox;
let h!: Harness;
automationSuite((sb, harness) => {
  sandbox = sb;
  h = harness;
});

const extrasTicket = async (id: number) => (await control(sandbox, 'GET', '/state/extras')).json.helpdesk.tickets.find((t: any) => t.id === id);
const writes = async () => (await control(sandbox, 'GET', '/writes')).json.writes as any[];
const fileTicket = async (body = 'My order #W2611340 never arrived, please help') =>
  (await control(sandbox, 'POST', '/tickets', { from: 'noah.brown7922@example.com', subject: 'Missing order', body })).json.id as number;

describe('helpdesk reads', () => {
  it('get_ticket reads the requester, status and conversation as the helpdesk holds them', async () => {
    const id = await fileTicket();
    const res = await h.runner.run(getTicket, { ticket_id: id });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const truth = await extrasTicket(id);
    expect(res.output).toMatchObject({ id, subject: 'Missing order', requester_email: truth.requester_email, requester_name: 'Noah Brown', status: 'new', assignee: null });
    expect(res.output.messages).toEqual([expect.objectContaining({ kind: 'customer', body: truth.messages[0].body })]);
  });

  it('get_ticket on an unknown ticket fails with not_found', async () => {
    const res = await h.runner.run(getTicket, { ticket_id: 99999 });
    expect(res.ok ? null : res.error.code).toBe('not_found');
  });

  it('list_tickets reads a page of the queue with filters', async () => {
    const res = await h.runner.run(listTickets, { status: 'new' });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const truth = (await control(sandbox, 'GET', '/state/extras')).json.helpdesk.tickets.filter((t: any) => t.status === 'new');
    expect(res.output.tickets.length).toBe(Math.min(20, truth.length));
    expect(res.output.tickets.every((t) => t.status === 'new')).toBe(true);
  });

  it('list_tickets reads the start of each customer message from the queue, on one line', async () => {
    const id = await fileTicket('My order #W2611340 never arrived,\n\nplease help. '.repeat(4));
    const res = await h.runner.run(listTickets, { q: 'noah.brown7922' });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const preview = res.output.tickets.find((t) => t.id === id)?.preview ?? '';
    expect(preview).toMatch(/^My order #W2611340 never arrived, please help\. My order #W2611340 never arrived, please help\. .*…$/);
    expect(preview.length).toBeLessThanOrEqual(101);
  });

  it('refuses bad input before touching the browser', async () => {
    const res = await h.runner.run(getTicket, { ticket_id: 'abc' });
    expect(res.ok ? null : res.error.code).toBe('invalid_input');
  });
});

describe('helpdesk writes', () => {
  it('reply, note, status and assignee each land exactly once and are read back', async () => {
    const id = await fileTicket();
    for (const [action, input] of [
      [replyToCustomer, { ticket_id: id, body: 'Hi Noah,\nwe are on it.' }],
      [addInternalNote, { ticket_id: id, body: 'Checked the carrier.' }],
      [setTicketStatus, { ticket_id: id, status: 'pending' }],
      [assignTicket, { ticket_id: id, assignee: 'Ben Okafor' }],
    ] as const) {
      const res = await h.runner.run(action as any, input);
      expect(res, JSON.stringify(res.ok ? '' : res.error)).toMatchObject({ ok: true, alreadyDone: false });
    }
    const t = await extrasTicket(id);
    expect(t.status).toBe('pending');
    expect(t.assignee).toBe('Ben Okafor');
    expect(t.messages.map((m: any) => m.kind)).toEqual(['customer', 'reply', 'note']);
    expect((await writes()).map((w) => w.op)).toEqual(['helpdesk_reply', 'helpdesk_note', 'helpdesk_status', 'helpdesk_assign']);
  });

  it('does not repeat a write that already happened', async () => {
    const id = await fileTicket();
    expect((await h.runner.run(addInternalNote, { ticket_id: id, body: 'once' })).ok).toBe(true);
    const again = await h.runner.run(addInternalNote, { ticket_id: id, body: 'once' });
    expect(again).toMatchObject({ ok: true, alreadyDone: true });
    expect((await writes()).length).toBe(1);
  });

  it('refuses an empty assignee as input (null unassigns) before anything is written', async () => {
    const id = await fileTicket();
    const res = await h.runner.run(assignTicket, { ticket_id: id, assignee: ' ' });
    expect(res.ok ? null : res.error.code).toBe('invalid_input');
    expect(await writes()).toEqual([]);
  });

  it('refuses a role status SupportDesk does not have ("closed"), and reads none in the queue, writing nothing', async () => {
    const id = await fileTicket();
    const res = await h.runner.run(setTicketStatus, { ticket_id: id, status: 'closed' });
    expect(!res.ok && res.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('SupportDesk has no status for "closed"') });
    expect((await extrasTicket(id)).status).toBe('new');
    expect(await writes()).toEqual([]);
    const closed = await h.runner.run(listTickets, { status: 'closed' });
    expect(closed.ok && closed.output).toEqual({ tickets: [], page: 1, pages: 1 });
  });
});
