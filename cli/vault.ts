// The CLI's and browser mode's secret store: LEGWORK_HOME/secrets.enc, opened with the passphrase in
// LEGWORK_PASSPHRASE or, in a terminal, typed at a prompt that does not echo (passphrase.ts). Needed
// only when a system's password is not the built-in sandbox's.
import path from 'node:path';
import type { SystemsConfig } from '../core/config/systems.ts';
import { EncryptedFileVault, SECRETS_FILE } from '../core/secrets/file-vault.ts';
import { passphraseFor } from './passphrase.ts';

/** The store for `home`; a clear error naming how to give the passphrase when there is none. */
export async function openVault(home: string, env: NodeJS.ProcessEnv = process.env): Promise<EncryptedFileVault> {
  return new EncryptedFileVault(home, await passphraseFor(`the systems' passwords (kept encrypted in ${path.join(home, SECRETS_FILE)})`, env));
}

/** The store when some system needs it (no inline sandbox password), else undefined. */
export async function vaultFor(systems: SystemsConfig, home: string, env: NodeJS.ProcessEnv = process.env): Promise<EncryptedFileVault | undefined> {
  return Object.values(systems.systems).every((s) => s.password) ? undefined : openVault(home, env);
}
