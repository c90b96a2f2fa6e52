// The CLI's and browser mode's secret store: LEGWORK_HOME/secrets.enc, opened with the passphrase in
// LEGWORK_PASSPHRASE. Needed only when a system's password is not the built-in sandbox's.
import path from 'node:path';
import type { SystemsConfig } from '../core/config/systems.ts';
import { EncryptedFileVault, SECRETS_FILE } from '../core/secrets/file-vault.ts';
import { UsageError } from './usage.ts';

export const PASSPHRASE_ENV = 'LEGWORK_PASSPHRASE';

/** The store for `home`; a clear error naming what to set when there is no passphrase. */
export function openVault(home: string, env: NodeJS.ProcessEnv = process.env): EncryptedFileVault {
  const passphrase = env[PASSPHRASE_ENV];
  if (!passphrase) throw new UsageError(`the systems' passwords are kept encrypted in ${path.join(home, SECRETS_FILE)}: set ${PASSPHRASE_ENV} to its passphrase`);
  return new EncryptedFileVault(home, passphrase);
}

/** The store when some system needs it (no inline sandbox password), else undefined. */
export function vaultFor(systems: SystemsConfig, home: string, env: NodeJS.ProcessEnv = process.env): EncryptedFileVault | undefined {
  return Object.values(systems.systems).every((s) => s.password) ? undefined : openVault(home, env);
}
