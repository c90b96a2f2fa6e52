// Reading a run's trace events for the timeline. runs.open carries them as `unknown[]`: each is
// parsed with the trace contract; one that does not parse is still shown, as raw data.
import { TraceEventSchema, type TraceEventType } from '../../../../shared/trace.ts';

export interface TimelineEvent {
  seq: number;
  at: string | null;
  type: TraceEventType | 'unreadable';
  title: string;
  /** one-line facts: "approver: ana", "decision: auto (refunds up to $50…)" */
  facts: string[];
  params: Record<string, unknown> | null;
  before: string | null;
  after: string | null;
  error: string | null;
  raw: unknown;
}

const TITLES: Record<TraceEventType, string> = {
  run_started: 'Run started',
  plan: 'Plan proposed',
  decisions: 'Policy decisions',
  approved: 'Approved',
  step_intent: 'Step about to run',
  step_result: 'Step result',
  step_skipped: 'Step skipped',
  heal: 'Locator healed',
  escalated: 'Escalated',
  run_finished: 'Run finished',
};

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : null);
const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

function decisionText(v: unknown): string | null {
  const d = obj(v);
  if (!d) return str(v);
  return [str(d.kind), str(d.reason) && `(${str(d.reason)})`].filter(Boolean).join(' ') || null;
}

function errorText(v: unknown): string | null {
  const e = obj(v);
  if (!e) return str(v);
  return [str(e.message), str(e.code) && `(${str(e.code)})`].filter(Boolean).join(' ') || null;
}

const FACT_KEYS: [string, (v: unknown) => string | null][] = [
  ['ticket', str],
  ['agent', str],
  ['planner', str],
  ['stepId', str],
  ['action', str],
  ['system', str],
  ['approver', str],
  ['approvers', (v) => (Array.isArray(v) ? v.map(String).join(', ') : str(v))],
  ['planHash', (v) => (str(v) ? `${str(v)!.slice(0, 12)}…` : null)],
  ['decision', decisionText],
  ['status', str],
  ['outcome', str],
  ['reason', str],
  ['locator', str],
  ['note', str],
  ['durationMs', (v) => (typeof v === 'number' ? `${v} ms` : null)],
  ['secondApprover', str],
];

export function readTimeline(events: unknown[]): TimelineEvent[] {
  return events.map((raw, i) => {
    const parsed = TraceEventSchema.safeParse(raw);
    if (!parsed.success) {
      return { seq: i, at: null, type: 'unreadable', title: 'Unreadable event', facts: [], params: null, before: null, after: null, error: null, raw };
    }
    const { data, type, seq, at } = parsed.data;
    const evidence = obj(data.evidence) ?? {};
    // the executor stores a step's screenshots under evidence.screenshots.{before,after}
    const shots = obj(evidence.screenshots) ?? evidence;
    const facts = FACT_KEYS.flatMap(([key, read]) => {
      const text = read(data[key]);
      return text ? [`${key === 'stepId' ? 'step' : key}: ${text}`] : [];
    });
    if (type === 'decisions' && Array.isArray(data.decisions)) {
      for (const d of data.decisions) facts.push(`${str(obj(d)?.stepId) ?? '?'}: ${decisionText(d) ?? '?'}`);
    }
    return {
      seq,
      at,
      type,
      title: TITLES[type],
      facts,
      params: obj(data.params) ?? obj(data.input),
      before: str(data.before) ?? str(shots.before),
      after: str(data.after) ?? str(shots.after),
      error: errorText(data.error),
      raw,
    };
  });
}
