// A scripted stand-in for Legwork's core in component tests: it implements the ApiClient
// interface, checks every input and answer against the contract's schemas (as the real core and
// transports do), records the calls, and pushes events on demand.
import { act } from '@testing-library/react';
import { API, type ApiClient, type ApiEvent, type ApiInput, type ApiMethod, type ApiOutput } from '../../shared/api.ts';
import { ApiCallError } from '../../renderer/src/api/envelope.ts';

export type Script = { [M in ApiMethod]?: (input: ScriptInput<M>) => ApiOutput<M> | Promise<ApiOutput<M>> };
type ScriptInput<M extends ApiMethod> = ApiInput<M> & Record<string, unknown>;

export interface RecordedCall {
  method: ApiMethod;
  input: Record<string, unknown>;
}

export class FakeCore implements ApiClient {
  readonly calls: RecordedCall[] = [];
  private readonly listeners = new Set<(event: ApiEvent) => void>();

  constructor(private readonly script: Script) {}

  async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
    const parsed = API[method].input.safeParse(input);
    if (!parsed.success) throw new ApiCallError('invalid_input', `${method}: ${parsed.error.issues[0]?.message}`);
    this.calls.push({ method, input: parsed.data as Record<string, unknown> });
    const answer = this.script[method] as ((input: unknown) => unknown) | undefined;
    if (!answer) throw new ApiCallError('internal', `the fake core has no answer scripted for ${method}`);
    return API[method].output.parse(await answer(parsed.data)) as ApiOutput<M>;
  }

  on(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  blobUrl(hash: string): string {
    return `https://blobs.test/${hash}`;
  }

  /** pushes an event to the panel, as the core does */
  emit(event: ApiEvent): void {
    act(() => {
      for (const listener of this.listeners) listener(event);
    });
  }

  callsOf(method: ApiMethod): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input);
  }
}

/** a promise the test resolves when it chooses */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
