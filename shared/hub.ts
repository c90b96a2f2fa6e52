// Legwork Hub's HTTP contract: what desks, leads, QA and admins send to the team's hub and get back.
// The hub parses every request with these schemas; the desk's client parses every answer with them.
import { z } from 'zod';
import { canonicalJson } from './plan.ts';
import { RunOutcomeSchema, RunIdSchema, VerdictSchema } from './trace.ts';

export const ROLES = ['agent', 'lead', 'qa', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');
const Name = z.string().trim().min(1).max(100).regex(/^[\w.@ -]+$/, 'letters, digits, " ", ".", "@", "-" and "_"');
const Team = z.string().trim().min(1).max(100);
const IsoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO time');
/** an ed25519 public key, base64 SPKI DER */
const PublicKey = z.string().min(40).max(200).regex(/^[A-Za-z0-9+/]+=*$/, 'base64');

/** Every refusal: `{error: {code, message}}` with the HTTP status that fits. */
export const HubErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type HubError = z.infer<typeof HubErrorSchema>;

export const UserViewSchema = z.object({ name: z.string(), role: RoleSchema, team: z.string() });
export type UserView = z.infer<typeof UserViewSchema>;

export const NewUserSchema = z.object({ name: Name, role: RoleSchema, team: Team.default('default'), password: z.string().min(10, 'at least 10 characters').max(1000) });
export type NewUser = z.input<typeof NewUserSchema>;

export const LoginSchema = z.object({ name: z.string().min(1).max(100), password: z.string().min(1).max(1000) });
export const SessionViewSchema = z.object({ token: z.string(), expiresAt: z.string(), user: UserViewSchema });
export type SessionView = z.infer<typeof SessionViewSchema>;

/** A lead's key for signing policies and approvals. */
export const LeadKeySchema = z.object({ publicKey: PublicKey });

// ---- desks ----------------------------------------------------------------------------------
export const EnrollmentCodeInputSchema = z.object({ user: Name, desk: Name });
export const EnrollmentCodeSchema = z.object({ code: z.string(), user: z.string(), desk: z.string(), expiresAt: z.string() });
export const EnrollSchema = z.object({ code: z.string().min(8).max(200), publicKey: PublicKey });
export const EnrolledSchema = z.object({ deskId: z.number().int(), desk: z.string(), user: UserViewSchema });
export type Enrolled = z.infer<typeof EnrolledSchema>;

/** What a desk says is in force there; the hub shows which desks run which policy. */
export const DeskPolicyReportSchema = z.object({ keyId: z.string().max(64).nullable(), name: z.string().max(200).nullable(), issuedAt: z.string().max(64).nullable() });
export const DeskViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  user: z.string(),
  team: z.string(),
  enrolledAt: z.string(),
  lastSeen: z.string().nullable(),
  policy: DeskPolicyReportSchema.extend({ reportedAt: z.string().nullable() }),
});
export type DeskView = z.infer<typeof DeskViewSchema>;

/** The request headers a desk signs with its device key (ed25519 over `deviceMessage`). */
export const DEVICE_HEADERS = { desk: 'x-legwork-desk', at: 'x-legwork-at', nonce: 'x-legwork-nonce', signature: 'x-legwork-signature' } as const;
/** What a device signature covers: method, path with query, time, nonce and the body's sha256. */
export function deviceMessage(method: string, pathWithQuery: string, at: string, nonce: string, bodySha256: string): string {
  return [method.toUpperCase(), pathWithQuery, at, nonce, bodySha256].join('\n');
}

// ---- runs -----------------------------------------------------------------------------------
export const UploadedSchema = z.object({
  run: z.string(),
  headHash: z.string(),
  /** false: the hub had this run with this head already (an upload sent again) */
  stored: z.boolean(),
  events: z.number().int(),
  blobs: z.number().int(),
});
export type Uploaded = z.infer<typeof UploadedSchema>;

const Limit = z.coerce.number().int().min(1).max(500).default(50);
/** The QA list's filters, as query parameters. `before` pages: the `next` of the previous page. */
export const HubRunQuerySchema = z.object({
  since: IsoTime.optional(),
  until: IsoTime.optional(),
  agent: z.string().min(1).max(100).optional(),
  desk: z.string().min(1).max(100).optional(),
  team: z.string().min(1).max(100).optional(),
  playbook: z.string().min(1).max(100).optional(),
  outcome: z.union([RunOutcomeSchema, z.literal('running')]).optional(),
  verdict: z.union([VerdictSchema, z.literal('none')]).optional(),
  before: z.string().max(300).optional(),
  /** a QA sample: every escalated run and this share (0..1) of the others, drawn by `seed` */
  sample: z.coerce.number().min(0).max(1).optional(),
  /** the same seed draws the same runs; a run's draw does not depend on the other runs */
  seed: z.string().min(1).max(100).default('qa'),
  limit: Limit,
});
export type HubRunQuery = z.input<typeof HubRunQuerySchema>;

