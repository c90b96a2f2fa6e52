// Data the scripted core answers with in component tests and in the panel screenshots: a cancel
// ticket, its plan (reads, a write with provenance, policy decisions), the run as it progresses.
import type { ApiOutput, Proposal, RunView, TicketSummary, TicketView } from '../../shared/api.ts';

export const HASH_A = 'a'.repeat(64);
export const HASH_B = 'b'.repeat(64);

export const queue: TicketSummary[] = [
  {
    id: 101,
    subject: 'Please cancel my order #W2378156',
    requester: 'Yusuf Rossi',
    status: 'new',
    assignee: null,
    created: '2025-05-14T09:12:00Z',
    preview: 'Hi, I ordered by mistake. Please cancel order #W2378156, I no longer need it. Thanks, Yusuf',
  },
  { id: 102, subject: 'Wrong size delivered, want an exchange', requester: 'Mei Kovacs', status: 'open', assignee: 'ana', created: '2025-05-14T08:40:00Z' },
  { id: 103, subject: 'Charged twice for one order', requester: 'Omar Silva', status: 'pending', assignee: 'ana', created: '2025-05-13T17:05:00Z' },
];

/** the queue as tickets.list answers it: one page, counted per status */
export const queuePage = { tickets: queue, page: 1, pages: 1, total: 3, counts: { new: 1, open: 1, pending: 1, solved: 4 }, complete: true };

export const ticket: TicketView = {
  id: 101,
  subject: 'Please cancel my order #W2378156',
  requester_name: 'Yusuf Rossi',
  requester_email: 'yusuf.rossi@example.com',
  status: 'new',
  assignee: null,
  messages: [
    {
      kind: 'customer',
      author: 'Yusuf Rossi',
      at: '2025-05-14T09:12:00Z',
      body: 'Hi, I ordered by mistake. Please cancel order #W2378156, I no longer need it. Thanks, Yusuf',
    },
  ],
};

export const reads = [
  { system: 'crm', action: 'find_customer', input: { email: 'yusuf.rossi@example.com' }, ok: true, summary: 'customer yusuf_rossi_9620 (Yusuf Rossi)', durationMs: 180 },
  { system: 'orders', action: 'get_order', input: { order_id: '#W2378156' }, ok: true, summary: 'order #W2378156: pending, 5 items, $1,204.33', durationMs: 240 },
] as const;

const plan = (quantity: string): Proposal['plan'] => ({
  ticketId: 101,
  planner: 'offline',
  understood: [],
  choices: [],
  setAside: [],
  outcome: 'resolve',
  reason: 'Order #W2378156 belongs to the requester and is still pending, so it can be cancelled.',
  requests: [{ playbook: 'cancel_order', summary: 'cancel order #W2378156' }],
  customer: { user_id: 'yusuf_rossi_9620', name: 'Yusuf Rossi', email: 'yusuf.rossi@example.com' },
  steps: [
    {
      id: 's1',
      playbook: 'cancel_order',
      system: 'orders',
      action: 'cancel_pending_order',
      kind: 'write',
      params: { order_id: '#W2378156', reason: quantity },
      provenance: {
        order_id: { source: 'system', detail: 'orders: #W2378156 shows status pending' },
        reason: { source: 'ticket', detail: 'the ticket says "I ordered by mistake"' },
      },
      why: 'The customer asks to cancel a pending order.',
      expectedEffect: 'Order #W2378156 becomes cancelled; $1,204.33 is refunded to the original payment method.',
      amount: 1204.33,
    },
    {
      id: 's2',
      playbook: 'cancel_order',
      system: 'helpdesk',
      action: 'reply_and_solve',
      kind: 'write',
      params: { ticket_id: 101 },
      provenance: { ticket_id: { source: 'system', detail: 'helpdesk: ticket #101' } },
      why: 'Tell the customer it is done.',
      expectedEffect: 'The reply is sent and the ticket is solved.',
    },
  ],
  reply: 'Hi Yusuf, your order #W2378156 is cancelled and $1,204.33 will be refunded to your original payment method within 5–7 business days.',
  reads: [...reads],
  createdAt: '2025-05-14T09:13:00Z',
});

