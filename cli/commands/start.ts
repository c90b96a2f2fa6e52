// `legwork start` (`npm start`): the copilot on the built-in sandbox (or --systems). Electron when
// its binary can run here; else browser mode: the core's API and the panel on loopback (random
// port, token), the panel in a Chromium app window, the legacy tools in a Chromium window the agent
// can watch. `--headless` (no display) prints one JSON line when ready: {"panel": …, "api": …}.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLegworkService, type LegworkService } from '../../core/app.ts';
import { serveApi, type ApiServer } from '../../core/api/http-server.ts';
import { legworkHome } from '../../core/home.ts';
import { openAppWindow } from '../app-window.ts';
import { vaultFor } from '../vault.ts';
import { DEFAULT_BASE_PORT, startSandbox, type RunningSandbox, type SandboxUrls } from '../../sandbox/server.ts';
import { parseFlags, portFlag } from '../args.ts';
import { sandboxSystems, systemsFrom } from '../systems.ts';
import { UsageError } from '../usage.ts';

export const START_USAGE = `  start                 the copilot: the panel beside the legacy tools (Electron when it can run
                        here, else browser mode), on the built-in sandbox unless --systems
      --headless        no windows: print {"panel": URL-with-token, "api": URL} when ready
      --systems S       the legacy systems: a config file, its JSON, or \`legwork sandbox\`'s line
      --port N          the API and panel's port in browser mode (default: a free one)
      --sandbox-port N  the sandbox's first port (default ${DEFAULT_BASE_PORT}; 0 = free ports)
`;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PANEL_DIR = path.join(ROOT, 'dist', 'panel');
const ELECTRON_MAIN = path.join(ROOT, 'dist', 'electron', 'main.js');

