// Legwork's core, put together: the browser and the runner over the configured systems, the
// planner, the team lead's policy, the executor with its journal, and the trace store. The CLI,
// browser mode and the Electron shell all drive this one object.
import path from 'node:path';
import { fail, type Result } from '../shared/errors.ts';
import { canonicalJson, type Plan, type ReadTool, type Step, type SystemId } from '../shared/plan.ts';
import type { Picks } from '../shared/request.ts';
import type { Decision } from '../shared/decision.ts';
import { BrowserHost, type LaunchOptions } from '../automations/runtime/browser-host.ts';
import { noSandboxNotice } from '../automations/runtime/chromium.ts';
import { redact } from '../automations/runtime/redact.ts';
import { ActionRunner } from '../automations/runtime/runner.ts';
import { EvidenceStore } from '../automations/runtime/evidence.ts';
import { HELPDESK_ACTIONS, type Ticket, type TicketPage } from '../shared/roles/helpdesk.ts';
import { configuredSystems, type ConfiguredSystems } from './config/connectors.ts';
import type { AnyAction } from './executor/actions.ts';
import { secureHome } from './home-access.ts';
import { connectDesk, type ConnectedDesk } from './hub/desk.ts';
import { secretStoreFor, type SystemsConfig } from './config/systems.ts';
import type { SecretStore } from '../automations/runtime/secrets.ts';
import type { CdpTransport } from '../automations/runtime/cdp-pipe.ts';
import { planOffline, readToolFor, type PlannerTicket } from './planner/index.ts';
import { PolicyStore } from './policy/store.ts';
import { PlaybookStore } from './playbooks/store.ts';
import type { Playbooks } from '../automations/playbooks/index.ts';
import { decide, decidePlan } from './policy/decide.ts';
import { TraceStore } from './trace/store.ts';
import type { OpenRun, TraceEvent, TraceSink } from '../shared/trace.ts';
import { Journal } from './executor/journal.ts';
import { Executor, newRunId } from './executor/executor.ts';
import type { RunHandle } from './executor/run.ts';
import type { ProgressEvent, RunSummary } from './executor/types.ts';
import { approvePlan, planHash } from './plan-hash.ts';
import { recompose } from './planner/recompose.ts';
import { CatalogueCache, ReadLog } from './read-log.ts';

export interface LegworkOptions {
  home: string;
  systems: SystemsConfig;
  /** who works here: approvals and rate limits are per agent */
  agent?: string;
  /** launch options, or the DevTools protocol of a running browser: an endpoint, or a pipe (Electron's) */
  browser?: LaunchOptions & { cdpEndpoint?: string; cdp?: CdpTransport };
  /** plans a ticket (as the helpdesk shows it); default the offline planner */
  /** the playbooks in force are passed to every plan (a set installed meanwhile applies to the next one) */
  planner?: (ticket: Ticket, read: ReadTool, picks?: Picks, playbooks?: Playbooks) => Promise<Plan>;
  /** per action, unless it sets its own */
  timeoutMs?: number;
  /** where the systems' passwords are kept (the OS keychain, the encrypted file); the sandbox needs none */
  secrets?: SecretStore;
    /** where a warning goes (LEGWORK_HOME was readable by others); default stderr */
  notice?: (line: string) => void;
}

export interface Proposal {
  plan: Plan;
  decisions: Decision[];
  planHash: string;
}

/** One read the planner made, as it finishes (what a panel shows while a proposal is being made). */
export interface ReadSeen {
  system: SystemId;
  action: string;
  ok: boolean;
  input: Record<string, unknown>;
  durationMs: number;
  /** what it read, when it worked */
  data?: unknown;
  /** why it failed, when it did */
  error?: string;
}

interface Proposed extends Proposal {
  reads: ReadLog;
  /** the agent's picks the plan was composed with */
  picks: Picks;
}

/** proposals kept (newest tickets), and finished runs kept in memory (their traces keep everything) */
const PROPOSALS_KEPT = 50;
const RUNS_KEPT = 50;