export const proposal: Proposal = {
  plan: plan('ordered by mistake'),
  decisions: [
    { stepId: 's1', kind: 'approve', reason: 'cancellations run after the agent approves' },
    { stepId: 's2', kind: 'auto', reason: 'replies run without asking' },
  ],
  planHash: HASH_A,
};

export const editedProposal: Proposal = { ...proposal, plan: plan('no longer needed'), planHash: HASH_B };

export const run = (steps: RunView['steps'], extra: Partial<RunView> = {}): RunView => ({
  runId: 'run-101-1',
  ticketId: 101,
  mode: 'all',
  status: 'running',
  steps,
  ...extra,
});

export const policy = {
  version: 1,
  name: 'Support team',
  issuedAt: '2025-05-01T09:00:00Z',
  defaultMode: 'approve',
  actions: {
    add_internal_note: { mode: 'auto' },
    adjust_charge: { mode: 'auto', caps: { auto: 50, approve: 500 } },
  },
  playbooks: { cancel_order: { actions: { cancel_pending_order: { mode: 'approve' } } } },
};

export const runs: ApiOutput<'runs.list'> = [
  { runId: 'run-101-1', ticketId: 101, agent: 'ana', playbooks: ['cancel_order'], outcome: 'completed', startedAt: '2025-05-14T09:14:00Z', durationMs: 8400, verdict: null },
  { runId: 'run-103-1', ticketId: 103, agent: 'ana', playbooks: ['billing_discrepancy'], outcome: 'escalated', startedAt: '2025-05-13T17:20:00Z', durationMs: 12100, verdict: 'pass' },
];

const event = (seq: number, type: string, data: Record<string, unknown>) => ({
  run: 'run-101-1',
  seq,
  at: `2025-05-14T09:14:0${seq}Z`,
  type,
  data,
  prev: seq === 0 ? '' : 'c'.repeat(64),
  hash: 'c'.repeat(64),
});

export const openedRun: ApiOutput<'runs.open'> = {
  summary: runs[0]!,
  verified: true,
  problems: [],
  events: [
    event(0, 'run_started', { ticketId: 101, agent: 'ana', planner: 'offline' }),
    event(1, 'plan', {
      plan: {
        outcome: 'resolve',
        requests: [{ playbook: 'cancel_order', summary: 'cancel #W2378156 (ordered by mistake)' }],
        steps: [
          { id: 's1', playbook: 'cancel_order', system: 'orders', action: 'cancel_pending_order', kind: 'write', params: { order_id: '#W2378156', reason: 'ordered by mistake' }, why: 'the customer asks to cancel', expectedEffect: 'order #W2378156 is cancelled' },
          { id: 's2', playbook: 'cancel_order', system: 'helpdesk', action: 'reply_to_customer', kind: 'write', params: { body: 'Done.' }, why: 'tell the customer', expectedEffect: 'the customer is told' },
        ],
      },
    }),
    event(2, 'approved', { approver: 'ana', secondApprover: 'lee', planHash: HASH_A }),
    event(3, 'step_intent', { stepId: 's1', action: 'cancel_pending_order', system: 'orders', kind: 'write', params: { order_id: '#W2378156', reason: 'ordered by mistake' }, decision: { kind: 'approve', reason: 'the policy sets cancel_pending_order to approve' } }),
    event(4, 'step_result', {
      stepId: 's1',
      action: 'cancel_pending_order',
      system: 'orders',
      ok: true,
      alreadyDone: false,
      evidence: { url: 'http://orders.test/o/W2378156', durationMs: 2300, attempts: 1, screenshots: { before: 'd'.repeat(64), after: 'e'.repeat(64) }, output: { status: 'cancelled' } },
    }),
    event(5, 'step_skipped', { stepId: 's2', action: 'reply_to_customer', by: 'agent', reason: 'skipped by the agent' }),
    event(6, 'run_finished', { outcome: 'completed' }),
  ],
};

