// Browser mode's secret store: one file, LEGWORK_HOME/secrets.enc, encrypted with a key derived from
// a passphrase the user gives (LEGWORK_PASSPHRASE or a prompt): scrypt (N=2^15, r=8, p=1, a random
// salt per write) → AES-256-GCM (random IV; the tag makes a wrong passphrase or an edited file an
// error, never garbage). The file is 0600; nothing in it is readable without the passphrase.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Credentials, SecretVault } from '../api/handlers.ts';
import { writeFileDurable } from '../trace/durable.ts';

export const SECRETS_FILE = 'secrets.enc';
const KDF = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const CREDENTIALS = 'credentials:';
const SECRET = 'secret:';

interface Sealed {
  v: 1;
  kdf: 'scrypt';
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

export class VaultError extends Error {
  override name = 'VaultError';
}

function deriveKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(passphrase, salt, 32, KDF, (e, key) => (e ? reject(e) : resolve(key))));
}

export class EncryptedFileVault implements SecretVault {
  readonly file: string;

  constructor(
    home: string,
    private readonly passphrase: string,
  ) {
    if (passphrase.length < 8) throw new VaultError('the secrets passphrase must be at least 8 characters');
    this.file = path.join(home, SECRETS_FILE);
  }

  async credentials(system: string): Promise<Credentials | undefined> {
    const text = (await this.open())[CREDENTIALS + system];
    if (text === undefined) return undefined;
    const parsed = JSON.parse(text) as Partial<Credentials>;
    return typeof parsed.username === 'string' && typeof parsed.password === 'string' ? { username: parsed.username, password: parsed.password } : undefined;
  }

  setCredentials(system: string, credentials: Credentials | null): Promise<void> {
    return this.put(CREDENTIALS + system, credentials && JSON.stringify({ username: credentials.username, password: credentials.password }));
  }

  async secret(name: string): Promise<string | undefined> {
    return (await this.open())[SECRET + name];
  }

  setSecret(name: string, value: string | null): Promise<void> {
    return this.put(SECRET + name, value);
  }

  async secretValues(): Promise<string[]> {
    const all = await this.open();
    return Object.entries(all)
      .map(([key, text]) => (key.startsWith(CREDENTIALS) ? ((JSON.parse(text) as Partial<Credentials>).password ?? '') : text))
      .filter((v) => v.length > 0);
  }

  /** The systems whose credentials are kept. */
  async systems(): Promise<string[]> {
    return Object.keys(await this.open())
      .filter((k) => k.startsWith(CREDENTIALS))
      .map((k) => k.slice(CREDENTIALS.length));
  }

  private async put(key: string, value: string | null): Promise<void> {
    const all = await this.open();
    if (value === null) delete all[key];
    else all[key] = value;
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await deriveKey(this.passphrase, salt), iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(all), 'utf8'), cipher.final()]);
    const sealed: Sealed = { v: 1, kdf: 'scrypt', salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    await writeFileDurable(this.file, `${JSON.stringify(sealed)}\n`, { mode: 0o600 });
  }

  private async open(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw e;
    }
    let sealed: Sealed;
    try {
      sealed = JSON.parse(text) as Sealed;
      if (sealed.v !== 1 || sealed.kdf !== 'scrypt') throw new Error('unknown format');
    } catch (e) {
      throw new VaultError(`${this.file} is not a Legwork secrets file (${(e as Error).message})`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', await deriveKey(this.passphrase, Buffer.from(sealed.salt, 'base64')), Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
      return JSON.parse(plain) as Record<string, string>;
    } catch {
      throw new VaultError(`the passphrase does not open ${this.file} (or the file was changed)`);
    }
  }
}
