// The core's API as a service both transports serve (Electron IPC, browser mode's loopback HTTP):
// the handlers the core implements, its events and stored screenshots, and `dispatch`, the one
// place where a call's input and output are checked against the contract in shared/api.ts.
import type { z } from 'zod';
import { API, API_METHODS, type ApiEvent, type ApiMethod, type ApiOutput, type ApiResponse } from '../../shared/api.ts';
import { ErrorCodeSchema, type ErrorCode } from '../../shared/errors.ts';
import type { Credentials, SecretStore } from '../../automations/runtime/secrets.ts';
import type { CdpTransport } from '../../automations/runtime/cdp-pipe.ts';

export type { Credentials, SecretStore };

/** One function per call of the contract; `input` is already parsed (defaults applied). */
export type ApiHandlers = {
  [M in ApiMethod]: (input: z.infer<(typeof API)[M]['input']>, ctx: { caller: string }) => Promise<ApiOutput<M>>;
};

export interface ApiService {
  handlers: ApiHandlers;
  events: {
    /** subscribes to the core's events; returns the unsubscribe */
    on(listener: (event: ApiEvent) => void): () => void;
  };
  /** a stored (masked) screenshot by its sha256, or null when there is none */
  blob(hash: string): Promise<Uint8Array | null>;
}

/** Secrets a shell keeps for the core: the systems' credentials and named secrets (the LLM key). */
export interface SecretVault extends SecretStore {
  setCredentials(system: string, credentials: Credentials | null): Promise<void>;
  secret(name: string): Promise<string | undefined>;
  setSecret(name: string, value: string | null): Promise<void>;
}

export interface ServiceOptions {
  /** LEGWORK_HOME: where settings, traces and blobs are kept */
  home: string;
  /** the DevTools protocol of the browser the automations drive (Electron's own, over its pipe) */
  cdpTransport?: CdpTransport;
  /** where secrets are kept (Electron: safeStorage); without one the core chooses its own */
  secrets?: SecretVault;
}

/** What a composition root (Electron main, `legwork start`) calls to get the core. */
export type ServiceFactory = (opts: ServiceOptions) => Promise<ApiService & { close(): Promise<void> }>;

const METHODS: ReadonlySet<string> = new Set(API_METHODS);

export function isApiMethod(method: unknown): method is ApiMethod {
  return typeof method === 'string' && METHODS.has(method);
}

/** A zod error as one line: `path: message; path: message`. */
export function describeIssues(error: z.ZodError, root = 'input'): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || root}: ${i.message}`).join('; ');
}

export function failure(code: ErrorCode, message: string): ApiResponse<never> {
  return { ok: false, error: { code, message } };
}

/**
 * Runs one call: unknown method or input that does not parse → invalid_input; the handler's answer
 * is parsed with the contract's output schema (invalid_output when it does not fit, so nothing
 * unchecked leaves the core); anything thrown → its code when it carries a known one, else internal,
 * with the message only (never a stack).
 */
export async function dispatch(service: ApiService, method: string, rawInput: unknown, caller: string): Promise<ApiResponse<unknown>> {
  if (!isApiMethod(method)) return failure('invalid_input', `unknown method "${String(method).slice(0, 100)}"`);
  const contract = API[method];
  const input = contract.input.safeParse(rawInput ?? {});
  if (!input.success) return failure('invalid_input', `${method}: ${describeIssues(input.error)}`);
  let raw: unknown;
  try {
    const handler = service.handlers[method] as (input: unknown, ctx: { caller: string }) => Promise<unknown>;
    raw = await handler(input.data, { caller });
  } catch (e) {
    return failure(errorCode(e), `${method}: ${errorMessage(e)}`);
  }
  const output = contract.output.safeParse(raw);
  if (!output.success) return failure('invalid_output', `${method} answered something unexpected: ${describeIssues(output.error, 'output')}`);
  return { ok: true, data: output.data };
}

function errorCode(e: unknown): ErrorCode {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  const parsed = ErrorCodeSchema.safeParse(code);
  return parsed.success ? parsed.data : 'internal';
}

function errorMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0] ?? message;
}
