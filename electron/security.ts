// The shell's security settings as plain data and pure policy functions (tested without the
// Electron binary); main.ts applies them. The panel is a sandboxed, context-isolated page on the
// app's own `app://panel` origin; the legacy tools are sandboxed pages in their own partition.
import type { Session, WebContents, WebPreferences } from 'electron';
import { PANEL_CSP } from '../core/api/panel-headers.ts';

export { PANEL_CSP };

/** The panel's scheme and origin (registered in panel-protocol.ts). */
export const PANEL_SCHEME = 'app';
export const PANEL_HOST = 'panel';
export const PANEL_URL = `${PANEL_SCHEME}://${PANEL_HOST}/index.html`;

/** The persistent session the legacy tools run in: their sign-ins survive restarts. */
export const WORKSPACE_PARTITION = 'persist:legacy-tools';

/** Hosts the panel may open in the user's browser (help pages); https only. */
export const EXTERNAL_HOSTS: readonly string[] = ['github.com', 'docs.github.com'];

/** What every view of ours gets: isolated, sandboxed, no Node anywhere, web security on, no <webview>. */
const LOCKED_DOWN: WebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
};

/** The panel window: locked down, with only our preload. */
export function panelWebPreferences(preload: string): WebPreferences {
  return { preload, ...LOCKED_DOWN, spellcheck: false };
}

/** A legacy tool's view: the same lockdown, no preload at all, the persistent workspace session. */
export function workspaceWebPreferences(): WebPreferences {
  return { partition: WORKSPACE_PARTITION, ...LOCKED_DOWN };
}

/** Is this URL the app's own panel (app://panel/…)? */
export function isPanelUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.protocol === `${PANEL_SCHEME}:` && parsed.host === PANEL_HOST && parsed.username === '' && parsed.password === '';
}

/** May this URL be handed to the OS (shell.openExternal)? Only https to an allowlisted host, no credentials. */
export function isAllowedExternal(url: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '' && hosts.includes(parsed.hostname);
}

/** The panel never navigates away from itself (its routes are in-page). */
export function panelMayNavigate(url: string): boolean {
  return isPanelUrl(url);
}

/** A legacy tool's view may only go to the systems' own origins (e.g. after its sign-in form). */
export function workspaceMayNavigate(url: string, systemOrigins: readonly string[]): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && systemOrigins.includes(parsed.origin);
}

/** A new window is never opened; an allowlisted https link goes to the user's browser instead. */
export function windowOpenDecision(url: string, hosts: readonly string[] = EXTERNAL_HOSTS): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isAllowedExternal(url, hosts) };
}

export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/** Applies the navigation and window-open policy to one web contents. */
export function lockNavigation(contents: WebContents, mayNavigate: (url: string) => boolean, shell: ExternalOpener, hosts: readonly string[] = EXTERNAL_HOSTS): void {
  contents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url, hosts);
    if (decision.openExternally) void shell.openExternal(url).catch(() => undefined);
    return { action: decision.action };
  });
}

/** Every permission (camera, notifications, clipboard, geolocation, …) is refused in this session. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
