// The core as one service: what both shells (Electron, browser mode) start. One Legwork over the
// configured systems, the settings (planner, LLM, agent), and the contract's handlers over them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApiService, ServiceOptions } from './api/handlers.ts';
import { parseSystemsConfig, type SystemsConfig } from './config/systems.ts';
import { Legwork, type LegworkOptions } from './legwork.ts';
import { SettingsStore } from './settings.ts';
import { signedInAgent } from './identity.ts';
import type { LeadSigningKey } from './policy/lead-key.ts';
import { createHandlers, EventHub, plannerFor } from './service/index.ts';
import { hubBlob } from './service/hub-runs.ts';

/** for the desktop shell: the automations' DevTools pipe */
export { pipeTransport, type CdpTransport } from '../automations/runtime/cdp-pipe.ts';

export interface LegworkServiceOptions extends ServiceOptions {
  /** the legacy systems; default LEGWORK_HOME/systems.json */
  systems?: SystemsConfig;
  /** who works here; default who is signed in to this machine (never a setting) */
  agent?: string;
  /** the browser the automations drive, when Legwork launches it (no cdpTransport): default headless */
  headless?: boolean;
  /** plans a ticket; default the planner the settings choose (tests put a scripted planner here) */
  planner?: LegworkOptions['planner'];
  /** where notices go (a malformed settings file, a run recovered after a crash); default stderr */
  notice?: (line: string) => void;
  /** where the lead's policy signing key is kept; default a passphrase-protected file (the desktop passes the OS keychain) */
  signingKey?: LeadSigningKey;
}

export type LegworkService = ApiService & { legwork: Legwork; close(): Promise<void> };

export async function createLegworkService(opts: LegworkServiceOptions): Promise<LegworkService> {
  const notice = opts.notice ?? ((line: string) => process.stderr.write(`legwork: ${line}\n`));
  const agent = opts.agent ?? signedInAgent();
  const settings = new SettingsStore(opts.home, opts.secrets, agent);
  await settings.load();
  if (settings.problem) notice(settings.problem);
  const systems = opts.systems ?? (await systemsOfHome(opts.home));
  const legwork = await Legwork.open({
    home: opts.home,
    systems,
    agent,
    browser: opts.cdpTransport ? { cdp: opts.cdpTransport } : { headless: opts.headless ?? true },
    planner: opts.planner ?? plannerFor(settings),
    ...(opts.secrets ? { secrets: opts.secrets } : {}),
    notice,
  });
  const events = new EventHub();
  // runs a crash left open are finished or handed over, as the executor decides
  legwork.recover().then(
    (recovered) => recovered.forEach((r) => notice(`run ${r.runId}, left open by an earlier session, ended: ${r.outcome}`)),
    (e: unknown) => notice(`runs left open could not be recovered: ${e instanceof Error ? e.message : String(e)}`),
  );
  return {
    legwork,
    handlers: createHandlers({ legwork, settings, events, ...(opts.signingKey ? { signingKey: opts.signingKey } : {}) }),
    events: { on: (listener) => events.on(listener) },
    async blob(hash) {
      if (!/^[0-9a-f]{64}$/.test(hash)) return null;
      const stored = await legwork.traces.getBlob(hash);
      if (stored) return stored;
      // a screenshot of a read, or of a run whose copy into the trace failed: the runner's evidence
      const evidence = await readFile(path.join(opts.home, 'evidence', 'blobs', `${hash}.png`)).catch(() => null);
      // else one of a run QA opened from the team hub
      return evidence ?? hubBlob(opts.home, hash);
    },
    close: () => legwork.close(),
  };
}

async function systemsOfHome(home: string): Promise<SystemsConfig> {
  const file = path.join(home, 'systems.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`no legacy systems are configured: write ${file} (see examples/) or start with \`legwork start\`, which runs the sandbox`);
  }
  return parseSystemsConfig(text, file);
}
