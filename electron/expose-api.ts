// What the preload gives the panel: `window.legwork`, exactly the contract's calls and its events,
// never ipcRenderer itself. A call answers an ApiResponse (errors as data: thrown errors lose their
// code crossing the context bridge); the panel's Electron ApiClient unwraps it.
import { API_METHODS, type ApiEvent, type ApiResponse } from '../shared/api.ts';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels.ts';

export interface LegworkBridge {
  call(method: string, input: unknown): Promise<ApiResponse<unknown>>;
  /** subscribes to core events; returns the unsubscribe */
  on(listener: (event: ApiEvent) => void): () => void;
}

/** The parts of Electron's contextBridge and ipcRenderer the exposure uses. */
export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const METHODS: ReadonlySet<string> = new Set(API_METHODS);

export function legworkBridge(ipc: IpcRendererLike): LegworkBridge {
  return Object.freeze({
    call(method: string, input: unknown): Promise<ApiResponse<unknown>> {
      if (typeof method !== 'string' || !METHODS.has(method)) {
        return Promise.resolve({ ok: false as const, error: { code: 'invalid_input', message: `unknown method "${String(method).slice(0, 100)}"` } });
      }
      return ipc.invoke(CALL_CHANNEL, method, input) as Promise<ApiResponse<unknown>>;
    },
    on(listener: (event: ApiEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('legwork.on needs a function');
      // the IPC event object (with its sender) never reaches the page: only the ApiEvent does
      const forward = (_event: unknown, apiEvent: unknown) => listener(apiEvent as ApiEvent);
      ipc.on(EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, forward);
      };
    },
  });
}

export function exposeApi(contextBridge: ContextBridgeLike, ipc: IpcRendererLike): void {
  contextBridge.exposeInMainWorld('legwork', legworkBridge(ipc));
}
