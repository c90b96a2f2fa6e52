// Team leads sign policy files with ed25519 (node:crypto). A signed policy file is one JSON object:
//
//   {"policy": {...the policy as the lead wrote it...}, "keyId": "<16 hex>", "signature": "<base64>"}
//
// The signature is over canonicalJson({keyId, policy}) (shared/plan.ts: keys sorted, no
// whitespace), so the file may be re-indented or its keys reordered without breaking it, while any
// change of a value, of an array's order, or of the key id is refused. keyId is the first 16 hex
// digits of the sha256 of the public key (SPKI DER): it names the key; verification is always
// against the configured lead key, never a key the file brings.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { fail, type Result } from '../../shared/errors.ts';
import { canonicalJson } from '../../shared/plan.ts';
import { parsePolicy, type Policy } from '../../shared/policy.ts';
// the signed file's shape is the hub's contract too (a lead publishes it there)
import { SignedPolicyFileSchema, type SignedPolicyFile } from '../../shared/hub.ts';
import { writeFileDurable } from '../trace/durable.ts';
import { keyFingerprint } from '../trace/keys.ts';

export { SignedPolicyFileSchema, type SignedPolicyFile };

export interface VerifiedPolicy {
  policy: Policy;
  keyId: string;
  file: SignedPolicyFile;
}

export const PRIVATE_KEY_FILE = 'lead.key.pem';
export const PUBLIC_KEY_FILE = 'lead.pub.pem';

export interface LeadKeys {
  publicKeyPem: string;
  privateKeyPem: string;
  keyId: string;
}

export function generateLeadKeys(): LeadKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/** Writes a new key pair into dir (private key 0600); refuses to overwrite an existing key. */
export async function writeLeadKeys(dir: string): Promise<{ publicKeyPath: string; privateKeyPath: string; keyId: string }> {
  const keys = generateLeadKeys();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const privateKeyPath = path.join(dir, PRIVATE_KEY_FILE);
  const publicKeyPath = path.join(dir, PUBLIC_KEY_FILE);
  try {
    await writeFileDurable(privateKeyPath, keys.privateKeyPem, { mode: 0o600, exclusive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${privateKeyPath} already exists; not overwriting a key`);
    throw e;
  }
  await writeFileDurable(publicKeyPath, keys.publicKeyPem, { mode: 0o644 });
  return { publicKeyPath, privateKeyPath, keyId: keys.keyId };
}

/** The key's name: the first 16 hex digits of sha256 over its SPKI DER (as trace keys are named). */
export function keyIdOf(key: KeyObject | string): string {
  const publicKey = typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key;
  return keyFingerprint(publicKey.export({ type: 'spki', format: 'der' }).toString('base64'));
}

/**
 * Signs a policy as the lead wrote it, after checking that it is a valid policy. One without an
 * `issuedAt` is stamped with the signing time: an installed policy is never replaced by one issued
 * before it (see PolicyStore), so an old signed file cannot be slipped back in.
 */
export function signPolicy(policyInput: unknown, privateKeyPem: string, now: () => Date = () => new Date()): Result<SignedPolicyFile> {
  const parsed = parsePolicy(policyInput);
  if (!parsed.ok) return parsed;
  const written = policyInput as Record<string, unknown>;
  const policy = written.issuedAt === undefined ? { ...written, issuedAt: now().toISOString() } : written;
  const signed = signDocument(POLICY_KIND, policy, privateKeyPem);
  return signed.ok ? { ok: true, data: { policy, keyId: signed.data.keyId, signature: signed.data.signature } } : signed;
}

/**
 * Checks a signed policy file's text against the lead's public key: well-formed JSON, signed,
 * by that key, unchanged since, and a valid policy. Every refusal says which of these failed.
 */
export function verifySignedPolicy(text: string, publicKeyPem: string): Result<VerifiedPolicy> {
  const verified = verifySignedDocument(POLICY_KIND, text, publicKeyPem);
  if (!verified.ok) return verified;
  const policy = parsePolicy(verified.data.document);
  if (!policy.ok) return fail('invalid_input', `the signed ${policy.error.message}`);
  const file = { policy: verified.data.document, keyId: verified.data.keyId, signature: verified.data.signature };
  return { ok: true, data: { policy: policy.data, keyId: file.keyId, file } };
}

/** What a lead signs: the field the document sits under in the signed file, and how a person names it. */
export interface SignedKind {
  field: string;
  /** "policy file" */
  noun: string;
  /** "legwork policy sign" */
  signCommand: string;
}

const POLICY_KIND: SignedKind = { field: 'policy', noun: 'policy file', signCommand: 'legwork policy sign' };

/** Signs a document with the lead's private key: the signature is over canonicalJson({keyId, [field]: document}). */
export function signDocument(kind: SignedKind, document: unknown, privateKeyPem: string): Result<{ keyId: string; signature: string }> {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(privateKeyPem);
  } catch (e) {
    return fail('invalid_input', `the private key cannot be read: ${(e as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') return fail('invalid_input', `the private key is ${privateKey.asymmetricKeyType}, not ed25519`);
  const keyId = keyIdOf(privateKey);
  return { ok: true, data: { keyId, signature: sign(null, signedBytes(kind, keyId, document), privateKey).toString('base64') } };
}

/**
 * Checks a signed file's text against the lead's public key: well-formed JSON, signed, by that key,
 * and unchanged since. Every refusal says which of these failed; what the document means is the caller's to check.
 */
export function verifySignedDocument(kind: SignedKind, text: string, publicKeyPem: string): Result<{ document: Record<string, unknown>; keyId: string; signature: string }> {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(publicKeyPem);
  } catch (e) {
    return fail('invalid_input', `the lead public key cannot be read: ${(e as Error).message}`);
  }
  if (publicKey.asymmetricKeyType !== 'ed25519') return fail('invalid_input', `the lead public key is ${publicKey.asymmetricKeyType}, not ed25519`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail('invalid_input', `the ${kind.noun} is not valid JSON (${(e as Error).message})`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return fail('invalid_input', `the ${kind.noun} is not a JSON object`);
  if (!('signature' in json)) {
    return fail('invalid_input', `the ${kind.noun} is not signed (no "signature"); sign it with \`${kind.signCommand}\``);
  }
  const envelope = z
    .strictObject({ [kind.field]: z.record(z.string(), z.unknown()), keyId: SignedPolicyFileSchema.shape.keyId, signature: SignedPolicyFileSchema.shape.signature })
    .safeParse(json);
  if (!envelope.success) {
    const problems = envelope.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
    return fail('invalid_input', `the ${kind.noun} is not a signed ${kind.noun}: ${problems.join('; ')}`);
  }
  const { keyId, signature } = envelope.data as { keyId: string; signature: string };
  const document = (envelope.data as Record<string, unknown>)[kind.field] as Record<string, unknown>;
  const leadKeyId = keyIdOf(publicKey);
  if (keyId !== leadKeyId) return fail('invalid_input', `the ${kind.noun} is signed by key ${keyId}, not by the lead key ${leadKeyId}`);
  if (!verify(null, signedBytes(kind, keyId, document), publicKey, Buffer.from(signature, 'base64'))) {
    return fail('invalid_input', `the ${kind.noun}'s signature does not match its contents: it was changed after it was signed`);
  }
  return { ok: true, data: { document, keyId, signature } };
}

function signedBytes(kind: SignedKind, keyId: string, document: unknown): Buffer {
  return Buffer.from(canonicalJson({ keyId, [kind.field]: document }), 'utf8');
}
