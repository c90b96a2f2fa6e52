import type { Session, WebContents, WebPreferences } from 'electron';
import { PANEL_CSP } from '../core/api/panel-headers.ts';
export { PANEL_CSP };
/** The panel's scheme and origin (registered in panel-protocol.ts). */
export declare const PANEL_SCHEME = "app";
export declare const PANEL_HOST = "panel";
export declare const PANEL_URL = "app://panel/index.html";
/** The persistent session the legacy tools run in: their sign-ins survive restarts. */
export declare const WORKSPACE_PARTITION = "persist:legacy-tools";
/** Hosts the panel may open in the user's browser (help pages); https only. */
export declare const EXTERNAL_HOSTS: readonly string[];
/** The panel window: isolated, sandboxed, no Node, web security on, no <webview>, only our preload. */
export declare function panelWebPreferences(preload: string): WebPreferences;
/** A legacy tool's view: the same lockdown, no preload at all, the persistent workspace session. */
export declare function workspaceWebPreferences(): WebPreferences;
/** Is this URL the app's own panel (app://panel/…)? */
export declare function isPanelUrl(url: string): boolean;
/** May this URL be handed to the OS (shell.openExternal)? Only https to an allowlisted host, no credentials. */
export declare function isAllowedExternal(url: string, hosts?: readonly string[]): boolean;
/** The panel never navigates away from itself (its routes are in-page). */
export declare function panelMayNavigate(url: string): boolean;
/** A legacy tool's view may only go to the systems' own origins (e.g. after its sign-in form). */
export declare function workspaceMayNavigate(url: string, systemOrigins: readonly string[]): boolean;
/** A new window is never opened; an allowlisted https link goes to the user's browser instead. */
export declare function windowOpenDecision(url: string, hosts?: readonly string[]): {
    action: 'deny';
    openExternally: boolean;
};
export interface ExternalOpener {
    openExternal(url: string): Promise<void>;
}
/** Applies the navigation and window-open policy to one web contents. */
export declare function lockNavigation(contents: WebContents, mayNavigate: (url: string) => boolean, shell: ExternalOpener, hosts?: readonly string[]): void;
/** Every permission (camera, notifications, clipboard, geolocation, …) is refused in this session. */
export declare function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void;