export class Legwork {
  readonly traces: TraceStore;
  readonly policy: PolicyStore;
  readonly playbooks: PlaybookStore;
  readonly executor: Executor;
  /** who works here (settings may change it: later approvals, decisions and runs carry the new name) */
  agent: string;
  private readonly proposals = new Map<number, Proposed>();
  /** catalogue searches kept a while across tickets (read-log.ts) */
  private readonly catalogue = new CatalogueCache();
  private readonly runs = new Map<string, RunHandle>();
  /** the team's hub when this desk is enrolled (core/hub/desk.ts): finished runs go there, its policy comes here */
  hub: ConnectedDesk | null = null;
  /** runs in `runs` that have finished, oldest first */
  private readonly finishedRuns: string[] = [];
  /** what a run being started is about, for its trace's run_started */
  private readonly starting = new Map<string, Pick<OpenRun, 'ticketId' | 'playbooks'>>();

  private constructor(
    readonly home: string,
    readonly host: BrowserHost,
    readonly runner: ActionRunner,
    /** the planner's reads: the same browser, without screenshots (a plan's data is in the plan; a run's steps keep full evidence) */
    private readonly readRunner: ActionRunner,
    private readonly opts: LegworkOptions,
    /** the connectors the config chose, by role, and their actions */
    readonly systems: ConfiguredSystems,
  ) {
    this.agent = opts.agent ?? 'agent';
    this.traces = TraceStore.forHome(home);
    this.policy = new PolicyStore({ home });
    this.playbooks = new PlaybookStore({ home });
    const journal = Journal.inHome(home);
    this.executor = new Executor({
      runner,
      actions: systems.actions,
      journal,
      openTrace: (runId) => this.openTrace(runId),
      decideAtRun: (step) => this.decideAtRun(step),
      evidenceDir: path.join(home, 'evidence'),
      escalateTo: 'Tier 2',
    });
  }

  static async open(opts: LegworkOptions): Promise<Legwork> {
    const notice = opts.notice ?? ((line: string) => process.stderr.write(`legwork: ${line}\n`));
    await secureHome(opts.home, notice);
    // the connectors first: a config naming one that does not exist or does not fit its role fails before a browser starts
    const configured = await configuredSystems(opts.systems);
    if (!configured.byRole.helpdesk) throw new Error('the systems config names no helpdesk: Legwork works from its tickets');
    const connect = opts.browser?.cdp ?? opts.browser?.cdpEndpoint;
    const unsandboxed = connect ? null : noSandboxNotice();
    if (unsandboxed) notice(unsandboxed);
    const host = connect ? await BrowserHost.connect(connect) : await BrowserHost.launch({ headless: true, ...opts.browser });
    const runnerOptions = { host, secrets: secretStoreFor(opts.systems, opts.secrets), systems: configured.endpoints, timeoutMs: opts.timeoutMs ?? 15_000 };
    const runner = new ActionRunner({ ...runnerOptions, evidence: new EvidenceStore(path.join(opts.home, 'evidence')) });
    const legwork = new Legwork(opts.home, host, runner, new ActionRunner(runnerOptions), opts, configured);
    await legwork.policy.load();
    const playbooks = await legwork.playbooks.load();
    if (playbooks.refused) notice(playbooks.refused);
    legwork.hub = await connectDesk(opts.home, legwork.traces, notice, legwork.policy);
    return legwork;
  }

  /** The configured helpdesk connector's action for one of the role's actions. */
  helpdesk(action: keyof typeof HELPDESK_ACTIONS): AnyAction {
    const def = this.systems.actions.get('helpdesk', action);
    if (!def) throw new Error(`the helpdesk connector has no ${action}`);
    return def;
  }

  /** The helpdesk queue. */
  async queue(filter: { status?: string; q?: string } = {}): Promise<Result<TicketPage['tickets']>> {
    const out = await this.queuePage(filter);
    return out.ok ? { ok: true, data: out.data.tickets } : out;
  }

  /** One page of the helpdesk queue, with how many pages there are. */
  async queuePage(filter: { status?: string; q?: string; page?: number } = {}): Promise<Result<TicketPage>> {
    const out = await this.readRunner.run(this.helpdesk('list_tickets'), { ...(filter.status ? { status: filter.status } : {}), ...(filter.q ? { q: filter.q } : {}), page: filter.page ?? 1 });
    // whatever the connector, what reaches the caller is the role's queue page
    return out.ok ? { ok: true, data: HELPDESK_ACTIONS.list_tickets.output.parse(out.output) } : { ok: false, error: out.error };
  }

