// The planner the settings choose, asked again for every proposal (a change in the settings
// applies to the next ticket): the offline planner, or the LLM planner with the offline plan as
// its fallback when the model gives no valid plan.
import type { Plan, ReadTool } from '../../shared/plan.ts';
import type { Picks } from '../../shared/request.ts';
import type { Ticket } from '../../shared/roles/helpdesk.ts';
import { planOfflineFor, plannerTicketFrom } from '../legwork.ts';
import { gatePlan } from '../planner/playbook-gate.ts';
import { builtInPlaybooks } from '../playbooks/built-in.ts';
import { llmConfigFrom, planWithLlm } from '../planner/llm/index.ts';
import type { SettingsStore } from '../settings.ts';
import type { Playbooks } from '../../automations/playbooks/index.ts';
import { ServiceError } from './context.ts';

export function plannerFor(settings: SettingsStore, env: NodeJS.ProcessEnv = process.env): (ticket: Ticket, read: ReadTool, picks?: Picks, playbooks?: Playbooks) => Promise<Plan> {
  return async (ticket, read, picks = {}, playbooks) => {
    const s = settings.current;
    if (s.planner === 'offline') return planOfflineFor(ticket, read, picks, playbooks);
    const key = (await settings.apiKey()) ?? env.OPENAI_API_KEY;
    const config = llmConfigFrom({ OPENAI_BASE_URL: s.llm.baseURL, OPENAI_API_KEY: key }, { llm: { model: s.llm.model } });
    if (!config.ok) throw new ServiceError('invalid_input', `the LLM planner is not set up: ${config.error.message} (see Settings)`);
    const plan = await planWithLlm(ticket, read, { client: config.data, fallback: () => planOfflineFor(ticket, read, picks, playbooks) });
    // the same rules gate as the offline planner's compose stage
    return plan.planner === 'llm' ? gatePlan(plan, plannerTicketFrom(ticket), read, playbooks ?? builtInPlaybooks()) : plan;
  };
}
