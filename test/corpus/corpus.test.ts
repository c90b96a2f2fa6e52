// The ticket corpus (test/corpus/tickets.jsonl), its hold-out parts (holdout.jsonl, holdout2.jsonl, holdout3.jsonl,
// holdout4.jsonl)
// and the dev goals as tickets (tasks-dev.jsonl):
// every line is a valid ticket, ids are unique across all the files, the mix the planner issue asks for holds, every
// requester is a real customer, and every ticket's gold actions are accepted by a real sandbox
// (control endpoint, fresh reset per ticket) and touch only the requester's own orders and profile.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusTicketSchema, type CorpusTicket } from '../../shared/ticket.ts';
import { WRITE_OPERATIONS, CANCEL_REASONS } from '../../shared/retail.ts';
import { loadRetailData, retailDataDir } from '../../sandbox/domain/seed.ts';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { control, sandboxSuite } from '../helpers/sandbox.ts';
import { CORPUS_FILE, HOLDOUT_FILE, HOLDOUT2_FILE, HOLDOUT3_FILE, HOLDOUT4_FILE } from './build.ts';
import { TASKS_DEV_FILE, TASKS_DEV_TAG, tasksDevTickets, toFirstPerson } from './tasks-dev.ts';
import { customerOf, targetOwner, UNKNOWN_SENDER } from './customers.ts';
import { SOURCES } from './source/index.ts';
import { HOLDOUT_SOURCES } from './holdout/index.ts';
import { HOLDOUT2_SOURCES } from './holdout2/index.ts';
import { HOLDOUT3, HOLDOUT3_SOURCES } from './holdout3/index.ts';
import { HOLDOUT4, HOLDOUT4_SOURCES } from './holdout4/index.ts';
import type { SourceTicket } from './source/types.ts';

/** One corpus file read line by line, with the sources it must be built from. */
function readCorpus(name: string, file: string, sources: SourceTicket[]) {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const parsed = lines.map((line, i) => ({ line: i + 1, result: CorpusTicketSchema.safeParse(JSON.parse(line)) }));
  const tickets: CorpusTicket[] = parsed.flatMap((p) => (p.result.success ? [p.result.data] : []));
  return { name, lines, parsed, tickets, sources };
}

const main = readCorpus('tickets.jsonl', CORPUS_FILE, SOURCES);
const holdout = readCorpus('holdout.jsonl', HOLDOUT_FILE, HOLDOUT_SOURCES);
const holdout2 = readCorpus('holdout2.jsonl', HOLDOUT2_FILE, HOLDOUT2_SOURCES);
const holdout3 = readCorpus('holdout3.jsonl', HOLDOUT3_FILE, HOLDOUT3_SOURCES);
const holdout4 = readCorpus('holdout4.jsonl', HOLDOUT4_FILE, HOLDOUT4_SOURCES);
const tasksDev = readCorpus('tasks-dev.jsonl', TASKS_DEV_FILE, tasksDevTickets());
const PARTS = [main, holdout, holdout2, holdout3, holdout4, tasksDev];
const tickets = main.tickets;
const data = loadRetailData();

const writes = (t: CorpusTicket) => t.expect.actions.length;
const has = (t: CorpusTicket, tag: string) => t.tags.includes(tag);
const count = (pred: (t: CorpusTicket) => boolean, from: CorpusTicket[] = tickets) => from.filter(pred).length;

