// The installed playbooks as one compiled set — what the planner, the metrics and the panel read —
// and the connector actions their files may name.
import { REQUEST_KINDS } from '../../shared/request.ts';
import type { PlaybookSource, PlaybookSummary } from '../../shared/playbook.ts';
import { allActions } from '../systems/index.ts';
import type { ActionCatalog, ActionInfo } from './cel-env.ts';
import { compilePlaybooks, type CompiledPlaybook, type LoadResult } from './load.ts';

/** The actions by id. */
export function actionCatalog(actions: readonly ActionInfo[]): ActionCatalog {
  return new Map(actions.map((a) => [a.id, a]));
}

/** The actions of the connectors built in. */
export const builtInActions = (): ActionCatalog => actionCatalog(allActions);

export class Playbooks {
  private readonly byId: ReadonlyMap<string, CompiledPlaybook>;

  constructor(readonly all: readonly CompiledPlaybook[]) {
    this.byId = new Map(all.map((p) => [p.spec.id, p]));
  }

  /** Compiles a set of files; refused as a whole when one file is. */
  static compile(sources: readonly PlaybookSource[], actions: ActionCatalog = builtInActions()): LoadResult<Playbooks> {
    const got = compilePlaybooks(sources, actions, REQUEST_KINDS);
    return got.ok ? { ok: true, data: new Playbooks(got.data) } : got;
  }

  get(id: string): CompiledPlaybook | undefined {
    return this.byId.get(id);
  }

  /** Playbooks for request kinds the planner does not know, understood from their cue words. */
  get fromData(): CompiledPlaybook[] {
    return this.all.filter((p) => p.spec.cues.length > 0);
  }

  /** Minutes by hand per playbook: the metrics' default baselines. */
  baselines(): Record<string, number> {
    return Object.fromEntries(this.all.map((p) => [p.spec.id, p.spec.baseline_minutes]));
  }

  /** Each playbook as the agent and the lead read it: its rules in words, what it writes. */
  summaries(): PlaybookSummary[] {
    return this.all.map(({ spec }) => ({
      id: spec.id,
      title: spec.title,
      serves: spec.serves,
      rules: [...spec.rules.map((r) => ({ id: r.id, says: r.says })), ...spec.notes.map((says, i) => ({ id: `note_${i + 1}`, says }))],
      writes: [...spec.writes.map((w) => w.action), ...spec.closing],
      baselineMinutes: spec.baseline_minutes,
    }));
  }
}
