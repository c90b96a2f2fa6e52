/** invoke(method, input) → ApiResponse */
export declare const CALL_CHANNEL = "legwork:call";
/** main → panel: one ApiEvent */
export declare const EVENT_CHANNEL = "legwork:event";
