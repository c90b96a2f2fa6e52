// The main process's side of the panel's IPC: every call is checked for where it comes from (the
// main frame of the panel window, on the app's own panel URL) and then goes through `dispatch`,
// which parses its input and checks its output. Core events are forwarded to the panel.
import type { IpcMain, WebContents } from 'electron';
import { ApiEventSchema, type ApiResponse } from '../shared/api.ts';
import { dispatch, failure, type ApiService } from '../core/api/handlers.ts';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels.ts';
import { isPanelUrl } from './security.ts';

/** What the wrapper needs from an IpcMainInvokeEvent. */
export interface SenderLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/** Why this event does not come from the panel (null when it does). */
export function senderRefusal(event: SenderLike, panelContentsId: number): string | null {
  if (event.sender.id !== panelContentsId) return 'calls are only accepted from the panel window';
  const frame = event.senderFrame;
  if (!frame) return 'the calling frame is gone';
  if (frame.parent !== null) return 'calls are only accepted from the panel’s main frame';
  if (!isPanelUrl(frame.url)) return 'calls are only accepted from the app’s own panel page';
  return null;
}

/** One IPC call: the sender is checked, then dispatched (unknown method, bad input → invalid_input). */
export async function handleCall(service: ApiService, panelContentsId: number, event: SenderLike, method: unknown, input: unknown): Promise<ApiResponse<unknown>> {
  const refusal = senderRefusal(event, panelContentsId);
  if (refusal) return failure('invalid_input', refusal);
  if (typeof method !== 'string') return failure('invalid_input', 'the method must be a string');
  return dispatch(service, method, input, 'desktop');
}

/** Wires the call channel and the event forwarding for one panel; returns the teardown. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, service: ApiService, panel: WebContents): () => void {
  ipcMain.handle(CALL_CHANNEL, (event, method: unknown, input: unknown) => handleCall(service, panel.id, event, method, input));
  const unsubscribe = service.events.on((event) => {
    const parsed = ApiEventSchema.safeParse(event);
    if (parsed.success && !panel.isDestroyed()) panel.send(EVENT_CHANNEL, parsed.data);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(CALL_CHANNEL);
  };
}
