// The customer's own words (issue 17): the ticket with every sentence framed as an instruction to the
// agent, a bot or the system, or forwarded or quoted from someone else (framing.ts), taken out
// before the planner reads it. Such a sentence is never a request; the plan carries it, quoted, so
// the panel shows it to the agent, and the plan check (guard.ts) still reads the whole ticket.
import type { SetAside } from '../../../shared/plan.ts';
import { quoteOf, segments } from './framing.ts';

export function customerWords<T extends { subject: string; body: string }>(ticket: T): { ticket: T; setAside: SetAside[] } {
  const [subject, ...parts] = segments(ticket.subject, ticket.body);
  const setAside: SetAside[] = [];
  let previousFramed = false;
  const aside = (text: string, why: string) => {
    const last = setAside.at(-1);
    // consecutive framed lines of one kind (a forwarded message's header and text) are one quote
    if (previousFramed && last?.why === why) last.text = quoteOf(`${last.text} ${text}`);
    else setAside.push({ text: quoteOf(text), why });
  };
  if (subject!.framed) aside(subject!.text, subject!.why!);
  previousFramed = subject!.framed;
  let body = '';
  let at = 0;
  for (const part of parts) {
    const start = ticket.body.indexOf(part.text, at);
    if (start < 0) continue;
    body += ticket.body.slice(at, part.framed ? start : start + part.text.length);
    at = start + part.text.length;
    if (part.framed) aside(part.text, part.why!);
    previousFramed = part.framed;
  }
  body += ticket.body.slice(at);
  if (setAside.length === 0) return { ticket, setAside };
  return { ticket: { ...ticket, subject: subject!.framed ? '' : ticket.subject, body }, setAside };
}
