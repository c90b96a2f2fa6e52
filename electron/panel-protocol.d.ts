import type { CustomScheme } from 'electron';
import type { ApiService } from '../core/api/handlers.ts';
/** registered before the app is ready: a standard, secure scheme (so 'self', fetch and storage work) */
export declare const PANEL_SCHEME_PRIVILEGES: CustomScheme[];
export interface PanelSource {
    panelDir: string;
    service: Pick<ApiService, 'blob'>;
}
/** The answer to one app:// request. */
export declare function panelResponse(request: {
    url: string;
    method: string;
}, source: PanelSource): Promise<Response>;
