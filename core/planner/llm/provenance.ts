// Where a write parameter's value came from, worked out by Legwork — never taken from the model:
// a value some read returned is 'system', one only the ticket's text holds is 'ticket', else 'agent'.
import type { ParamSource, Provenance, SystemId } from '../../../shared/plan.ts';
import type { Ticket } from '../../../shared/roles/helpdesk.ts';

/** One successful read: what it was and what it returned. */
export interface ReadEvidence {
  system: SystemId;
  action: string;
  input: Record<string, unknown>;
  data: unknown;
}

/** A scalar as it is compared: trimmed, spaces squashed, lower case, no leading '#'; numbers canonical. */
function normalize(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.replace(/\s+/g, ' ').trim().toLowerCase().replace(/^#/, '');
  if (/^\d+(\.\d+)?$/.test(s) && !/^0\d/.test(s)) return String(Number(s));
  return s;
}

function leaves(value: unknown, out: Set<string>, depth = 0): void {
  if (depth > 20 || value === null || value === undefined) return;
  if (Array.isArray(value)) for (const v of value) leaves(v, out, depth + 1);
  else if (typeof value === 'object') for (const v of Object.values(value)) leaves(v, out, depth + 1);
  else {
    const n = normalize(value);
    if (n) out.add(n);
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const RANK: Record<Provenance, number> = { system: 0, agent: 1, ticket: 2 };
const short = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
};

export class ProvenanceIndex {
  private readonly sources: { label: string; values: Set<string> }[] = [];
  private readonly ticketText: string;

  constructor(ticket: Ticket, reads: readonly ReadEvidence[]) {
    // the helpdesk's own record of the ticket (its number, who sent it) is a system of record; the words are not
    this.sources.push({ label: `helpdesk: ticket #${ticket.id}`, values: new Set([String(ticket.id), normalize(ticket.requester_email) ?? ''].filter(Boolean)) });
    for (const r of reads) {
      const values = new Set<string>();
      leaves(r.data, values);
      this.sources.push({ label: `${r.system}: ${r.action} ${short(r.input)}`, values });
    }
    const words = [ticket.subject, ...ticket.messages.filter((m) => m.kind === 'customer').map((m) => m.body)].join('\n');
    this.ticketText = words.replace(/\s+/g, ' ').toLowerCase();
  }

  /** The provenance of one parameter's value (an array is as weak as its weakest element). */
  of(value: unknown): ParamSource {
    if (Array.isArray(value)) {
      const parts = value.map((v) => this.of(v));
      if (parts.length === 0) return { source: 'agent', detail: 'an empty list chosen by the LLM planner' };
      const worst = parts.reduce((a, b) => (RANK[b.source] > RANK[a.source] ? b : a));
      return { source: worst.source, detail: [...new Set(parts.map((p) => p.detail))].join('; ') };
    }
    const n = normalize(value);
    if (n) {
      const hit = this.sources.find((s) => s.values.has(n));
      if (hit) return { source: 'system', detail: `${hit.label} shows ${short(value)}` };
      if (this.inTicket(value, n)) return { source: 'ticket', detail: `only the ticket's text says ${short(value)}` };
    }
    return { source: 'agent', detail: `${short(value)} was chosen by the LLM planner; no read or ticket text shows it` };
  }

  private inTicket(value: unknown, n: string): boolean {
    const forms = new Set([n]);
    if (typeof value === 'number' || /^\d+(\.\d+)?$/.test(n)) forms.add(Number(n).toFixed(2));
    return [...forms].some((f) => new RegExp(`(^|[^a-z0-9])${escape(f)}($|[^a-z0-9])`).test(this.ticketText));
  }
}
