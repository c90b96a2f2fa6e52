// The LLM planner's public API.
export { planWithLlm, type LlmPlannerOptions } from './planner.ts';
export { llmConfigFrom, clientFor, LlmSettingsSchema, DEFAULT_BASE_URL, type LlmConfig, type LlmSettings } from './config.ts';
export { PriceTableSchema, type PriceTable } from './usage.ts';
export { LLM_READ_ACTIONS, LLM_WRITE_ACTIONS } from './catalog.ts';
