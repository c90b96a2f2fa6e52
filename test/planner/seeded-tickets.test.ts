// The sandbox's own demo tickets — the first a new user opens — planned as a careful agent would:
// no invented request, no billing check nobody asked for, questions answered from the systems, and
// what only the customer can tell asked of them.
import { describe, expect, it } from 'vitest';
import { World } from '../../sandbox/domain/world.ts';
import { planOffline } from '../../core/planner/offline/planner.ts';
import { benchmarkWrites } from '../../core/planner/offline/measure.ts';
import { worldReadTool } from './fixtures/world-read-tool.ts';

const world = new World();
type Seeded = { id: number; subject: string; requester_name: string; requester_email: string; messages: { kind: string; body: string }[] };
const seeded = (world as unknown as { helpdesk: { tickets: Seeded[] } }).helpdesk.tickets;

async function planFirst(subject: string) {
  const t = seeded.find((x) => x.subject === subject)!;
  const body = t.messages.filter((m) => m.kind === 'customer').map((m) => m.body).join('\n\n');
  const reads: string[] = [];
  const tool = worldReadTool(world);
  const plan = await planOffline({ id: t.id, requester_name: t.requester_name, requester_email: t.requester_email, subject: t.subject, body }, (s, a, i) => {
    reads.push(a);
    return tool(s, a, i);
  });
  return { plan, reads, body };
}

describe('the sandbox\'s seeded tickets', () => {
  it('"Where is my package?" is answered with the order\'s status and tracking, and reads no charges', async () => {
    const { plan, reads } = await planFirst('Where is my package?');
    expect(plan.outcome).toBe('resolve');
    expect(benchmarkWrites(plan)).toEqual([]);
    expect(reads).not.toContain('get_order_payments');
    expect(plan.reply).not.toMatch(/charge|refund/i);
    expect(plan.reply).toMatch(/tracking number|no tracking number yet/);
  });

  it('"Wrong address on my order" asks the customer for the new address, and changes nothing else', async () => {
    const { plan } = await planFirst('Wrong address on my order');
    expect(plan.outcome).toBe('ask');
    expect(plan.reply).toMatch(/new shipping address/);
    expect(plan.reply).not.toMatch(/which item/);
  });

  it('"Question about a product" is answered from the catalogue with what the product comes in', async () => {
    const { plan, body } = await planFirst('Question about a product');
    const product = /the (.+?) in other colors/.exec(body)![1]!;
    expect(plan.outcome).toBe('resolve');
    expect(benchmarkWrites(plan)).toEqual([]);
    expect(plan.reply).toMatch(new RegExp(`The ${product} is available in \\d+ version`));
    expect(plan.reply).toMatch(/colou?r /);
  });

  it('"Cancel my order" with its reason cancels that order, and nothing else', async () => {
    const { plan } = await planFirst('Cancel my order');
    expect(benchmarkWrites(plan).map((w) => [w.name, w.kwargs.reason])).toEqual([['cancel_pending_order', 'ordered by mistake']]);
  });
});

describe('information questions, answered from the systems with no write', () => {
  const w = new World();
  const user = Object.values(w.retail.data.users)[3]!;
  const ask = (body: string) => planOffline({ id: 1, requester_name: 'x', requester_email: user.email, subject: 'Question', body }, worldReadTool(w));

  it('what a product the customer never bought comes in is read from the catalogue', async () => {
    const plan = await ask('Hi, how many t-shirt options are available right now?');
    const tshirt = Object.values(w.retail.data.products).find((p) => p.name === 'T-Shirt')!;
    const available = Object.values(tshirt.variants).filter((v) => v.available).length;
    expect(plan.outcome).toBe('resolve');
    expect(benchmarkWrites(plan)).toEqual([]);
    expect(plan.reply).toContain(`The T-Shirt is available in ${available} versions`);
    expect(plan.reads.map((r) => r.action)).toContain('find_products');
  });

  it('what the customer paid for an order', async () => {
    const plan = await ask('What did I pay for my order?');
    const order = w.retail.data.orders[user.orders[0]!]!;
    const paid = order.payment_history.filter((p) => p.transaction_type === 'payment').reduce((s, p) => s + p.amount, 0);
    expect(plan.reply).toContain(`you paid $${paid.toFixed(2)}`);
    expect(benchmarkWrites(plan)).toEqual([]);
  });
});
