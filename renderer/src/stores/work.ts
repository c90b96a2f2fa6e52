// The ticket an agent works: the ticket, the reads behind the proposal, the proposal (with the hash
// an approval binds to), the steps to skip, and the run with its live progress.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApiEvent, ApprovalRequest, Proposal, RunView, TicketView } from '../../../shared/api.ts';
import type { ReadRecord } from '../../../shared/plan.ts';
import { errorMessage } from '../api/envelope.ts';

export type WorkAction = 'open' | 'propose' | 'edit' | 'choose' | 'approve' | 'next' | 'skip' | 'cancel' | 'escalate';

/** What should get the keyboard focus next: the plan, one step, the run bar, the run's result. */
export type FocusTarget = 'plan' | 'approve' | 'run' | 'result' | `step:${string}` | `choice:${string}`;

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
  /** the second approval asked for this ticket: pending, granted (with its run) or declined (with why) */
  secondApproval: ApprovalRequest | null;
  /** where focus moves after what just changed; the component that owns it takes it and calls focused() */
  focus: FocusTarget | null;
  /** when the run on screen was approved, and when it finished (ms since epoch) */
  runStartedAt: number | null;
  runEndedAt: number | null;
  focused(): void;
  open(ticketId: number): Promise<void>;
  close(): void;
  propose(): Promise<void>;
  /** `unlock`: the value was read from a system and the agent changes it on purpose (core records it) */
  editParam(stepId: string, param: string, value: unknown, unlock?: boolean): Promise<boolean>;
  /** picks one option of one of the plan's choices: core re-composes the plan with every pick so far */
  choose(choiceId: string, optionId: string): Promise<void>;
  toggleSkip(stepId: string): void;
  setStepMode(on: boolean): void;
  approve(): Promise<void>;
  /** runs the same plan again after a failure that is safe to retry, skipping the steps that are done */
  retry(): Promise<void>;
  next(): Promise<void>;
  skipStep(stepId: string): Promise<void>;
  cancel(): Promise<void>;
  escalate(note: string): Promise<void>;
  /** asks a lead for the second approval the policy needs on the plan on screen */
  requestSecondApproval(): Promise<void>;
  onEvent(event: ApiEvent): void;
}

const RANK: Record<RunView['status'], number> = { running: 0, waiting: 0, finished: 1 };

/** The later of two views of one run: a finished view is never replaced by an earlier one. */
function later(current: RunView | null, incoming: RunView): RunView {
  if (!current || current.runId !== incoming.runId) return incoming;
  return RANK[incoming.status] < RANK[current.status] ? current : incoming;
}

/** Steps of the plan (not skipped) whose decision needs a second approver. */
export function needsSecondApproval(proposal: Proposal, skip: string[]): string[] {
  return proposal.decisions.filter((d) => d.kind === 'second_approval' && !skip.includes(d.stepId)).map((d) => d.stepId);
}

