// One line a person reads for a read the planner just made, shown while the proposal is made (the
// plan's own read records, with the planner's summaries, replace these when it is ready).
import type { ReadRecord } from '../../shared/plan.ts';
import type { ReadSeen } from '../legwork.ts';

export function readRecordOf(seen: ReadSeen): ReadRecord {
  const what = `${seen.action.replaceAll('_', ' ')}${describeInput(seen.input)}`;
  const found = seen.ok ? describeData(seen.data) : `failed: ${seen.error ?? 'no answer'}`;
  return { system: seen.system, action: seen.action, input: seen.input, ok: seen.ok, summary: found ? `${what}: ${found}` : what, durationMs: seen.durationMs };
}

function describeInput(input: Record<string, unknown>): string {
  const values = Object.values(input).filter((v) => typeof v === 'string' || typeof v === 'number');
  return values.length ? ` ${values.join(', ')}` : '';
}

/** a status or a count, when the answer has one */
function describeData(data: unknown): string {
  if (data === null || typeof data !== 'object') return '';
  const d = data as Record<string, unknown>;
  if (typeof d.status === 'string') return d.status;
  for (const [key, value] of Object.entries(d)) if (Array.isArray(value)) return `${value.length} ${key.replaceAll('_', ' ')}`;
  return '';
}
