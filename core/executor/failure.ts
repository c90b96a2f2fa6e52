// Failures as data, the shape every boundary of core returns.
import { TRANSIENT_CODES, type ErrorCode, type Failure } from '../../shared/errors.ts';

export function failure(code: ErrorCode, message: string): Failure {
  return { code, message, retryable: TRANSIENT_CODES.has(code) };
}

export function fail(code: ErrorCode, message: string): { ok: false; error: Failure } {
  return { ok: false, error: failure(code, message) };
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