export const metrics = [
  { playbook: 'cancel_order', runs: 42, completed: 40, escalated: 2, autonomyRate: 0.62, timeSavedMinutes: 210 },
  { playbook: 'return_items', runs: 17, completed: 14, escalated: 3, autonomyRate: 0.35, timeSavedMinutes: 96 },
  { playbook: 'billing_discrepancy', runs: 9, completed: 6, escalated: 3, autonomyRate: 0.11, timeSavedMinutes: 40 },
];

const mrow = (key: string, runs: number, resolved: number, autonomyRate: number | null, byLegwork: number, byHand: number, saved: number, cost: number | null) => ({
  key,
  runs,
  resolved,
  autonomyRate,
  stepsByLegwork: byLegwork,
  stepsByHand: byHand,
  timeSavedMinutes: saved,
  agentMinutes: runs * 1.5,
  llmTokens: runs * 1200,
  llmCostUsd: runs * 0.01,
  costPerResolutionUsd: cost,
});

/** the lead's report over the last 7 days */
export const metricsReport: ApiOutput<'metrics.report'> = {
  since: '2025-05-08',
  until: null,
  bucket: 'day',
  agentHourlyUsd: 30,
  all: mrow('all', 68, 60, 0.48, 410, 52, 346, 0.91),
  byPlaybook: [mrow('cancel_order', 42, 40, 0.62, 250, 12, 210, 0.8), mrow('return_items', 17, 14, 0.35, 120, 20, 96, 1.1), mrow('billing_discrepancy', 9, 6, 0.11, 40, 20, 40, 1.6)],
  byAgent: [mrow('ana', 50, 45, 0.5, 300, 30, 260, 0.85), mrow('ben', 18, 15, 0.41, 110, 22, 86, 1.05)],
  trend: ['2025-05-08', '2025-05-09', '2025-05-10', '2025-05-11', '2025-05-12', '2025-05-13', '2025-05-14'].map((start, i) => ({
    start,
    runs: 8 + i,
    resolved: 6 + i,
    autonomyRate: 0.3 + i * 0.04,
    timeSavedMinutes: 40 + i * 3,
  })),
  handOverReasons: [
    { reason: 'adjust charge: system error', count: 4 },
    { reason: 'the customer asks for something no playbook serves', count: 3 },
    { reason: 'cancel pending order: precondition failed', count: 1 },
  ],
  baselines: [
    { playbook: 'cancel_order', minutes: 6, defaultMinutes: 6, overridden: false },
    { playbook: 'return_items', minutes: 10, defaultMinutes: 8, overridden: true },
  ],
};

export const settings: ApiOutput<'settings.get'> = { planner: 'llm', llm: { baseURL: 'https://llm.example.com/v1', model: 'gpt-4o-mini', hasKey: true }, agent: 'ana' };

/** The playbooks in force as `playbooks.list` answers: a signed set with the 30-day return rule. */
export const playbooksInForce = {
  notice: 'playbook set version 2 (2 playbooks) from /home/lee/.legwork/playbooks/playbooks.signed.json, signed by lead key 53141d661c31ae7a',
  source: 'file',
  version: 2,
  playbooks: [
    {
      id: 'return_items',
      title: 'Return items of a delivered order',
      serves: ['return'],
      rules: [
        { id: 'within_30_days', says: 'returns only within 30 days of delivery' },
        { id: 'delivered_only', says: 'only a delivered order' },
      ],
      writes: ['return_delivered_order_items', 'add_crm_note', 'reply_to_customer', 'set_ticket_status'],
      baselineMinutes: 8,
    },
    { id: 'resend_order_confirmation', title: 'Resend the order confirmation', serves: ['resend_confirmation'], rules: [{ id: 'own_order', says: "only the requester's own order" }], writes: ['reply_to_customer', 'set_ticket_status'], baselineMinutes: 4 },
  ],
};
