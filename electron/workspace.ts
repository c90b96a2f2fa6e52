// The legacy tools inside the app's own window: one WebContentsView per system beside the panel,
// in a persistent partition (their sign-ins survive restarts). Chromium's DevTools protocol is
// switched on for loopback so the automations drive these very views (BrowserHost.connect).
import { createServer } from 'node:net';
import { WebContentsView, type App, type BaseWindow, type Rectangle } from 'electron';
import { lockNavigation, workspaceMayNavigate, workspaceWebPreferences, type ExternalOpener } from './security.ts';

/** Must run before the app is ready. */
export function enableCdp(app: Pick<App, 'commandLine'>, port: number): string {
  app.commandLine.appendSwitch('remote-debugging-port', String(port));
  app.commandLine.appendSwitch('remote-debugging-address', '127.0.0.1');
  return cdpEndpoint(port);
}

export function cdpEndpoint(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** A port free on loopback right now (for the DevTools protocol). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
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
