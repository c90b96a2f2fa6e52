// Who is signed in at this panel to decide, sign or review. On a desk enrolled in a team hub it is
// a person of the hub (their hub name and password; core keeps the hub's token); on a desk alone,
// an approver set up here with `legwork approver add`. Either way the panel holds only a session id.
import { fail, type Result } from '../../shared/errors.ts';
import type { Approvers } from '../approvals/approvers.ts';
import type { HubPerson } from '../hub/people.ts';
import type { Legwork } from '../legwork.ts';
import type { ApiHandlers } from '../api/handlers.ts';
import { ServiceError, unwrap } from './context.ts';

export interface SignedIn {
  name: string;
  /** the hub's person, when this desk works with a hub */
  hub: HubPerson | null;
}

export class PanelPeople {
  constructor(
    private readonly legwork: Legwork,
    private readonly approvers: Approvers,
  ) {}

  /** the desk's hub connection, if it is enrolled in one */
  get hub() {
    return this.legwork.hub;
  }

  /** Signs in a lead: on the hub when this desk has one, else as an approver set up here. */
  async signInLead(name: string, secret: string): Promise<Result<{ session: string; name: string }>> {
    if (!this.hub) return this.approvers.signIn(name, secret);
    const signed = await this.hub.people.signIn(name, secret);
    if (!signed.ok) return signed;
    const { person, session } = signed.data;
    if (person.role !== 'lead') return fail('precondition_failed', `${person.name} is ${person.role} on the team hub: second approvals and policies are a lead's`);
    return { ok: true, data: { session, name: person.name } };
  }

  /** the approvers set up on this desk (`legwork approver add`) */
  localApprovers(): string[] {
    return this.approvers.names();
  }

  who(session: string): Result<SignedIn> {
    if (this.hub) {
      const person = this.hub.people.who(session);
      return person.ok ? { ok: true, data: { name: person.data.name, hub: person.data } } : person;
    }
    const name = this.approvers.who(session);
    return name.ok ? { ok: true, data: { name: name.data, hub: null } } : name;
  }
}

/** hub.status and hub.signIn: whether this desk works with a team hub, and a person signing in on it. */
export function hubHandlers(people: PanelPeople): Pick<ApiHandlers, 'hub.status' | 'hub.signIn'> {
  return {
    async 'hub.status'() {
      const hub = people.hub;
      return { connected: hub !== null, desk: hub?.desk.name ?? null, user: hub?.desk.user ?? null };
    },
    async 'hub.signIn'({ name, password }) {
      const hub = people.hub;
      if (!hub) throw new ServiceError('precondition_failed', 'this desk is not enrolled in a team hub (`legwork hub enroll`): its runs are reviewed here');
      const { session, person } = unwrap(await hub.people.signIn(name, password));
      return { session, name: person.name, role: person.role };
    },
  };
}
