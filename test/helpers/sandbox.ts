// A real sandbox on free loopback ports, and a small client for its control endpoint.
import { afterAll, beforeAll, beforeEach } from 'vitest';
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

/**
 * A test file's lifecycle around one sandbox: started once, reset with its faults cleared before
 * each test, stopped at the end. `ready` receives it (and may start more, which `cleanup` stops first).
 */
export function sandboxSuite(ready: (sandbox: RunningSandbox) => void | Promise<void>, cleanup?: () => Promise<void>): void {
  let sandbox: RunningSandbox | undefined;
  beforeAll(async () => {
    sandbox = await sandboxForTest();
    await ready(sandbox);
  });
  afterAll(async () => {
    await cleanup?.();
    await sandbox?.close();
  });
  beforeEach(async () => {
    await control(sandbox!, 'POST', '/reset');
    await control(sandbox!, 'POST', '/faults', { reset: true });
  });
}
