// The ticket an agent works: the ticket, the reads behind the proposal, the proposal (with the hash
// an approval binds to), the steps to skip, and the run with its live progress.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApiEvent, Proposal, RunView, TicketView } from '../../../shared/api.ts';
import type { ReadRecord } from '../../../shared/plan.ts';
import { errorMessage } from '../api/envelope.ts';

export type WorkAction = 'open' | 'propose' | 'edit' | 'approve' | 'next' | 'skip' | 'cancel' | 'escalate';

export interface WorkState {
  ticketId: number | null;
  ticket: TicketView | null;
  reads: ReadRecord[];
  proposal: Proposal | null;
  /** step ids the agent chose not to run */
  skip: string[];
  stepMode: boolean;
  run: RunView | null;
  /** the call under way, if any */
  busy: WorkAction | null;
  error: string | null;
  escalated: boolean;
  open(ticketId: number): Promise<void>;
  close(): void;
  propose(): Promise<void>;
  editParam(stepId: string, param: string, value: unknown): Promise<boolean>;
  toggleSkip(stepId: string): void;
  setStepMode(on: boolean): void;
  approve(): Promise<void>;
  next(): Promise<void>;
  skipStep(stepId: string): Promise<void>;
  cancel(): Promise<void>;
  escalate(note: string): Promise<void>;
  onEvent(event: ApiEvent): void;
}

const RANK: Record<RunView['status'], number> = { running: 0, waiting: 0, finished: 1 };

/** The later of two views of one run: a finished view is never replaced by an earlier one. */
function later(current: RunView | null, incoming: RunView): RunView {
  if (!current || current.runId !== incoming.runId) return incoming;
  return RANK[incoming.status] < RANK[current.status] ? current : incoming;
}

const FRESH = { ticket: null, reads: [], proposal: null, skip: [], stepMode: false, run: null, busy: null, error: null, escalated: false };

export const createWorkStore = (api: ApiClient) =>
  createStore<WorkState>()((set, get) => {
    /** runs one call as `action`; errors end up in `error` */
    const attempt = async <T>(action: WorkAction, work: () => Promise<T>): Promise<T | undefined> => {
      set({ busy: action, error: null });
      try {
        return await work();
      } catch (error) {
        set({ error: errorMessage(error) });
        return undefined;
      } finally {
        set({ busy: null });
      }
    };
    const ticketId = (): number => {
      const id = get().ticketId;
      if (id === null) throw new Error('no ticket is open');
      return id;
    };
    const runId = (): string => {
      const run = get().run;
      if (!run) throw new Error('nothing is running');
      return run.runId;
    };

    return {
      ticketId: null,
      ...FRESH,
      async open(id) {
        set({ ticketId: id, ...FRESH });
        const ticket = await attempt('open', () => api.call('tickets.open', { ticketId: id }));
        if (ticket && get().ticketId === id) set({ ticket });
      },
      close() {
        set({ ticketId: null, ...FRESH });
      },
      async propose() {
        set({ reads: [], proposal: null, skip: [], run: null, escalated: false });
        const proposal = await attempt('propose', () => api.call('proposal.create', { ticketId: ticketId() }));
        if (proposal && proposal.plan.ticketId === get().ticketId) set({ proposal, reads: proposal.plan.reads.length ? proposal.plan.reads : get().reads });
      },
      async editParam(stepId, param, value) {
        const shown = get().proposal;
        if (!shown) return false;
        const proposal = await attempt('edit', () =>
          api.call('proposal.editParam', { ticketId: ticketId(), planHash: shown.planHash, stepId, param, value }),
        );
        if (!proposal) return false;
        set({ proposal });
        return true;
      },
      toggleSkip(stepId) {
        const skip = get().skip;
        set({ skip: skip.includes(stepId) ? skip.filter((s) => s !== stepId) : [...skip, stepId] });
      },
      setStepMode(on) {
        set({ stepMode: on });
      },
      async approve() {
        const { proposal, skip, stepMode, busy, run } = get();
        if (!proposal || busy || (run && run.status !== 'finished')) return;
        // the approval always carries the hash of the plan on screen
        const approved = await attempt('approve', () =>
          api.call('run.approve', { ticketId: ticketId(), planHash: proposal.planHash, mode: stepMode ? 'step' : 'all', skip }),
        );
        if (approved) set({ run: later(get().run, approved) });
      },
      async next() {
        const run = await attempt('next', () => api.call('run.next', { runId: runId() }));
        if (run) set({ run: later(get().run, run) });
      },
      async skipStep(stepId) {
        const run = await attempt('skip', () => api.call('run.skip', { runId: runId(), stepId }));
        if (run) set({ run: later(get().run, run) });
      },
      async cancel() {
        const run = await attempt('cancel', () => api.call('run.cancel', { runId: runId() }));
        if (run) set({ run: later(get().run, run) });
      },
      async escalate(note) {
        const done = await attempt('escalate', () => api.call('ticket.escalate', { ticketId: ticketId(), note }));
        if (done) set({ escalated: true });
      },
      onEvent(event) {
        const state = get();
        if (event.type === 'proposal.read') {
          if (event.ticketId === state.ticketId && state.busy === 'propose') set({ reads: [...state.reads, event.read] });
          return;
        }
        const ours = state.run ? state.run.runId === event.run.runId : state.busy === 'approve' && event.run.ticketId === state.ticketId;
        if (ours) set({ run: later(state.run, event.run) });
      },
    };
  });