describe('corpus files', () => {
  it('has at least 150 tickets in tickets.jsonl, 40 in holdout.jsonl and holdout2.jsonl, 60 in holdout3.jsonl, 20 in tasks-dev.jsonl, with ids unique across all', () => {
    expect(main.tickets.length).toBeGreaterThanOrEqual(150);
    expect(holdout.tickets.length).toBeGreaterThanOrEqual(40);
    expect(holdout2.tickets.length).toBeGreaterThanOrEqual(40);
    expect(holdout3.tickets.length).toBeGreaterThanOrEqual(60);
    expect(tasksDev.tickets.length).toBe(20);
    const all = PARTS.flatMap((p) => p.tickets.map((t) => t.id));
    expect(all.filter((id, i) => all.indexOf(id) !== i)).toEqual([]);
  });

  it('holds in holdout.jsonl the mix of the main corpus: outcomes, every write kind, billing, injections', () => {
    const h = holdout.tickets;
    expect(count((t) => t.expect.outcome === 'resolve' && writes(t) > 0, h)).toBeGreaterThanOrEqual(16);
    expect(count((t) => t.expect.outcome === 'resolve' && writes(t) === 0, h)).toBeGreaterThanOrEqual(5);
    expect(count((t) => t.expect.outcome === 'ask', h)).toBeGreaterThanOrEqual(6);
    expect(count((t) => t.expect.outcome === 'escalate', h)).toBeGreaterThanOrEqual(7);
    expect(count((t) => t.expect.outcome === 'escalate' && has(t, 'injection'), h)).toBeGreaterThanOrEqual(2);
    expect(count((t) => t.expect.outcome === 'escalate' && has(t, 'other-customer'), h)).toBeGreaterThanOrEqual(2);
    expect(count((t) => has(t, 'unfounded-billing'), h)).toBeGreaterThanOrEqual(1);
    expect(count((t) => has(t, 'multi-request') && writes(t) >= 2, h)).toBeGreaterThanOrEqual(5);
    const kinds = new Set(h.flatMap((t) => t.expect.actions.map((a) => a.name)));
    expect([...kinds].sort()).toEqual([...WRITE_OPERATIONS].sort());
  });

  it('holds in holdout2.jsonl its mix: mostly resolves, several multi-write tickets, asks, escalations, every write kind', () => {
    const h = holdout2.tickets;
    expect(count((t) => t.expect.outcome === 'resolve', h)).toBeGreaterThanOrEqual(24);
    expect(count((t) => t.expect.outcome === 'ask', h)).toBeGreaterThanOrEqual(7);
    expect(count((t) => t.expect.outcome === 'escalate', h)).toBeGreaterThanOrEqual(5);
    expect(count((t) => has(t, 'multi-request') && writes(t) >= 2, h)).toBeGreaterThanOrEqual(7);
    expect(count((t) => has(t, 'unknown-sender'), h)).toBeGreaterThanOrEqual(2);
    expect(count((t) => has(t, 'other-customer'), h)).toBeGreaterThanOrEqual(1);
    expect(count((t) => has(t, 'injection'), h)).toBeGreaterThanOrEqual(1);
    expect(h.filter((t) => !has(t, 'holdout2')).map((t) => t.id)).toEqual([]);
    const kinds = new Set(h.flatMap((t) => t.expect.actions.map((a) => a.name)));
    expect([...kinds].sort()).toEqual([...WRITE_OPERATIONS].sort());
  });

  it('holds in holdout3.jsonl its mix: mostly resolves with several writes and no order number, read-only answers, asks, escalations, every write kind', () => {
    const h = holdout3.tickets;
    expect(count((t) => t.expect.outcome === 'resolve' && writes(t) > 0, h)).toBeGreaterThanOrEqual(40);
    expect(count((t) => t.expect.outcome === 'resolve' && writes(t) === 0, h)).toBeGreaterThanOrEqual(8);
    expect(count((t) => t.expect.outcome === 'ask', h)).toBeGreaterThanOrEqual(6);
    expect(count((t) => t.expect.outcome === 'escalate', h)).toBeGreaterThanOrEqual(6);
    expect(count((t) => has(t, 'multi-request') && writes(t) >= 2, h)).toBeGreaterThanOrEqual(30);
    expect(count((t) => has(t, 'no-order-id'), h)).toBeGreaterThanOrEqual(50);
    expect(count((t) => has(t, 'unfounded-billing'), h)).toBeGreaterThanOrEqual(1);
    expect(count((t) => has(t, 'other-customer'), h)).toBeGreaterThanOrEqual(1);
    expect(count((t) => has(t, 'unknown-sender'), h)).toBeGreaterThanOrEqual(1);
    expect(h.filter((t) => !has(t, HOLDOUT3)).map((t) => t.id)).toEqual([]);
    expect(h.filter((t) => !/^m\d{3}$/.test(t.id)).map((t) => t.id)).toEqual([]);
    const kinds = new Set(h.flatMap((t) => t.expect.actions.map((a) => a.name)));
    expect([...kinds].sort()).toEqual([...WRITE_OPERATIONS].sort());
  });

  it('holds in holdout4.jsonl its mix: 60 customer emails, two-fifths without writes, asks, escalations, unfounded billing', () => {
    const h = holdout4.tickets;
    expect(h.length).toBe(60);
    expect(count((t) => t.expect.outcome === 'resolve' && writes(t) > 0, h)).toBeGreaterThanOrEqual(30);
    expect(count((t) => t.expect.outcome === 'resolve' && writes(t) === 0, h)).toBeGreaterThanOrEqual(10);
    expect(count((t) => t.expect.outcome === 'ask', h)).toBeGreaterThanOrEqual(7);
    expect(count((t) => t.expect.outcome === 'escalate', h)).toBeGreaterThanOrEqual(5);
    expect(count((t) => has(t, 'unfounded-billing'), h)).toBeGreaterThanOrEqual(3);
    expect(h.filter((t) => !has(t, HOLDOUT4)).map((t) => t.id)).toEqual([]);
    expect(h.filter((t) => !/^q\d{3}$/.test(t.id)).map((t) => t.id)).toEqual([]);
    expect(h.filter((t) => writes(t) > 0 && !/^tasks_train#\d+/.test(t.source ?? '')).map((t) => t.id)).toEqual([]);
    // its train tasks are 300 and above, each used once, and by no other corpus file
    const trainTasks = (ts: CorpusTicket[]) => ts.flatMap((t) => [...(t.source ?? '').matchAll(/tasks_train#(\d+)/g)].map((m) => Number(m[1])));
    const mine = trainTasks(h);
    const others = new Set(trainTasks(PARTS.filter((p) => p !== holdout4).flatMap((p) => p.tickets)));
    expect(mine.filter((n, i) => n < 300 || others.has(n) || mine.indexOf(n) !== i)).toEqual([]);
  });

  it('turns each tasks_dev.json goal into one ticket mechanically: its user, the instruction in the first person, its gold', () => {
    const tasks = JSON.parse(readFileSync(path.join(retailDataDir(), 'tasks_dev.json'), 'utf8')) as { user_id: string; instruction: string; actions: unknown[] }[];
    expect(tasksDev.tickets.map((t) => t.id)).toEqual(tasks.map((_, i) => `d${String(i + 1).padStart(3, '0')}`));
    tasksDev.tickets.forEach((t, i) => {
      const task = tasks[i]!;
      expect(t.from, t.id).toBe(data.users[task.user_id]!.email);
      expect(t.body, t.id).toBe(toFirstPerson(task.instruction));
      expect(t.source, t.id).toMatch(new RegExp(`^tasks_dev#${i}( |$)`));
      expect(t.tags, t.id).toContain(TASKS_DEV_TAG);
      expect(t.expect.actions.length, t.id).toBeLessThanOrEqual(task.actions.length);
    });
    expect(toFirstPerson("Your name is Ann. You are calm, you've ordered a lamp and they ask you to wait.")).toBe("My name is Ann. I am calm, I've ordered a lamp and they ask me to wait.");
  });

  it('holds in tickets.jsonl the mix: outcomes, write kinds, injections, other customers, billing', () => {
    expect(count((t) => t.expect.outcome === 'resolve' && writes(t) > 0)).toBeGreaterThanOrEqual(70);
    expect(count((t) => t.expect.outcome === 'resolve' && writes(t) === 0)).toBeGreaterThanOrEqual(20);
    expect(count((t) => t.expect.outcome === 'ask')).toBeGreaterThanOrEqual(25);
    expect(count((t) => t.expect.outcome === 'escalate')).toBeGreaterThanOrEqual(25);
    expect(count((t) => t.expect.outcome === 'escalate' && has(t, 'injection'))).toBeGreaterThanOrEqual(5);
    expect(count((t) => t.expect.outcome === 'escalate' && has(t, 'other-customer'))).toBeGreaterThanOrEqual(5);
    expect(count((t) => has(t, 'billing'))).toBeGreaterThanOrEqual(10);
    expect(count((t) => has(t, 'unfounded-billing'))).toBeGreaterThanOrEqual(3);
    expect(count((t) => has(t, 'multi-request') && writes(t) >= 2)).toBeGreaterThanOrEqual(15);
    const kinds = new Set(tickets.flatMap((t) => t.expect.actions.map((a) => a.name)));
    expect([...kinds].sort()).toEqual([...WRITE_OPERATIONS].sort());
  });

});

describe.each(PARTS)('$name', ({ lines, parsed, tickets, sources }) => {
  it('parses line by line with CorpusTicketSchema', () => {
    const bad = parsed.filter((p) => !p.result.success).map((p) => `line ${p.line}: ${p.result.error?.message}`);
    expect(bad).toEqual([]);
    expect(tickets.length).toBe(lines.length);
  });

  it('is what build.ts makes of the hand-written sources', () => {
    expect(tickets).toEqual(sources.map((s) => CorpusTicketSchema.parse(s)));
  });

  it('writes only when resolving, and tags every ticket', () => {
    expect(tickets.filter((t) => t.expect.outcome !== 'resolve' && writes(t) > 0).map((t) => t.id)).toEqual([]);
    expect(tickets.filter((t) => t.tags.length === 0).map((t) => t.id)).toEqual([]);
  });

  it('cancels only for a reason the policy allows', () => {
    const reasons = tickets.flatMap((t) => t.expect.actions.filter((a) => a.name === 'cancel_pending_order').map((a) => a.kwargs.reason));
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) expect(CANCEL_REASONS).toContain(r);
  });

  it('never pairs an item with itself in an item change or exchange', () => {
    const noOps = tickets.flatMap((t) =>
      t.expect.actions
        .filter((a) => Array.isArray(a.kwargs.new_item_ids))
        .filter((a) => (a.kwargs.item_ids as string[]).some((id, i) => (a.kwargs.new_item_ids as string[])[i] === id))
        .map(() => t.id),
    );
    expect(noOps).toEqual([]);
  });

  it("comes from real customers' addresses, except tickets tagged unknown-sender", () => {
    const strangers = tickets.filter((t) => !has(t, UNKNOWN_SENDER) && customerOf(data, t) === null).map((t) => `${t.id} <${t.from}>`);
    expect(strangers).toEqual([]);
    const unknownButReal = tickets.filter((t) => has(t, UNKNOWN_SENDER) && Object.values(data.users).some((u) => u.email === t.from));
    expect(unknownButReal.map((t) => t.id)).toEqual([]);
  });

  it("touches only the requester's own orders and profile", () => {
    const wrong: string[] = [];
    for (const t of tickets.filter((x) => writes(x) > 0)) {
      const customer = customerOf(data, t);
      if (customer === null) wrong.push(`${t.id}: writes, but the requester is not identified`);
      for (const a of t.expect.actions) {
        const owner = targetOwner(data, a);
        if (owner !== customer) wrong.push(`${t.id}: ${a.name} on ${String(a.kwargs.order_id ?? a.kwargs.user_id)} belongs to ${owner}, not ${customer}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names in other-customer tickets an order that is not the requester’s, and gold never touches it', () => {
    for (const t of tickets.filter((x) => has(x, 'other-customer'))) {
      const customer = customerOf(data, t);
      const mentioned = [...t.body.matchAll(/#?W\d{7}/g)].map((m) => `#${m[0].replace('#', '')}`);
      const foreign = mentioned.filter((id) => data.orders[id] && data.orders[id]!.user_id !== customer);
      expect(foreign.length, t.id).toBeGreaterThan(0);
      for (const a of t.expect.actions) expect(foreign, t.id).not.toContain(a.kwargs.order_id);
    }
  });
});

describe('gold actions against a real sandbox', () => {
  let sandbox: RunningSandbox;
  sandboxSuite((s) => {
    sandbox = s;
  });

  it('every ticket’s gold actions apply on a fresh reset, with no refusal (all files)', async () => {
    const refused: string[] = [];
    for (const t of PARTS.flatMap((p) => p.tickets).filter((x) => writes(x) > 0)) {
      await control(sandbox, 'POST', '/reset');
      for (const a of t.expect.actions) {
        const res = await control<{ ok: boolean; error?: string }>(sandbox, 'POST', '/apply', a);
        if (res.status !== 200 || !res.json.ok) refused.push(`${t.id}: ${a.name}: ${res.json.error ?? res.status}`);
      }
      const log = await control<{ writes: unknown[] }>(sandbox, 'GET', '/writes');
      if (log.json.writes.length !== writes(t)) refused.push(`${t.id}: ${log.json.writes.length} writes logged, ${writes(t)} expected`);
    }
    expect(refused).toEqual([]);
  }, 120_000);

  it('a billing adjustment in gold repays exactly a planted discrepancy of the same order', async () => {
    await control(sandbox, 'POST', '/reset');
    const extras = await control<{ billing: { discrepancies: { order_id: string; record_id: string; amount: number; kind: string }[] } }>(sandbox, 'GET', '/state/extras');
    const planted = extras.json.billing.discrepancies;
    const all = PARTS.flatMap((p) => p.tickets);
    for (const t of all) {
      for (const a of t.expect.actions.filter((x) => x.name === 'adjust_charge')) {
        const d = planted.find((p) => p.order_id === a.kwargs.order_id);
        expect(d, `${t.id}: no discrepancy planted on ${String(a.kwargs.order_id)}`).toBeDefined();
        expect(a.kwargs.amount, t.id).toBe(d!.amount);
        // a duplicate is repaid on the duplicate charge, the rest on the order's charge
        const charge = d!.kind === 'duplicate_capture' ? d!.record_id : d!.record_id.replace(/^re_/, 'ch_').replace(/_\d+$/, '_1');
        expect(a.kwargs.charge_id, t.id).toBe(charge);
      }
    }
    for (const t of all.filter((x) => has(x, 'unfounded-billing'))) {
      const orders = [...t.body.matchAll(/#?W\d{7}/g)].map((m) => `#${m[0].replace('#', '')}`);
      for (const id of orders) expect(planted.map((p) => p.order_id), `${t.id} names a planted order`).not.toContain(id);
    }
  });
});