  async ticket(ticketId: number): Promise<Result<Ticket>> {
    const out = await this.readRunner.run(this.helpdesk('get_ticket'), { ticket_id: ticketId });
    return out.ok ? { ok: true, data: HELPDESK_ACTIONS.get_ticket.output.parse(out.output) } : { ok: false, error: out.error };
  }

  /** Reads the ticket and what it needs from the systems, plans it, and takes the policy's decisions. */
  async propose(ticketId: number, onRead?: (r: ReadSeen) => void, picks: Picks = {}): Promise<Result<Proposal>> {
    const ticket = await this.ticket(ticketId);
    if (!ticket.ok) return ticket;
    const reads = new ReadLog();
    const base = this.catalogue.tool(readToolFor(this.readRunner, this.systems.actions.all()));
    const watched: ReadTool = async (system, action, input) => {
      const started = Date.now();
      const r = await base(system, action, input);
      onRead?.({ system, action, ok: r.ok, input, durationMs: Date.now() - started, ...(r.ok ? { data: r.data } : { error: r.error.message }) });
      return r;
    };
    // a pick re-composes the plan from what the ticket's proposal read (while fresh): the same data, at once
    const earlier = Object.keys(picks).length > 0 ? this.proposals.get(ticketId)?.reads : undefined;
    await this.playbooks.load();
    const plan = await (this.opts.planner ?? planOfflineFor)(ticket.data, reads.tool(earlier ? earlier.replaying(watched) : watched), picks, this.playbooks.current.playbooks);
    return { ok: true, data: this.settle(plan, reads, picks) };
  }

  /**
   * The agent picks one option of one of the plan's choices: the ticket is planned again with every
   * pick so far (amounts, expected effects, reply, note and the policy's decisions follow the pick).
   */
  async choose(ticketId: number, hash: string, choiceId: string, optionId: string, onRead?: (r: ReadSeen) => void): Promise<Result<Proposal>> {
    const current = this.proposals.get(ticketId);
    if (!current || current.planHash !== hash) return fail('precondition_failed', `the plan of ticket #${ticketId} has changed; reload it`);
    const choice = current.plan.choices.find((c) => c.id === choiceId);
    if (!choice) return fail('not_found', `the plan has no choice ${choiceId}`);
    if (!choice.options.some((o) => o.id === optionId)) return fail('invalid_input', `choice ${choiceId} has no option ${optionId}`);
    return this.propose(ticketId, onRead, { ...current.picks, [choiceId]: optionId });
  }

  /** The plan proposed for a ticket (what an approval must name by its hash), if any. */
  proposalOf(ticketId: number): Proposal | undefined {
    const p = this.proposals.get(ticketId);
    return p && { plan: p.plan, decisions: p.decisions, planHash: p.planHash };
  }

  /** Takes the policy's decisions for a plan and remembers it as the ticket's proposal. */
  private settle(plan: Plan, reads: ReadLog, picks: Picks = {}): Proposed {
    const decisions = decidePlan(this.policy.current.policy, plan, this.decideContext(plan, reads));
    const proposed: Proposed = { plan, decisions, planHash: planHash(plan), reads, picks };
    // the newest proposals only: each holds what its planner read (a desk works through hundreds a day)
    this.proposals.delete(plan.ticketId);
    this.proposals.set(plan.ticketId, proposed);
    for (const old of this.proposals.keys()) {
      if (this.proposals.size <= PROPOSALS_KEPT) break;
      this.proposals.delete(old);
    }
    return proposed;
  }

  private decideContext(plan: Plan, reads: ReadLog) {
    return {
      facts: (step: Step) => reads.factsFor(plan, step),
      agent: this.agent,
      now: new Date(),
      recentAutoRuns: this.traces.recentAutoRuns(this.agent),
    };
  }

