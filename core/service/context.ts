// What every group of handlers shares: the core (Legwork), the settings, the event hub, and a way
// to turn the core's `Result`s into the answers (a failure is thrown with its code; dispatch turns
// it back into `{ok:false, error}`).
import type { ApiEvent } from '../../shared/api.ts';
import type { ErrorCode, Result } from '../../shared/errors.ts';
import type { Legwork } from '../legwork.ts';
import type { SettingsStore } from '../settings.ts';
import type { LeadSigningKey } from '../policy/lead-key.ts';

export interface ServiceContext {
  legwork: Legwork;
  settings: SettingsStore;
  events: EventHub;
  /** where the lead's signing key is kept (default: a passphrase-protected file under LEGWORK_HOME) */
  signingKey?: LeadSigningKey;
}

/** The core's events for whoever listens (the HTTP event stream, Electron's IPC). */
export class EventHub {
  readonly #listeners = new Set<(event: ApiEvent) => void>();

  on(listener: (event: ApiEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  emit(event: ApiEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // one listener's failure (a closed stream) must not stop the others, nor the run that emits
      }
    }
  }
}

/** An error that carries one of the contract's codes across dispatch. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** The data of an ok Result; a failure is thrown as a ServiceError with its code. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new ServiceError(result.error.code, result.error.message);
  return result.data;
}
