import { type ApiEvent, type ApiResponse } from '../shared/api.ts';
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
export declare function legworkBridge(ipc: IpcRendererLike): LegworkBridge;
export declare function exposeApi(contextBridge: ContextBridgeLike, ipc: IpcRendererLike): void;
