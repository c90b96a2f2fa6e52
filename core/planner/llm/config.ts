// The LLM planner's configuration: endpoint and key from the environment, model (and optional
// limits and prices) from the settings; validated with zod, with errors that say what to set.
import OpenAI from 'openai';
import { z } from 'zod';
import { fail, type Result } from '../../../shared/errors.ts';
import { PriceTableSchema, type PriceTable } from './usage.ts';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export interface LlmConfig {
  baseURL: string;
  apiKey: string;
  model: string;
  /** per request; default 60 s */
  timeoutMs?: number;
  pricing?: PriceTable;
}

/** The `llm` part of the settings. */
export const LlmSettingsSchema = z.object({
  model: z.string().trim().min(1, 'llm.model is empty'),
  timeoutMs: z.number().int().positive().max(600_000).optional(),
  pricing: PriceTableSchema.optional(),
});
export type LlmSettings = z.infer<typeof LlmSettingsSchema>;

const EnvSchema = z.object({
  OPENAI_BASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((s) => s || DEFAULT_BASE_URL)
    .pipe(z.url({ protocol: /^https?$/, error: 'OPENAI_BASE_URL must be an http(s) URL, e.g. http://127.0.0.1:11434/v1 for Ollama' })),
  OPENAI_API_KEY: z.string().trim().optional(),
});

/** Hosted endpoints refuse calls without a key; local servers (Ollama, vLLM, LM Studio) take any. */
const needsKey = (baseURL: string) => /(^|\.)(openai\.com|openai\.azure\.com|azure\.com)$/i.test(new URL(baseURL).hostname);


/** The LLM planner's config from the environment (`OPENAI_BASE_URL`, `OPENAI_API_KEY`) and the settings (`llm.model`…). */
export function llmConfigFrom(env: Record<string, string | undefined>, settings: unknown): Result<LlmConfig> {
  const e = EnvSchema.safeParse({ OPENAI_BASE_URL: env.OPENAI_BASE_URL, OPENAI_API_KEY: env.OPENAI_API_KEY });
  if (!e.success) return fail('invalid_input', z.prettifyError(e.error));
  const llm = (settings as { llm?: unknown } | null | undefined)?.llm;
  if (llm === undefined) return fail('invalid_input', 'no model for the LLM planner: set llm.model in the settings (e.g. "gpt-4o-mini", or "llama3.1" for Ollama)');
  const s = LlmSettingsSchema.safeParse(llm);
  if (!s.success) return fail('invalid_input', `the settings' llm part is invalid: ${z.prettifyError(s.error)}`);
  const baseURL = e.data.OPENAI_BASE_URL;
  const key = e.data.OPENAI_API_KEY;
  if (!key && needsKey(baseURL)) {
    return fail('invalid_input', `OPENAI_API_KEY is not set, and ${baseURL} needs one (or point OPENAI_BASE_URL at a local OpenAI-compatible server)`);
  }
  return {
    ok: true,
    data: {
      baseURL,
      // the SDK insists on a key; local servers ignore it
      apiKey: key || 'unused',
      model: s.data.model,
      ...(s.data.timeoutMs !== undefined && { timeoutMs: s.data.timeoutMs }),
      ...(s.data.pricing !== undefined && { pricing: s.data.pricing }),
    },
  };
}

/** An SDK client for the config. Retries are the planner's own (see complete.ts), so the SDK makes none. */
export function clientFor(config: LlmConfig): OpenAI {
  return new OpenAI({ baseURL: config.baseURL, apiKey: config.apiKey, maxRetries: 0, timeout: config.timeoutMs ?? 60_000 });
}