  /** The agent changes one parameter: the plan gets a new hash, new decisions, and the value's source is the agent. */
  editParam(ticketId: number, hash: string, stepId: string, param: string, value: unknown, opts: { unlock?: boolean } = {}): Result<Proposal> {
    const current = this.proposals.get(ticketId);
    if (!current || current.planHash !== hash) return fail('precondition_failed', `the plan of ticket #${ticketId} has changed; reload it`);
    const step = current.plan.steps.find((s) => s.id === stepId);
    if (!step) return fail('not_found', `the plan has no step ${stepId}`);
    if (step.kind !== 'write') return fail('invalid_input', `step ${stepId} only reads`);
    if (!Object.hasOwn(step.params, param)) return fail('invalid_input', `step ${stepId} (${step.action}) has no parameter "${param}"`);
    const was = step.provenance[param];
    // a value read from a system is locked: the agent unlocks it on purpose, and the plan (so the trace) says so
    if (was?.source === 'system' && !opts.unlock) return fail('precondition_failed', `${param} was read from ${step.system} (${was.detail}); unlock it to change it`);
    const detail = was?.source === 'system' ? `unlocked and set by ${this.agent}; ${step.system} said ${JSON.stringify(step.params[param])} (${was.detail})` : `set by ${this.agent}`;
    const plan = recompose(current.plan, stepId, param, value, { source: 'agent', detail });
    return { ok: true, data: this.settle(plan, current.reads, current.picks) };
  }

  /**
   * The agent's one click: runs the ticket's proposal if `hash` is the plan shown. Steps whose
   * decision needs more than the agent's approval (second approver, suggest, blocked) are left.
   */
  async approve(
    ticketId: number,
    hash: string,
    opts: { mode?: 'all' | 'step'; skip?: string[]; secondApprover?: string; onProgress?: (e: ProgressEvent) => void } = {},
  ): Promise<Result<RunHandle>> {
    const current = this.proposals.get(ticketId);
    if (!current || current.planHash !== hash) return fail('precondition_failed', `this is not the plan proposed for ticket #${ticketId}; look at it again before approving`);
    const open = current.plan.choices.filter((c) => c.picked === null);
    if (open.length > 0) return fail('precondition_failed', `the plan has choices still to pick: ${open.map((c) => c.question).join('; ')}`);
    const approval = approvePlan(current.plan, this.agent, { decisions: current.decisions, ...(opts.secondApprover ? { secondApprover: opts.secondApprover } : {}) });
    if (!approval.ok) return approval;
    const runId = newRunId();
    // what plans read is about to change: a later pick (on this ticket or another of the customer's) reads the systems again
    for (const p of this.proposals.values()) p.reads.stale();
    this.starting.set(runId, { ticketId: current.plan.ticketId, playbooks: runPlaybooks(current.plan) });
    const started = await this.executor
      .start(current.plan, approval.data, { runId, mode: opts.mode ?? 'all', agent: this.agent, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) })
      .finally(() => this.starting.delete(runId));
    if (!started.ok) return started;
    for (const stepId of opts.skip ?? []) started.data.skip(stepId);
    this.runs.set(started.data.runId, started.data);
    // a finished run stays to be asked about for a while; the oldest finished ones are let go
    void started.data.done.finally(() => {
      this.finishedRuns.push(started.data.runId);
      while (this.finishedRuns.length > RUNS_KEPT) this.runs.delete(this.finishedRuns.shift()!);
      void this.hub?.uploader.enqueue(started.data.runId).catch(() => undefined);
    });
    return started;
  }

  run(runId: string): RunHandle | undefined {
    return this.runs.get(runId);
  }

  /** Finishes or hands over the runs a crash left open. */
  recover(onProgress?: (e: ProgressEvent) => void): Promise<RunSummary[]> {
    return this.executor.recoverRuns(onProgress ? { onProgress } : {});
  }

  private async decideAtRun(step: Step): Promise<Decision> {
    await this.policy.load();
    const key = canonicalJson([step.id, step.action, step.params]);
    const proposed = [...this.proposals.values()].find((p) => p.plan.steps.some((s) => canonicalJson([s.id, s.action, s.params]) === key));
    // A run recovered after a crash was proposed by an earlier process: no facts are known, and the
    // policy's conditions on unknown facts then tighten, never loosen.
    const plan = proposed?.plan ?? ({ ticketId: 0, steps: [step], customer: null } as unknown as Plan);
    const ctx = proposed ? this.decideContext(plan, proposed.reads) : { facts: {}, agent: this.agent, now: new Date(), recentAutoRuns: this.traces.recentAutoRuns(this.agent) };
    return decide(this.policy.current.policy, plan, step, ctx);
  }

  /** The run's trace; what it records is redacted like evidence (the plan quotes tickets: card data, IBANs). */
  private async openTrace(runId: string): Promise<TraceSink> {
    const sink = await openRunTrace(this.traces, runId, { ticketId: 0, playbooks: [], ...this.starting.get(runId), agent: this.agent });
    const secrets = await secretStoreFor(this.opts.systems, this.opts.secrets).secretValues().catch(() => []);
    // its methods bound one by one: a resumed run's sink is a RunWriter, whose methods a spread would drop
    // (a recovered run then stored no screenshots)
    return { append: (type, data) => sink.append(type, redact(data, secrets)), ...(sink.putBlob ? { putBlob: sink.putBlob.bind(sink) } : {}) };
  }

  async close(): Promise<void> {
    await this.hub?.close();
    await this.host.close();
  }
}

