// CRM notes: what agents record on a customer's profile.
import type { User } from '../../shared/retail.ts';
import { MessageBodySchema } from './helpdesk.ts';

export interface CrmNote {
  note_id: number;
  user_id: string;
  author: string;
  body: string;
  at: string;
}

export class Crm {
  readonly notes: CrmNote[] = [];

  addNote(userId: string, author: string, body: string): CrmNote {
    const note: CrmNote = { note_id: this.notes.length + 1, user_id: userId, author, body: MessageBodySchema.parse(body), at: new Date().toISOString() };
    this.notes.push(note);
    return note;
  }

  notesOf(userId: string): CrmNote[] {
    return this.notes.filter((n) => n.user_id === userId);
  }
}

export interface CustomerHit {
  user_id: string;
  user: User;
}

/**
 * Customers whose name, email or ZIP matches the query (case-insensitive): the name and email by
 * substring ("noah", "brown", "noah brown", "@example"), the ZIP by prefix, the customer id exactly.
 * Sorted by last name, first name, id. An empty query matches nobody.
 */
export function searchCustomers(users: Record<string, User>, query: string): CustomerHit[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!q) return [];
  return Object.entries(users)
    .filter(([id, u]) => {
      const first = u.name.first_name.toLowerCase();
      const last = u.name.last_name.toLowerCase();
      return (
        `${first} ${last}`.includes(q) ||
        `${last} ${first}`.includes(q) ||
        `${last}, ${first}`.includes(q) ||
        u.email.toLowerCase().includes(q) ||
        u.address.zip.toLowerCase().startsWith(q) ||
        id.toLowerCase() === q
      );
    })
    .map(([user_id, user]) => ({ user_id, user }))
    .sort(
      (a, b) =>
        a.user.name.last_name.localeCompare(b.user.name.last_name) ||
        a.user.name.first_name.localeCompare(b.user.name.first_name) ||
        a.user_id.localeCompare(b.user_id),
    );
}
