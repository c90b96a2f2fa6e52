// A desk connected to a hub: when this home is enrolled (LEGWORK_HOME/hub/desk.json), its finished
// runs go to the hub in the background — those finished before (or while the hub was away) on
// start, each new one as it finishes — and the team's newest policy is taken from the hub on start
// and every few minutes (installed only when it verifies against the lead key this desk trusts).
// Not enrolled: nothing happens, the desk works on its own.
import type { PolicyStore } from '../policy/store.ts';
import type { TraceStore } from '../trace/store.ts';
import { hubClientFor, readDeskFile, type HubClient } from './client.ts';
import { HubPeople } from './people.ts';
import { syncPolicy } from './sync.ts';
import { HubUploader } from './uploader.ts';

export const POLICY_SYNC_MS = 5 * 60_000;

export interface ConnectedDesk {
  uploader: HubUploader;
  client: HubClient;
  /** the desk's enrolment: its name on the hub and its person */
  desk: { name: string; user: string };
  /** people of the team signed in on the hub through this desk (a lead, a QA reviewer) */
  people: HubPeople;
  /** takes the hub's newest policy now; returns what the desk said about it (after `waitMs` it stops waiting: the sync goes on) */
  syncPolicy(waitMs?: number): Promise<string>;
  /** where the desk's notices go */
  log: (line: string) => void;
  /** something to stop when the desk closes */
  onClose(closable: { stop(): void }): void;
  close(): Promise<void>;
}

export async function connectDesk(home: string, traces: TraceStore, log: (line: string) => void, policy?: PolicyStore): Promise<ConnectedDesk | null> {
  let client;
  let desk;
  try {
    client = await hubClientFor(home);
    desk = client && (await readDeskFile(home));
  } catch (e) {
    log(`the hub connection in ${home}/hub/desk.json cannot be read (${(e as Error).message}); runs stay on this desk`);
    return null;
  }
  if (!client || !desk) return null;
  const people = new HubPeople(client.hubUrl);
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
  const closables: { stop(): void }[] = [];
  return {
    uploader,
    client,
    log,
    onClose: (c) => void closables.push(c),
    desk: { name: desk.desk, user: desk.user },
    people,
    syncPolicy: (waitMs?: number) =>
      waitMs === undefined ? sync() : Promise.race([sync(), new Promise<string>((r) => setTimeout(() => r('the hub did not answer in time: the policy in force stays'), waitMs).unref())]),
    async close() {
      if (timer) clearInterval(timer);
      people.close();
      for (const c of closables) c.stop();
      await uploader.stop();
    },
  };
}
