// Every connector action by its id: what a plan step's `action` names.
import type { ActionDefinition } from '../../automations/runtime/action.ts';
import { allActions } from '../../automations/systems/index.ts';

export type AnyAction = ActionDefinition<any, any>;
export type ActionRegistry = ReadonlyMap<string, AnyAction>;

export function actionRegistry(actions: readonly AnyAction[] = allActions): ActionRegistry {
  const map = new Map<string, AnyAction>();
  for (const a of actions) {
    if (map.has(a.id)) throw new Error(`two actions are named ${a.id}`);
    map.set(a.id, a);
  }
  return map;
}
