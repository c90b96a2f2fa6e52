// The hand-over note: everything a person needs to take the ticket from where the run stopped,
// written as an internal note on the ticket.
import { canonicalJson, type Plan, type Step } from '../../shared/plan.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import type { StepReport, StopReason } from './types.ts';

/** The helpdesk's limit for one note, with room to spare. */
const MAX_NOTE = 19_000;

export interface NoteInput {
  runId: string;
  plan: Plan;
  reports: StepReport[];
  stop: StopReason;
  escalateTo?: string;
}

export function escalationNote({ runId, plan, reports, stop, escalateTo }: NoteInput): string {
  const failed = plan.steps.find((s) => s.id === stop.stepId);
  const ran = reports.filter((r) => r.status !== 'pending');
  const notRun = reports.filter((r) => r.status === 'pending' && r.stepId !== stop.stepId);
  const lines = [
    `Legwork stopped and hands this ticket over${escalateTo ? ` to ${escalateTo}` : ''} (run ${runId}).`,
    '',
    `Ticket: #${plan.ticketId}${plan.customer ? ` from ${plan.customer.name} <${plan.customer.email}> (${plan.customer.user_id})` : ''}`,
    `Requests: ${plan.requests.map((r) => r.summary).join('; ') || plan.reason}`,
    `Stopped because: ${stop.message}`,
    '',
    'What was read:',
    ...(plan.reads.length ? plan.reads.map((r) => `- ${r.system} ${r.action}: ${r.summary}${r.ok ? '' : ' (failed)'}`) : ['- nothing']),
    '',
    'What ran:',
    ...(ran.length ? ran.map((r) => `- ${describe(r, plan)}`) : ['- nothing']),
    '',
    'Not run:',
    ...(notRun.length ? notRun.map((r) => `- ${r.stepId} ${r.action} (${r.system}) ${params(plan, r.stepId)}`) : ['- nothing']),
    '',
    `Recommended resolution: ${recommend(stop, failed)}${notRun.length ? ` Then do the steps that did not run (${notRun.map((r) => r.stepId).join(', ')}), or re-plan the ticket and approve again.` : ''}`,
  ];
  const text = lines.join('\n');
  return text.length > MAX_NOTE ? `${text.slice(0, MAX_NOTE)}\n[cut]` : text;
}

function describe(r: StepReport, plan: Plan): string {
  const head = `${r.stepId} ${r.action} (${r.system}) ${params(plan, r.stepId)}`;
  const shots = r.screenshots?.before || r.screenshots?.after ? ` [evidence: ${[r.screenshots.before && `before sha256:${r.screenshots.before}`, r.screenshots.after && `after sha256:${r.screenshots.after}`].filter(Boolean).join(', ')}]` : '';
  switch (r.status) {
    case 'done':
      return `${head}: done${r.recovered ? ' (settled after a restart)' : ''}${shots}`;
    case 'already_done':
      return `${head}: had already happened, not done again${shots}`;
    case 'skipped':
      return `${head}: skipped (${r.reason ?? 'no reason given'})`;
    default:
      return `${head}: FAILED ${r.error ? `${r.error.code}: ${r.error.message}` : ''}${shots}`;
  }
}

function params(plan: Plan, stepId: string): string {
  const step = plan.steps.find((s) => s.id === stepId);
  const json = step ? canonicalJson(step.params) : '{}';
  return json.length > 300 ? `${json.slice(0, 300)}…` : json;
}

const ADVICE: Record<ErrorCode, (s: Step) => string> = {
  precondition_failed: (s) => `${s.system} refused ${s.action} in the record's current state. Open it, check whether the customer's request still applies, and tell the customer what can be done.`,
  outcome_unknown: (s) => `No check can tell whether ${s.action} took effect. Look in ${s.system}: if it did not happen, do it by hand; do not do it twice.`,
  not_found: (s) => `The target of ${s.action} was not found in ${s.system}. Check the ids against the ticket and the systems.`,
  target_mismatch: (s) => `${s.system} showed another record than the one ${s.action} was planned for. Check the ids against the ticket before doing anything.`,
  verification_failed: (s) => `${s.action} ran but ${s.system} does not show the expected result. Check the record and correct it by hand if needed.`,
  session_expired: (s) => `Legwork could not stay signed in to ${s.system}. Check its credentials, then do ${s.action} by hand.`,
  login_failed: (s) => `Legwork could not sign in to ${s.system}. Check its credentials, then do ${s.action} by hand.`,
  system_error: (s) => `${s.system} failed. When it is back, check whether ${s.action} happened and do it by hand if not.`,
  timeout: (s) => `${s.system} was too slow. When it answers again, check whether ${s.action} happened and do it by hand if not.`,
  browser_unavailable: (s) => `Legwork's browser was not available. Check whether ${s.action} happened in ${s.system} and do it by hand if not.`,
  invalid_input: (s) => `${s.action} was given parameters ${s.system} does not accept. Check them and do it by hand.`,
  invalid_output: (s) => `Legwork could not read ${s.system}'s page after ${s.action}. Check the record by hand.`,
  internal: (s) => `Legwork failed on ${s.action} (a bug). Check ${s.system} and do the step by hand.`,
};

function recommend(stop: StopReason, step: Step | undefined): string {
  if (!step) return 'Check the ticket and the systems and finish the resolution by hand.';
  if (stop.kind === 'policy') return `The policy did not let ${step.action} run at execution time. Ask a team lead, or do it by hand where the policy allows.`;
  return ADVICE[stop.error?.code ?? 'internal'](step);
}
