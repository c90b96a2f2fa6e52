// The core's API: one typed contract, served two ways (Electron IPC and browser mode's loopback
// HTTP). Every call is `{input, output}` zod schemas; every event a zod schema. The panel only asks:
// approvals, policy and secrets are checked in core.
import { z } from 'zod';
import { PlanSchema, ReadRecordSchema } from './plan.ts';
import { DecisionSchema } from './decision.ts';
import { FailureSchema } from './errors.ts';
import { RunOutcomeSchema } from './trace.ts';
import { PicksSchema } from './request.ts';
import { MetricsConfigSchema, MetricsQuerySchema, MetricsReportSchema } from './metrics.ts';
import { PlaybookDraftSchema, PlaybookPlanChangeSchema, PlaybookProblemSchema, PlaybookSourceSchema, PlaybookSummarySchema } from './playbook.ts';
import { TicketSchema } from './roles/helpdesk.ts';

const TicketId = z.number().int().positive();
const RunId = z.string().min(1).max(200);
const Hash = z.string().regex(/^[0-9a-f]{64}$/);

export const TicketSummarySchema = z.object({
  id: z.number(),
  subject: z.string(),
  requester: z.string(),
  status: z.string(),
  assignee: z.string().nullable(),
  created: z.string(),
  /** the start of the customer's message, on one line (when the helpdesk's queue shows it) */
  preview: z.string().optional(),
  /** a plan of this ticket waits for a second approval */
  waitingForApproval: z.boolean().optional(),
});
export type TicketSummary = z.infer<typeof TicketSummarySchema>;

/** A ticket as the helpdesk role has it, whichever connector fills the role */
export const TicketViewSchema = TicketSchema;
export type TicketView = z.infer<typeof TicketViewSchema>;

/** A plan with its policy decisions and the hash an approval binds to. */
export const ProposalSchema = z.object({
  plan: PlanSchema,
  decisions: z.array(DecisionSchema),
  planHash: Hash,
});
export type Proposal = z.infer<typeof ProposalSchema>;

export const StepStateSchema = z.object({
  stepId: z.string(),
  status: z.enum(['pending', 'running', 'done', 'already_done', 'skipped', 'failed']),
  /** blob hashes of the masked screenshots */
  before: z.string().optional(),
  after: z.string().optional(),
  error: FailureSchema.optional(),
  durationMs: z.number().optional(),
  note: z.string().optional(),
});
export type StepState = z.infer<typeof StepStateSchema>;

export const RunViewSchema = z.object({
  runId: RunId,
  ticketId: z.number(),
  mode: z.enum(['all', 'step']),
  status: z.enum(['running', 'waiting', 'finished']),
  outcome: RunOutcomeSchema.optional(),
  steps: z.array(StepStateSchema),
  escalation: z.string().optional(),
  /** when the run handed the ticket over: whether the hand-over note made it onto the ticket */
  handOverNoteAdded: z.boolean().optional(),
});
export type RunView = z.infer<typeof RunViewSchema>;

export const RunQuerySchema = z.object({
  since: z.string().optional(),
  until: z.string().optional(),
  agent: z.string().optional(),
  playbook: z.string().optional(),
  outcome: z.string().optional(),
  verdict: z.string().optional(),
  limit: z.number().int().positive().max(1000).default(200),
});
export type RunQuery = z.infer<typeof RunQuerySchema>;

