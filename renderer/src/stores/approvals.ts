// A lead's second approvals in this panel: signed in with their own passphrase (a session held
// here, never the agent's), the requests waiting, and a grant or a decline with why.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApprovalRequest } from '../../../shared/api.ts';
import { errorMessage } from '../api/envelope.ts';

export interface ApprovalsState {
  /** the signed-in lead */
  lead: { name: string; session: string } | null;
  requests: ApprovalRequest[];
  busy: boolean;
  error: string | null;
  /** the last decision taken here, in words */
  done: string | null;
  signIn(name: string, passphrase: string): Promise<boolean>;
  signOut(): void;
  load(): Promise<void>;
  decide(requestId: string, grant: boolean, note: string): Promise<boolean>;
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
      async decide(requestId, grant, note) {
        const lead = get().lead;
        if (!lead) return false;
        const decided = await attempt(() => api.call('approvals.decide', { session: lead.session, requestId, grant, note }));
        if (!decided) return false;
        set({
          requests: get().requests.map((r) => (r.id === decided.id ? decided : r)),
          done: grant ? `Granted: the run for ticket #${decided.ticketId} has started.` : `Declined: the agent is told why.`,
        });
        return true;
      },
    };
  });
