// CRM notes: what agents record on a customer's profile.
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
