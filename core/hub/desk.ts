// A desk connected to a hub: when this home is enrolled (LEGWORK_HOME/hub/desk.json), its finished
// runs go to the hub in the background — those finished before (or while the hub was away) on
// start, each new one as it finishes — and the team's newest policy is taken from the hub on start
// and every few minutes (installed only when it verifies against the lead key this desk trusts).
// Not enrolled: nothing happens, the desk works on its own.
import type { PolicyStore } from '../policy/store.ts';
import type { TraceStore } from '../trace/store.ts';
import { hubClientFor, type HubClient } from './client.ts';
import { syncPolicy } from './sync.ts';
import { HubUploader } from './uploader.ts';

export const POLICY_SYNC_MS = 5 * 60_000;

export interface ConnectedDesk {
  uploader: HubUploader;
  client: HubClient;
  /** takes the hub's newest policy now; returns what the desk said about it */
  syncPolicy(): Promise<string>;
  close(): Promise<void>;
}

export async function connectDesk(home: string, traces: TraceStore, log: (line: string) => void, policy?: PolicyStore): Promise<ConnectedDesk | null> {
  let client;
  try {
    client = await hubClientFor(home);
  } catch (e) {
    log(`the hub connection in ${home}/hub/desk.json cannot be read (${(e as Error).message}); runs stay on this desk`);
    return null;
  }
  if (!client) return null;
  const uploader = new HubUploader({ home, store: traces, client, log });
  uploader.start();
  await uploader.enqueueFinished();
  log(`runs go to the hub at ${client.hubUrl} as they finish`);
  let last = '';
  const sync = async (): Promise<string> => {
    if (!policy) return 'no policy store';
    const said = await syncPolicy(client, policy).then(
      (r) => (r.ok ? `policy "${r.data.policy.name}" from the hub is in force` : `the hub's policy is not taken: ${r.error.message}`),
      (e: unknown) => `the hub cannot be reached for the policy: ${(e as Error).message}`,
    );
    if (said !== last) log(said);
    last = said;
    return said;
  };
  const timer = policy ? setInterval(() => void sync(), POLICY_SYNC_MS) : undefined;
  timer?.unref();
  if (policy) await sync();
  return {
    uploader,
    client,
    syncPolicy: sync,
    async close() {
      if (timer) clearInterval(timer);
      await uploader.stop();
    },
  };
}
