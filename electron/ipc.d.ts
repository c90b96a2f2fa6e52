import type { IpcMain, WebContents } from 'electron';
import { type ApiResponse } from '../shared/api.ts';
import { type ApiService } from '../core/api/handlers.ts';
/** What the wrapper needs from an IpcMainInvokeEvent. */
export interface SenderLike {
    sender: {
        id: number;
    };
    senderFrame: {
        url: string;
        parent: unknown;
    } | null;
}
/** Why this event does not come from the panel (null when it does). */
export declare function senderRefusal(event: SenderLike, panelContentsId: number): string | null;
/** One IPC call: the sender is checked, then dispatched (unknown method, bad input → invalid_input). */
export declare function handleCall(service: ApiService, panelContentsId: number, event: SenderLike, method: unknown, input: unknown): Promise<ApiResponse<unknown>>;
/** Wires the call channel and the event forwarding for one panel; returns the teardown. */
export declare function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, service: ApiService, panel: WebContents): () => void;
