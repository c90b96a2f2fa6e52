// What every helpdesk connector checks the same way: a message the ticket already shows (a write's
// alreadyDone) and one shown exactly once (its read-back), compared as a person reads text.
import type { Ticket } from '../../../shared/roles/helpdesk.ts';

/** Whitespace-insensitive: a page shows a typed message with its line breaks reflowed. */
export const sameText = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/** How many of the ticket's messages of this kind have this text. */
export const timesShown = (ticket: Ticket, kind: Ticket['messages'][number]['kind'], body: string) => ticket.messages.filter((m) => m.kind === kind && sameText(m.body, body)).length;

/** A read-back's verdict on a reply or note: shown exactly once, or what is wrong. */
export const shownOnce = (ticket: Ticket, kind: 'reply' | 'note', body: string): true | string =>
  timesShown(ticket, kind, body) === 1 || `the ${kind} is not shown exactly once on ticket #${ticket.id}`;
