// A lead signs the playbook set as the policy is signed (the same ed25519 lead key): the file is
//   {"playbooks": {version, issuedAt, files: [{file, text}]}, "keyId": "…", "signature": "…"}
// with each YAML file's text verbatim, so a refusal names the lead's own lines. A set is signed
// only after every file compiles, and verified before it is compiled again on install and load.
import { fail, type Result } from '../../shared/errors.ts';
import { PlaybookSetSchema, type PlaybookSet, type PlaybookSource } from '../../shared/playbook.ts';
import { describeProblems, Playbooks } from '../../automations/playbooks/index.ts';
import { signDocument, verifySignedDocument, type SignedKind } from '../policy/signing.ts';

export const PLAYBOOKS_KIND: SignedKind = { field: 'playbooks', noun: 'playbook set', signCommand: 'legwork playbooks sign' };

export interface SignedPlaybookSet {
  playbooks: PlaybookSet;
  keyId: string;
  signature: string;
}

export interface VerifiedPlaybooks {
  set: PlaybookSet;
  playbooks: Playbooks;
  keyId: string;
}

/** Compiles the files (refusing with file:line and reason), then signs them as one versioned, dated set. */
export function signPlaybookSet(files: PlaybookSource[], privateKeyPem: string, opts: { version: number; now?: () => Date }): Result<SignedPlaybookSet> {
  const compiled = Playbooks.compile(files);
  if (!compiled.ok) return fail('invalid_input', `the playbooks do not load:\n${describeProblems(compiled.problems)}`);
  const set = PlaybookSetSchema.safeParse({ version: opts.version, issuedAt: (opts.now?.() ?? new Date()).toISOString(), files });
  if (!set.success) return fail('invalid_input', `the playbook set is not valid: ${set.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const signed = signDocument(PLAYBOOKS_KIND, set.data, privateKeyPem);
  return signed.ok ? { ok: true, data: { playbooks: set.data, ...signed.data } } : signed;
}

/** Checks a signed set against the lead key, then compiles it: tampered, unsigned, another key's, or not loading → refused. */
export function verifySignedPlaybooks(text: string, publicKeyPem: string): Result<VerifiedPlaybooks> {
  const verified = verifySignedDocument(PLAYBOOKS_KIND, text, publicKeyPem);
  if (!verified.ok) return verified;
  const set = PlaybookSetSchema.safeParse(verified.data.document);
  if (!set.success) return fail('invalid_input', `the signed playbook set is not valid: ${set.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const compiled = Playbooks.compile(set.data.files);
  if (!compiled.ok) return fail('invalid_input', `the signed playbooks do not load:\n${describeProblems(compiled.problems)}`);
  return { ok: true, data: { set: set.data, playbooks: compiled.data, keyId: verified.data.keyId } };
}
