// The playbooks in force. Under LEGWORK_HOME/playbooks/:
//   playbooks.signed.json   the installed set (what `legwork playbooks install` writes)
//   last-good.signed.json   a copy of the last set that verified and compiled
// checked against the same lead key as the policy (LEGWORK_HOME/policy/lead.pub.pem). A set that is
// tampered, unsigned, another key's, does not compile, or is older than the one installed is
// refused with a message, and the set in force stays (this process's, else the last-good copy,
// else the playbooks shipped with Legwork).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fail, type Result } from '../../shared/errors.ts';
import type { Playbooks } from '../../automations/playbooks/index.ts';
import { legworkHome } from '../home.ts';
import { keyIdOf } from '../policy/signing.ts';
import { LEAD_KEY_FILE, readIfThere } from '../policy/store.ts';
import { writeFileDurable } from '../trace/durable.ts';
import { builtInPlaybooks } from './built-in.ts';
import { verifySignedPlaybooks, type VerifiedPlaybooks } from './signing.ts';

export const PLAYBOOKS_FILE = 'playbooks.signed.json';
export const LAST_GOOD_PLAYBOOKS_FILE = 'last-good.signed.json';

export interface PlaybooksInForce {
  playbooks: Playbooks;
  source: 'file' | 'last-good' | 'built-in';
  /** the set's version and date (none for the built-in set) */
  version: number | null;
  issuedAt: string | null;
  keyId?: string;
  /** one line a person reads: where the playbooks in force came from */
  notice: string;
}

export class PlaybookStore {
  readonly dir: string;
  readonly leadKeyPath: string;
  #current: PlaybooksInForce | undefined;
  /** the text last verified and compiled, so an unchanged file is not compiled again */
  #verified: { text: string; key: string; data: VerifiedPlaybooks } | undefined;

  constructor(opts: { home?: string } = {}) {
    const home = opts.home ?? legworkHome();
    this.dir = path.join(home, 'playbooks');
    this.leadKeyPath = path.join(home, 'policy', LEAD_KEY_FILE);
  }

  get installedPath(): string {
    return path.join(this.dir, PLAYBOOKS_FILE);
  }
  get lastGoodPath(): string {
    return path.join(this.dir, LAST_GOOD_PLAYBOOKS_FILE);
  }

  /** The set in force as last loaded (before any load: the built-in set). */
  get current(): PlaybooksInForce {
    return this.#current ?? builtIn('no playbook set has been loaded yet');
  }

