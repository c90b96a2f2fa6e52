// Typed failures of actions, carrying what was on the page when they happened.
import type { ErrorCode, Failure } from '../../shared/errors.ts';
import { TRANSIENT_CODES } from '../../shared/errors.ts';

export class ActionError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** what the page showed: URL and a text excerpt (already redacted) */
    readonly page?: { url: string; text: string },
  ) {
    super(message);
    this.name = 'ActionError';
  }

  get retryable(): boolean {
    return TRANSIENT_CODES.has(this.code);
  }

  toFailure(): Failure {
    return { code: this.code, message: this.message, retryable: this.retryable };
  }
}

/** Maps anything thrown inside an action to an ActionError (Playwright's TimeoutError → timeout). */
export function asActionError(e: unknown): ActionError {
  if (e instanceof ActionError) return e;
  if (e instanceof Error && e.name === 'TimeoutError') return new ActionError('timeout', firstLine(e.message));
  if (e instanceof Error && /net::ERR_/.test(e.message)) return new ActionError('system_error', firstLine(e.message));
  if (e instanceof Error && /Target (page, context or browser )?(has been )?closed|Browser has been closed/i.test(e.message)) {
    return new ActionError('browser_unavailable', firstLine(e.message));
  }
  return new ActionError('internal', e instanceof Error ? firstLine(e.message) : String(e));
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
