// Billing (PayLedger, the card processor's back office): a customer's payment methods and balances,
// an order's charges, refunds and adjustments; and the one write Billing owns, `adjust_charge`
// (give back a charge or part of it, with a reason) through its review and confirmation pages.
import { z } from 'zod';
import type { Locator } from 'playwright-core';
import { defineSystem } from '../../runtime/system.ts';
import { defineAction, type ActionContext } from '../../runtime/action.ts';
import { namedTable, tableRows, textOf, valueCandidate, legacyWebParts } from '../common/legacy-web.ts';
import { OrderStatusSchema } from '../../../shared/retail.ts';


// ---- inputs ------------------------------------------------------------------------------------

/** `#W2611340` or `W2611340` → `#W2611340`. */
const OrderId = z
  .string()
  .trim()
  .regex(/^#?W\d+$/i, 'an order number looks like #W1234567')
  .transform((s) => `#${s.replace(/^#/, '').toUpperCase()}`);
const UserId = z.string().trim().min(1).max(200);

const cents = (dollars: number) => Math.round(dollars * 100);
const isWholeCents = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

/** Dollars as a number, or as a numeric string ("12.50"), like the billing domain takes them. */
const Amount = z
  .union([z.number(), z.string().trim().regex(/^\d+(\.\d+)?$/, 'an amount of dollars, e.g. 12.50').transform(Number)])
  .pipe(z.number().finite().positive('the amount must be greater than $0.00').refine(isWholeCents, 'the amount must be in whole cents'));

// ---- outputs: the payments role's (shared/roles/payments.ts) ------------------------------------

export {
  PaymentMethodSchema,
  OrderPaymentTotalsSchema,
  PaymentMethodsSchema,
  ChargeSchema,
  RefundSchema,
  AdjustmentSchema,
  OrderPaymentsSchema,
  type PaymentMethods,
  type OrderPayments,
} from '../../../shared/roles/payments.ts';
import {
  AdjustmentSchema,
  OrderPaymentsSchema,
  PaymentMethodSchema,
  PaymentMethodsSchema,
  PaymentSourceSchema as Source,
} from '../../../shared/roles/payments.ts';

// ---- reading pages -----------------------------------------------------------------------------

/** "$1,234.50" → 1234.5; anything else → NaN (which the output schema refuses). */
function dollars(text: string | undefined): number {
  const t = (text ?? '').replace(/[$,\s]/g, '');
  return /^-?\d+(\.\d+)?$/.test(t) ? cents(Number(t)) / 100 : Number.NaN;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

const paymentsPath = (orderId: string) => `/payments/${encodeURIComponent(orderId.replace(/^#/, ''))}`;

/** The value beside a row header of the page's summary table (`| Order | #W123 |`). */
async function summary(ctx: ActionContext, header: string): Promise<string> {
  return textOf(await ctx.find(`the "${header}" row`, [valueCandidate(header)]));
}

/** Rows of a named data table keyed by column header (none when the app shows its empty message). */
async function readTable(ctx: ActionContext, name: string, empty: string): Promise<Record<string, string>[]> {
  const table = await namedTable(ctx, name, empty);
  return table ? tableRows(table) : [];
}

const SOURCE_BY_TYPE: Record<string, z.infer<typeof Source>> = { 'Credit card': 'credit_card', PayPal: 'paypal', 'Gift card': 'gift_card' };

interface ShownMethod {
  method: z.input<typeof PaymentMethodSchema>;
  label: string;
}

/** The customer page's payment methods: `Mastercard •••• 9212` → brand mastercard, last four 9212. */
async function readMethods(ctx: ActionContext): Promise<ShownMethod[]> {
  const rows = await readTable(ctx, 'Payment methods', 'No payment methods on file.');
  return rows.map((r) => {
    const label = norm(r.Method ?? '');
    const source = SOURCE_BY_TYPE[norm(r.Type ?? '')] ?? (norm(r.Type ?? '') as z.infer<typeof Source>);
    const card = /^(.+?)\s*•+\s*(\d{4})$/.exec(label);
    return {
      label,
      method: {
        id: norm(r.ID ?? ''),
        source,
        ...(source === 'credit_card' && card ? { brand: card[1]!.toLowerCase(), last_four: card[2]! } : {}),
        ...(source === 'gift_card' ? { balance: dollars(r.Balance) } : {}),
      },
    };
  });
}

async function openCustomer(ctx: ActionContext, userId: string): Promise<void> {
  await ctx.open(`/customers/${encodeURIComponent(userId)}`);
  await ctx.expectTarget('customer', userId, await summary(ctx, 'Customer ID'));
}

/** The order's payments page, after checking it shows the order asked for. */
async function openPayments(ctx: ActionContext, orderId: string): Promise<void> {
  await ctx.open(paymentsPath(orderId));
  const shown = await ctx.find('the order number', [
    valueCandidate('Order'),
    { describe: 'role=heading[level=1]', locate: (p) => p.getByRole('heading', { level: 1 }) },
  ]);
  await ctx.expectTarget('order', orderId, await textOf(shown));
}

async function readAdjustments(ctx: ActionContext): Promise<z.input<typeof AdjustmentSchema>[]> {
  return (await readTable(ctx, 'Adjustments', 'No adjustments.')).map((r) => ({
    adjustment_id: r.ID ?? '',
    charge_id: r.Charge ?? '',
    amount: dollars(r.Amount),
    reason: r.Reason ?? '',
  }));
}

const EMPTY_FORM = "Nothing is left to refund on this order's card or PayPal charges.";

/** The adjustment form's charge select, or null when the page says nothing is left to refund. */
async function chargeSelect(ctx: ActionContext): Promise<Locator | null> {
  const page = ctx.page;
  if ((await page.getByLabel('Charge to adjust', { exact: true }).count()) === 0 && (await page.getByText(EMPTY_FORM, { exact: true }).count()) > 0) return null;
  return ctx.find('the charge to adjust', [
    { describe: 'label=Charge to adjust', locate: (p) => p.getByLabel('Charge to adjust', { exact: true }) },
    { describe: 'select[name="charge"]', locate: (p) => p.locator('form[action$="/adjust"] select[name="charge"]') },
  ]);
}

/** `ch_123_1 · Visa •••• 1234 · $12.00 refundable` options of the charge select (the placeholder left out). */
async function refundableCharges(ctx: ActionContext): Promise<{ charge_id: string; amount: number }[]> {
  const select = await chargeSelect(ctx);
  if (!select) return [];
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
  return options
    .filter((o) => o.value !== '')
    .map((o) => ({ charge_id: o.value, amount: dollars(/(\$[\d,]+(?:\.\d+)?)\s*refundable\s*$/.exec(norm(o.text))?.[1]) }));
}

async function readPayments(ctx: ActionContext): Promise<z.input<typeof OrderPaymentsSchema>> {
  const customer = await summary(ctx, 'Customer');
  const charges = await readTable(ctx, 'Charges', 'No charges.');
  const refunds = await readTable(ctx, 'Refunds', 'No refunds.');
  return {
    order_id: await summary(ctx, 'Order'),
    status: (await summary(ctx, 'Status')) as z.infer<typeof OrderStatusSchema>,
    user_id: /\(([^()]+)\)\s*$/.exec(customer)?.[1] ?? '',
    items_total: dollars(await summary(ctx, 'Items total')),
    charges: charges.map((r) => ({ charge_id: r['Charge ID'] ?? '', method_label: norm(r.Method ?? ''), amount: dollars(r.Amount), status: norm(r.Status ?? '') })),
    refunds: refunds.map((r) => ({
      refund_id: r['Refund ID'] ?? '',
      method_label: norm(r.Method ?? ''),
      amount: dollars(r.Amount),
      status: norm(r.Status ?? '') as 'settled',
    })),
    adjustments: await readAdjustments(ctx),
    refundable: await refundableCharges(ctx),
  };
}

/** The one payment method of the customer a label (or a bare method id, shown for unknown methods) stands for. */
function methodIdFor(label: string, methods: ShownMethod[]): string | undefined {
  const hits = methods.filter((m) => m.label === label || m.method.id === label);
  return hits.length === 1 ? hits[0]!.method.id : undefined;
}

// ---- reads -------------------------------------------------------------------------------------

export const getPaymentMethods = defineAction({
  id: 'get_payment_methods',
  system: 'billing',
  kind: 'read',
  input: z.object({ user_id: UserId }),
  output: PaymentMethodsSchema,
  run: async (ctx, { user_id }) => {
    await openCustomer(ctx, user_id);
    const methods = await readMethods(ctx);
    const orders = await readTable(ctx, 'Orders', 'No orders.');
    return {
      user_id,
      payment_methods: methods.map((m) => m.method),
      orders: orders.map((r) => ({
        order_id: norm(r.Order ?? ''),
        status: norm(r.Status ?? '') as z.infer<typeof OrderStatusSchema>,
        items_total: dollars(r['Order total']),
        captured: dollars(r.Captured),
        refunded: dollars(r.Refunded),
        adjusted: dollars(r.Adjusted),
      })),
    };
  },
});

export const getOrderPayments = defineAction({
  id: 'get_order_payments',
  system: 'billing',
  kind: 'read',
  input: z.object({ order_id: OrderId }),
  output: OrderPaymentsSchema,
  run: async (ctx, { order_id }) => {
    await openPayments(ctx, order_id);
    const payments = await readPayments(ctx);
    // The payments page names methods as people see them (`Visa •••• 1234`); their ids are on the customer's page.
    if (payments.charges.length + payments.refunds.length > 0 && payments.user_id) {
      await openCustomer(ctx, payments.user_id);
      const methods = await readMethods(ctx);
      for (const record of [...payments.charges, ...payments.refunds]) {
        const id = methodIdFor(record.method_label, methods);
        if (id) record.payment_method_id = id;
      }
    }
    return payments;
  },
});

// ---- the write ---------------------------------------------------------------------------------

const sameReason = (a: string, b: string) => norm(a) === norm(b);

/** What the confirmation page shows must be exactly what was asked for, or nothing is confirmed. */
async function expectExact(ctx: ActionContext, what: string, expected: string, shown: string, same: boolean): Promise<void> {
  if (!same) throw await ctx.failure('target_mismatch', `expected ${what} ${expected}, the confirmation shows "${shown.slice(0, 80)}"`);
}

export const adjustCharge = defineAction({
  id: 'adjust_charge',
  system: 'billing',
  kind: 'write',
  input: z.object({
    order_id: OrderId,
    charge_id: z.string().trim().min(1, 'a charge id is required').max(100),
    amount: Amount,
    reason: z.string().trim().min(3, 'a reason of at least 3 characters is required').max(500, 'the reason must be at most 500 characters'),
  }),
  output: z.object({ adjustment_id: z.string().optional() }),
  open: (ctx, { order_id }) => openPayments(ctx, order_id),
  alreadyDone: async (ctx, { charge_id, amount, reason }) =>
    (await readAdjustments(ctx)).some((a) => a.charge_id === charge_id && cents(a.amount) === cents(amount) && sameReason(a.reason, reason)),
  run: async (ctx, { order_id, charge_id, amount, reason }) => {
    const page = ctx.page;
    const charges = await readTable(ctx, 'Charges', 'No charges.');
    if (!charges.some((r) => r['Charge ID'] === charge_id)) {
      throw await ctx.failure('not_found', `charge ${charge_id} is not a charge of order ${order_id} (it has ${charges.map((r) => r['Charge ID']).join(', ') || 'none'})`);
    }
    const select = await chargeSelect(ctx);
    const offered = select ? await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)) : [];
    if (!select || !offered.includes(charge_id)) {
      throw await ctx.failure(
        'precondition_failed',
        `charge ${charge_id} of order ${order_id} has nothing left to adjust here (gift card, or already given back)${select ? '' : `: ${EMPTY_FORM}`}`,
      );
    }
    await select.selectOption(charge_id);
    await (
      await ctx.find('the amount', [
        { describe: 'label=Amount (USD)', locate: (p) => p.getByLabel('Amount (USD)', { exact: true }) },
        { describe: 'input[name="amount"]', locate: (p) => p.locator('form[action$="/adjust"] input[name="amount"]') },
      ])
    ).fill(amount.toFixed(2));
    await (
      await ctx.find('the reason', [
        { describe: 'label=Reason', locate: (p) => p.getByLabel('Reason', { exact: true }) },
        { describe: 'textarea[name="reason"]', locate: (p) => p.locator('form[action$="/adjust"] textarea[name="reason"]') },
      ])
    ).fill(reason);
    await ctx.submit(
      await ctx.find('the review button', [
        { describe: 'role=button[name="Review adjustment"]', locate: (p) => p.getByRole('button', { name: 'Review adjustment', exact: true }) },
        { describe: 'form[action$="/adjust"] button[type=submit]', locate: (p) => p.locator('form[action$="/adjust"] button[type="submit"]') },
      ]),
    );

    // The confirmation page: the write happens only when it is confirmed, so check it says what we mean.
    await ctx.expectTarget('order', order_id, await summary(ctx, 'Order'));
    const charge = await summary(ctx, 'Charge');
    await expectExact(ctx, 'charge', charge_id, charge, charge.split(' · ')[0]?.trim() === charge_id);
    const shownAmount = await summary(ctx, 'Adjustment');
    await expectExact(ctx, 'amount', amount.toFixed(2), shownAmount, cents(dollars(shownAmount)) === cents(amount));
    await ctx.submit(
      await ctx.find('the confirm button', [
        { describe: 'role=button[name="Issue adjustment"]', locate: (p) => p.getByRole('button', { name: 'Issue adjustment', exact: true }) },
        { describe: 'section[aria-label=Confirmation] button[type=submit]', locate: (p) => p.getByRole('region', { name: 'Confirmation' }).locator('button[type="submit"]') },
      ]),
    );
    const flash = page.getByRole('status');
    const issued = (await flash.count()) > 0 ? /Adjustment (\S+) issued/.exec(await flash.first().innerText())?.[1] : undefined;
    return issued ? { adjustment_id: issued } : {};
  },
  verify: async (ctx, { order_id, charge_id, amount, reason }) => {
    // After a write (or the check that found it done) the tab shows the order's payments page as
    // rendered since; anywhere else, open it again.
    if (new URL(ctx.page.url()).pathname !== paymentsPath(order_id)) await ctx.open(paymentsPath(order_id));
    await ctx.expectTarget('order', order_id, await summary(ctx, 'Order'));
    const same = (await readAdjustments(ctx)).filter((a) => a.charge_id === charge_id && cents(a.amount) === cents(amount) && sameReason(a.reason, reason));
    return same.length === 1 || `order ${order_id} lists ${same.length} adjustments of ${amount.toFixed(2)} on charge ${charge_id} with that reason, not 1`;
  },
});

export const billingActions = [getPaymentMethods, getOrderPayments, adjustCharge];

/** The sandbox's PayLedger Billing as the billing role's connector. */
export const billingSystem = defineSystem({ id: 'sandbox-billing', title: 'PayLedger Billing', role: 'billing', actions: billingActions, ...legacyWebParts('PayLedger Billing') });
export const billing = billingSystem.connector;
