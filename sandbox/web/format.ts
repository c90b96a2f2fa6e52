// How the legacy apps show domain values. One place, so the four apps agree.
import type { Order, PaymentMethod } from '../../shared/retail.ts';
import { formatMoney, toCents } from '../domain/money.ts';

export { formatMoney };

/** "color: blue, size: M" */
export function formatOptions(options: Record<string, string>): string {
  return Object.entries(options)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}

/** A payment method as agents see it: card numbers masked to the last four. */
export function methodLabel(method: PaymentMethod): string {
  switch (method.source) {
    case 'credit_card':
      return `${capitalise(method.brand ?? 'card')} •••• ${method.last_four ?? '????'}`;
    case 'paypal':
      return 'PayPal';
    case 'gift_card':
      return 'Gift card';
  }
}

/** Order ids carry a '#'; URLs use the id without it. */
export function orderPath(orderId: string): string {
  return encodeURIComponent(orderId.replace(/^#/, ''));
}

/** `W123` or `#W123` from a URL or a search box → `#W123`. */
export function orderIdFromInput(text: string): string {
  const t = text.trim().toUpperCase();
  return t.startsWith('#') ? t : `#${t}`;
}

export function itemsTotal(order: Order): number {
  return order.items.reduce((sum, it) => sum + toCents(it.price), 0) / 100;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
