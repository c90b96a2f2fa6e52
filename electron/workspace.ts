// The legacy tools inside the app's own window: one WebContentsView per system beside the panel,
// in a persistent partition (their sign-ins survive restarts). The automations drive this Electron
// over the DevTools protocol on a pipe (--remote-debugging-pipe), never a port: a port on loopback
// has no authentication, and any local process could attach to the panel and approve runs. The
// launcher (`legwork start`) hands Electron the pipe: Chromium reads fd 3 and writes fd 4; the main
// process's Node side writes fd 5 and reads fd 6, and the launcher joins 5→3 and 4→6.
import { Socket } from 'node:net';
import { fstatSync } from 'node:fs';
import { WebContentsView, type App, type BaseWindow, type Rectangle } from 'electron';
import { pipeTransport, type CdpTransport } from '../core/app.ts';
import { lockNavigation, workspaceMayNavigate, workspaceWebPreferences, type ExternalOpener } from './security.ts';

/** The main process's ends of the DevTools pipe. */
export const CDP_PIPE_FDS = { toBrowser: 5, fromBrowser: 6 } as const;

/** Must run before the app is ready: the DevTools protocol on the pipe only (no port switch at all). */
export function enableCdpPipe(app: Pick<App, 'commandLine'>): void {
  app.commandLine.appendSwitch('remote-debugging-pipe');
}

/** The transport over the launcher's pipe, or null when Electron was started without one. */
export function cdpPipeFromLauncher(fds: { toBrowser: number; fromBrowser: number } = CDP_PIPE_FDS): CdpTransport | null {
  try {
    fstatSync(fds.toBrowser);
    fstatSync(fds.fromBrowser);
  } catch {
    return null;
  }
  return pipeTransport(new Socket({ fd: fds.toBrowser, readable: false, writable: true }), new Socket({ fd: fds.fromBrowser, readable: true, writable: false }));
}

/** The window split: the legacy tool on the left, the docked panel on the right. */
export function splitBounds(size: { width: number; height: number }, panelWidth: number): { tool: Rectangle; panel: Rectangle } {
  const panel = Math.min(Math.max(panelWidth, 320), size.width);
  return {
    tool: { x: 0, y: 0, width: size.width - panel, height: size.height },
    panel: { x: size.width - panel, y: 0, width: panel, height: size.height },
  };
}

export class Workspace {
  private readonly views = new Map<string, WebContentsView>();
  private shown: string | null = null;

  constructor(
    private readonly window: BaseWindow,
    private readonly opts: { systems: Record<string, string>; shell: ExternalOpener; toolBounds: () => Rectangle },
  ) {}

  /** Shows one system's view, opening it at its start URL the first time. */
  async show(system: string): Promise<void> {
    const start = this.opts.systems[system];
    if (!start) throw new Error(`no legacy system "${system}" is configured`);
    let view = this.views.get(system);
    if (!view) {
      view = new WebContentsView({ webPreferences: workspaceWebPreferences() });
      const origins = Object.values(this.opts.systems).map((u) => new URL(u).origin);
      lockNavigation(view.webContents, (url) => workspaceMayNavigate(url, origins), this.opts.shell);
      this.window.contentView.addChildView(view);
      this.views.set(system, view);
      await view.webContents.loadURL(start);
    }
    for (const [name, v] of this.views) v.setVisible(name === system);
    this.shown = system;
    this.layout();
  }

  layout(): void {
    if (this.shown) this.views.get(this.shown)?.setBounds(this.opts.toolBounds());
  }

  close(): void {
    for (const view of this.views.values()) view.webContents.close();
    this.views.clear();
  }
}
