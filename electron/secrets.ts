// Secrets through the OS keychain (Electron's safeStorage): each value is encrypted before it is
// written, so the file on disk (mode 0600) never holds plaintext; with no keychain available
// nothing is stored and reading gives nothing. On Linux, safeStorage's `basic_text` backend (no
// keyring found: no libsecret, no KWallet) "encrypts" with a key hard-coded in Chromium — anyone
// who can read the file can decrypt it — so it counts as no keychain at all.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Credentials, SecretVault } from '../core/api/handlers.ts';

/** The parts of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: which keyring safeStorage uses */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

type Sealed = Record<string, string>;
const CREDENTIALS = 'credentials:';
const SECRET = 'secret:';

/** Why this safeStorage cannot keep secrets (null when it can). */
export function keychainRefusal(safeStorage: SafeStorageLike, platform: string = process.platform): string | null {
  if (!safeStorage.isEncryptionAvailable()) return 'the OS keychain is not available: secrets cannot be stored safely';
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return "no OS keyring was found (safeStorage fell back to 'basic_text', whose key is built into Chromium, so the file would be readable by anyone who can read it): install and unlock GNOME Keyring/libsecret or KWallet";
  }
  return null;
}

export class SafeStorageSecretStore implements SecretVault {
  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly file: string,
    private readonly platform: string = process.platform,
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
    if (keychainRefusal(this.safeStorage, this.platform)) return undefined;
    const sealed = (await this.load())[key];
    return sealed === undefined ? undefined : this.safeStorage.decryptString(Buffer.from(sealed, 'base64'));
  }

  private async seal(key: string, value: string | null): Promise<void> {
    const all = await this.load();
    if (value === null) delete all[key];
    else {
      const refusal = keychainRefusal(this.safeStorage, this.platform);
      if (refusal) throw new Error(refusal);
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
