// Where the lead's private signing key is kept so that a lead can sign a policy in the panel, never
// by copying files through a terminal. Two keepers, one interface:
//   - browser mode: a passphrase-protected key file, LEGWORK_HOME/policy/signing-key.pem (encrypted
//     PKCS#8, AES-256-CBC under a key derived from the lead's passphrase — what `openssl pkey`
//     reads too), with its public half beside it, so the key's name is known without the passphrase;
//   - the desktop shell: the OS keychain (Electron's safeStorage, through the shell's SecretVault).
// Either way the key is only used after the lead signed in as an approver (core/approvals/), and the
// configured lead public key (core/policy/store.ts) still decides whether a signed file is trusted.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fail, type Result } from '../../shared/errors.ts';
import type { SecretVault } from '../api/handlers.ts';
import { writeFileDurable } from '../trace/durable.ts';
import { generateLeadKeys, keyIdOf } from './signing.ts';
import { readIfThere } from './store.ts';

export const SIGNING_KEY_FILE = 'signing-key.pem';
export const SIGNING_PUB_FILE = 'signing-key.pub.pem';
/** the vault's name for the key in the OS keychain */
export const SIGNING_KEY_SECRET = 'policy-signing-key';
export const MIN_KEY_PASSPHRASE = 10;

export interface KeptKey {
  keyId: string;
  publicKeyPem: string;
}

export interface LeadSigningKey {
  /** 'passphrase': the key file needs the lead's passphrase; 'keychain': the OS keychain opens it */
  readonly protection: 'passphrase' | 'keychain';
  /** the kept key's public half, or null when none is kept */
  kept(): Promise<KeptKey | null>;
  /** keeps a private key (PEM); refuses to replace one already kept */
  keep(privateKeyPem: string, passphrase?: string): Promise<Result<KeptKey>>;
  /** the private key, opened */
  open(passphrase?: string): Promise<Result<KeyObject>>;
}

/** A new key pair, kept by `keeper`. */
export async function createSigningKey(keeper: LeadSigningKey, passphrase?: string): Promise<Result<KeptKey>> {
  return keeper.keep(generateLeadKeys().privateKeyPem, passphrase);
}

/**
 * Reads a key file the lead picked (one `legwork policy keygen` wrote, or an encrypted one with its
 * passphrase) and keeps it. The file's text comes through the API; it is never written as given.
 */
export async function importSigningKey(keeper: LeadSigningKey, keyText: string, keyPassphrase: string | undefined, passphrase?: string): Promise<Result<KeptKey>> {
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPassphrase ? { key: keyText, passphrase: keyPassphrase } : keyText);
  } catch (e) {
    const message = (e as Error).message;
    return fail('invalid_input', /passphrase|decrypt|bad decrypt/i.test(message) ? 'the key file is protected: give its passphrase (or it was not that one)' : `that file is not a private key: ${message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') return fail('invalid_input', `the key is ${key.asymmetricKeyType}, not ed25519 (make one with \`legwork policy keygen\` or here)`);
  return keeper.keep(key.export({ type: 'pkcs8', format: 'pem' }).toString(), passphrase);
}

function publicOf(privateKey: KeyObject): KeptKey {
  return { keyId: keyIdOf(privateKey), publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
}

/** Browser mode's keeper: an encrypted key file under LEGWORK_HOME/policy. */
export class PassphraseKeyFile implements LeadSigningKey {
  readonly protection = 'passphrase' as const;
  readonly file: string;
  readonly publicFile: string;

  constructor(home: string) {
    this.file = path.join(home, 'policy', SIGNING_KEY_FILE);
    this.publicFile = path.join(home, 'policy', SIGNING_PUB_FILE);
  }

  async kept(): Promise<KeptKey | null> {
    const pem = await readIfThere(this.publicFile);
    return pem === undefined ? null : { keyId: keyIdOf(pem), publicKeyPem: pem };
  }

  async keep(privateKeyPem: string, passphrase?: string): Promise<Result<KeptKey>> {
    if (!passphrase || passphrase.length < MIN_KEY_PASSPHRASE) return fail('invalid_input', `the key's passphrase needs at least ${MIN_KEY_PASSPHRASE} characters`);
    if (await this.kept()) return fail('precondition_failed', `a signing key is already kept here (${this.file}); it is not replaced from the panel`);
    const key = createPrivateKey(privateKeyPem);
    const sealed = key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString();
    const shown = publicOf(key);
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    await writeFileDurable(this.file, sealed, { mode: 0o600, exclusive: true });
    await writeFileDurable(this.publicFile, shown.publicKeyPem, { mode: 0o644 });
    return { ok: true, data: shown };
  }

  async open(passphrase?: string): Promise<Result<KeyObject>> {
    const sealed = await readIfThere(this.file);
    if (sealed === undefined) return fail('precondition_failed', 'no signing key is kept here yet: create one or pick your key file');
    if (!passphrase) return fail('invalid_input', "give the signing key's passphrase");
    try {
      return { ok: true, data: createPrivateKey({ key: sealed, passphrase }) };
    } catch {
      return fail('invalid_input', "that passphrase does not open the signing key");
    }
  }
}

/** The desktop shell's keeper: the key in the OS keychain (the shell's vault: Electron's safeStorage). */
export class KeychainSigningKey implements LeadSigningKey {
  readonly protection = 'keychain' as const;

  constructor(private readonly vault: Pick<SecretVault, 'secret' | 'setSecret'>) {}

  async kept(): Promise<KeptKey | null> {
    const pem = await this.vault.secret(SIGNING_KEY_SECRET);
    return pem === undefined ? null : publicOf(createPrivateKey(pem));
  }

  async keep(privateKeyPem: string): Promise<Result<KeptKey>> {
    if (await this.kept()) return fail('precondition_failed', 'a signing key is already kept in the keychain; it is not replaced from the panel');
    const key = createPrivateKey(privateKeyPem);
    await this.vault.setSecret(SIGNING_KEY_SECRET, key.export({ type: 'pkcs8', format: 'pem' }).toString());
    return { ok: true, data: publicOf(key) };
  }

  async open(): Promise<Result<KeyObject>> {
    const pem = await this.vault.secret(SIGNING_KEY_SECRET);
    if (pem === undefined) return fail('precondition_failed', 'no signing key is kept in the keychain yet: create one or pick your key file');
    return { ok: true, data: createPrivateKey(pem) };
  }
}