export const HubRunSchema = z.object({
  run: z.string(),
  desk: z.string(),
  user: z.string(),
  team: z.string(),
  agent: z.string(),
  ticketId: z.string().nullable(),
  playbooks: z.array(z.string()),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  outcome: RunOutcomeSchema.nullable(),
  writes: z.number().int(),
  autoWrites: z.number().int(),
  escalated: z.boolean(),
  verdict: VerdictSchema.nullable(),
  receivedAt: z.string(),
});
export type HubRun = z.infer<typeof HubRunSchema>;
export const HubRunPageSchema = z.object({ runs: z.array(HubRunSchema), next: z.string().nullable() });

export const HubRunDetailSchema = z.object({
  run: HubRunSchema,
  events: z.array(z.unknown()),
  head: z.unknown(),
  /** sha256 of the screenshots and evidence the events refer to: GET /api/blobs/<sha256> */
  blobs: z.array(Hash),
  reviews: z.array(z.object({ verdict: VerdictSchema, comment: z.string(), reviewer: z.string(), at: z.string() })),
});

export const HubVerdictInputSchema = z.object({ verdict: VerdictSchema, comment: z.string().max(10_000).default('') });

export const RejectionSchema = z.object({ id: z.number().int(), at: z.string(), desk: z.string().nullable(), run: z.string().nullable(), reason: z.string(), problems: z.array(z.string()) });

// ---- policies ---------------------------------------------------------------------------------
/** A signed policy file as `legwork policy sign` writes it. */
export const SignedPolicyFileSchema = z.strictObject({
  policy: z.record(z.string(), z.unknown()),
  keyId: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 hex digits'),
  signature: z.string().regex(/^[A-Za-z0-9+/]+=*$/, 'must be base64'),
});
export type SignedPolicyFile = z.infer<typeof SignedPolicyFileSchema>;
export const PublishedPolicySchema = z.object({ id: z.number().int(), name: z.string(), keyId: z.string(), issuedAt: z.string(), publishedBy: z.string(), publishedAt: z.string(), file: SignedPolicyFileSchema });
export type PublishedPolicy = z.infer<typeof PublishedPolicySchema>;

// ---- second approvals -------------------------------------------------------------------------
export const HubApprovalRequestInputSchema = z.object({
  ticketId: z.string().min(1).max(100),
  subject: z.string().max(500).default(''),
  planHash: Hash,
  plan: z.record(z.string(), z.unknown()),
  why: z.string().min(1).max(2000),
  steps: z.array(z.object({ stepId: z.string(), action: z.string(), reason: z.string(), amount: z.number().optional(), expectedEffect: z.string() })).max(100).default([]),
});
export type HubApprovalRequestInput = z.input<typeof HubApprovalRequestInputSchema>;

/** What a lead signs (ed25519, their lead key) to decide: bound to one request and one plan hash. */
export const ApprovalDecisionBodySchema = z.object({ requestId: z.string().min(1).max(100), planHash: Hash, grant: z.boolean(), note: z.string().max(2000), lead: z.string(), at: IsoTime });
export type ApprovalDecisionBody = z.infer<typeof ApprovalDecisionBodySchema>;
export const SignedDecisionSchema = ApprovalDecisionBodySchema.extend({ keyId: z.string().regex(/^[0-9a-f]{16}$/), signature: z.string().regex(/^[A-Za-z0-9+/]+=*$/) });
export type SignedDecision = z.infer<typeof SignedDecisionSchema>;
/** The bytes a lead's decision signature covers. */
export function decisionMessage(d: ApprovalDecisionBody): string {
  return canonicalJson({ requestId: d.requestId, planHash: d.planHash, grant: d.grant, note: d.note, lead: d.lead, at: d.at });
}

export const HubApprovalSchema = z.object({
  id: z.string(),
  desk: z.string(),
  requestedBy: z.string(),
  team: z.string(),
  ticketId: z.string(),
  subject: z.string(),
  planHash: Hash,
  plan: z.record(z.string(), z.unknown()),
  why: z.string(),
  steps: HubApprovalRequestInputSchema.shape.steps,
  requestedAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['pending', 'granted', 'declined', 'expired']),
  decision: SignedDecisionSchema.nullable(),
});
export type HubApproval = z.infer<typeof HubApprovalSchema>;

/** Server-sent events on GET /api/approvals/events. */
export const HubApprovalEventSchema = z.object({ type: z.enum(['approval.requested', 'approval.decided']), approval: HubApprovalSchema });

// ---- metrics -----------------------------------------------------------------------------------
export const HubMetricsQuerySchema = z.object({ since: IsoTime.optional(), until: IsoTime.optional(), by: z.enum(['agent', 'team', 'playbook']).default('agent') });
export const HubMetricsRowSchema = z.object({
  key: z.string(),
  runs: z.number().int(),
  completed: z.number().int(),
  escalated: z.number().int(),
  writes: z.number().int(),
  autoWrites: z.number().int(),
  autonomyRate: z.number().nullable(),
  medianRunMs: z.number().nullable(),
});
export type HubMetricsRow = z.infer<typeof HubMetricsRowSchema>;

export const HubRunIdSchema = RunIdSchema;
export const ApprovalIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'an approval request id');
