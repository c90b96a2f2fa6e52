// Who a corpus ticket is from, and whose record a gold action touches, against the seed data.
import type { RetailData } from '../../sandbox/domain/seed.ts';
import type { ActionCall } from '../../shared/retail.ts';
import type { CorpusTicket } from '../../shared/ticket.ts';

export const UNKNOWN_SENDER = 'unknown-sender';

/**
 * The requester's user id: by the `from` address; for a ticket tagged unknown-sender, by a full name
 * and zip code that both appear in the text (null when the text does not identify anyone).
 */
export function customerOf(data: RetailData, t: Pick<CorpusTicket, 'from' | 'body' | 'tags'>): string | null {
  const users = Object.entries(data.users);
  if (!t.tags.includes(UNKNOWN_SENDER)) {
    return users.find(([, u]) => u.email.toLowerCase() === t.from.toLowerCase())?.[0] ?? null;
  }
  const text = t.body.toLowerCase();
  const named = users.filter(
    ([, u]) => text.includes(`${u.name.first_name} ${u.name.last_name}`.toLowerCase()) && text.includes(u.address.zip),
  );
  return named.length === 1 ? named[0]![0] : null;
}

/** The user whose order or profile a write changes. */
export function targetOwner(data: RetailData, a: ActionCall): string | null {
  const orderId = a.kwargs.order_id;
  if (typeof orderId === 'string') return data.orders[orderId]?.user_id ?? null;
  const userId = a.kwargs.user_id;
  return typeof userId === 'string' && data.users[userId] ? userId : null;
}
