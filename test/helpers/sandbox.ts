// A real sandbox on free loopback ports, and a small client for its control endpoint.
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox/server.ts';

export async function sandboxForTest(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, ...opts });
}

export async function control<T = any>(sandbox: RunningSandbox, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${sandbox.urls.control}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}
