// The closed set of error codes that cross boundaries as data: `{ok: false, error: {code, message, retryable}}`.
import { z } from 'zod';

export const ERROR_CODES = [
  /** the input did not parse */
  'invalid_input',
  /** what was read from a page did not parse */
  'invalid_output',
  /** the system's session ended and signing in again did not help */
  'session_expired',
  /** signing in was refused */
  'login_failed',
  /** the order, customer, ticket… does not exist in that system */
  'not_found',
  /** the page shows another target than the one asked for (e.g. another order id) */
  'target_mismatch',
  /** the system refuses the write in its current state (e.g. order not pending) */
  'precondition_failed',
  /** the write ran but reading it back does not show the expected result */
  'verification_failed',
  /** a page or an action took longer than its limit */
  'timeout',
  /** the system answered with a server error */
  'system_error',
  /** a write may or may not have happened and no check can tell: a human decides */
  'outcome_unknown',
  /** no Chromium could be found or launched */
  'browser_unavailable',
  /** anything else: a bug */
  'internal',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const FailureSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  retryable: z.boolean(),
});
export type Failure = z.infer<typeof FailureSchema>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: Failure };

/** Codes worth trying again for a read (a write is only tried again after checking it did not happen). */
export const TRANSIENT_CODES: ReadonlySet<ErrorCode> = new Set(['session_expired', 'timeout', 'system_error']);

/** A failure as data; whether it is worth another try follows from its code. */
export function failure(code: ErrorCode, message: string): Failure {
  return { code, message, retryable: TRANSIENT_CODES.has(code) };
}

export function fail(code: ErrorCode, message: string): { ok: false; error: Failure } {
  return { ok: false, error: failure(code, message) };
}
