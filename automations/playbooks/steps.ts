// Step builders: a write step with the source of every parameter, and the closing steps every
// plan shares (CRM note, reply, status) or a hand-over (internal note, status).
import type { ParamSource, PlaybookId, Step, SystemId } from '../../shared/plan.ts';

/** A step before the plan numbers it. */
export type DraftStep = Omit<Step, 'id'>;

export const fromSystem = (detail: string): ParamSource => ({ source: 'system', detail });
export const fromAgent = (detail: string): ParamSource => ({ source: 'agent', detail });
export const fromTicket = (detail: string): ParamSource => ({ source: 'ticket', detail });

export interface WriteSpec {
  playbook: PlaybookId;
  system: SystemId;
  action: string;
  /** each value with where it came from */
  params: Record<string, { value: unknown; from: ParamSource }>;
  why: string;
  expectedEffect: string;
  amount?: number;
}

export function writeStep(spec: WriteSpec): DraftStep {
  const params: Record<string, unknown> = {};
  const provenance: Record<string, ParamSource> = {};
  for (const [key, { value, from }] of Object.entries(spec.params)) {
    params[key] = value;
    provenance[key] = from;
  }
  return {
    playbook: spec.playbook,
    system: spec.system,
    action: spec.action,
    kind: 'write',
    params,
    provenance,
    why: spec.why,
    expectedEffect: spec.expectedEffect,
    ...(spec.amount !== undefined ? { amount: Math.round(spec.amount * 100) / 100 } : {}),
  };
}

const ticketParam = (ticketId: number) => ({ value: ticketId, from: fromSystem(`helpdesk: ticket #${ticketId}`) });

export function crmNoteStep(playbook: PlaybookId, userId: string, body: string): DraftStep {
  return writeStep({
    playbook,
    system: 'crm',
    action: 'add_crm_note',
    params: { user_id: { value: userId, from: fromSystem(`crm: customer ${userId}`) }, body: { value: body, from: fromAgent('written by the playbook from the steps above') } },
    why: 'keep the customer record true to what was done',
    expectedEffect: `a note on ${userId}'s CRM profile`,
  });
}

export function replyStep(playbook: PlaybookId, ticketId: number, body: string, why = 'tell the customer what was done, with the facts'): DraftStep {
  return writeStep({
    playbook,
    system: 'helpdesk',
    action: 'reply_to_customer',
    params: { ticket_id: ticketParam(ticketId), body: { value: body, from: fromAgent('reply draft from the plan') } },
    why,
    expectedEffect: `the reply shows on ticket #${ticketId}`,
  });
}

export function statusStep(playbook: PlaybookId, ticketId: number, status: 'open' | 'pending' | 'solved', why: string): DraftStep {
  return writeStep({
    playbook,
    system: 'helpdesk',
    action: 'set_ticket_status',
    params: { ticket_id: ticketParam(ticketId), status: { value: status, from: fromAgent(why) } },
    why,
    expectedEffect: `ticket #${ticketId} shows status ${status}`,
  });
}

export function internalNoteStep(playbook: PlaybookId, ticketId: number, body: string): DraftStep {
  return writeStep({
    playbook,
    system: 'helpdesk',
    action: 'add_internal_note',
    params: { ticket_id: ticketParam(ticketId), body: { value: body, from: fromAgent('hand-over note from the plan') } },
    why: 'hand the case to a person with the full context',
    expectedEffect: `the internal note shows on ticket #${ticketId}`,
  });
}

/**
 * A resolved plan closes with a CRM note (when a customer is known), the reply and `solved` — or
 * `open` where the agent still answers part of the message themselves.
 */
export function closingSteps(playbook: PlaybookId, ticketId: number, userId: string | null, note: string, reply: string, status: 'solved' | 'open' = 'solved'): DraftStep[] {
  return [
    ...(userId && note ? [crmNoteStep(playbook, userId, note)] : []),
    replyStep(playbook, ticketId, reply),
    status === 'solved' ? statusStep(playbook, ticketId, 'solved', 'the request is resolved') : statusStep(playbook, ticketId, 'open', 'the agent answers part of the message themselves'),
  ];
}

/**
 * A hand-over: the internal note for the person who takes it, a reply telling the customer a
 * specialist will follow up, and the ticket left open for them.
 */
export function handOverSteps(ticketId: number, note: string, reply: string): DraftStep[] {
  return [
    internalNoteStep('hand_over', ticketId, note),
    replyStep('hand_over', ticketId, reply, 'tell the customer that a specialist will follow up'),
    statusStep('hand_over', ticketId, 'open', 'a person takes the case over'),
  ];
}

/** A question to the customer (naming what is missing) and the ticket pending their answer; nothing else changes. */
export function askSteps(playbook: PlaybookId, ticketId: number, question: string): DraftStep[] {
  return [replyStep(playbook, ticketId, question, 'ask the customer for what is missing, naming it'), statusStep(playbook, ticketId, 'pending', 'waiting for the customer to answer the question')];
}
