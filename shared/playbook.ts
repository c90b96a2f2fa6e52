// A playbook as data: the file a lead writes (YAML), signed and installed like the policy. It says
// which request kinds it serves, what it reads, the business rules (CEL expressions over what the
// reads returned) that must hold before its writes are proposed, its writes with their parameters
// bound to read results, its closing steps and reply, and the minutes the work takes by hand.
import { z } from 'zod';

/** A name a CEL expression can use: `order`, `methods`. */
const Identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case (a-z, 0-9, _)');

/** What a rule's refusal does to the plan. */
export const REFUSALS = [
  /** the ticket goes to a person with the message in the hand-over note (the default) */
  'escalate',
  /** the customer is asked, the message being the question */
  'ask',
  /** the write is not proposed and the reply tells the customer why; the rest of the plan stands */
  'decline',
] as const;
export const RefusalSchema = z.enum(REFUSALS);
export type Refusal = z.infer<typeof RefusalSchema>;

export const PlaybookRuleSchema = z.strictObject({
  id: Identifier,
  /** the rule in words, as the agent reads it beside a plan */
  says: z.string().min(1),
  /** a CEL expression that must be true; over the reads, `write` (the write's parameters), `facts`, `request`, `customer`, `now` */
  check: z.string().min(1),
  /** shown when the rule refuses; `{{ expr }}` is a CEL expression over the same variables */
  message: z.string().min(1),
  refuse: RefusalSchema.default('escalate'),
  /** the write it gates (default: every write of the playbook) */
  before: z.string().min(1).optional(),
  /** evaluated as soon as the variables it names are read (default), or only once the write's parameters are grounded */
  when: z.enum(['read', 'write']).default('read'),
});
export type PlaybookRule = z.infer<typeof PlaybookRuleSchema>;

export const PlaybookReadSchema = z.strictObject({
  /** a connector read action */
  action: z.string().min(1),
  /** the name its result has in expressions */
  as: Identifier,
  /** its input: each value a CEL expression (needed where the playbook runs the read itself) */
  input: z.record(z.string(), z.string().min(1)).optional(),
});

/** A write parameter: a CEL expression over the reads (its value comes from a system), or grounded by the planner in the ticket. */
export const ParamBindingSchema = z.union([z.string().min(1), z.strictObject({ grounded: z.string().min(1) })]);

export const PlaybookWriteSchema = z.strictObject({
  action: z.string().min(1),
  params: z.record(z.string(), ParamBindingSchema).default({}),
});

/** The closing writes a resolved plan ends with. */
export const CLOSING_STEPS = ['add_crm_note', 'reply_to_customer', 'set_ticket_status'] as const;

export const PlaybookFileSchema = z.strictObject({
  id: Identifier,
  title: z.string().min(1),
  /** the request kinds it serves; a kind the planner does not know needs `cues` */
  serves: z.array(Identifier).min(1),
  /** for a new kind: the words that name it in a ticket ("resend the order confirmation") — vocabulary, reviewed with the file */
  cues: z.array(z.string().min(3)).default([]),
  reads: z.array(PlaybookReadSchema).default([]),
  rules: z.array(PlaybookRuleSchema).default([]),
  writes: z.array(PlaybookWriteSchema).default([]),
  closing: z.array(z.enum(CLOSING_STEPS)).default([...CLOSING_STEPS]),
  /** for a playbook the planner serves from data: the reply's paragraph, `{{ expr }}` over the reads */
  reply: z.string().min(1).optional(),
  /** what the rules do not say as expressions, for the agent */
  notes: z.array(z.string().min(1)).default([]),
  /** minutes an experienced agent takes for such a ticket by hand (metrics' default baseline) */
  baseline_minutes: z.number().nonnegative().max(24 * 60),
});
export type PlaybookFile = z.infer<typeof PlaybookFileSchema>;

/** One playbook file as a lead keeps it: its name and its text, verbatim (errors name its lines). */
export const PlaybookSourceSchema = z.strictObject({ file: z.string().regex(/^[\w.-]+\.ya?ml$/, 'a file name ending in .yaml'), text: z.string() });
export type PlaybookSource = z.infer<typeof PlaybookSourceSchema>;

/** The set a lead signs and installs: every playbook file, versioned and dated. */
export const PlaybookSetSchema = z.strictObject({
  version: z.number().int().positive(),
  issuedAt: z.iso.datetime({ offset: true }),
  files: z.array(PlaybookSourceSchema).min(1),
});
export type PlaybookSet = z.infer<typeof PlaybookSetSchema>;

/** What a plan records of each rules check: the facts the rules saw and what each said, for "what would change". */
export const RuleCheckSchema = z.object({
  playbook: z.string(),
  /** the write the rules gated */
  action: z.string(),
  /** the variables as the rules saw them (reads, write, facts…) */
  facts: z.record(z.string(), z.unknown()),
  /** the first rule that refused, if one did */
  refused: z.object({ rule: z.string(), message: z.string(), refuse: RefusalSchema }).nullable(),
});
export type RuleCheck = z.infer<typeof RuleCheckSchema>;

/** A playbook as the panel and the CLI list it. */
export const PlaybookSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  serves: z.array(z.string()),
  rules: z.array(z.object({ id: z.string(), says: z.string() })),
  writes: z.array(z.string()),
  baselineMinutes: z.number(),
});
export type PlaybookSummary = z.infer<typeof PlaybookSummarySchema>;

/** A reason the loader (the install's own check) refuses a file: its line and why. */
export const PlaybookProblemSchema = z.object({ file: z.string(), line: z.number().int().positive(), reason: z.string() });
export type PlaybookProblem = z.infer<typeof PlaybookProblemSchema>;

/**
 * The lead's unsaved edits in the panel, kept by the core (LEGWORK_HOME/playbooks/draft.json) so a
 * reload or a crash of the panel loses nothing: the files changed or added (whole texts, as typed,
 * valid or not), which one is open, and the version of the set they were made against.
 */
export const PlaybookDraftSchema = z.strictObject({
  open: z.string().max(200).nullable(),
  files: z.array(PlaybookSourceSchema.extend({ text: z.string().max(200_000) })).max(50),
  basedOn: z.number().int().positive().nullable(),
});
export type PlaybookDraft = z.infer<typeof PlaybookDraftSchema>;

/** "What would change": a recent ticket whose rules check the draft decides otherwise. */
export const PlaybookPlanChangeSchema = z.object({
  ticketId: z.number(),
  /** what the plan said the ticket asks for */
  subject: z.string().optional(),
  playbook: z.string(),
  action: z.string(),
  /** "allowed", or "refused by <rule>: <message>" */
  before: z.string(),
  after: z.string(),
});
export type PlaybookPlanChange = z.infer<typeof PlaybookPlanChangeSchema>;
