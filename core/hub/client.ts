// The desk's side of Legwork Hub: who this desk is on the hub (LEGWORK_HOME/hub/desk.json, written
// at enrollment) and a client that signs every request with the desk's key — its trace key, the
// one that signs its runs' heads, so the hub checks both against the one key it enrolled.
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DEVICE_HEADERS, deviceMessage, EnrolledSchema, HubErrorSchema, type Enrolled } from '../../shared/hub.ts';
import { writeFileDurable } from '../trace/durable.ts';
import { loadOrCreateTraceKey, type TraceKey } from '../trace/keys.ts';

const DeskFileSchema = z.object({ hubUrl: z.string().url(), deskId: z.number().int(), desk: z.string(), user: z.string(), team: z.string() });
export type DeskFile = z.infer<typeof DeskFileSchema>;

export const deskFile = (home: string): string => path.join(home, 'hub', 'desk.json');
export const traceKeyFile = (home: string): string => path.join(home, 'keys', 'trace-ed25519.pem');

/** An answer from the hub: its status and parsed JSON (or the error it gave). */
export interface HubAnswer {
  status: number;
  body: unknown;
  /** the hub's `{error: {code, message}}`, when it refused */
  error?: { code: string; message: string };
}

export class HubClient {
  constructor(
    readonly hubUrl: string,
    readonly deskId: number,
    private readonly key: TraceKey,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** Sends a request signed with the desk's key. Network failures throw; refusals come back as answers. */
  async request(method: string, pathWithQuery: string, body?: unknown, opts: { signal?: AbortSignal } = {}): Promise<HubAnswer> {
    const bytes: Uint8Array<ArrayBuffer> = body === undefined ? new Uint8Array() : body instanceof Uint8Array ? new Uint8Array(body) : Buffer.from(JSON.stringify(body));
    const at = new Date().toISOString();
    const nonce = randomBytes(16).toString('base64url');
    const signature = this.key.sign(deviceMessage(method, pathWithQuery, at, nonce, createHash('sha256').update(bytes).digest('hex')));
    const res = await this.fetchImpl(new URL(pathWithQuery, this.hubUrl), {
      method,
      headers: { 'content-type': 'application/json', [DEVICE_HEADERS.desk]: String(this.deskId), [DEVICE_HEADERS.at]: at, [DEVICE_HEADERS.nonce]: nonce, [DEVICE_HEADERS.signature]: signature },
      ...(bytes.length ? { body: bytes } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    return answerOf(res);
  }
}

/** The hub's answer read: status, JSON body (or text), and its `{error}` when it refused. */
export async function answerOf(res: Response): Promise<HubAnswer> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  const err = HubErrorSchema.safeParse(body);
  return { status: res.status, body, ...(res.ok || !err.success ? {} : { error: err.data.error }) };
}

/** Enrolls this desk with a one-time code from an admin; writes LEGWORK_HOME/hub/desk.json. */
export async function enrollDesk(home: string, hubUrl: string, code: string, fetchImpl: typeof fetch = fetch): Promise<Enrolled> {
  const key = await loadOrCreateTraceKey(traceKeyFile(home));
  const res = await answerOf(await fetchImpl(new URL('/api/enroll', hubUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, publicKey: key.publicKey }) }));
  if (res.error) throw new Error(`the hub refused the enrollment: ${res.error.message}`);
  const enrolled = EnrolledSchema.parse(res.body);
  const file: DeskFile = { hubUrl, deskId: enrolled.deskId, desk: enrolled.desk, user: enrolled.user.name, team: enrolled.user.team };
  await writeFileDurable(deskFile(home), `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  return enrolled;
}

/** This desk's enrolment, or null when the desk is not enrolled. */
export async function readDeskFile(home: string): Promise<DeskFile | null> {
  let text: string;
  try {
    text = await readFile(deskFile(home), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return DeskFileSchema.parse(JSON.parse(text));
}

/** This desk's hub client, or null when the desk is not enrolled. */
export async function hubClientFor(home: string, fetchImpl: typeof fetch = fetch): Promise<HubClient | null> {
  const desk = await readDeskFile(home);
  if (!desk) return null;
  return new HubClient(desk.hubUrl, desk.deskId, await loadOrCreateTraceKey(traceKeyFile(home)), fetchImpl);
}
