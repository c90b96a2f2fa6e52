// Secrets through the OS keychain (Electron's safeStorage): each value is encrypted before it is
// written, so the file on disk (mode 0600) never holds plaintext; with no keychain available
// nothing is stored and reading gives nothing.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Credentials, SecretVault } from '../core/api/handlers.ts';

/** The parts of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

type Sealed = Record<string, string>;
const CREDENTIALS = 'credentials:';
const SECRET = 'secret:';

export class SafeStorageSecretStore implements SecretVault {
  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly file: string,
  ) {}

  async credentials(system: string): Promise<Credentials | undefined> {
    const text = await this.open(CREDENTIALS + system);
    if (text === undefined) return undefined;
    const parsed = JSON.parse(text) as Partial<Credentials>;
    return typeof parsed.username === 'string' && typeof parsed.password === 'string' ? { username: parsed.username, password: parsed.password } : undefined;
  }

  async setCredentials(system: string, credentials: Credentials | null): Promise<void> {
    await this.seal(CREDENTIALS + system, credentials && JSON.stringify({ username: credentials.username, password: credentials.password }));
  }

  secret(name: string): Promise<string | undefined> {
    return this.open(SECRET + name);
  }

  async setSecret(name: string, value: string | null): Promise<void> {
    await this.seal(SECRET + name, value);
  }

  async secretValues(): Promise<string[]> {
    const values: string[] = [];
    for (const key of Object.keys(await this.load())) {
      const text = await this.open(key);
      if (text === undefined) continue;
      if (key.startsWith(SECRET)) values.push(text);
      else if (key.startsWith(CREDENTIALS)) values.push((JSON.parse(text) as Partial<Credentials>).password ?? '');
    }
    return values.filter((v) => v.length > 0);
  }

  private async open(key: string): Promise<string | undefined> {
    if (!this.safeStorage.isEncryptionAvailable()) return undefined;
    const sealed = (await this.load())[key];
    return sealed === undefined ? undefined : this.safeStorage.decryptString(Buffer.from(sealed, 'base64'));
  }

  private async seal(key: string, value: string | null): Promise<void> {
    const all = await this.load();
    if (value === null) delete all[key];
    else {
      if (!this.safeStorage.isEncryptionAvailable()) throw new Error('the OS keychain is not available: secrets cannot be stored safely');
      all[key] = this.safeStorage.encryptString(value).toString('base64');
    }
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(all, null, 2), { mode: 0o600 });
    await rename(temp, this.file);
    await chmod(this.file, 0o600);
  }

  private async load(): Promise<Sealed> {
    const text = await readFile(this.file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return '{}';
      throw e;
    });
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Sealed) : {};
  }
}
