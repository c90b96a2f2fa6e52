// Browser mode's panel window: a Chromium app window on the API server's panel. Its command line is
// readable by every local user (`ps`), so it carries a one-time code, never the token: the server
// trades the code for an httpOnly cookie the first time the window loads it.
import { spawn, type ChildProcess } from 'node:child_process';
import { chromiumArgs, findChromium, noSandboxNotice } from '../automations/runtime/chromium.ts';
import type { ApiServer } from '../core/api/http-server.ts';

export interface AppWindowOptions {
  profileDir: string;
  /** no window (tests on a machine without a display) */
  headless?: boolean;
  notice?: (line: string) => void;
  executablePath?: string;
}

/** The app window's command line (without the executable). */
export function appWindowArgs(server: Pick<ApiServer, 'handoverUrl'>, opts: Pick<AppWindowOptions, 'profileDir' | 'headless'>): string[] {
  return [...chromiumArgs(), ...(opts.headless ? ['--headless'] : []), `--app=${server.handoverUrl()}`, `--user-data-dir=${opts.profileDir}`, '--window-size=440,900'];
}

export function openAppWindow(server: Pick<ApiServer, 'handoverUrl'>, opts: AppWindowOptions): ChildProcess {
  const said = noSandboxNotice();
  if (said) opts.notice?.(said);
  const child = spawn(opts.executablePath ?? findChromium(), appWindowArgs(server, opts), { stdio: 'ignore' });
  child.once('error', () => undefined);
  return child;
}
