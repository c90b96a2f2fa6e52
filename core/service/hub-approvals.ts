// Second approvals through the team hub. The agent's desk sends the request (plan, hash, why, the
// steps, the ticket) and keeps a copy under LEGWORK_HOME/approvals; it then asks the hub about it
// every second and runs the plan only when a grant arrives that is signed by the lead key this desk
// trusts and bound to this request and this plan's hash (core/hub/sync.ts checks). A decline, an
// expired request or a refused answer is said in the agent's panel; nothing runs. A lead's desk lists
// the team's requests from the hub, follows them live (the hub's server-sent events) and decides with
// a decision signed by the lead's kept key.
import { sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ApprovalRequest, RunView } from '../../shared/api.ts';
import { decisionMessage, HubApprovalEventSchema, HubApprovalSchema, type HubApproval } from '../../shared/hub.ts';
import type { ApprovalRequests, StoredRequest } from '../approvals/requests.ts';
import { shownRequest } from '../approvals/requests.ts';
import type { ConnectedDesk } from '../hub/desk.ts';
import { unreachable, type HubPerson } from '../hub/people.ts';
import { approvalDecision, requestSecondApproval } from '../hub/sync.ts';
import type { LeadSigningKey } from '../policy/lead-key.ts';
import { keyIdOf } from '../policy/signing.ts';
import { ServiceError, unwrap, type ServiceContext } from './context.ts';
import { asLead, onHub } from './hub-policy.ts';
import type { LiveRuns } from './run.ts';

export const HUB_POLL_MS = 1000;
/** how long the agent waits for the hub to take a request before being told it cannot be reached */
export const HUB_ASK_MS = 15_000;

/** A hub request as the panel shows it. */
export function shownHubApproval(a: HubApproval): ApprovalRequest {
  const d = a.decision;
  return {
    id: a.id,
    ticketId: Number(a.ticketId) || 0,
    subject: a.subject,
    planHash: a.planHash,
    requestedBy: a.requestedBy,
    requestedAt: a.requestedAt,
    status: a.status,
    desk: a.desk,
    steps: a.steps,
    ...(d ? { decidedBy: d.lead, decidedAt: d.at, ...(d.note ? { note: d.note } : {}) } : {}),
  };
}

/** Sends the request to the hub; keeps this desk's copy (what the agent's panel and the queue show). */
export async function askHub(hub: ConnectedDesk, requests: ApprovalRequests, fields: Omit<StoredRequest, 'id' | 'requestedAt' | 'status' | 'hubId'>, plan: Record<string, unknown>, why: string): Promise<StoredRequest> {
  const asked = await onHub(hub, async () =>
    unwrap(await requestSecondApproval(hub.client, { ticketId: String(fields.ticketId), subject: fields.subject.slice(0, 500), planHash: fields.planHash, plan, why: why.slice(0, 2000), steps: fields.steps }, { signal: AbortSignal.timeout(HUB_ASK_MS) })),
  );
  const stored: StoredRequest = { ...fields, id: asked.id, hubId: asked.id, desk: asked.desk, requestedAt: asked.requestedAt, status: 'pending' };
  requests.save(stored);
  return stored;
}

/** Watches this desk's requests on the hub; starts the run on a verified grant. */
export class HubApprovalWatch {
  #busy = false;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly hub: ConnectedDesk,
    private readonly requests: ApprovalRequests,
    private readonly runs: LiveRuns,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.#timer = setInterval(() => void this.tick(), HUB_POLL_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async tick(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      for (const r of this.requests.all().filter((x) => x.status === 'pending' && x.hubId)) await this.#check(r);
    } finally {
      this.#busy = false;
    }
  }

  #settle(r: StoredRequest, changes: Partial<StoredRequest>, run?: RunView): void {
    const settled = { ...r, decidedAt: new Date().toISOString(), ...changes };
    this.requests.save(settled);
    this.ctx.events.emit({ type: 'approval.decided', request: shownRequest(settled), ...(run ? { run } : {}) });
  }

  async #check(r: StoredRequest): Promise<void> {
    const leadKey = await readFile(this.ctx.legwork.policy.leadKeyPath, 'utf8').catch(() => undefined);
    if (leadKey === undefined) {
      return this.#settle(r, { status: 'declined', decidedBy: 'this desk', note: 'this desk trusts no lead key, so no decision from the hub can be checked here; nothing ran' });
    }
    let answer;
    try {
      answer = await approvalDecision(this.hub.client, r.hubId!, r.planHash, leadKey);
    } catch (e) {
      this.log(`${unreachable(this.hub.client.hubUrl, e)}; the second approval of ticket #${r.ticketId} keeps waiting`);
      return;
    }
    if (!answer.ok) {
      if (answer.error.code === 'system_error') return; // the hub failed this time: asked again next second
      return this.#settle(r, { status: 'declined', decidedBy: 'this desk', note: `the hub's answer was refused here: ${answer.error.message}. Nothing ran.` });
    }
    const a = answer.data;
    if (a.status === 'pending') return;
    if (a.status === 'expired') return this.#settle(r, { status: 'expired', note: `nobody decided before ${a.expiresAt}; ask again` });
    const lead = a.decision!.lead;
    if (a.status === 'declined') return this.#settle(r, { status: 'declined', decidedBy: lead, note: a.decision!.note });
    try {
      // bound to the plan's hash: LiveRuns refuses a plan changed since the request
      const run = await this.runs.start(r.ticketId, r.planHash, { mode: r.mode, skip: r.skip, secondApprover: lead });
      this.#settle(r, { status: 'granted', decidedBy: lead, ...(a.decision!.note ? { note: a.decision!.note } : {}), runId: run.handle.runId }, run.view());
    } catch (e) {
      this.#settle(r, { status: 'declined', decidedBy: lead, note: `granted by ${lead}, but it cannot run here: ${(e as Error).message}. Nothing ran; propose again.` });
    }
  }
}

