// The team lead's view: the policy and the metrics.
import { MetricsView } from './MetricsView.tsx';
import { PolicyEditor } from './PolicyEditor.tsx';

export function LeadView() {
  return (
    <>
      <PolicyEditor />
      <MetricsView />
    </>
  );
}
