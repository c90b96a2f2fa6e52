// Finds a Chromium to drive: configured path, LEGWORK_CHROMIUM, then the usual install paths.
import { existsSync } from 'node:fs';

const USUAL_PATHS: Record<string, string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

/** Is this process root? Chromium's sandbox refuses to run as root, so only then is it switched off. */
export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** What is said (once per process) when Chromium must run without its sandbox. */
export const NO_SANDBOX_NOTICE =
  'running as root: Chromium starts with --no-sandbox (its sandbox cannot run as root), so a page that exploits it is not contained; run Legwork as an ordinary user';

let noSandboxSaid = false;
/** The no-sandbox notice the first time Chromium is started as root in this process, else null. */
export function noSandboxNotice(asRoot: boolean = runningAsRoot()): string | null {
  if (!asRoot || noSandboxSaid) return null;
  noSandboxSaid = true;
  return NO_SANDBOX_NOTICE;
}

/** Flags for this machine's closed network (no background connections, no GPU); `--no-sandbox` only as root. */
export function chromiumArgs(asRoot: boolean = runningAsRoot()): string[] {
  return [...(asRoot ? ['--no-sandbox'] : []), ...NETWORK_ARGS];
}

const NETWORK_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** This process's flags. */
export const CHROMIUM_ARGS = chromiumArgs();

export class ChromiumNotFoundError extends Error {
  readonly code = 'chromium_not_found';
  constructor(readonly tried: string[]) {
    super(
      `No Chromium found. Tried: ${tried.join(', ')}. Install one (Debian: apt-get install chromium) ` +
        'or set LEGWORK_CHROMIUM to its executable.',
    );
  }
}

export function findChromium(configured?: string, platform: string = process.platform): string {
  const candidates = [configured, process.env.LEGWORK_CHROMIUM, ...(USUAL_PATHS[platform] ?? [])].filter(
    (p): p is string => typeof p === 'string' && p.length > 0,
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new ChromiumNotFoundError(candidates);
  return found;
}
