// The agent's queue, one ticket, and handing a ticket over to a person (an internal note).
import type { ApiHandlers } from '../api/handlers.ts';
import { HELPDESK_STATUSES } from '../../shared/roles/helpdesk.ts';
import { ServiceError, unwrap, type ServiceContext } from './context.ts';

const STATUSES = HELPDESK_STATUSES;
type Status = (typeof STATUSES)[number];

/** `waiting`: the tickets with a plan waiting for a second approval */
export function ticketHandlers({ legwork }: ServiceContext, waiting: () => Set<number> = () => new Set()): Pick<ApiHandlers, 'tickets.queue' | 'tickets.open' | 'ticket.escalate'> {
  return {
    async 'tickets.queue'({ status, q }) {
      if (status !== undefined && status !== '' && !STATUSES.includes(status as Status)) {
        throw new ServiceError('invalid_input', `status must be one of ${STATUSES.join(', ')} (or empty for all), not "${status.slice(0, 40)}"`);
      }
      const tickets = unwrap(await legwork.queue({ ...(status ? { status } : {}), ...(q ? { q } : {}) }));
      const held = waiting();
      return tickets.map((t) => (held.has(t.id) ? { ...t, waitingForApproval: true } : t));
    },
    async 'tickets.open'({ ticketId }) {
      return unwrap(await legwork.ticket(ticketId));
    },
    async 'ticket.escalate'({ ticketId, note }) {
      const out = await legwork.runner.run(legwork.helpdesk('add_internal_note'), { ticket_id: ticketId, body: `Handed over by ${legwork.agent} from Legwork:\n\n${note}` });
      if (!out.ok) throw new ServiceError(out.error.code, out.error.message);
      return { ok: true as const };
    },
  };
}
