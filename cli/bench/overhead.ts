// Run overhead: each write action through Legwork's runner (target check, already-done check,
// read-back, masked before/after screenshots, redacted evidence on disk) against a bare
// playwright-core script doing the same clicks on the same pages, interleaved in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { BrowserHost } from '../../automations/runtime/browser-host.ts';
import { ActionRunner } from '../../automations/runtime/runner.ts';
import { EvidenceStore } from '../../automations/runtime/evidence.ts';
import { MemorySecretStore } from '../../automations/runtime/secrets.ts';
import type { ActionDefinition } from '../../automations/runtime/action.ts';
import { connectors } from '../../automations/systems/index.ts';
import { addInternalNote, assignTicket, replyToCustomer, setTicketStatus } from '../../automations/systems/helpdesk/actions.ts';
import { adjustCharge } from '../../automations/systems/billing/actions.ts';
import { addCrmNote, modifyUserAddress } from '../../automations/systems/crm/actions.ts';
import {
  cancelPendingOrder,
  exchangeDeliveredOrderItems,
  modifyPendingOrderAddress,
  modifyPendingOrderItems,
  modifyPendingOrderPayment,
  returnDeliveredOrderItems,
} from '../../automations/systems/orders/actions.ts';
import type { Order } from '../../shared/retail.ts';
import { median as medianOf } from '../../core/trace/metrics.ts';

export interface OverheadRow {
  action: string;
  legwork_ms_p50: number;
  bare_ms_p50: number;
  ratio: number;
}

export interface Case {
  action: ActionDefinition;
  system: 'helpdesk' | 'crm' | 'orders' | 'billing';
  /** a fresh target for round n, through the control endpoint */
  input: (n: number) => Promise<Record<string, unknown>>;
  /** the same clicks as a person, with no checks, evidence or retries */
  bare: (page: Page, base: string, input: Record<string, any>) => Promise<void>;
}

async function submit(page: Page, click: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }), click()]);
  await page.waitForLoadState('domcontentloaded');
}

