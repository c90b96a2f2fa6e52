// One run in one file: its events, head, blobs and the machine's public key, so it verifies on
// another machine and QA can open its screenshots there.
import { readFile } from 'node:fs/promises';
import type { Result } from '../../shared/errors.ts';
import { TraceBundleSchema, type TraceBundle, type VerifyReport } from '../../shared/trace.ts';
import { blobRefs, parseEventValue, SHA256_HEX } from './chain.ts';
import { verifyChain } from './verify.ts';

export interface OpenedBundle {
  bundle: TraceBundle;
  /** a blob's bytes from the bundle (not checked: verify first), or undefined */
  blob(hash: string): Buffer | undefined;
}

export async function openBundle(file: string): Promise<Result<OpenedBundle>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, error: { code: missing ? 'not_found' : 'invalid_input', message: missing ? `no file ${file}` : `${file} is not a trace bundle: ${(e as Error).message}`, retryable: false } };
  }
  const parsed = TraceBundleSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: { code: 'invalid_input', message: `${file} is not a trace bundle: ${issue?.path.join('.') || 'file'} ${issue?.message ?? ''}`.trim(), retryable: false } };
  }
  const bundle = parsed.data;
  return {
    ok: true,
    data: {
      bundle,
      blob: (hash) => (SHA256_HEX.test(hash) && Object.hasOwn(bundle.blobs, hash) ? Buffer.from(bundle.blobs[hash]!, 'base64') : undefined),
    },
  };
}

export function verifyOpenedBundle(opened: OpenedBundle, trustedKeys?: string[]): Promise<VerifyReport> {
  const { bundle } = opened;
  return verifyChain({
    run: bundle.run,
    lines: bundle.events.map((e, i) => parseEventValue(i + 1, e)),
    torn: null,
    head: bundle.head ?? undefined,
    blob: async (hash) => opened.blob(hash),
    trustedKeys,
  });
}

/** Verifies a bundle file. A file that is not a bundle is one 'unreadable' problem. */
export async function verifyBundle(file: string, opts: { trustedKeys?: string[] } = {}): Promise<VerifyReport> {
  const opened = await openBundle(file);
  if (!opened.ok) return { ok: false, run: '', events: 0, finished: false, head: null, problems: [{ code: 'unreadable', message: opened.error.message }] };
  const report = await verifyOpenedBundle(opened.data, opts.trustedKeys);
  if (opened.data.bundle.head && typeof opened.data.bundle.head === 'object' && (opened.data.bundle.head as { publicKey?: unknown }).publicKey !== opened.data.bundle.publicKey) {
    report.problems.push({ code: 'head_mismatch', message: 'the bundle names another public key than the one that signed its head' });
    report.ok = false;
  }
  return report;
}

/** The blob hashes the given events refer to. */
export function referencedBlobs(events: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const [i, e] of events.entries()) {
    const line = parseEventValue(i + 1, e);
    if (line.event) for (const h of blobRefs(line.event)) out.add(h);
  }
  return [...out];
}
