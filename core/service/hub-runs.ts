// QA through the team hub, for a reviewer signed in on it at this desk: every desk's runs their
// team may read, filtered as the panel's filters say; a run opened from its bundle (verified here
// again: chain, head, screenshots), its screenshots kept once by sha256 under LEGWORK_HOME/hub/blobs
// so the panel shows them as it shows this desk's own; a verdict recorded on the hub under the
// reviewer's name.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunQuery, RunSummary } from '../../shared/api.ts';
import { HubRunPageSchema, type HubRun } from '../../shared/hub.ts';
import { TraceBundleSchema } from '../../shared/trace.ts';
import type { ConnectedDesk } from '../hub/desk.ts';
import type { HubPerson } from '../hub/people.ts';
import type { HubAnswer } from '../hub/client.ts';
import { verifyOpenedBundle } from '../trace/bundle.ts';
import { writeFileDurable } from '../trace/durable.ts';
import { ServiceError } from './context.ts';
import { onHub } from './hub-policy.ts';

const SHA = /^[0-9a-f]{64}$/;
export const hubBlobDir = (home: string): string => path.join(home, 'hub', 'blobs');

/** A screenshot of a hub run kept at this desk, or null. */
export async function hubBlob(home: string, hash: string): Promise<Buffer | null> {
  return SHA.test(hash) ? readFile(path.join(hubBlobDir(home), hash)).catch(() => null) : null;
}

const refused = (what: string, a: HubAnswer): ServiceError =>
  new ServiceError(a.status === 404 ? 'not_found' : a.status === 403 ? 'precondition_failed' : a.status === 400 ? 'invalid_input' : 'system_error', `${what}: ${a.error?.message ?? `HTTP ${a.status}`}`);

function summary(r: HubRun): RunSummary {
  return { runId: r.run, desk: r.desk, ticketId: Number(r.ticketId) || 0, agent: r.agent, playbooks: r.playbooks, outcome: r.outcome, startedAt: r.startedAt, durationMs: r.durationMs, verdict: r.verdict };
}

export class HubRuns {
  constructor(
    private readonly hub: ConnectedDesk,
    private readonly home: string,
  ) {}

  async list(person: HubPerson, q: Partial<RunQuery> & { sample?: number; seed?: number }): Promise<RunSummary[]> {
    const params = new URLSearchParams();
    for (const k of ['since', 'until', 'agent', 'playbook', 'outcome', 'verdict'] as const) if (q[k]) params.set(k, String(q[k]));
    if (q.sample !== undefined) params.set('sample', String(q.sample));
    if (q.seed !== undefined) params.set('seed', String(q.seed));
    params.set('limit', String(Math.min(q.limit ?? 200, 500)));
    const a = await onHub(this.hub, () => person.call('GET', `/api/runs?${params}`));
    if (a.status !== 200) throw refused('the hub did not list the runs', a);
    return HubRunPageSchema.parse(a.body).runs.map(summary);
  }

  async open(person: HubPerson, runId: string) {
    const [detail, bundleAnswer] = await onHub(this.hub, () => Promise.all([person.call('GET', `/api/runs/${encodeURIComponent(runId)}`), person.call('GET', `/api/runs/${encodeURIComponent(runId)}/bundle`)]));
    if (detail.status !== 200) throw refused(`the hub did not open run ${runId}`, detail);
    if (bundleAnswer.status !== 200) throw refused(`the hub did not give run ${runId}'s bundle`, bundleAnswer);
    const run = (detail.body as { run: HubRun }).run;
    const bundle = TraceBundleSchema.parse(bundleAnswer.body);
    const blob = (hash: string) => (SHA.test(hash) && Object.hasOwn(bundle.blobs, hash) ? Buffer.from(bundle.blobs[hash]!, 'base64') : undefined);
    const report = await verifyOpenedBundle({ bundle, blob });
    // the screenshots, each kept once and only when its bytes are what its name says
    await mkdir(hubBlobDir(this.home), { recursive: true, mode: 0o700 });
    for (const hash of Object.keys(bundle.blobs)) {
      const bytes = blob(hash);
      if (bytes && createHash('sha256').update(bytes).digest('hex') === hash) await writeFileDurable(path.join(hubBlobDir(this.home), hash), bytes, { mode: 0o600 });
    }
    return {
      summary: summary(run),
      events: bundle.events,
      verified: report.ok,
      problems: report.problems.map((p) => p.message),
    };
  }

  async verdict(person: HubPerson, runId: string, verdict: string, comment: string): Promise<void> {
    const a = await onHub(this.hub, () => person.call('POST', `/api/runs/${encodeURIComponent(runId)}/verdicts`, { verdict, comment }));
    if (a.status !== 201) throw refused('the hub did not record the verdict', a);
  }

  async exportRun(person: HubPerson, runId: string): Promise<{ fileName: string; text: string }> {
    const a = await onHub(this.hub, () => person.call('GET', `/api/runs/${encodeURIComponent(runId)}/bundle`));
    if (a.status !== 200) throw refused(`the hub did not give run ${runId}'s bundle`, a);
    return { fileName: `legwork-run-${runId}.json`, text: `${JSON.stringify(a.body, null, 2)}\n` };
  }
}
