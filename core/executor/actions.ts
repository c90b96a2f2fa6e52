// The configured connectors' actions, keyed by role and id: what a plan step's `system` and
// `action` name. Two connectors may both name an action `get_ticket`; one role has one connector.
import type { ActionDefinition } from '../../automations/runtime/action.ts';
import { SANDBOX_ACTIONS } from '../../automations/connectors.ts';

export type AnyAction = ActionDefinition<any, any>;

export class ActionRegistry {
  private readonly byKey = new Map<string, AnyAction>();

  constructor(actions: readonly AnyAction[]) {
    for (const a of actions) {
      const key = `${a.system}/${a.id}`;
      if (this.byKey.has(key)) throw new Error(`two ${a.system} actions are named ${a.id}`);
      this.byKey.set(key, a);
    }
  }

  /** the action `id` of the connector filling `system` (a role) */
  get(system: string, id: string): AnyAction | undefined {
    return this.byKey.get(`${system}/${id}`);
  }

  all(): AnyAction[] {
    return [...this.byKey.values()];
  }
}

/** A registry of these actions; by default the sandbox's four systems'. */
export function actionRegistry(actions: readonly AnyAction[] = SANDBOX_ACTIONS): ActionRegistry {
  return new ActionRegistry(actions);
}
