// What both transports share: reading a call's answer envelope and a pushed event, with the
// contract's schemas. The core is trusted to be right, but the panel never crashes on bad data:
// anything that does not parse becomes an ApiCallError the views show.
import { z } from 'zod';
import { API, ApiEventSchema, type ApiEvent, type ApiMethod, type ApiOutput } from '../../../shared/api.ts';

/** An error a call answered (or a transport failure), as the views show it. */
export class ApiCallError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
  }
}

const EnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

/** The data of a call's `{ok, data} | {ok, error}` answer, parsed with the method's output schema; throws ApiCallError. */
export function unwrapResponse<M extends ApiMethod>(method: M, body: unknown): ApiOutput<M> {
  const envelope = EnvelopeSchema.safeParse(body);
  if (!envelope.success) throw new ApiCallError('invalid_output', `${method}: the core's answer is not an {ok, data} envelope`);
  if (!envelope.data.ok) throw new ApiCallError(envelope.data.error.code, envelope.data.error.message);
  const output = API[method].output.safeParse(envelope.data.data);
  if (!output.success) {
    const first = output.error.issues[0];
    const where = first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : '';
    throw new ApiCallError('invalid_output', `${method}: the core's answer does not match the contract${where}`);
  }
  return output.data as ApiOutput<M>;
}

/** A pushed event, or null (logged) when it does not parse. */
export function parseEvent(raw: unknown): ApiEvent | null {
  const event = ApiEventSchema.safeParse(raw);
  if (event.success) return event.data;
  console.warn('legwork: ignored an event that does not match the contract', event.error.issues[0]);
  return null;
}

/** The message a view shows for anything a call threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return `${error.message} (${error.code})`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Listeners of one client's events; a listener that throws does not stop the others. */
export class Listeners {
  private readonly set = new Set<(event: ApiEvent) => void>();
  get size(): number {
    return this.set.size;
  }
  add(listener: (event: ApiEvent) => void): () => void {
    this.set.add(listener);
    return () => {
      this.set.delete(listener);
    };
  }
  emit(raw: unknown): void {
    const event = parseEvent(raw);
    if (!event) return;
    for (const listener of [...this.set]) {
      try {
        listener(event);
      } catch (error) {
        console.error('legwork: an event listener failed', error);
      }
    }
  }
}
