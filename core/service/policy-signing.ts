// A lead signs and installs a policy from the panel: signed in as an approver (their own name and
// passphrase, core/approvals/), with their signing key kept by this Legwork (core/policy/lead-key.ts:
// a passphrase-protected key file in browser mode, the OS keychain on the desktop). The signed file
// is installed as `legwork policy install` does: checked against the trusted lead key, and on the
// first install that key becomes the trusted one. Who installed it is recorded beside the policy.
// The playbook editor signs a playbook set with the same steps (openSigningKey, recordInstalledBy).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { SigningKey } from '../../shared/api.ts';
import type { ApiHandlers } from '../api/handlers.ts';
import { createSigningKey, importSigningKey, type LeadSigningKey } from '../policy/lead-key.ts';
import { keyIdOf, signPolicy } from '../policy/signing.ts';
import { writeFileDurable } from '../trace/durable.ts';
import { ServiceError, unwrap, type ServiceContext } from './context.ts';
import { publishOnHub } from './hub-policy.ts';
import type { PanelPeople } from './people.ts';

type Methods = 'policy.signingKey' | 'policy.createKey' | 'policy.importKey' | 'policy.signAndInstall';

export const INSTALLED_BY_FILE = 'installed-by.json';
const InstalledBySchema = z.object({ by: z.string(), at: z.string(), keyId: z.string(), issuedAt: z.string() });

export function policySigningHandlers({ legwork }: ServiceContext, people: PanelPeople, keeper: LeadSigningKey): Pick<ApiHandlers, Methods> {
  const store = legwork.policy;
  const trusted = async (): Promise<string | null> => {
    const pem = await readFile(store.leadKeyPath, 'utf8').catch(() => undefined);
    return pem === undefined ? null : keyIdOf(pem);
  };
  const status = async (): Promise<SigningKey> => ({ protection: keeper.protection, keyId: (await keeper.kept())?.keyId ?? null, trustedKeyId: await trusted() });

  return {
    async 'policy.signingKey'({ session }) {
      unwrap(people.who(session));
      return status();
    },
    async 'policy.createKey'({ session, passphrase }) {
      unwrap(people.who(session));
      unwrap(await createSigningKey(keeper, passphrase));
      return status();
    },
    async 'policy.importKey'({ session, keyText, keyPassphrase, passphrase }) {
      unwrap(people.who(session));
      unwrap(await importSigningKey(keeper, keyText, keyPassphrase, passphrase));
      return status();
    },
    async 'policy.signAndInstall'({ session, policy, passphrase }) {
      const who = unwrap(people.who(session));
      const lead = who.name;
      const key = await openSigningKey(keeper, store.leadKeyPath, passphrase);
      const { issuedAt: _older, ...written } = policy; // signed now: a policy is dated when the lead signs it
      const signed = unwrap(signPolicy(written, key.privateKeyPem));
      // through the hub: published for every desk of the team first (the hub checks it too), then installed here
      if (people.hub && who.hub) await publishOnHub(people.hub, who.hub, signed, key.publicKeyPem);
      const installed = unwrap(await store.install(JSON.stringify(signed, null, 2), key.trustNow));
      const issuedAt = String(signed.policy.issuedAt);
      await recordInstalledBy(store.dir, { by: lead, keyId: signed.keyId, issuedAt });
      return { name: installed.policy.name, keyId: signed.keyId, installedBy: lead, issuedAt };
    },
  };
}

/**
 * The kept signing key, opened for the signed-in lead: refused when none is kept, when this Legwork
 * trusts another lead key, or when the passphrase does not open it. `trustNow` is the key's public
 * half when no lead key is trusted yet (the first install makes it the trusted one).
 */
export async function openSigningKey(
  keeper: LeadSigningKey,
  leadKeyPath: string,
  passphrase: string | undefined,
): Promise<{ privateKeyPem: string; publicKeyPem: string; trustNow?: string }> {
  const kept = await keeper.kept();
  if (!kept) throw new ServiceError('precondition_failed', 'no signing key is kept here yet: create one or pick your key file');
  const pem = await readFile(leadKeyPath, 'utf8').catch(() => undefined);
  const trust = pem === undefined ? null : keyIdOf(pem);
  if (trust !== null && trust !== kept.keyId) {
    throw new ServiceError('precondition_failed', `this Legwork trusts lead key ${trust}, and the key kept here is ${kept.keyId}: pick the trusted key's file, or have IT change the trusted key`);
  }
  const key = unwrap(await keeper.open(passphrase));
  return { privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKeyPem: kept.publicKeyPem, ...(trust === null ? { trustNow: kept.publicKeyPem } : {}) };
}

/** Who signed and installed what (a policy or a playbook set) in the panel, kept beside it. */
export async function recordInstalledBy(dir: string, what: { by: string; keyId: string; issuedAt: string }): Promise<void> {
  const record = { by: what.by, at: new Date().toISOString(), keyId: what.keyId, issuedAt: what.issuedAt };
  await writeFileDurable(path.join(dir, INSTALLED_BY_FILE), `${JSON.stringify(record)}\n`, { mode: 0o600 });
}

/** Who signed and installed the policy in force in the panel (when it is the one they installed). */
export async function installedBy(dir: string, issuedAt: string | undefined): Promise<string | null> {
  if (!issuedAt) return null;
  const text = await readFile(path.join(dir, INSTALLED_BY_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = InstalledBySchema.safeParse(json);
  return parsed.success && parsed.data.issuedAt === issuedAt ? parsed.data.by : null;
}