  /** (Re)reads the installed set; a refused file leaves the set in force as it was. */
  async load(): Promise<{ inForce: PlaybooksInForce; refused?: string }> {
    const key = await readIfThere(this.leadKeyPath);
    if (key === undefined) return this.#settle(builtIn('no lead key is configured'));
    const text = await readIfThere(this.installedPath);
    let refused: string | undefined;
    if (text === undefined) refused = `there is no playbook set at ${this.installedPath}`;
    else {
      const verified = this.#verify(text, key);
      const older = verified.ok ? olderThan(verified.data, await this.#lastGood(key)) : undefined;
      if (verified.ok && !older) {
        if ((await readIfThere(this.lastGoodPath)) !== text) await writeFileDurable(this.lastGoodPath, text, { mode: 0o600 });
        return this.#settle(fromFile(verified.data, 'file', this.installedPath));
      }
      refused = `refused ${this.installedPath}: ${verified.ok ? older : verified.error.message}`;
    }
    const previous = this.#current && this.#current.source !== 'built-in' ? this.#current : await this.#lastGood(key);
    return this.#settle(previous ?? builtIn('no playbook set was ever installed'), refused);
  }

  /**
   * Checks a signed set (against the lead key, configuring it on first use like the policy's install)
   * without installing it: what `diff` and `install` compare with the set in force.
   */
  async check(text: string, leadKeyPem?: string): Promise<Result<VerifiedPlaybooks & { key: string }>> {
    const configured = await readIfThere(this.leadKeyPath);
    if (leadKeyPem !== undefined && configured !== undefined) {
      let given: string;
      try {
        given = keyIdOf(leadKeyPem);
      } catch (e) {
        return fail('invalid_input', `the given public key cannot be read: ${(e as Error).message}`);
      }
      if (keyIdOf(configured) !== given) return fail('invalid_input', `this Legwork trusts lead key ${keyIdOf(configured)}, not ${given}; to change the lead key, replace ${this.leadKeyPath} by hand`);
    }
    const key = configured ?? leadKeyPem;
    if (key === undefined) return fail('invalid_input', `no lead key is configured (${this.leadKeyPath}); pass the lead's public key with --key`);
    const verified = this.#verify(text, key);
    if (!verified.ok) return verified;
    const older = configured === undefined ? undefined : olderThan(verified.data, await this.#lastGood(configured));
    if (older) return fail('precondition_failed', older);
    return { ok: true, data: { ...verified.data, key } };
  }

  /** Installs a signed set after it verifies, compiles and is newer than the one installed; a refused set changes nothing. */
  async install(text: string, leadKeyPem?: string): Promise<Result<PlaybooksInForce>> {
    const checked = await this.check(text, leadKeyPem);
    if (!checked.ok) return checked;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    if ((await readIfThere(this.leadKeyPath)) === undefined) {
      await mkdir(path.dirname(this.leadKeyPath), { recursive: true, mode: 0o700 });
      await writeFileDurable(this.leadKeyPath, checked.data.key, { mode: 0o600 });
    }
    await writeFileDurable(this.installedPath, text, { mode: 0o600 });
    await writeFileDurable(this.lastGoodPath, text, { mode: 0o600 });
    return { ok: true, data: this.#settle(fromFile(checked.data, 'file', this.installedPath)).inForce };
  }

  #verify(text: string, key: string): Result<VerifiedPlaybooks> {
    if (this.#verified?.text === text && this.#verified.key === key) return { ok: true, data: this.#verified.data };
    const verified = verifySignedPlaybooks(text, key);
    if (verified.ok) this.#verified = { text, key, data: verified.data };
    return verified;
  }

  async #lastGood(key: string): Promise<PlaybooksInForce | undefined> {
    const text = await readIfThere(this.lastGoodPath);
    if (text === undefined) return undefined;
    const verified = this.#verify(text, key);
    return verified.ok ? fromFile(verified.data, 'last-good', this.lastGoodPath) : undefined;
  }

  #settle(inForce: PlaybooksInForce, refused?: string) {
    this.#current = inForce;
    return refused === undefined ? { inForce } : { inForce, refused };
  }
}

/** Why `next` may not replace `installed`: an older date or a lower version (a lead re-signs old playbooks to bring them back). */
function olderThan(next: VerifiedPlaybooks, installed: PlaybooksInForce | undefined): string | undefined {
  if (!installed?.issuedAt || installed.version === null) return undefined;
  const same = next.set.issuedAt === installed.issuedAt && next.set.version === installed.version;
  if (same) return undefined;
  if (Date.parse(next.set.issuedAt) < Date.parse(installed.issuedAt) || next.set.version <= installed.version) {
    return `playbook set version ${next.set.version} (issued ${next.set.issuedAt}) is not newer than the installed version ${installed.version} (issued ${installed.issuedAt}); sign it anew with a higher version to bring its playbooks back`;
  }
  return undefined;
}

function fromFile(v: VerifiedPlaybooks, source: 'file' | 'last-good', file: string): PlaybooksInForce {
  const what = source === 'file' ? 'playbook set' : 'the last valid playbook set';
  return {
    playbooks: v.playbooks,
    source,
    version: v.set.version,
    issuedAt: v.set.issuedAt,
    keyId: v.keyId,
    notice: `${what} version ${v.set.version} (${v.playbooks.all.length} playbooks) from ${file}, signed by lead key ${v.keyId}`,
  };
}

function builtIn(why: string): PlaybooksInForce {
  return { playbooks: builtInPlaybooks(), source: 'built-in', version: null, issuedAt: null, notice: `the playbooks shipped with Legwork, because ${why}` };
}
