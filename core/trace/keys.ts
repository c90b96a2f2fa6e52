// The machine's trace key (ed25519): signs each finished run's head. Created on first use, kept
// under LEGWORK_HOME with owner-only permissions; the public half travels in every head and bundle.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalJson } from '../../shared/plan.ts';
import type { TraceHead } from '../../shared/trace.ts';
import { sha256Hex } from './chain.ts';
import { writeFileDurable } from './durable.ts';

export interface TraceKey {
  /** SPKI DER, base64 */
  publicKey: string;
  sign(message: string): string;
}

function fromPrivate(key: KeyObject): TraceKey {
  const publicKey = (createPublicKey(key).export({ format: 'der', type: 'spki' }) as Buffer).toString('base64');
  return { publicKey, sign: (message) => sign(null, Buffer.from(message), key).toString('base64') };
}

/** Reads the key at `file`; null when there is none. */
export async function readTraceKey(file: string): Promise<TraceKey | null> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return fromPrivate(createPrivateKey(pem));
}

/** Reads the key at `file`, creating it on first use. */
export async function loadOrCreateTraceKey(file: string): Promise<TraceKey> {
  const existing = await readTraceKey(file);
  if (existing) return existing;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  try {
    await writeFileDurable(file, pem, { mode: 0o600, exclusive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  // another process may have created it at the same moment: the file on disk is the key
  return (await readTraceKey(file))!;
}

/** What the signature covers: the head without its signature, as canonical JSON. */
export function headMessage(head: Omit<TraceHead, 'signature'>): string {
  return canonicalJson({ run: head.run, count: head.count, lastHash: head.lastHash, outcome: head.outcome, signedAt: head.signedAt, publicKey: head.publicKey });
}

export function signHead(key: TraceKey, head: Omit<TraceHead, 'signature' | 'publicKey'>): TraceHead {
  const unsigned = { ...head, publicKey: key.publicKey };
  return { ...unsigned, signature: key.sign(headMessage(unsigned)) };
}

export function headSignatureValid(head: TraceHead): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(head.publicKey, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, Buffer.from(headMessage(head)), key, Buffer.from(head.signature, 'base64'));
  } catch {
    return false;
  }
}

/** A short name for a public key: the first 16 hex digits of sha256 over its DER. */
export function keyFingerprint(publicKey: string): string {
  return sha256Hex(Buffer.from(publicKey, 'base64')).slice(0, 16);
}

/** Accepts a key as base64 SPKI DER or as a PEM public key; returns base64 SPKI DER. */
export function normalizePublicKey(text: string): string | null {
  try {
    const t = text.trim();
    const key = t.startsWith('-----') ? createPublicKey(t) : createPublicKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return null;
    return (key.export({ format: 'der', type: 'spki' }) as Buffer).toString('base64');
  } catch {
    return null;
  }
}
