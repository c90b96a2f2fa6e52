// The team lead's view: second approvals waiting, the policy, and the metrics.
import { ApprovalsView } from './ApprovalsView.tsx';
import { MetricsView } from './MetricsView.tsx';
import { PolicyEditor } from './PolicyEditor.tsx';
import { PlaybooksView } from './PlaybooksView.tsx';

export function LeadView() {
  return (
    <>
      <ApprovalsView />
      <PolicyEditor />
      <PlaybooksView />
      <MetricsView />
    </>
  );
}
