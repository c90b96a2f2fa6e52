// A desk connected to a hub: when this home is enrolled (LEGWORK_HOME/hub/desk.json), its finished
// runs go to the hub in the background — those finished before (or while the hub was away) on
// start, each new one as it finishes. Not enrolled: nothing happens, the desk works on its own.
import type { TraceStore } from '../trace/store.ts';
import { hubClientFor } from './client.ts';
import { HubUploader } from './uploader.ts';

export async function connectDesk(home: string, traces: TraceStore, log: (line: string) => void): Promise<HubUploader | null> {
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
  return uploader;
}
