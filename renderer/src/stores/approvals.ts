// A lead's second approvals in this panel: signed in with their own passphrase (a session held
// here, never the agent's), the requests waiting, and a grant or a decline with why. On a desk with
// a team hub: the team's requests from every desk, kept current as the hub announces them, and a
// decision signed with the lead's key (its passphrase given with the decision in browser mode).
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApiEvent, ApprovalRequest, HubStatus } from '../../../shared/api.ts';
import { errorMessage } from '../api/envelope.ts';

export interface ApprovalsState {
  /** the signed-in lead */
  lead: { name: string; session: string } | null;
  requests: ApprovalRequest[];
  busy: boolean;
  error: string | null;
  /** the last decision taken here, in words */
  done: string | null;
  /** whether this desk works with a team hub (null until asked) */
  hub: HubStatus | null;
  loadHub(): Promise<void>;
  signIn(name: string, passphrase: string): Promise<boolean>;
  signOut(): void;
  load(): Promise<void>;
  /** `keyPassphrase`: opens the lead's key to sign the decision, through the hub */
  decide(requestId: string, grant: boolean, note: string, keyPassphrase?: string): Promise<boolean>;
  onEvent(event: ApiEvent): void;
}

export const createApprovalsStore = (api: ApiClient) =>
  createStore<ApprovalsState>()((set, get) => {
    const attempt = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
      set({ busy: true, error: null });
      try {
        return await work();
      } catch (error) {
        set({ error: errorMessage(error) });
        return undefined;
      } finally {
        set({ busy: false });
      }
    };
    return {
      lead: null,
      requests: [],
      busy: false,
      error: null,
      done: null,
      hub: null,
      async loadHub() {
        // a core that cannot say (an older one) is a desk on its own
        set({ hub: await api.call('hub.status', {}).catch(() => ({ connected: false, desk: null, user: null })) });
      },
      async signIn(name, passphrase) {
        const lead = await attempt(() => api.call('approvals.signIn', { name, passphrase }));
        if (!lead) return false;
        set({ lead, done: null });
        await get().load();
        return true;
      },
      signOut() {
        set({ lead: null, requests: [], done: null, error: null });
      },
      async load() {
        const lead = get().lead;
        if (!lead) return;
        const requests = await attempt(() => api.call('approvals.list', { session: lead.session }));
        if (requests) set({ requests });
      },
      async decide(requestId, grant, note, keyPassphrase) {
        const lead = get().lead;
        if (!lead) return false;
        const decided = await attempt(() => api.call('approvals.decide', { session: lead.session, requestId, grant, note, ...(keyPassphrase ? { passphrase: keyPassphrase } : {}) }));
        if (!decided) return false;
        const started = decided.desk ? `Granted: ${decided.desk} runs ticket #${decided.ticketId} now.` : `Granted: the run for ticket #${decided.ticketId} has started.`;
        set({
          requests: get().requests.map((r) => (r.id === decided.id ? decided : r)),
          done: grant ? started : `Declined: the agent is told why.`,
        });
        return true;
      },
      onEvent(event) {
        // a request asked or decided anywhere on the team (or on this desk): the list follows it
        if (event.type !== 'approvals.changed' || !get().lead) return;
        const request = event.request;
        const known = get().requests.some((r) => r.id === request.id);
        set({ requests: known ? get().requests.map((r) => (r.id === request.id ? request : r)) : [request, ...get().requests] });
      },
    };
  });
