// The safeStorage-backed secret store on a real file, with a stand-in for the OS keychain's cipher.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SafeStorageSecretStore, type SafeStorageLike } from '../../electron/secrets.ts';

/** reversible, and the ciphertext never contains the plaintext */
function keychain(available = true): SafeStorageLike & { available: boolean } {
  return {
    available,
    isEncryptionAvailable() {
      return this.available;
    },
    encryptString: (text) => Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)),
    decryptString: (sealed) => Buffer.from(sealed.map((b) => b ^ 0x5a)).toString('utf8'),
  };
}

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'legwork-secrets-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'secrets.json');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('SafeStorageSecretStore', () => {
  it('keeps credentials and named secrets encrypted in a private file', async () => {
    const file = tempFile();
    const store = new SafeStorageSecretStore(keychain(), file);
    await store.setCredentials('crm', { username: 'agent', password: 'hunter2-crm' });
    await store.setSecret('llm.apiKey', 'sk-very-secret');
    const again = new SafeStorageSecretStore(keychain(), file);
    expect(await again.credentials('crm')).toEqual({ username: 'agent', password: 'hunter2-crm' });
    expect(await again.credentials('orders')).toBeUndefined();
    expect(await again.secret('llm.apiKey')).toBe('sk-very-secret');
    expect((await again.secretValues()).sort()).toEqual(['hunter2-crm', 'sk-very-secret']);
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain('hunter2');
    expect(onDisk).not.toContain('sk-very-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('forgets a secret set to null', async () => {
    const store = new SafeStorageSecretStore(keychain(), tempFile());
    await store.setSecret('llm.apiKey', 'sk-1');
    await store.setSecret('llm.apiKey', null);
    expect(await store.secret('llm.apiKey')).toBeUndefined();
    expect(await store.secretValues()).toEqual([]);
  });

  it('stores nothing and reads nothing when the OS keychain is not available', async () => {
    const file = tempFile();
    const chain = keychain(false);
    const store = new SafeStorageSecretStore(chain, file);
    await expect(store.setSecret('llm.apiKey', 'sk-1')).rejects.toThrow(/keychain/);
    expect(() => statSync(file)).toThrow();
    chain.available = true;
    await store.setSecret('llm.apiKey', 'sk-1');
    chain.available = false;
    expect(await store.secret('llm.apiKey')).toBeUndefined();
  });

  it("refuses safeStorage's basic_text backend on Linux: its key is built into Chromium", async () => {
    const file = tempFile();
    const plain = { ...keychain(), getSelectedStorageBackend: () => 'basic_text' };
    const store = new SafeStorageSecretStore(plain, file, 'linux');
    await expect(store.setCredentials('crm', { username: 'agent', password: 'hunter2-crm' })).rejects.toThrow(/basic_text.*built into Chromium/);
    expect(() => statSync(file)).toThrow();
    expect(await store.credentials('crm')).toBeUndefined();
    // a real keyring is used
    const keyring = new SafeStorageSecretStore({ ...keychain(), getSelectedStorageBackend: () => 'gnome_libsecret' }, file, 'linux');
    await keyring.setCredentials('crm', { username: 'agent', password: 'hunter2-crm' });
    expect(await keyring.credentials('crm')).toEqual({ username: 'agent', password: 'hunter2-crm' });
  });
});
