// An independent reference of the benchmark's write semantics, written from the data README
// without looking at sandbox/domain. Plain JSON in, plain JSON mutated; every check comes first,
// then the changes. Money is rounded to cents as the README says states are compared.
type Json = any;
export interface RetailState {
  users: Record<string, Json>;
  orders: Record<string, Json>;
  products: Record<string, Json>;
}
export type RefResult = { ok: true } | { ok: false; error: string };

const r2 = (x: number) => Math.round(x * 100) / 100;

function fail(error: string): RefResult {
  return { ok: false, error };
}

function countOf(list: string[], x: string): number {
  return list.filter((y) => y === x).length;
}

/** Each old id in the order (with multiplicity), equal lengths, each new id an available variant of the same product. */
function priceDifference(state: RetailState, order: Json, itemIds: string[], newItemIds: string[]): number | string {
  const inOrder: string[] = order.items.map((i: Json) => i.item_id);
  for (const id of itemIds) if (countOf(itemIds, id) > countOf(inOrder, id)) return `${id} not in order`;
  if (itemIds.length !== newItemIds.length) return 'length mismatch';
  let diff = 0;
  for (let k = 0; k < itemIds.length; k++) {
    const item = order.items.find((i: Json) => i.item_id === itemIds[k]);
    const variant = state.products[item.product_id]?.variants?.[newItemIds[k]!];
    if (!variant || !variant.available) return `${newItemIds[k]} not available`;
    diff += variant.price - item.price;
  }
  return r2(diff);
}

export function applyReference(state: RetailState, action: { name: string; kwargs: Record<string, Json> }): RefResult {
  const a = action.kwargs;
  const order = a.order_id !== undefined ? state.orders[a.order_id] : undefined;
  switch (action.name) {
    case 'cancel_pending_order': {
      if (!order) return fail('no order');
      if (order.status !== 'pending') return fail('not pending');
      if (a.reason !== 'no longer needed' && a.reason !== 'ordered by mistake') return fail('bad reason');
      const user = state.users[order.user_id];
      const refunds = order.payment_history.map((p: Json) => ({ transaction_type: 'refund', amount: p.amount, payment_method_id: p.payment_method_id }));
      for (const rf of refunds) {
        const pm = user.payment_methods[rf.payment_method_id];
        if (pm && pm.source === 'gift_card') pm.balance = r2(pm.balance + rf.amount);
      }
      order.payment_history.push(...refunds);
      order.status = 'cancelled';
      order.cancel_reason = a.reason;
      return { ok: true };
    }
    case 'modify_pending_order_address':
    case 'modify_user_address': {
      const address = { address1: a.address1, address2: a.address2, city: a.city, state: a.state, country: a.country, zip: a.zip };
      if (action.name === 'modify_user_address') {
        if (!state.users[a.user_id]) return fail('no user');
        state.users[a.user_id].address = address;
        return { ok: true };
      }
      if (!order) return fail('no order');
      if (order.status !== 'pending') return fail('not pending');
      order.address = address;
      return { ok: true };
    }
    case 'modify_pending_order_payment': {
      if (!order) return fail('no order');
      if (order.status !== 'pending') return fail('not pending');
      const user = state.users[order.user_id];
      const pm = user.payment_methods[a.payment_method_id];
      if (!pm) return fail('no such method');
      const h = order.payment_history;
      if (h.length !== 1 || h[0].transaction_type !== 'payment') return fail('history');
      if (h[0].payment_method_id === a.payment_method_id) return fail('same method');
      const amount = h[0].amount;
      if (pm.source === 'gift_card' && r2(pm.balance) < r2(amount)) return fail('balance');
      const oldId = h[0].payment_method_id;
      h.push({ transaction_type: 'payment', amount, payment_method_id: a.payment_method_id });
      h.push({ transaction_type: 'refund', amount, payment_method_id: oldId });
      if (pm.source === 'gift_card') pm.balance = r2(pm.balance - amount);
      const old = user.payment_methods[oldId];
      if (old && old.source === 'gift_card') old.balance = r2(old.balance + amount);
      return { ok: true };
    }
    case 'modify_pending_order_items':
    case 'exchange_delivered_order_items': {
      const exchange = action.name === 'exchange_delivered_order_items';
      if (!order) return fail('no order');
      if (order.status !== (exchange ? 'delivered' : 'pending')) return fail('wrong status');
      const diff = priceDifference(state, order, a.item_ids, a.new_item_ids);
      if (typeof diff === 'string') return fail(diff);
      const pm = state.users[order.user_id].payment_methods[a.payment_method_id];
      if (!pm) return fail('no such method');
      if (pm.source === 'gift_card' && r2(pm.balance) < diff) return fail('balance');
      if (exchange) {
        order.status = 'exchange requested';
        order.exchange_items = [...a.item_ids].sort();
        order.exchange_new_items = [...a.new_item_ids].sort();
        order.exchange_payment_method_id = a.payment_method_id;
        order.exchange_price_difference = diff;
        return { ok: true };
      }
      order.payment_history.push({ transaction_type: diff > 0 ? 'payment' : 'refund', amount: Math.abs(diff), payment_method_id: a.payment_method_id });
      if (pm.source === 'gift_card') pm.balance = r2(pm.balance - diff);
      for (let k = 0; k < a.item_ids.length; k++) {
        const item = order.items.find((i: Json) => i.item_id === a.item_ids[k]);
        const variant = state.products[item.product_id].variants[a.new_item_ids[k]];
        item.item_id = variant.item_id;
        item.price = variant.price;
        item.options = variant.options;
      }
      order.status = 'pending (item modified)';
      return { ok: true };
    }
    case 'return_delivered_order_items': {
      if (!order) return fail('no order');
      if (order.status !== 'delivered') return fail('not delivered');
      const pm = state.users[order.user_id].payment_methods[a.payment_method_id];
      if (!pm) return fail('no such method');
      if (pm.source !== 'gift_card' && a.payment_method_id !== order.payment_history[0].payment_method_id) return fail('method');
      const inOrder: string[] = order.items.map((i: Json) => i.item_id);
      for (const id of a.item_ids) if (countOf(a.item_ids, id) > countOf(inOrder, id)) return fail('not in order');
      order.status = 'return requested';
      order.return_items = [...a.item_ids].sort();
      order.return_payment_method_id = a.payment_method_id;
      return { ok: true };
    }
    case 'transfer_to_human_agents':
      return { ok: true };
    default:
      return fail(`unknown action ${action.name}`);
  }
}

/** The same state with every number rounded to cents, so states compare as the README says. */
export function inCents(value: Json): Json {
  if (typeof value === 'number') return Math.round(value * 100);
  if (Array.isArray(value)) return value.map(inCents);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inCents(v)]));
  return value;
}