const FRESH = { ticket: null, reads: [], proposal: null, skip: [], stepMode: false, run: null, busy: null, error: null, escalated: false, secondApproval: null, focus: null, runStartedAt: null, runEndedAt: null };

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
    /** shows a newer view of the run; its end moves focus to the result */
    const setRun = (incoming: RunView) => {
      const before = get().run;
      const run = later(before, incoming);
      const ended = run.status === 'finished' && before?.status !== 'finished';
      set({ run, ...(ended ? { runEndedAt: Date.now(), focus: 'result' as const } : {}) });
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
        const asked = await api.call('approvals.forTicket', { ticketId: id }).catch(() => null);
        if (asked?.status === 'pending' && get().ticketId === id) set({ secondApproval: asked });
      },
      close() {
        set({ ticketId: null, ...FRESH });
      },
      focused() {
        set({ focus: null });
      },
      async propose() {
        set({ reads: [], proposal: null, skip: [], run: null, escalated: false, runStartedAt: null, runEndedAt: null, secondApproval: null });
        const proposal = await attempt('propose', () => api.call('proposal.create', { ticketId: ticketId() }));
        if (proposal && proposal.plan.ticketId === get().ticketId) set({ proposal, focus: 'plan', reads: proposal.plan.reads.length ? proposal.plan.reads : get().reads });
      },
      async editParam(stepId, param, value, unlock = false) {
        const shown = get().proposal;
        if (!shown) return false;
        const proposal = await attempt('edit', () =>
          api.call('proposal.editParam', { ticketId: ticketId(), planHash: shown.planHash, stepId, param, value, ...(unlock ? { unlock } : {}) }),
        );
        if (!proposal) return false;
        set({ proposal, focus: `step:${stepId}` });
        return true;
      },
      async choose(choiceId, optionId) {
        const shown = get().proposal;
        if (!shown || get().run || get().busy) return;
        const proposal = await attempt('choose', () => api.call('proposal.choose', { ticketId: ticketId(), planHash: shown.planHash, choiceId, optionId }));
        if (!proposal) return;
        // focus goes on to the next choice still open, else to the approval
        const open = proposal.plan.choices.find((c) => c.picked === null);
        set({ proposal, focus: open ? `choice:${open.id}` : 'approve' });
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
        // a hand-over plan is handed over, not approved; open choices are picked first
        if (proposal.plan.outcome === 'escalate') return;
        const open = proposal.plan.choices.filter((c) => c.picked === null);
        if (open.length > 0) return set({ error: `Pick first: ${open.map((c) => c.question).join('; ')}` });
        // where the policy needs a second approver, the agent asks for one instead of approving alone
        if (needsSecondApproval(proposal, skip).length > 0) return get().requestSecondApproval();
        // the approval always carries the hash of the plan on screen
        set({ runStartedAt: Date.now(), runEndedAt: null });
        const approved = await attempt('approve', () =>
          api.call('run.approve', { ticketId: ticketId(), planHash: proposal.planHash, mode: stepMode ? 'step' : 'all', skip }),
        );
        if (approved) {
          if (approved.status !== 'finished') set({ focus: 'run' });
          setRun(approved);
        } else set({ runStartedAt: null });
      },
      async retry() {
        const { proposal, run, busy } = get();
        if (!proposal || !run || run.status !== 'finished' || busy) return;
        const done = run.steps.filter((s) => s.status === 'done' || s.status === 'already_done' || (s.status === 'skipped' && get().skip.includes(s.stepId))).map((s) => s.stepId);
        set({ run: null, skip: done, stepMode: run.mode === 'step' });
        await get().approve();
      },
      async next() {
        const run = await attempt('next', () => api.call('run.next', { runId: runId() }));
        if (run) setRun(run);
      },
      async skipStep(stepId) {
        const run = await attempt('skip', () => api.call('run.skip', { runId: runId(), stepId }));
        if (run) setRun(run);
      },
      async cancel() {
        const run = await attempt('cancel', () => api.call('run.cancel', { runId: runId() }));
        if (run) setRun(run);
      },
      async requestSecondApproval() {
        const { proposal, skip, stepMode, busy } = get();
        if (!proposal || busy) return;
        const request = await attempt('approve', () =>
          api.call('approvals.request', { ticketId: ticketId(), planHash: proposal.planHash, mode: stepMode ? 'step' : 'all', skip }),
        );
        if (request) set({ secondApproval: request, focus: 'approve' });
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
        if (event.type === 'approvals.changed') return; // the lead's list (approvals store)
        if (event.type === 'approval.decided') {
          if (event.request.ticketId !== state.ticketId) return;
          set({ secondApproval: event.request, focus: event.request.status === 'declined' || event.request.status === 'expired' ? 'approve' : state.focus });
          if (event.run) {
            set({ runStartedAt: Date.now(), runEndedAt: null, focus: 'run' });
            setRun(event.run);
          }
          return;
        }
        const waiting = state.secondApproval?.status === 'pending' || state.secondApproval?.runId === event.run.runId;
        const ours = state.run
          ? state.run.runId === event.run.runId
          : (state.busy === 'approve' || waiting) && event.run.ticketId === state.ticketId;
        if (ours) setRun(event.run);
      },
    };
  });
