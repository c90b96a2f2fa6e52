// Who may give a second approval: named people (leads), each with a passphrase set up with the CLI
// (`legwork approver add <name>`), kept as a salted scrypt hash in LEGWORK_HOME/approvers.json.
// Signing in gives a short-lived session held in memory; the approver is the signed-in person,
// never a name typed into a setting.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fail, type Result } from '../../shared/errors.ts';

const ApproverSchema = z.object({ name: z.string().min(1).max(100), salt: z.string(), hash: z.string() });
const FileSchema = z.object({ approvers: z.array(ApproverSchema) });
const SESSION_MS = 30 * 60 * 1000;
export const MIN_PASSPHRASE = 10;

const hashOf = (passphrase: string, salt: string) => scryptSync(passphrase.normalize('NFC'), Buffer.from(salt, 'base64'), 32).toString('base64');

export class Approvers {
  readonly file: string;
  readonly #sessions = new Map<string, { name: string; until: number }>();

  constructor(home: string) {
    this.file = path.join(home, 'approvers.json');
  }

  #read(): z.infer<typeof FileSchema> {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return { approvers: [] };
    }
    const parsed = FileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.file} is not an approvers file`);
    return parsed.data;
  }

  names(): string[] {
    return this.#read().approvers.map((a) => a.name);
  }

  /** Adds a person who may give second approvals, or sets a new passphrase for one. */
  add(name: string, passphrase: string): Result<void> {
    const who = name.trim();
    if (!who) return fail('invalid_input', 'the approver needs a name');
    if (passphrase.length < MIN_PASSPHRASE) return fail('invalid_input', `the passphrase needs at least ${MIN_PASSPHRASE} characters`);
    const salt = randomBytes(16).toString('base64');
    const data = this.#read();
    data.approvers = [...data.approvers.filter((a) => a.name.toLowerCase() !== who.toLowerCase()), { name: who, salt, hash: hashOf(passphrase, salt) }];
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
    return { ok: true, data: undefined };
  }

  /** Checks the passphrase; gives a session for the approver. */
  signIn(name: string, passphrase: string): Result<{ session: string; name: string }> {
    const found = this.#read().approvers.find((a) => a.name.toLowerCase() === name.trim().toLowerCase());
    const expected = found ? Buffer.from(found.hash, 'base64') : randomBytes(32);
    const given = Buffer.from(hashOf(passphrase, found?.salt ?? randomBytes(16).toString('base64')), 'base64');
    if (!found || !timingSafeEqual(expected, given)) return fail('invalid_input', 'that name and passphrase do not match an approver set up here');
    const session = randomBytes(24).toString('base64url');
    this.#sessions.set(session, { name: found.name, until: Date.now() + SESSION_MS });
    return { ok: true, data: { session, name: found.name } };
  }

  /** The approver signed in with this session, if it is still valid. */
  who(session: string): Result<string> {
    const s = this.#sessions.get(session);
    if (!s || s.until < Date.now()) {
      this.#sessions.delete(session);
      return fail('precondition_failed', 'sign in again as the approver (the session ended)');
    }
    return { ok: true, data: s.name };
  }
}
