// Blobs (screenshots, evidence files) stored once by sha256 under blobs/<first two hex>/<hash>.
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SHA256_HEX, sha256Hex } from './chain.ts';
import { writeFileDurable } from './durable.ts';

export class BlobStore {
  constructor(readonly dir: string) {}

  pathOf(hash: string): string {
    if (!SHA256_HEX.test(hash)) throw new Error(`not a sha256: ${hash}`);
    return path.join(this.dir, hash.slice(0, 2), hash);
  }

  /** Stores the bytes (once: a blob already there is not written again); returns their sha256. */
  async put(bytes: Uint8Array): Promise<string> {
    const hash = sha256Hex(bytes);
    const file = this.pathOf(hash);
    if (await exists(file)) return hash;
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      await writeFileDurable(file, bytes, { exclusive: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    return hash;
  }

  /** The stored bytes, or undefined when there is no such blob (they are not checked here). */
  async get(hash: string): Promise<Buffer | undefined> {
    if (!SHA256_HEX.test(hash)) return undefined;
    try {
      return await readFile(this.pathOf(hash));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
