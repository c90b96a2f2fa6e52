// The Electron shell's composition root: security first, then the core, the panel and the
// workspace. Everything with logic lives in the modules it imports (tested without the binary).
// Built to JavaScript before Electron runs it (see electron-builder.yml); preload.ts is bundled
// to CommonJS because sandboxed preloads cannot load ES modules.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BaseWindow, ipcMain, protocol, safeStorage, session, shell, WebContentsView } from 'electron';
import { createLegworkService } from '../core/app.ts';
import { legworkHome } from '../core/home.ts';
import { KeychainSigningKey } from '../core/policy/lead-key.ts';
import { registerIpc } from './ipc.ts';
import { PANEL_SCHEME_PRIVILEGES, panelResponse } from './panel-protocol.ts';
import { SafeStorageSecretStore } from './secrets.ts';
import { denyAllPermissions, lockNavigation, PANEL_SCHEME, PANEL_URL, panelMayNavigate, panelWebPreferences, WORKSPACE_PARTITION } from './security.ts';
import { openShellSettings } from './settings.ts';
import { cdpPipeFromLauncher, enableCdpPipe, splitBounds, Workspace } from './workspace.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const panelDir = process.env.LEGWORK_PANEL_DIR ?? path.join(here, '..', 'panel');
const preload = path.join(here, 'preload.cjs');

// before `ready`: the app:// scheme and the DevTools protocol on the launcher's pipe (no port)
protocol.registerSchemesAsPrivileged(PANEL_SCHEME_PRIVILEGES);
const cdpPipe = cdpPipeFromLauncher();
if (cdpPipe) enableCdpPipe(app);
if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(start, (e: unknown) => fail(e));

async function start(): Promise<void> {
  const home = legworkHome();
  const settings = openShellSettings(home);
  for (const s of [session.defaultSession, session.fromPartition(WORKSPACE_PARTITION)]) denyAllPermissions(s);

  const secrets = new SafeStorageSecretStore(safeStorage, path.join(home, 'secrets.json'));
  if (!cdpPipe) process.stderr.write('legwork: started without the DevTools pipe (use `legwork start`): the automations drive a Chromium of their own\n');
  // the lead's policy signing key in the OS keychain, as the other secrets
  const service = await createLegworkService({ home, ...(cdpPipe ? { cdpTransport: cdpPipe } : {}), secrets, signingKey: new KeychainSigningKey(secrets) });
  protocol.handle(PANEL_SCHEME, (request) => panelResponse(request, { panelDir, service }));

  const window = new BaseWindow({ width: 1400, height: 900, title: 'Legwork' });
  const panel = new WebContentsView({ webPreferences: panelWebPreferences(preload) });
  window.contentView.addChildView(panel);
  lockNavigation(panel.webContents, panelMayNavigate, shell);
  const bounds = () => splitBounds(window.getContentBounds(), settings.get('panelWidth'));
  const workspace = new Workspace(window, { systems: settings.get('systems'), shell, toolBounds: () => bounds().tool });
  const layout = () => {
    panel.setBounds(bounds().panel);
    workspace.layout();
  };
  window.on('resize', layout);
  layout();

  const stopIpc = registerIpc(ipcMain, service, panel.webContents);
  await panel.webContents.loadURL(PANEL_URL);
  const first = Object.keys(settings.get('systems'))[0];
  if (first) await workspace.show(first);

  window.on('closed', () => {
    stopIpc();
    workspace.close();
    service.close().finally(() => app.quit());
  });
}

function fail(e: unknown): void {
  process.stderr.write(`legwork: ${e instanceof Error ? e.message : String(e)}\n`);
  app.exit(1);
}
