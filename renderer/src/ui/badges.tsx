// Small labelled badges: a policy decision, a parameter's provenance, a step's status.
import type { DecisionKind } from '../../../shared/decision.ts';
import type { Provenance } from '../../../shared/plan.ts';
import type { StepState } from '../../../shared/api.ts';
import { DECISION_BADGES } from './plain-decision.ts';

export function DecisionBadge({ kind, reason }: { kind: DecisionKind; reason?: string }) {
  return (
    <span className={`badge decision-${kind}`} title={reason}>
      <span className="visually-hidden">Policy: </span>
      {DECISION_BADGES[kind]}
    </span>
  );
}

const PROVENANCE_LABELS: Record<Provenance, string> = { system: 'system', agent: 'agent', ticket: 'ticket only' };

export function ProvenanceBadge({ source, detail }: { source: Provenance; detail?: string }) {
  return (
    <span className={`badge provenance-${source}`} title={detail}>
      <span className="visually-hidden">Source: </span>
      {PROVENANCE_LABELS[source]}
    </span>
  );
}

const STATUS_LABELS: Record<StepState['status'], string> = {
  pending: 'Pending',
  running: 'Running',
  done: 'Done',
  already_done: 'Already done',
  skipped: 'Not run',
  failed: 'Failed',
};

export function StatusBadge({ status }: { status: StepState['status'] }) {
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}
