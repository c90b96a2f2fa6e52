// The planner's only way to look at the systems: a connector's READ action run through the real
// runtime (the ActionRunner drives the pages). Writes are refused here, whatever is asked.
import type { ReadTool, SystemId } from '../../shared/plan.ts';
import type { ActionDefinition } from '../../automations/runtime/action.ts';
import type { ActionRunner } from '../../automations/runtime/runner.ts';
import { SANDBOX_ACTIONS } from '../../automations/connectors.ts';

/** Every action of the sandbox's four systems (the default; Legwork passes the configured connectors'). */
export const ALL_ACTIONS: readonly ActionDefinition[] = SANDBOX_ACTIONS as ActionDefinition[];

/** A ReadTool over `runner` that runs only the read actions among `actions` (keyed by role and id). */
export function readToolFor(runner: Pick<ActionRunner, 'run'>, actions: readonly ActionDefinition[] = ALL_ACTIONS): ReadTool {
  const byKey = new Map(actions.map((a) => [`${a.system}/${a.id}`, a]));
  return async (system: SystemId, action: string, input: Record<string, unknown>) => {
    const def = byKey.get(`${system}/${action}`);
    if (!def) return { ok: false, error: { code: 'invalid_input', message: `${system} has no action "${action}"` } };
    if (def.kind !== 'read') return { ok: false, error: { code: 'invalid_input', message: `${action} is a write; the planner only reads` } };
    const outcome = await runner.run(def, input);
    return outcome.ok ? { ok: true, data: outcome.output } : { ok: false, error: { code: outcome.error.code, message: outcome.error.message } };
  };
}
