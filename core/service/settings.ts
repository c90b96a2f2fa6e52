// Settings as the panel sees them (never the key), and changing them: the planner and the agent's
// name apply to the next proposal and approval.
import type { ApiHandlers } from '../api/handlers.ts';
import type { ServiceContext } from './context.ts';

export function settingsHandlers({ legwork, settings }: ServiceContext): Pick<ApiHandlers, 'settings.get' | 'settings.set'> {
  return {
    async 'settings.get'() {
      return settings.view();
    },
    async 'settings.set'(patch) {
      const view = await settings.set(patch);
      legwork.agent = view.agent;
      return view;
    },
  };
}