export const RunSummarySchema = z.object({
  runId: z.string(),
  /** the desk that ran it, for runs read from the team hub */
  desk: z.string().optional(),
  ticketId: z.number(),
  agent: z.string(),
  playbooks: z.array(z.string()),
  outcome: z.string().nullable(),
  startedAt: z.string(),
  durationMs: z.number().nullable(),
  verdict: z.string().nullable(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const VerdictSchema = z.object({
  verdict: z.enum(['pass', 'fail', 'needs_follow_up']),
  comment: z.string().max(5_000).default(''),
});

export const SettingsSchema = z.object({
  planner: z.enum(['offline', 'llm']),
  llm: z.object({ baseURL: z.string(), model: z.string(), hasKey: z.boolean() }),
  agent: z.string(),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** A request for a second approval: one plan (by hash), waiting for a lead, granted or declined. */
export const ApprovalRequestSchema = z.object({
  id: z.string(),
  ticketId: z.number(),
  subject: z.string(),
  planHash: Hash,
  requestedBy: z.string(),
  requestedAt: z.string(),
  /** expired: nobody decided in time (through the hub); the agent asks again */
  status: z.enum(['pending', 'granted', 'declined', 'expired']),
  /** the desk that asked, when the request went through the team hub */
  desk: z.string().optional(),
  /** the steps that need the second approval, in words, with the policy's reason and amount */
  steps: z.array(z.object({ stepId: z.string(), action: z.string(), reason: z.string(), amount: z.number().optional(), expectedEffect: z.string() })),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  /** why it was declined (or a note with the grant) */
  note: z.string().optional(),
  /** the run the grant started */
  runId: z.string().optional(),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;
const Session = z.string().min(16).max(100);

/** The lead's signing key as the panel sees it (never the key itself). */
export const SigningKeySchema = z.object({
  /** 'passphrase': a passphrase-protected key file (browser mode); 'keychain': the OS keychain (desktop) */
  protection: z.enum(['passphrase', 'keychain']),
  /** the kept key's name, or null when none is kept here */
  keyId: z.string().nullable(),
  /** the lead key this Legwork trusts; null until the first signed policy configures it */
  trustedKeyId: z.string().nullable(),
});
export type SigningKey = z.infer<typeof SigningKeySchema>;
const KeyPassphrase = z.string().min(1).max(500);

/** One decision of a recent run's plan that a draft policy would change. */
export const PolicyChangeSchema = z.object({
  runId: z.string(),
  stepId: z.string(),
  action: z.string(),
  before: z.string(),
  after: z.string(),
  ticketId: z.number().optional(),
  /** the ticket as the plan summed it up */
  subject: z.string().optional(),
  amount: z.number().optional(),
  /** what the step does, in words */
  effect: z.string().optional(),
});
export type PolicyChange = z.infer<typeof PolicyChangeSchema>;

const Empty = z.object({});

/** This desk and the team hub: enrolled or not (no hub address or secret reaches the panel). */
export const HubStatusSchema = z.object({ connected: z.boolean(), desk: z.string().nullable(), user: z.string().nullable() });
export type HubStatus = z.infer<typeof HubStatusSchema>;
const Ok = z.object({ ok: z.literal(true) });

/** Every call of the core's API. Method names are what both transports carry. */
export const API = {
  'tickets.queue': { input: z.object({ status: z.string().optional(), q: z.string().max(200).optional() }), output: z.array(TicketSummarySchema) },
  /** the queue a page at a time over every ticket: open work (new, open, pending) by default, a search, counts per status */
  'tickets.list': {
    input: z.object({ view: z.string().max(20).default('open_work'), q: z.string().max(200).optional(), page: z.number().int().positive().default(1) }),
    output: z.object({
      tickets: z.array(TicketSummarySchema),
      page: z.number(),
      pages: z.number(),
      total: z.number(),
      counts: z.record(z.string(), z.number()),
      /** false when a status had more pages than are read */
      complete: z.boolean(),
    }),
  },
  'tickets.open': { input: z.object({ ticketId: TicketId }), output: TicketViewSchema },
  'proposal.create': { input: z.object({ ticketId: TicketId, picks: PicksSchema.optional() }), output: ProposalSchema },
  /** the agent picks one option of one of the plan's choices: the plan is re-composed with every pick so far */
  'proposal.choose': {
    input: z.object({ ticketId: TicketId, planHash: Hash, choiceId: z.string().min(1).max(50), optionId: z.string().min(1).max(50) }),
    output: ProposalSchema,
  },
  'proposal.editParam': {
    /** `unlock`: the value was read from a system and the agent changes it on purpose (recorded in the plan's provenance, so in the trace) */
    input: z.object({ ticketId: TicketId, planHash: Hash, stepId: z.string(), param: z.string(), value: z.unknown(), unlock: z.boolean().default(false) }),
    output: ProposalSchema,
  },
  'run.approve': { input: z.object({ ticketId: TicketId, planHash: Hash, mode: z.enum(['all', 'step']).default('all'), skip: z.array(z.string()).default([]) }), output: RunViewSchema },
  'run.next': { input: z.object({ runId: RunId }), output: RunViewSchema },
  'run.skip': { input: z.object({ runId: RunId, stepId: z.string() }), output: RunViewSchema },
  'run.cancel': { input: z.object({ runId: RunId }), output: RunViewSchema },
  'run.get': { input: z.object({ runId: RunId }), output: RunViewSchema },
  /** the agent asks a lead for the second approval this plan's policy needs; bound to the plan's hash */
  'approvals.request': { input: z.object({ ticketId: TicketId, planHash: Hash, mode: z.enum(['all', 'step']).default('all'), skip: z.array(z.string()).default([]) }), output: ApprovalRequestSchema },
  /** the newest request for a ticket, if any (what the agent's panel shows after a reload) */
  'approvals.forTicket': { input: z.object({ ticketId: TicketId }), output: ApprovalRequestSchema.nullable() },
  /** a lead signs in with the passphrase set up with `legwork approver add` */
  'approvals.signIn': { input: z.object({ name: z.string().min(1).max(100), passphrase: z.string().min(1).max(500) }), output: z.object({ session: Session, name: z.string() }) },
  'approvals.list': { input: z.object({ session: Session }), output: z.array(ApprovalRequestSchema) },
  /** grant (the run starts) or decline (with why) */
  /** through the team hub the decision is signed with the lead's kept key (`passphrase` opens it in browser mode) */
  'approvals.decide': {
    input: z.object({ session: Session, requestId: z.string().min(1).max(100), grant: z.boolean(), note: z.string().max(2_000).default(''), passphrase: KeyPassphrase.optional() }),
    output: ApprovalRequestSchema,
  },
  /** whether this desk is enrolled in a team hub (its QA and approvals views then work against the hub) */
  'hub.status': { input: Empty, output: HubStatusSchema },
  /** a person of the team signs in on the hub through this desk (the hub's name and password); the session stays in core */
  'hub.signIn': { input: z.object({ name: z.string().min(1).max(100), password: z.string().min(1).max(1000) }), output: z.object({ session: Session, name: z.string(), role: z.string() }) },
  'ticket.escalate': { input: z.object({ ticketId: TicketId, note: z.string().min(1).max(20_000) }), output: Ok },
  'policy.get': {
    input: Empty,
    output: z.object({
      policy: z.unknown(),
      source: z.string(),
      signedBy: z.string().nullable(),
      /** no signed policy was ever installed: the built-in strictest default applies */
      builtIn: z.boolean().optional(),
      /** the lead who signed and installed it in the panel, when one did */
      installedBy: z.string().nullable().optional(),
    }),
  },
  'policy.validate': { input: z.object({ text: z.string().max(500_000) }), output: z.object({ ok: z.boolean(), errors: z.array(z.string()) }) },
  'policy.preview': { input: z.object({ text: z.string().max(500_000) }), output: z.object({ changes: z.array(PolicyChangeSchema) }) },
  'policy.install': { input: z.object({ signedText: z.string().max(1_000_000) }), output: Ok },
  /** the signed-in lead's signing key: kept here or not, and whether this Legwork trusts it */
  'policy.signingKey': { input: z.object({ session: Session }), output: SigningKeySchema },
  /** a new signing key for the signed-in lead (the passphrase protects the key file in browser mode) */
  'policy.createKey': { input: z.object({ session: Session, passphrase: KeyPassphrase.optional() }), output: SigningKeySchema },
  /** an existing key file the lead picked (e.g. from `legwork policy keygen`), kept protected */
  'policy.importKey': {
    input: z.object({ session: Session, keyText: z.string().min(1).max(20_000), keyPassphrase: KeyPassphrase.optional(), passphrase: KeyPassphrase.optional() }),
    output: SigningKeySchema,
  },
  /** signs the policy with the kept key, as the signed-in lead, and installs it */
  'policy.signAndInstall': {
    input: z.object({ session: Session, policy: z.record(z.string(), z.unknown()), passphrase: KeyPassphrase.optional() }),
    output: z.object({ name: z.string(), keyId: z.string(), installedBy: z.string(), issuedAt: z.string() }),
  },
  /** the playbooks in force (signed set, last-good copy, or the shipped ones), their rules in words */
  'playbooks.list': {
    input: Empty,
    output: z.object({ notice: z.string(), source: z.string(), version: z.number().nullable(), playbooks: z.array(PlaybookSummarySchema), installedBy: z.string().nullable().optional() }),
  },
  /** the files of the set in force (to open one) and the templates a new playbook starts from */
  'playbooks.files': { input: Empty, output: z.object({ version: z.number().nullable(), files: z.array(PlaybookSourceSchema), templates: z.array(PlaybookSourceSchema.extend({ title: z.string() })) }) },
  /** the set in force with the draft's files in place, checked as the install checks it: each refusal with its file, line and reason */
  'playbooks.check': { input: z.object({ files: PlaybookDraftSchema.shape.files }), output: z.object({ problems: z.array(PlaybookProblemSchema) }) },
  /** what installing the draft's files would change: the playbooks' differences, and recent tickets whose rules would decide otherwise */
  'playbooks.preview': {
    input: z.object({ files: PlaybookDraftSchema.shape.files }),
    output: z.object({ files: z.array(z.object({ playbook: z.string(), change: z.string() })), plans: z.array(PlaybookPlanChangeSchema), plansChecked: z.number() }),
  },
  /** signs the set in force with the draft's files in place (next version) with the lead's kept key, as the signed-in lead, and installs it */
  'playbooks.signAndInstall': {
    input: z.object({ session: Session, files: PlaybookDraftSchema.shape.files.min(1), passphrase: KeyPassphrase.optional() }),
    output: z.object({ version: z.number(), keyId: z.string(), installedBy: z.string(), notice: z.string() }),
  },
  /** the lead's unsaved edits, kept by the core (null: none) */
  'playbooks.draft': { input: Empty, output: PlaybookDraftSchema.nullable() },
  'playbooks.saveDraft': { input: z.object({ draft: PlaybookDraftSchema.nullable() }), output: Ok },
  /** `session` (from hub.signIn): the team hub's runs across desks, as that person may see them; without it, this desk's */
  'runs.list': { input: RunQuerySchema.extend({ session: Session.optional() }), output: z.array(RunSummarySchema) },
  'runs.sample': { input: z.object({ share: z.number().min(0).max(1).default(0.1), seed: z.number().int().default(1), session: Session.optional() }), output: z.array(RunSummarySchema) },
  'runs.open': { input: z.object({ runId: RunId, session: Session.optional() }), output: z.object({ summary: RunSummarySchema, events: z.array(z.unknown()), verified: z.boolean(), problems: z.array(z.string()) }) },
  'runs.verdict': { input: z.object({ runId: RunId, session: Session.optional() }).extend(VerdictSchema.shape), output: Ok },
  'runs.export': { input: z.object({ runId: RunId, session: Session.optional() }), output: z.object({ fileName: z.string(), text: z.string() }) },
  'metrics.get': { input: RunQuerySchema.partial(), output: z.array(z.record(z.string(), z.unknown())) },
  /** the lead's report: per playbook and per agent over a period, a trend, hand-over reasons, the baselines in use */
  'metrics.report': { input: MetricsQuerySchema, output: MetricsReportSchema },
  /** the lead's own manual baseline for a playbook, or the agent's hourly cost */
  'metrics.configure': { input: MetricsConfigSchema, output: Ok },
  'settings.get': { input: Empty, output: SettingsSchema },
  'settings.set': {
    // strict: the agent's name is who is signed in, not a setting (an `agent` here is refused by name)
    input: z.strictObject({ planner: z.enum(['offline', 'llm']).optional(), llm: z.object({ baseURL: z.string().url().optional(), model: z.string().min(1).optional(), apiKey: z.string().min(1).optional() }).optional() }),
    output: SettingsSchema,
  },
} as const;
export type ApiMethod = keyof typeof API;
export type ApiInput<M extends ApiMethod> = z.input<(typeof API)[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.infer<(typeof API)[M]['output']>;
export const API_METHODS = Object.keys(API) as ApiMethod[];

/** Events the core pushes to the panel. */
export const ApiEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('proposal.read'), ticketId: z.number(), read: ReadRecordSchema }),
  z.object({ type: z.literal('run.progress'), run: RunViewSchema }),
  /** a second approval was granted (with the run it started) or declined */
  z.object({ type: z.literal('approval.decided'), request: ApprovalRequestSchema, run: RunViewSchema.optional() }),
  /** a request a lead may decide appeared or changed (asked on this desk, or on the team hub) */
  z.object({ type: z.literal('approvals.changed'), request: ApprovalRequestSchema }),
]);
export type ApiEvent = z.infer<typeof ApiEventSchema>;

/** What every call answers across either transport. */
export type ApiResponse<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** The client the panel uses; each transport provides one. */
export interface ApiClient {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  /** subscribes to core events; returns the unsubscribe */
  on(listener: (event: ApiEvent) => void): () => void;
  /** the URL of a stored screenshot (blob hash) the panel can show in an <img> */
  blobUrl(hash: string): string;
}
