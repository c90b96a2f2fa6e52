// The playbooks in force, as the lead's view lists them (reloaded on each call: a set installed with
// `legwork playbooks install` shows at once).
import type { ApiHandlers } from '../api/handlers.ts';
import type { ServiceContext } from './context.ts';

export function playbookHandlers({ legwork }: ServiceContext): Pick<ApiHandlers, 'playbooks.list'> {
  return {
    async 'playbooks.list'() {
      const { inForce } = await legwork.playbooks.load();
      return { notice: inForce.notice, source: inForce.source, version: inForce.version, playbooks: inForce.playbooks.summaries() };
    },
  };
}
