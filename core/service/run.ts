// Approving a proposal and following its run: all at once or step by step, skip, cancel. A step
// whose decision needs a second approver runs only when a lead grants it (approvals.ts starts the
// run through the same LiveRuns); approved by the agent alone, the executor leaves it.
import type { RunView } from '../../shared/api.ts';
import type { ApiHandlers } from '../api/handlers.ts';
import { ServiceError, unwrap, type ServiceContext } from './context.ts';
import { LiveRun } from './live-run.ts';

/** The runs started in this session, as the panel follows them. */
export class LiveRuns {
  readonly #live = new Map<string, LiveRun>();

  constructor(private readonly ctx: ServiceContext) {}

  find(runId: string): LiveRun {
    const run = this.#live.get(runId);
    if (!run) throw new ServiceError('not_found', `no run ${runId} in this session (past runs are in the QA view)`);
    return run;
  }

  /** Approves the ticket's proposal (bound to its hash) and follows the run it starts. */
  async start(ticketId: number, planHash: string, opts: { mode: 'all' | 'step'; skip: string[]; secondApprover?: string }): Promise<LiveRun> {
    const { legwork, events } = this.ctx;
    let run: LiveRun | undefined;
    const early: Parameters<LiveRun['onProgress']>[0][] = [];
    const handle = unwrap(
      await legwork.approve(ticketId, planHash, {
        ...opts,
        // the run starts on the next turn; anything before the LiveRun exists is replayed into it
        onProgress: (e) => (run ? run.onProgress(e) : early.push(e)),
      }),
    );
    run = new LiveRun(handle, ticketId, (view: RunView) => events.emit({ type: 'run.progress', run: view }));
    this.#live.set(handle.runId, run);
    for (const e of early) run.onProgress(e);
    return run;
  }
}

export function runHandlers(ctx: ServiceContext, runs = new LiveRuns(ctx)): Pick<ApiHandlers, 'run.approve' | 'run.next' | 'run.skip' | 'run.cancel' | 'run.get'> {
  const find = (runId: string) => runs.find(runId);
  return {
    async 'run.approve'({ ticketId, planHash, mode, skip }) {
      return (await runs.start(ticketId, planHash, { mode, skip })).view();
    },
    async 'run.next'({ runId }) {
      const run = find(runId);
      if (run.handle.mode !== 'step') throw new ServiceError('precondition_failed', `run ${runId} runs all its steps by itself`);
      if (run.finished) throw new ServiceError('precondition_failed', `run ${runId} is over`);
      await run.handle.next();
      return run.view();
    },
    async 'run.skip'({ runId, stepId }) {
      const run = find(runId);
      unwrap(run.handle.skip(stepId));
      return run.view();
    },
    async 'run.cancel'({ runId }) {
      const run = find(runId);
      if (run.finished) return run.view();
      run.handle.cancel();
      // between steps the run closes at once; a step under way finishes first and progress follows
      if (!run.busy) await run.handle.done;
      return run.view();
    },
    async 'run.get'({ runId }) {
      return find(runId).view();
    },
  };
}
