// Writes that survive a crash: fsync'd appends and atomic replaces (temp file, fsync, rename).
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** fsync a folder so a new or renamed entry in it is on disk (a no-op where folders cannot be opened). */
export async function syncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch {
    // Windows cannot fsync a folder; NTFS journals the entry
  } finally {
    await fh?.close();
  }
}

/**
 * Replaces `file` with `bytes` all at once: readers see the old content or the new, never half.
 * `exclusive`: fail with EEXIST instead of replacing a file that is there.
 */
export async function writeFileDurable(file: string, bytes: string | Uint8Array, opts: { mode?: number; exclusive?: boolean } = {}): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const fh = await open(tmp, 'wx', opts.mode ?? 0o600);
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    if (opts.exclusive) await link(tmp, file);
    else await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
  await syncDir(path.dirname(file));
}

/** Appends one line and returns once it is on disk. */
export async function appendLineDurable(file: string, line: string): Promise<void> {
  const fh = await open(file, 'a', 0o600);
  try {
    await fh.write(line.endsWith('\n') ? line : `${line}\n`);
    await fh.datasync();
  } finally {
    await fh.close();
  }
}
