// The real runtime against a real sandbox: Chromium, the runner, evidence in a temp folder.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserHost } from '../../automations/runtime/browser-host.ts';
import { ActionRunner, type RunnerOptions } from '../../automations/runtime/runner.ts';
import { EvidenceStore } from '../../automations/runtime/evidence.ts';
import { MemorySecretStore } from '../../automations/runtime/secrets.ts';
import type { SystemConnector } from '../../automations/runtime/action.ts';
import { helpdesk } from '../../automations/systems/helpdesk/actions.ts';
import { orders } from '../../automations/systems/orders/actions.ts';
import { crm } from '../../automations/systems/crm/actions.ts';
import { billing } from '../../automations/systems/billing/actions.ts';
import { legacyWebConnector } from '../../automations/systems/common/legacy-web.ts';
import type { RunningSandbox } from '../../sandbox/server.ts';

export const CONNECTORS: Record<string, SystemConnector> = {
  helpdesk,
  crm,
  orders,
  billing,
};

export interface Harness {
  host: BrowserHost;
  runner: ActionRunner;
  evidenceDir: string;
  close(): Promise<void>;
}

export async function automationHarness(sandbox: RunningSandbox, opts: Partial<RunnerOptions> = {}): Promise<Harness> {
  const host = await BrowserHost.launch({ headless: true });
  const evidenceDir = mkdtempSync(path.join(os.tmpdir(), 'legwork-evidence-'));
  const systems = Object.fromEntries(Object.entries(CONNECTORS).map(([name, connector]) => [name, { connector, baseUrl: sandbox.urls[name as keyof typeof sandbox.urls] }]));
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
