// Settings as the panel sees them (never the key), and changing them: the planner applies to the next
// proposal. The agent's name is shown, not set: it is who is signed in (the contract has no `agent`).
import type { ApiHandlers } from '../api/handlers.ts';
import type { ServiceContext } from './context.ts';

export function settingsHandlers({ settings }: ServiceContext): Pick<ApiHandlers, 'settings.get' | 'settings.set'> {
  return {
    async 'settings.get'() {
      return settings.view();
    },
    async 'settings.set'(patch) {
      return settings.set(patch);
    },
  };
}