export interface StartOptions {
  headless: boolean;
  /** --systems; without it the built-in sandbox runs */
  systems?: string;
  /** the API's port (0: a free one) */
  port: number;
  sandboxPort: number;
  /** default legworkHome() */
  home?: string;
  /** one line for the person who started it; default stderr */
  notice?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface RunningLegwork {
  /** the panel with the token in its fragment */
  panel: string;
  /** the API's base URL */
  api: string;
  sandbox: SandboxUrls | null;
  service: LegworkService;
  /** resolves when the panel's app window closes (never in headless mode) */
  windowClosed: Promise<void>;
  close(): Promise<void>;
}

/** Where Electron could run from: its binary when installed and this machine can show it, else why not. */
export function electronBinary(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): { ok: true; path: string } | { ok: false; why: string } {
  let dir: string;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('electron'));
  } catch {
    return { ok: false, why: 'the electron package is not installed' };
  }
  let rel: string;
  try {
    rel = readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
  } catch {
    return { ok: false, why: 'no binary' };
  }
  const binary = path.join(dir, 'dist', rel);
  if (!existsSync(binary)) return { ok: false, why: 'no binary' };
  if (!hasDisplay(env, platform)) return { ok: false, why: 'no display' };
  return { ok: true, path: binary };
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): boolean {
  return platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Browser mode: sandbox (unless --systems), the panel built if needed, the core, the API server, and the windows. */
export async function startLegwork(opts: StartOptions): Promise<RunningLegwork> {
  const env = opts.env ?? process.env;
  const notice = opts.notice ?? ((line: string) => process.stderr.write(`legwork: ${line}\n`));
  const home = opts.home ?? legworkHome(env);
  const windows = !opts.headless && hasDisplay(env);
  if (!opts.headless && !windows) notice('no display here (DISPLAY/WAYLAND_DISPLAY unset): serving headless; open the panel URL below in a browser');

  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c().catch(() => undefined);
  };
  try {
    let sandbox: RunningSandbox | null = null;
    let systems;
    if (opts.systems !== undefined) systems = systemsFrom(opts.systems, home);
    else {
      sandbox = await startSandbox({ port: opts.sandboxPort });
      closers.push(() => sandbox!.close());
      systems = sandboxSystems(sandbox.urls);
      const lines = (['helpdesk', 'crm', 'orders', 'billing'] as const).map((s) => `  ${s.padEnd(9)} ${sandbox!.urls[s]}  (${sandbox!.credentials[s].username} / ${sandbox!.credentials[s].password})`);
      notice(`the sandbox is running:\n${lines.join('\n')}\n  control   ${sandbox.urls.control}`);
    }
    await ensurePanel(notice);
    if (!windows) notice('the legacy tools are driven in a headless Chromium');
    const secrets = await vaultFor(systems, home, env);
    const service = await createLegworkService({ home, systems, headless: !windows, notice, ...(secrets ? { secrets } : {}) });
    closers.push(() => service.close());
    const server: ApiServer = await serveApi(service, { panelDir: PANEL_DIR, port: opts.port });
    closers.push(() => server.close());

    let windowClosed: Promise<void> = new Promise<void>(() => undefined);
    if (windows) {
      const panel = openAppWindow(server, { profileDir: path.join(home, 'panel-window'), notice });
      closers.push(async () => void (panel.exitCode === null && panel.kill()));
      windowClosed = new Promise<void>((resolve) => panel.once('exit', () => resolve()));
      notice('the panel is open in a Chromium app window; the legacy tools in the Chromium window Legwork drives');
    }
    return { panel: server.url, api: server.apiBase, sandbox: sandbox?.urls ?? null, service, windowClosed, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** The panel's files; built with `npm run build:panel` (Vite) when dist/panel is missing or older than its sources. */
/** Builds the panel when it is missing or older than its sources. */
export async function ensurePanel(notice: (line: string) => void): Promise<void> {
  const built = path.join(PANEL_DIR, 'index.html');
  if (!existsSync(built)) notice('the panel is not built yet: building it with `npm run build:panel` (Vite)…');
  else if (newestSource([path.join(ROOT, 'renderer'), path.join(ROOT, 'shared')]) > statSync(built).mtimeMs) notice('the panel is older than its sources: rebuilding it with `npm run build:panel` (Vite)…');
  else return;
  const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build:panel'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0 || !existsSync(built)) throw new Error(`building the panel failed (npm run build:panel exited ${code}):\n${output.slice(-2000)}`);
}

/** The newest modification time of the files under the folders (0 when there are none). */
function newestSource(dirs: string[]): number {
  let newest = 0;
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function portOption(value: string | undefined, fallback: number, flag: string): number {
  try {
    return portFlag(value, fallback);
  } catch (e) {
    throw new UsageError((e as Error).message.replace('--port', flag));
  }
}

export async function startCommand(args: string[]): Promise<void> {
  const flags = parseFlags(args, { headless: { type: 'boolean' }, systems: { type: 'string' }, port: { type: 'string' }, 'sandbox-port': { type: 'string' } });
  const opts: StartOptions = {
    headless: flags.headless ?? false,
    ...(flags.systems !== undefined ? { systems: flags.systems } : {}),
    port: portOption(flags.port, 0, '--port'),
    sandboxPort: portOption(flags['sandbox-port'], DEFAULT_BASE_PORT, '--sandbox-port'),
  };
  const say = (line: string) => process.stderr.write(`legwork: ${line}\n`);

  if (!opts.headless) {
    const electron = electronBinary();
    if (electron.ok && existsSync(ELECTRON_MAIN)) {
      say(`Electron is available (${electron.path}): starting the desktop app`);
      return runElectron(electron.path);
    }
    say(electron.ok ? `Electron is available but not built (no ${path.relative(ROOT, ELECTRON_MAIN)}): browser mode` : `Electron is not available here (${electron.why}): browser mode`);
  } else {
    say('headless: browser mode');
  }

  const running = await startLegwork({ ...opts, notice: say });
  if (opts.headless || !hasDisplay()) process.stdout.write(`${JSON.stringify({ panel: running.panel, api: running.api })}\n`);
  else say(`panel: ${running.panel}`);
  say('ready (Ctrl+C to stop)');
  await new Promise<void>((resolve) => {
    const stop = (why: string) => {
      say(`${why}, stopping`);
      running.close().then(resolve, resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    void running.windowClosed.then(() => stop('the panel window was closed'));
  });
}

/** Joins a child's DevTools pipe to its own Node side: what it writes on fd 5 reaches fd 3, fd 4 reaches fd 6. */
export function joinCdpPipe(child: ChildProcess): void {
  const [, , , toChromium, fromChromium, fromNode, toNode] = child.stdio as unknown as (Readable & Writable)[];
  fromNode!.pipe(toChromium!);
  fromChromium!.pipe(toNode!);
  for (const s of [toChromium, fromChromium, fromNode, toNode]) s!.on('error', () => undefined);
}

/** The desktop app; it runs until its window closes. Signals are passed on. */
async function runElectron(binary: string): Promise<void> {
  // fds 3/4: Chromium's DevTools pipe; 5/6: the main process's ends of it (electron/workspace.ts)
  const child = spawn(binary, [ELECTRON_MAIN], { stdio: ['inherit', 'inherit', 'inherit', 'pipe', 'pipe', 'pipe', 'pipe'] });
  joinCdpPipe(child);
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  if (code) throw new Error(`the desktop app exited with code ${code}`);
}
