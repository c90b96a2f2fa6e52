// Electron's transport: the preload exposes `window.legwork` with exactly the contract's calls.
// Its answers are the same `{ok, data} | {ok, error}` envelopes as browser mode's and are parsed the same way.
import type { ApiClient } from '../../../shared/api.ts';
import { ApiCallError, Listeners, unwrapResponse } from './envelope.ts';

/** What the preload exposes on `window.legwork`. */
export interface LegworkBridge {
  /** resolves to an ApiResponse envelope */
  call(method: string, input: unknown): Promise<unknown>;
  /** subscribes to core events; returns the unsubscribe */
  on(listener: (event: unknown) => void): () => void;
  /** the URL of a stored screenshot; defaults to `legwork-blob://<hash>` */
  blobUrl?(hash: string): string;
}

declare global {
  interface Window {
    legwork?: LegworkBridge;
  }
}

export function createElectronClient(bridge: LegworkBridge): ApiClient {
  const listeners = new Listeners();
  let off: (() => void) | null = null;
  return {
    async call(method, input) {
      let body: unknown;
      try {
        body = await bridge.call(method, input ?? {});
      } catch (error) {
        throw new ApiCallError('system_error', `cannot reach Legwork's core: ${error instanceof Error ? error.message : String(error)}`);
      }
      return unwrapResponse(method, body);
    },
    on(listener) {
      const remove = listeners.add(listener);
      off ??= bridge.on((raw) => listeners.emit(raw));
      return () => {
        remove();
        if (listeners.size === 0 && off) {
          off();
          off = null;
        }
      };
    },
    blobUrl(hash) {
      return bridge.blobUrl ? bridge.blobUrl(hash) : `legwork-blob://${encodeURIComponent(hash)}`;
    },
  };
}
