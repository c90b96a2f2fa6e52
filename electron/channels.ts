// The two IPC channels between the panel's preload and the main process.
/** invoke(method, input) → ApiResponse */
export const CALL_CHANNEL = 'legwork:call';
/** main → panel: one ApiEvent */
export const EVENT_CHANNEL = 'legwork:event';