/**
 * What a run is listed under: the plan's steps' playbooks; a question to the customer is listed under
 * what was asked about (not under "hand over", the playbook its reply step borrows).
 */
export function runPlaybooks(plan: Plan): string[] {
  const asked = plan.outcome === 'ask' ? plan.requests.map((r) => r.playbook).filter((p) => p !== 'hand_over') : plan.steps.map((s) => s.playbook);
  return [...new Set(asked)];
}

/** The offline planner over the helpdesk's ticket: the customer's messages are what it reads. */
export function plannerTicketFrom(t: Ticket): PlannerTicket {
  return {
    id: t.id,
    requester_name: t.requester_name,
    requester_email: t.requester_email,
    subject: t.subject,
    body: t.messages.filter((m) => m.kind === 'customer').map((m) => m.body).join('\n\n'),
  };
}

export async function planOfflineFor(t: Ticket, read: ReadTool, picks: Picks = {}, playbooks?: Playbooks): Promise<Plan> {
  return planOffline(plannerTicketFrom(t), read, { picks, ...(playbooks ? { playbooks } : {}) });
}

/**
 * The trace a run writes to: a run recovered after a crash carries on its own trace, a new run gets
 * a new one. A trace that takes no more events (finished just before the crash, or damaged) gives a
 * sink that refuses them: the run is still finished from its journal, and its summary lists the
 * refused events as trace errors, instead of the whole recovery failing on it.
 */
export async function openRunTrace(traces: TraceStore, runId: string, fresh: Omit<OpenRun, 'runId'>): Promise<TraceSink> {
  const resumed = await traces.resumeRun(runId);
  if (resumed.ok) return resumed.data;
  if (resumed.error.code === 'not_found') return startedOnFirstEvent(traces, runId, fresh);
  const why = resumed.error.message;
  return { append: () => Promise.reject(new Error(`the trace takes no more events (${why})`)) };
}

/**
 * A new run's trace, opened by the executor's own `run_started` (whose data it carries), so the
 * trace has one start event however the run began.
 */
function startedOnFirstEvent(traces: TraceStore, runId: string, fresh: Omit<OpenRun, 'runId'>): TraceSink {
  let writer: Promise<TraceSink & { last: TraceEvent | undefined }> | undefined;
  return {
    append: async (type, data) => {
      if (!writer) {
        const started = type === 'run_started' ? data : {};
        const ticketId = typeof started.ticketId === 'number' ? started.ticketId : fresh.ticketId;
        writer = traces.openRun({ ...fresh, runId, ticketId, data: started });
        const opened = await writer;
        if (type === 'run_started') return opened.last!;
      }
      return (await writer).append(type, data);
    },
    putBlob: async (bytes) => {
      if (!writer) throw new Error('the run has not started');
      return (await writer).putBlob!(bytes);
    },
  };
}
