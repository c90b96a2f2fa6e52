// One chat completion with the planner's limits: a time limit per request, back-off on 429 and 5xx
// (the server's Retry-After first), and failures returned as data.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { ErrorCode, Failure, Result } from '../../../shared/errors.ts';

export interface CallLimits {
  /** per request */
  timeoutMs: number;
  /** further attempts after a 429, a 5xx or a dropped connection */
  maxRetries: number;
  /** a Retry-After longer than this is not waited for: the call fails instead */
  maxRetryWaitMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the server asked us to wait, in ms: `retry-after-ms`, else `Retry-After` (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

interface Classified extends Failure {
  waitMs?: number;
}

function classify(e: unknown): Classified {
  const message = e instanceof Error ? e.message : String(e);
  // a slow model stays slow: a timeout is not tried again, the ticket's plan comes from elsewhere
  if (e instanceof APIConnectionTimeoutError) return { code: 'timeout', message: `the LLM endpoint did not answer in time (${message})`, retryable: false };
  if (e instanceof APIUserAbortError) return { code: 'internal', message: `the LLM call was aborted (${message})`, retryable: false };
  if (e instanceof APIConnectionError) return { code: 'system_error', message: `could not reach the LLM endpoint (${message})`, retryable: true };
  if (e instanceof APIError) {
    const status = e.status ?? 0;
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    const code: ErrorCode = status === 401 || status === 403 ? 'login_failed' : retryable ? 'system_error' : 'invalid_input';
    const waitMs = retryAfterMs(e.headers);
    return { code, message: `the LLM endpoint answered ${status}: ${message}`, retryable, ...(waitMs !== undefined && { waitMs }) };
  }
  return { code: 'internal', message, retryable: false };
}

const backoffMs = (attempt: number) => Math.min(8_000, 500 * 2 ** attempt);

export async function complete(client: OpenAI, body: ChatCompletionCreateParamsNonStreaming, limits: CallLimits): Promise<Result<ChatCompletion>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return { ok: true, data: await client.chat.completions.create(body, { timeout: limits.timeoutMs, maxRetries: 0 }) };
    } catch (e) {
      const { waitMs, ...failure } = classify(e);
      if (!failure.retryable) return { ok: false, error: failure };
      if (attempt >= limits.maxRetries) return { ok: false, error: { ...failure, message: `${failure.message} (after ${attempt + 1} attempts)` } };
      const wait = waitMs ?? backoffMs(attempt);
      if (wait > limits.maxRetryWaitMs) {
        return { ok: false, error: { ...failure, message: `${failure.message}; it asks to wait ${Math.round(wait / 1000)} s, more than the ${Math.round(limits.maxRetryWaitMs / 1000)} s allowed` } };
      }
      await limits.sleep(wait);
    }
  }
}
