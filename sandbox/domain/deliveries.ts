// When each delivered order arrived. The benchmark's data has no dates, so the sandbox derives one
// per order from its id (a fixed hash: 1 to 60 days before the day the world was made), outside the
// benchmark's state like Billing's planted discrepancies: no write reads it and the exported state
// is unchanged. The order page shows it, so a playbook rule can read it ("within 30 days of delivery").

/** Statuses of an order that has been delivered. */
const DELIVERED = new Set(['delivered', 'return requested', 'exchange requested']);

/** FNV-1a over the id: the same days for the same order, every run. */
function daysAgo(orderId: string): number {
  let h = 0x811c9dc5;
  for (const ch of orderId) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return 1 + (h % 60);
}

/** The day (YYYY-MM-DD, UTC) the order was delivered, or null when it has not been. */
export function deliveredOn(order: { order_id: string; status: string }, today: Date): string | null {
  if (!DELIVERED.has(order.status)) return null;
  const day = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - daysAgo(order.order_id) * 86_400_000;
  return new Date(day).toISOString().slice(0, 10);
}
