// Where Legwork keeps its state: LEGWORK_HOME, else the OS's per-user app-data folder.
import os from 'node:os';
import path from 'node:path';

export function legworkHome(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): string {
  if (env.LEGWORK_HOME) return path.resolve(env.LEGWORK_HOME);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Legwork');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Legwork');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'legwork');
}
