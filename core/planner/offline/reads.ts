// The planner's reads: each through the ReadTool, once per input (cached), recorded for the plan
// with a one-line summary, and parsed with the connector's output schema.
import { z } from 'zod';
import type { ReadRecord, ReadTool, SystemId } from '../../../shared/plan.ts';
import { CrmCustomerSchema, type CrmCustomer } from '../../../shared/roles/customers.ts';
import { OrderDetailsSchema, ProductDetailsSchema, type OrderDetails, type ProductDetails } from '../../../shared/roles/orders.ts';
import { OrderPaymentsSchema, PaymentMethodsSchema, type OrderPayments, type PaymentMethods } from '../../../shared/roles/payments.ts';

export type { OrderDetails, ProductDetails, OrderPayments, PaymentMethods, CrmCustomer };

type Answer<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

const CrmUserId = z.object({ user_id: z.string().min(1) });

const money = (n: number) => `$${n.toFixed(2)}`;

const FoundProducts = z.object({ products: z.array(z.object({ product_id: z.string(), name: z.string() })) });

export class Reader {
  readonly records: ReadRecord[] = [];
  private readonly cache = new Map<string, Promise<Answer<unknown>>>();

  constructor(private readonly read: ReadTool) {}

  private get<T>(system: SystemId, action: string, input: Record<string, unknown>, schema: z.ZodType<T>, summary: (d: T) => string): Promise<Answer<T>> {
    const key = `${system}/${action}/${JSON.stringify(input)}`;
    const cached = this.cache.get(key);
    if (cached) return cached as Promise<Answer<T>>;
    const run = (async (): Promise<Answer<T>> => {
      const started = Date.now();
      const res = await this.read(system, action, input);
      let answer: Answer<T>;
      if (!res.ok) answer = { ok: false, code: res.error.code, message: res.error.message };
      else {
        const parsed = schema.safeParse(res.data);
        answer = parsed.success ? { ok: true, data: parsed.data } : { ok: false, code: 'invalid_output', message: parsed.error.message };
      }
      this.records.push({
        system,
        action,
        input,
        ok: answer.ok,
        summary: answer.ok ? summary(answer.data) : `${answer.code}: ${answer.message}`,
        durationMs: Date.now() - started,
      });
      return answer;
    })();
    this.cache.set(key, run);
    return run;
  }

  userIdByEmail(email: string) {
    return this.get('crm', 'find_user_id_by_email', { email }, CrmUserId, (d) => `${email} is customer ${d.user_id}`);
  }

  userIdByNameZip(first_name: string, last_name: string, zip: string) {
    return this.get('crm', 'find_user_id_by_name_zip', { first_name, last_name, zip }, CrmUserId, (d) => `${first_name} ${last_name}, ${zip} is customer ${d.user_id}`);
  }

  user(user_id: string) {
    return this.get('crm', 'get_user_details', { user_id }, CrmCustomerSchema, (d) => `customer ${d.user_id}: ${d.name.first_name} ${d.name.last_name}, ${d.orders.length} orders`);
  }

  order(order_id: string) {
    return this.get('orders', 'get_order_details', { order_id }, OrderDetailsSchema, (d) => `order ${d.order_id}: ${d.status}, ${d.items.length} items, ${money(d.items.reduce((s, i) => s + i.price, 0))}`);
  }

  product(product_id: string) {
    return this.get('orders', 'get_product_details', { product_id }, ProductDetailsSchema, (d) => `product ${d.name} (${d.product_id}): ${Object.keys(d.variants).length} variants`);
  }

  methods(user_id: string) {
    return this.get('billing', 'get_payment_methods', { user_id }, PaymentMethodsSchema, (d) => `payment methods of ${user_id}: ${d.payment_methods.map((m) => m.id).join(', ')}`);
  }

  /** The catalogue's products whose name holds these words. */
  findProducts(q: string) {
    return this.get('orders', 'find_products', { q }, FoundProducts, (d) => `products matching "${q}": ${d.products.map((p) => p.name).join(', ') || 'none'}`);
  }

  /** The orders and products read so far (what the understand stage's vocabulary comes from). */
  async seen(): Promise<{ orders: OrderDetails[]; products: ProductDetails[] }> {
    const orders: OrderDetails[] = [];
    const products: ProductDetails[] = [];
    for (const [key, answer] of this.cache) {
      const a = await answer;
      if (!a.ok) continue;
      if (key.startsWith('orders/get_order_details/')) orders.push(a.data as OrderDetails);
      else if (key.startsWith('orders/get_product_details/')) products.push(a.data as ProductDetails);
    }
    return { orders, products };
  }

  /** Any read action a playbook file names, parsed with that action's output schema (cached like the others). */
  action(system: SystemId, action: string, input: Record<string, unknown>, schema: z.ZodType) {
    return this.get(system, action, input, schema, () => `${action} ${Object.values(input).join(', ')}`);
  }

  payments(order_id: string) {
    return this.get('billing', 'get_order_payments', { order_id }, OrderPaymentsSchema, (d) => `payments of ${d.order_id}: ${d.charges.length} charges, ${d.refunds.length} refunds`);
  }
}