/** The team's requests as a lead sees them on the hub, waiting first. */
export async function listOnHub(hub: ConnectedDesk, person: HubPerson): Promise<ApprovalRequest[]> {
  const a = await onHub(hub, () => person.call('GET', '/api/approvals'));
  if (a.status !== 200) throw new ServiceError('precondition_failed', `the hub did not list the requests: ${a.error?.message ?? `HTTP ${a.status}`}`);
  return HubApprovalSchema.array().parse(a.body).map(shownHubApproval);
}

/** A lead's decision, signed with their kept key and bound to the request and its plan hash. */
export async function decideOnHub(hub: ConnectedDesk, person: HubPerson, keeper: LeadSigningKey, requestId: string, grant: boolean, note: string, passphrase?: string): Promise<ApprovalRequest> {
  if (!grant && !note.trim()) throw new ServiceError('invalid_input', 'say why it is declined: the agent reads it');
  const kept = await keeper.kept();
  if (!kept) throw new ServiceError('precondition_failed', 'no signing key is kept here yet: create one or pick your key file (Team lead → Sign and install)');
  const key = unwrap(await keeper.open(passphrase));
  return onHub(hub, async () => {
    const current = await person.call('GET', `/api/approvals/${encodeURIComponent(requestId)}`);
    if (current.status !== 200) throw new ServiceError('not_found', `no approval request ${requestId} on the hub: ${current.error?.message ?? `HTTP ${current.status}`}`);
    const request = HubApprovalSchema.parse(current.body);
    const body = { requestId, planHash: request.planHash, grant, note: note.trim(), lead: person.name, at: new Date().toISOString() };
    const signed = { ...body, keyId: keyIdOf(key), signature: sign(null, Buffer.from(decisionMessage(body)), key).toString('base64') };
    const a = await asLead(person, kept.publicKeyPem, 'POST', `/api/approvals/${encodeURIComponent(requestId)}/decision`, signed);
    if (a.status !== 200) throw new ServiceError(a.status === 400 ? 'invalid_input' : 'precondition_failed', `the hub refused the decision: ${a.error?.message ?? `HTTP ${a.status}`}`);
    return shownHubApproval(HubApprovalSchema.parse(a.body));
  });
}

/**
 * Follows the hub's approval events for a signed-in lead and passes each on to this panel
 * (`approvals.changed`) until the desk closes or the session ends; reconnects after a cut.
 */
export function followOnHub(hub: ConnectedDesk, session: string, person: HubPerson, emit: (request: ApprovalRequest) => void): void {
  const closer = hub.people.closer();
  void (async () => {
    while (!closer.signal.aborted && hub.people.who(session).ok) {
      try {
        const res = await person.stream('/api/approvals/events', closer.signal);
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        const decoder = new TextDecoder();
        let buffered = '';
        for await (const chunk of res.body) {
          buffered += decoder.decode(chunk as Uint8Array, { stream: true });
          let end;
          while ((end = buffered.indexOf('\n\n')) >= 0) {
            const frame = buffered.slice(0, end);
            buffered = buffered.slice(end + 2);
            const data = frame
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trimStart())
              .join('\n');
            const parsed = data ? HubApprovalEventSchema.safeParse(JSON.parse(data)) : undefined;
            if (parsed?.success) emit(shownHubApproval(parsed.data.approval));
          }
        }
      } catch {
        // cut off, or the hub is away: try again in a moment
      }
      if (!closer.signal.aborted) await new Promise((r) => setTimeout(r, 2000).unref());
    }
    closer.abort();
  })();
}
