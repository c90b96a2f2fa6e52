// The Request Tracker 5 connector against a real RT 5 (started and reset by the shared setup
// script): queue, ticket with the customer's messages, reply through RT's rich-text editor, comment,
// status, owner; RT's 200 refusals and its Referer check; and a wrong connector said at sign-in.
// Every write is checked in RT's own database through its REST 2 API.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BrowserHost } from '../../automations/runtime/browser-host.ts';
import { defineAction } from '../../automations/runtime/action.ts';
import { ActionRunner } from '../../automations/runtime/runner.ts';
import { EvidenceStore } from '../../automations/runtime/evidence.ts';
import { MemorySecretStore } from '../../automations/runtime/secrets.ts';
import { parseSystemsConfig } from '../../core/config/systems.ts';
import { configuredSystems, type ConfiguredSystems } from '../../core/config/connectors.ts';
import { startSandbox, type RunningSandbox } from '../../sandbox/server.ts';
import { RT_AGENT, rtTicket, rtUnavailable, sameText, startRt } from '../helpers/rt.ts';

const skip = rtUnavailable();
if (skip) console.warn(`RT connector tests skipped: ${skip}`);

describe.skipIf(skip !== undefined)('Request Tracker 5 as the helpdesk', { timeout: 180_000 }, () => {
  let base: string;
  let host: BrowserHost;
  let runner: ActionRunner;
  let rt: ConfiguredSystems;
  const act = (id: string, input: unknown) => runner.run(rt.actions.get('helpdesk', id)!, input);

  beforeAll(async () => {
    base = startRt();
    // configured through the same systems.json schema as the sandbox's helpdesk
    rt = await configuredSystems(parseSystemsConfig(JSON.stringify({ systems: { helpdesk: { connector: 'rt', url: base, username: RT_AGENT.username } } }), 'systems.json', { partial: true }));
    host = await BrowserHost.launch({ headless: true });
    runner = new ActionRunner({
      host,
      secrets: new MemorySecretStore({ helpdesk: RT_AGENT }),
      systems: rt.endpoints,
      evidence: new EvidenceStore(mkdtempSync(path.join(os.tmpdir(), 'legwork-rt-evidence-'))),
      timeoutMs: 30_000,
    });
  }, 600_000);
  afterAll(async () => {
    await host?.close();
  });

  it('lists a queue in the role\'s statuses and reads a ticket with the customer\'s message', async () => {
    const queue = await act('list_tickets', { queue: 'Orders', status: 'new' });
    expect(queue.ok).toBe(true);
    if (!queue.ok) return;
    // #6 is open (olivia's): the new tickets of Orders are 7–10
    expect(queue.output.tickets.map((t: { id: number }) => t.id)).toEqual([7, 8, 9, 10]);
    expect(queue.output.tickets[1]).toMatchObject({ id: 8, status: 'new', queue: 'Orders', assignee: null, subject: 'Item arrived damaged - cracked ceramic vase (order #49875)' });
    const open = await act('list_tickets', { status: 'open' });
    expect(open.ok && open.output.tickets.map((t: { id: number; assignee: string | null }) => [t.id, t.assignee])).toEqual([[1, 'sam'], [6, 'olivia']]);

    const ticket = await act('get_ticket', { ticket_id: 8 });
    expect(ticket.ok).toBe(true);
    if (!ticket.ok) return;
    expect(ticket.output).toMatchObject({ id: 8, requester_name: 'Sophie Martin', requester_email: 'sophie.martin@example.org', status: 'new', queue: 'Orders', assignee: null });
    expect(ticket.output.messages).toHaveLength(1);
    expect(ticket.output.messages[0]).toMatchObject({ kind: 'customer', author: 'Sophie Martin' });
    expect(ticket.output.messages[0].body).toContain('the ceramic vase inside is cracked down');
  });

  it('replies through the rich-text editor and comments, each once, as RT stores them', async () => {
    const reply = 'Hello Derek,\n\nYour order #52004 is cancelled & refunded <in full>.\nThanks for your patience.';
    const first = await act('reply_to_customer', { ticket_id: 7, body: reply });
    expect(first.ok, JSON.stringify(!first.ok && first.error)).toBe(true);
    const again = await act('reply_to_customer', { ticket_id: 7, body: reply });
    expect(again.ok && again.alreadyDone).toBe(true);
    const note = await act('add_internal_note', { ticket_id: 7, body: 'Checked in OrderTrack: pending, cancelled by Legwork.' });
    expect(note.ok).toBe(true);

    const state = rtTicket(base, 7);
    const replies = state.messages.filter((m) => m.type === 'Correspond');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.creator).toBe('sam');
    expect(sameText(replies[0]!.text, reply)).toBe(true);
    expect(state.messages.filter((m) => m.type === 'Comment').map((m) => m.text)).toEqual(['Checked in OrderTrack: pending, cancelled by Legwork.']);
    // RT opens a new ticket on the first reply
    expect(state.status).toBe('open');
    const shown = await act('get_ticket', { ticket_id: 7 });
    expect(shown.ok && shown.output.messages.map((m: { kind: string }) => m.kind)).toEqual(['customer', 'reply', 'note']);
  });

  it('sets statuses through the role\'s vocabulary and the owner by user name', async () => {
    expect((await act('set_ticket_status', { ticket_id: 9, status: 'pending' })).ok).toBe(true);
    expect(rtTicket(base, 9).status).toBe('stalled');
    expect((await act('set_ticket_status', { ticket_id: 9, status: 'solved' })).ok).toBe(true);
    expect(rtTicket(base, 9).status).toBe('resolved');
    const shown = await act('get_ticket', { ticket_id: 9 });
    expect(shown.ok && shown.output.status).toBe('solved');

    expect((await act('assign_ticket', { ticket_id: 10, assignee: 'sam' })).ok).toBe(true);
    expect(rtTicket(base, 10).owner).toBe('sam');
    expect((await act('assign_ticket', { ticket_id: 10, assignee: null })).ok).toBe(true);
    expect(rtTicket(base, 10).owner).toBe('Nobody');
    const nobody = await act('assign_ticket', { ticket_id: 10, assignee: 'no-such-agent' });
    expect(!nobody.ok && nobody.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('RT offers no owner "no-such-agent"') });
  });

  it('takes RT\'s 200 refusal page for what it is, and sends the Referer RT checks when asked', async () => {
    const take = (referer: boolean) =>
      defineAction({
        id: 'take_ticket',
        system: 'helpdesk',
        kind: 'read',
        input: z.object({}),
        output: z.object({}),
        run: async (ctx) => {
          await ctx.open('/Ticket/Display.html?Action=Take&id=4', referer ? { referer: '/Ticket/Display.html?id=4' } : {});
          return {};
        },
      });
    const refused = await runner.run(take(false), {});
    expect(!refused.ok && refused.error).toMatchObject({ code: 'precondition_failed', message: expect.stringContaining('Request Tracker 5 refused: possible cross-site request forgery') });
    expect(rtTicket(base, 4).owner).toBe('Nobody');
    const taken = await runner.run(take(true), {});
    expect(taken.ok).toBe(true);
    expect(rtTicket(base, 4).owner).toBe('sam');
  });

  describe('a connector pointed at the wrong system says so at sign-in', () => {
    let sandbox: RunningSandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0 });
    });
    afterAll(async () => {
      await sandbox?.close();
    });

    it('the sandbox\'s helpdesk connector on RT, and RT\'s on the sandbox', async () => {
      const wrong = async (connector: string, url: string, credentials: { username: string; password: string }) => {
        const systems = await configuredSystems(parseSystemsConfig(JSON.stringify({ systems: { helpdesk: { connector, url, username: credentials.username } } }), 'systems.json', { partial: true }));
        const browser = await BrowserHost.launch({ headless: true });
        try {
          const r = new ActionRunner({ host: browser, secrets: new MemorySecretStore({ helpdesk: credentials }), systems: systems.endpoints, timeoutMs: 20_000 });
          return await r.run(systems.actions.get('helpdesk', 'get_ticket')!, { ticket_id: 3 });
        } finally {
          await browser.close();
        }
      };
      const sandboxOnRt = await wrong('sandbox-helpdesk', base, RT_AGENT);
      expect(!sandboxOnRt.ok && sandboxOnRt.error).toMatchObject({ code: 'login_failed', message: expect.stringMatching(/does not look like SupportDesk \(the page is "Login"\)/) });
      const rtOnSandbox = await wrong('rt', sandbox.urls.helpdesk, { username: 'agent', password: 'x' });
      expect(!rtOnSandbox.ok && rtOnSandbox.error).toMatchObject({ code: 'login_failed', message: expect.stringMatching(/does not look like Request Tracker 5 \(the page is "Sign in · SupportDesk"\)/) });
    });
  });
});
