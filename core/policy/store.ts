// The policy in force. Under LEGWORK_HOME/policy/:
//   lead.pub.pem            the configured lead key: the only key a policy file is checked against
//   policy.signed.json      the installed policy file (what `legwork policy install` writes)
//   last-good.signed.json   a copy of the last file that verified, kept for when the file is refused
// A file that is tampered, unsigned, malformed or signed by another key is refused with a clear
// message and the previously loaded valid policy stays in force; when there has never been one,
// the built-in strictest default applies. Nothing ever falls back to something looser.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fail, type Result } from '../../shared/errors.ts';
import { STRICTEST_POLICY, type Policy } from '../../shared/policy.ts';
import { legworkHome } from '../home.ts';
import { writeFileDurable } from '../trace/durable.ts';
import { keyIdOf, verifySignedPolicy } from './signing.ts';

export const LEAD_KEY_FILE = 'lead.pub.pem';
export const POLICY_FILE = 'policy.signed.json';
export const LAST_GOOD_FILE = 'last-good.signed.json';

export type PolicySource = 'file' | 'last-good' | 'built-in';

export interface PolicyInForce {
  policy: Policy;
  source: PolicySource;
  /** the file it was read from (none for the built-in default) */
  path?: string;
  /** the lead key that signed it */
  keyId?: string;
  /** one line a person reads: where the policy in force came from */
  notice: string;
}

export interface LoadResult {
  inForce: PolicyInForce;
  /** why the installed file was refused, when it was (the policy in force is then the one before) */
  refused?: string;
}

export interface PolicyStoreOptions {
  /** default: legworkHome() */
  home?: string;
}

export class PolicyStore {
  readonly dir: string;
  #current: PolicyInForce | undefined;

  constructor(opts: PolicyStoreOptions = {}) {
    this.dir = path.join(opts.home ?? legworkHome(), 'policy');
  }

  get leadKeyPath(): string {
    return path.join(this.dir, LEAD_KEY_FILE);
  }
  get policyPath(): string {
    return path.join(this.dir, POLICY_FILE);
  }
  get lastGoodPath(): string {
    return path.join(this.dir, LAST_GOOD_FILE);
  }

  /** The policy in force as last loaded (load() first; before that, the built-in default). */
  get current(): PolicyInForce {
    return this.#current ?? builtIn('no policy has been loaded yet');
  }

  /**
   * (Re)reads the installed policy file. When it verifies it is in force and becomes the last-good
   * copy; when it is refused, the policy already in force stays (this process's, else the last-good
   * copy on disk, else the built-in strictest default).
   */
  async load(): Promise<LoadResult> {
    const leadKey = await readIfThere(this.leadKeyPath);
    if (leadKey === undefined) {
      return this.#settle(builtIn(`no lead key is configured (${this.leadKeyPath}); install a signed policy with \`legwork policy install FILE --key PUBLIC.pem\``));
    }
    const text = await readIfThere(this.policyPath);
    let refused: string | undefined;
    if (text === undefined) {
      refused = `there is no policy file at ${this.policyPath}`;
    } else {
      const verified = verifySignedPolicy(text, leadKey);
      const older = verified.ok ? olderThan(verified.data.policy, await this.#lastGood(leadKey)) : undefined;
      if (verified.ok && !older) {
        if ((await readIfThere(this.lastGoodPath)) !== text) await writeFileDurable(this.lastGoodPath, text, { mode: 0o600 });
        return this.#settle(fromFile(verified.data.policy, 'file', this.policyPath, verified.data.keyId));
      }
      refused = `refused ${this.policyPath}: ${verified.ok ? older : verified.error.message}`;
    }
    const previous = this.#current && this.#current.source !== 'built-in' ? this.#current : await this.#lastGood(leadKey);
    const fallback = previous ?? builtIn('there has never been a valid policy');
    return this.#settle(fallback, refused);
  }

  /**
   * Installs a signed policy file's text after it verifies against the lead key. The first install
   * configures the lead key (`leadKeyPem`); later ones must be signed by that same key.
   * A refused file changes nothing.
   */
  async install(text: string, leadKeyPem?: string): Promise<Result<PolicyInForce>> {
    const configured = await readIfThere(this.leadKeyPath);
    let key = configured;
    if (leadKeyPem !== undefined) {
      let given: string;
      try {
        given = keyIdOf(leadKeyPem);
      } catch (e) {
        return fail('invalid_input', `the given public key cannot be read: ${(e as Error).message}`);
      }
      if (configured !== undefined && keyIdOf(configured) !== given) {
        return fail('invalid_input', `this Legwork trusts lead key ${keyIdOf(configured)}, not ${given}; to change the lead key, replace ${this.leadKeyPath} by hand`);
      }
      key = leadKeyPem;
    }
    if (key === undefined) return fail('invalid_input', `no lead key is configured (${this.leadKeyPath}); pass the lead's public key with --key`);
    const verified = verifySignedPolicy(text, key);
    if (!verified.ok) return verified;
    const older = configured === undefined ? undefined : olderThan(verified.data.policy, await this.#lastGood(configured));
    if (older) return fail('precondition_failed', older);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    if (configured === undefined) await writeFileDurable(this.leadKeyPath, key, { mode: 0o600 });
    await writeFileDurable(this.policyPath, text, { mode: 0o600 });
    await writeFileDurable(this.lastGoodPath, text, { mode: 0o600 });
    return { ok: true, data: this.#settle(fromFile(verified.data.policy, 'file', this.policyPath, verified.data.keyId)).inForce };
  }

  async #lastGood(leadKey: string): Promise<PolicyInForce | undefined> {
    const text = await readIfThere(this.lastGoodPath);
    if (text === undefined) return undefined;
    const verified = verifySignedPolicy(text, leadKey);
    return verified.ok ? fromFile(verified.data.policy, 'last-good', this.lastGoodPath, verified.data.keyId) : undefined;
  }

  #settle(inForce: PolicyInForce, refused?: string): LoadResult {
    this.#current = inForce;
    return refused === undefined ? { inForce } : { inForce, refused };
  }
}

/**
 * Why `policy` may not replace `installed`: it was issued before it (or says nowhere when, where the
 * installed one does). A lead goes back to older rules by signing them again, which dates them now.
 */
function olderThan(policy: Policy, installed: PolicyInForce | undefined): string | undefined {
  const then = installed?.policy.issuedAt;
  if (!then) return undefined;
  const issued = policy.issuedAt;
  if (issued && Date.parse(issued) >= Date.parse(then)) return undefined;
  return `policy "${policy.name}" was issued ${issued ? `at ${issued}` : 'with no date'}, before the installed "${installed.policy.name}" (${then}); an older policy is not installed again — sign it anew to bring its rules back`;
}

function fromFile(policy: Policy, source: 'file' | 'last-good', file: string, keyId: string): PolicyInForce {
  const what = source === 'file' ? 'policy' : 'the last valid policy';
  return { policy, source, path: file, keyId, notice: `${what} "${policy.name}" from ${file}, signed by lead key ${keyId}` };
}

function builtIn(why: string): PolicyInForce {
  return { policy: STRICTEST_POLICY, source: 'built-in', notice: `the built-in strictest default (every write needs approval, money above $25 a second approver), because ${why}` };
}

export async function readIfThere(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

