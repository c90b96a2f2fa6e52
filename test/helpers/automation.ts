// The real runtime against a real sandbox: Chromium, the runner, evidence in a temp folder.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserHost } from '../../automations/runtime/browser-host.ts';
import { ActionRunner, type RunnerOptions } from '../../automations/runtime/runner.ts';
import { EvidenceStore } from '../../automations/runtime/evidence.ts';
import { MemorySecretStore } from '../../automations/runtime/secrets.ts';
import { connectors } from '../../automations/systems/index.ts';
import { sandboxSuite } from './sandbox.ts';
import type { RunningSandbox } from '../../sandbox/server.ts';

export interface Harness {
  host: BrowserHost;
  runner: ActionRunner;
  evidenceDir: string;
  close(): Promise<void>;
}

export async function automationHarness(sandbox: RunningSandbox, opts: Partial<RunnerOptions> = {}): Promise<Harness> {
  const host = await BrowserHost.launch({ headless: true });
  const evidenceDir = mkdtempSync(path.join(os.tmpdir(), 'legwork-evidence-'));
  const systems = Object.fromEntries(Object.entries(connectors).map(([name, connector]) => [name, { connector, baseUrl: sandbox.urls[name as keyof typeof sandbox.urls] }]));
  const runner = new ActionRunner({
    host,
    secrets: new MemorySecretStore(sandbox.credentials),
    systems,
    evidence: new EvidenceStore(evidenceDir),
    timeoutMs: 8_000,
    ...opts,
  });
  return { host, runner, evidenceDir, close: () => host.close() };
}

/**
 * A test file's lifecycle: one sandbox and one harness for the file, the sandbox reset and its
 * faults cleared before each test. `ready` receives them once they exist.
 */
export function automationSuite(ready: (sandbox: RunningSandbox, harness: Harness) => void, opts: Partial<RunnerOptions> = {}): void {
  let harness: Harness | undefined;
  sandboxSuite(
    async (sandbox) => {
      harness = await automationHarness(sandbox, opts);
      ready(sandbox, harness);
    },
    async () => {
      await harness?.close();
    },
  );
}