/** Every write action with fresh targets per round and the bare script a person's clicks would be. */
export async function benchCases(sandbox: RunningSandbox): Promise<Case[]> {
  const post = async (p: string, body: unknown) =>
    (await fetch(`${sandbox.urls.control}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
  const ticket = async () => ({ ticket_id: (await post('/tickets', { from: 'noah.brown7922@example.com', subject: 'Bench', body: 'A ticket for the benchmark' })).id });
  const extras = await (await fetch(`${sandbox.urls.control}/state/extras`)).json();
  const dup = extras.billing.discrepancies.find((d: { kind: string }) => d.kind === 'duplicate_capture');

  const cases: Case[] = [
    {
      action: addInternalNote as ActionDefinition,
      system: 'helpdesk',
      input: async (n) => ({ ...(await ticket()), body: `Bench note ${n}` }),
      bare: async (page, base, i) => {
        await page.goto(`${base}/tickets/${i.ticket_id}`, { waitUntil: 'domcontentloaded' });
        await page.getByLabel('Note', { exact: true }).fill(i.body);
        await submit(page, () => page.getByRole('button', { name: 'Add note' }).click());
      },
    },
    {
      action: replyToCustomer as ActionDefinition,
      system: 'helpdesk',
      input: async (n) => ({ ...(await ticket()), body: `Bench reply ${n}` }),
      bare: async (page, base, i) => {
        await page.goto(`${base}/tickets/${i.ticket_id}`, { waitUntil: 'domcontentloaded' });
        await page.getByLabel('Reply', { exact: true }).fill(i.body);
        await page.getByRole('button', { name: 'Send reply' }).click();
        await submit(page, () => page.getByRole('dialog').getByRole('button', { name: 'Confirm and send' }).click());
      },
    },
    {
      action: setTicketStatus as ActionDefinition,
      system: 'helpdesk',
      input: async () => ({ ...(await ticket()), status: 'pending' }),
      bare: async (page, base, i) => {
        await page.goto(`${base}/tickets/${i.ticket_id}`, { waitUntil: 'domcontentloaded' });
        await page.getByLabel('Status', { exact: true }).selectOption(i.status);
        await submit(page, () => page.getByRole('button', { name: 'Update status' }).click());
      },
    },
    {
      action: adjustCharge as ActionDefinition,
      system: 'billing',
      input: async (n) => ({ order_id: dup.order_id, charge_id: dup.record_id, amount: 1 + n / 100, reason: `Bench adjustment ${n}` }),
      bare: async (page, base, i) => {
        await page.goto(`${base}/payments/${i.order_id.slice(1)}`, { waitUntil: 'domcontentloaded' });
        await page.getByLabel('Charge to adjust').selectOption(i.charge_id);
        await page.getByLabel('Amount (USD)', { exact: true }).fill(i.amount.toFixed(2));
        await page.getByLabel('Reason', { exact: true }).fill(i.reason);
        await submit(page, () => page.getByRole('button', { name: 'Review adjustment' }).click());
        await submit(page, () => page.getByRole('button', { name: 'Issue adjustment' }).click());
      },
    },
  ];

  // Each round of an order write needs an order of its own: disjoint slices of the seed's orders.
  const data = sandbox.world.retail.data;
  const taken = new Set<string>();
  const ordersWhere = (keep: (o: Order) => boolean) => {
    const list = Object.values(data.orders).filter(keep);
    return async () => {
      let o = list.shift();
      while (o && taken.has(o.order_id)) o = list.shift();
      if (!o) throw new Error('the seed has too few orders for this many benchmark rounds');
      taken.add(o.order_id);
      return o;
    };
  };
  const isCard = (o: Order, method: string) => data.users[o.user_id]?.payment_methods[method]?.source !== 'gift_card';
  const otherVariant = (o: Order) => {
    const item = o.items[0]!;
    return Object.values(data.products[item.product_id]!.variants).find((v) => v.available && v.item_id !== item.item_id);
  };
  const singleCardPayment = (o: Order) => o.payment_history.length === 1 && isCard(o, o.payment_history[0]!.payment_method_id);
  const pending = (o: Order) => o.status === 'pending';
  const delivered = (o: Order) => o.status === 'delivered';
  const next = {
    cancel: ordersWhere(pending),
    address: ordersWhere(pending),
    payment: ordersWhere((o) => pending(o) && singleCardPayment(o) && Object.values(data.users[o.user_id]!.payment_methods).some((m) => m.source !== 'gift_card' && m.id !== o.payment_history[0]!.payment_method_id)),
    items: ordersWhere((o) => pending(o) && singleCardPayment(o) && Boolean(otherVariant(o))),
    ret: ordersWhere((o) => delivered(o) && singleCardPayment(o)),
    exchange: ordersWhere((o) => delivered(o) && singleCardPayment(o) && Boolean(otherVariant(o))),
  };
  const users = Object.keys(data.users);
  const newAddress = (n: number) => ({ address1: `${100 + n} Bench Street`, address2: `Suite ${n}`, city: 'Springfield', state: 'IL', country: 'USA', zip: '62701' });
  const fillAddress = async (page: Page, a: Record<string, string>) => {
    for (const [key, label] of [['address1', 'Address line 1'], ['address2', 'Address line 2'], ['city', 'City'], ['state', 'State'], ['country', 'Country'], ['zip', 'ZIP']]) {
      await page.getByLabel(label!, { exact: true }).fill(a[key!]!);
    }
  };
  const openOrderForm = async (page: Page, base: string, orderId: string, link: string) => {
    await page.goto(`${base}/orders/${orderId.slice(1)}`, { waitUntil: 'domcontentloaded' });
    await submit(page, () => page.getByRole('link', { name: link, exact: true }).click());
  };
  const click = (page: Page, name: string) => submit(page, () => page.getByRole('button', { name, exact: true }).click());
  const pick = async (page: Page, itemId: string, options: Record<string, string>) => {
    const line = page.getByRole('group').filter({ hasText: `Item ID ${itemId} ` }).first();
    await line.getByLabel('Change this item', { exact: true }).check();
    for (const [option, value] of Object.entries(options)) await line.getByLabel(option, { exact: true }).selectOption(value);
  };

  cases.push(
    {
      action: assignTicket as ActionDefinition,
      system: 'helpdesk',
      input: async () => ({ ...(await ticket()), assignee: 'Ben Okafor' }),
      bare: async (page, base, i) => {
        await page.goto(`${base}/tickets/${i.ticket_id}`, { waitUntil: 'domcontentloaded' });
        await page.getByLabel('Assignee', { exact: true }).selectOption(i.assignee);
        await click(page, 'Assign');
      },
    },
    {
      action: modifyUserAddress as ActionDefinition,
      system: 'crm',
      input: async (n) => ({ user_id: users[n]!, ...newAddress(n) }),
      bare: async (page, base, i) => {
        await page.goto(`${base}/customers/${i.user_id}`, { waitUntil: 'domcontentloaded' });
        await submit(page, () => page.getByRole('link', { name: 'Edit default address', exact: true }).click());
        await fillAddress(page, i);
        await click(page, 'Review change');
        await click(page, 'Save address');
      },
    },
    {
      action: addCrmNote as ActionDefinition,
      system: 'crm',
      input: async (n) => ({ user_id: users[n]!, body: `Bench CRM note ${n}` }),
      bare: async (page, base, i) => {
        await page.goto(`${base}/customers/${i.user_id}`, { waitUntil: 'domcontentloaded' });
        await page.getByLabel('Note', { exact: true }).fill(i.body);
        await click(page, 'Add note');
      },
    },
    {
      action: cancelPendingOrder as ActionDefinition,
      system: 'orders',
      input: async () => ({ order_id: (await next.cancel()).order_id, reason: 'no longer needed' }),
      bare: async (page, base, i) => {
        await page.goto(`${base}/orders/${i.order_id.slice(1)}`, { waitUntil: 'domcontentloaded' });
        await page.getByRole('button', { name: 'Cancel order', exact: true }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('Reason').selectOption(i.reason);
        await submit(page, () => dialog.getByRole('button', { name: 'Confirm cancellation' }).click());
      },
    },
    {
      action: modifyPendingOrderAddress as ActionDefinition,
      system: 'orders',
      input: async (n) => ({ order_id: (await next.address()).order_id, ...newAddress(n) }),
      bare: async (page, base, i) => {
        await openOrderForm(page, base, i.order_id, 'Change shipping address');
        await fillAddress(page, i);
        await click(page, 'Review change');
        await click(page, 'Save address');
      },
    },
    {
      action: modifyPendingOrderPayment as ActionDefinition,
      system: 'orders',
      input: async () => {
        const o = await next.payment();
        const to = Object.values(data.users[o.user_id]!.payment_methods).find((m) => m.source !== 'gift_card' && m.id !== o.payment_history[0]!.payment_method_id)!;
        return { order_id: o.order_id, payment_method_id: to.id };
      },
      bare: async (page, base, i) => {
        await openOrderForm(page, base, i.order_id, 'Change payment method');
        await page.getByLabel('New payment method').selectOption(i.payment_method_id);
        await click(page, 'Review change');
        await click(page, 'Change payment method');
      },
    },
    {
      action: modifyPendingOrderItems as ActionDefinition,
      system: 'orders',
      input: async () => {
        const o = await next.items();
        return { order_id: o.order_id, item_ids: [o.items[0]!.item_id], new_item_ids: [otherVariant(o)!.item_id], payment_method_id: o.payment_history[0]!.payment_method_id };
      },
      bare: async (page, base, i) => {
        await openOrderForm(page, base, i.order_id, 'Change items');
        const o = data.orders[i.order_id]!;
        await pick(page, i.item_ids[0], data.products[o.items[0]!.product_id]!.variants[i.new_item_ids[0]]!.options);
        await page.getByLabel('Payment method for the price difference').selectOption(i.payment_method_id);
        await click(page, 'Review changes');
        await click(page, 'Confirm item change');
      },
    },
    {
      action: returnDeliveredOrderItems as ActionDefinition,
      system: 'orders',
      input: async () => {
        const o = await next.ret();
        return { order_id: o.order_id, item_ids: [o.items[0]!.item_id], payment_method_id: o.payment_history[0]!.payment_method_id };
      },
      bare: async (page, base, i) => {
        await openOrderForm(page, base, i.order_id, 'Return items');
        await page.getByRole('checkbox', { name: ` · ${i.item_ids[0]} · ` }).first().check();
        await page.getByLabel('Refund to').selectOption(i.payment_method_id);
        await click(page, 'Review return');
        await click(page, 'Request return');
      },
    },
    {
      action: exchangeDeliveredOrderItems as ActionDefinition,
      system: 'orders',
      input: async () => {
        const o = await next.exchange();
        return { order_id: o.order_id, item_ids: [o.items[0]!.item_id], new_item_ids: [otherVariant(o)!.item_id], payment_method_id: o.payment_history[0]!.payment_method_id };
      },
      bare: async (page, base, i) => {
        await openOrderForm(page, base, i.order_id, 'Exchange items');
        const o = data.orders[i.order_id]!;
        await pick(page, i.item_ids[0], data.products[o.items[0]!.product_id]!.variants[i.new_item_ids[0]]!.options);
        await page.getByLabel('Payment method for the price difference').selectOption(i.payment_method_id);
        await click(page, 'Review exchange');
        await click(page, 'Confirm exchange');
      },
    },
  );

  return cases;
}

export async function measureOverhead(sandbox: RunningSandbox, rounds: number): Promise<OverheadRow[]> {
  const cases = await benchCases(sandbox);
  const evidenceDir = mkdtempSync(path.join(os.tmpdir(), 'legwork-bench-'));
  const host = await BrowserHost.launch({ headless: true });
  const runner = new ActionRunner({
    host,
    secrets: new MemorySecretStore(sandbox.credentials),
    systems: Object.fromEntries(Object.entries(connectors).map(([name, connector]) => [name, { connector, baseUrl: sandbox.urls[name as keyof typeof sandbox.urls] }])),
    evidence: new EvidenceStore(evidenceDir),
  });
  try {
    const rows: OverheadRow[] = [];
    for (const c of cases) {
      // the bare script gets its own signed-in tab in the same browser
      const bare = await host.context.newPage();
      await connectors[c.system]!.signIn(bare, sandbox.urls[c.system], sandbox.credentials[c.system]);
      await runner.run(c.action, await c.input(0)); // warm-up: sign-in, first page loads
      await c.bare(bare, sandbox.urls[c.system], await c.input(0));
      const legwork: number[] = [];
      const plain: number[] = [];
      for (let n = 1; n <= rounds; n++) {
        const a = await c.input(n);
        // each side runs in the foreground tab: Chromium throttles background tabs
        await (await host.pageFor(connectors[c.system]!)).bringToFront();
        let t = performance.now();
        const res = await runner.run(c.action, a);
        legwork.push(performance.now() - t);
        if (!res.ok) throw new Error(`${c.action.id} failed in the benchmark: ${res.error.code} ${res.error.message}`);
        const b = await c.input(n + rounds);
        await bare.bringToFront();
        t = performance.now();
        await c.bare(bare, sandbox.urls[c.system], b);
        plain.push(performance.now() - t);
      }
      await bare.close();
      const l = median(legwork);
      const p = median(plain);
      rows.push({ action: c.action.id, legwork_ms_p50: round(l), bare_ms_p50: round(p), ratio: round(l / p) });
    }
    return rows;
  } finally {
    await host.close();
    rmSync(evidenceDir, { recursive: true, force: true });
  }
}

/** The median of a benchmark's timings (never empty): the core's, as the metrics use it. */
export function median(values: number[]): number {
  return medianOf(values) ?? 0;
}

export function round(x: number): number {
  return Math.round(x * 100) / 100;
}
