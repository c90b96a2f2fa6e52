// LEGWORK_HOME holds customer data (journal, traces, evidence) and keys: this user's only. At start
// the folder tree is made 0700 (folders) / 0600 (files), saying what had been open to others; the
// stores create their folders 0700 and files 0600 themselves. (Not a process-wide umask: Chromium,
// started by this process, inherits it and its sign-in sessions broke under umask 077.)
import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Makes `home` and everything under it private (folders 0700, files 0600; symbolic links are not
 * followed). Gives the paths whose mode it changed, with the mode they had.
 */
export async function makeHomePrivate(home: string): Promise<{ path: string; was: number }[]> {
  await mkdir(home, { recursive: true, mode: PRIVATE_DIR_MODE });
  const fixed: { path: string; was: number }[] = [];
  const visit = async (p: string): Promise<void> => {
    const st = await lstat(p).catch(() => null);
    if (!st || st.isSymbolicLink()) return;
    const want = st.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    const mode = st.mode & 0o777;
    // group/other bits go; the owner keeps what it has (an executable stays executable for the owner)
    if (mode & 0o077) {
      await chmod(p, st.isDirectory() ? want : mode & 0o700 || want);
      fixed.push({ path: p, was: mode });
    }
    if (st.isDirectory()) for (const name of await readdir(p)) await visit(path.join(p, name));
  };
  await visit(home);
  return fixed;
}

/** The start check: the tree made private, with a warning when something was open to others. */
export async function secureHome(home: string, warn: (line: string) => void): Promise<void> {
  const fixed = await makeHomePrivate(home);
  if (fixed.length === 0) return;
  const sample = fixed
    .slice(0, 3)
    .map((f) => `${path.relative(home, f.path) || '.'} (was ${f.was.toString(8).padStart(4, '0')})`)
    .join(', ');
  warn(`${home}: ${fixed.length} file(s) or folder(s) were readable by other users (${sample}${fixed.length > 3 ? ', …' : ''}); made them private (folders 0700, files 0600)`);
}
