// QA and the team lead's numbers: runs listed or sampled, one run's events with its verification,
// a verdict (the reviewer is who is signed in), a run's export bundle, metrics.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunQuery, RunSummary as ApiRunSummary } from '../../shared/api.ts';
import type { RunListing, RunSummary, TraceQuery } from '../../shared/trace.ts';
import type { ApiHandlers } from '../api/handlers.ts';
import { summarizeRun } from '../trace/summary.ts';
import { unwrap, type ServiceContext } from './context.ts';
import { HubRuns } from './hub-runs.ts';
import type { PanelPeople } from './people.ts';

export function traceHandlers({ legwork }: ServiceContext, people: PanelPeople): Pick<ApiHandlers, 'runs.list' | 'runs.sample' | 'runs.open' | 'runs.verdict' | 'runs.export' | 'metrics.get'> {
  const traces = legwork.traces;
  /** with a session from hub.signIn: the team hub's runs, as that person may read them */
  const onHub = (session: string | undefined) => {
    if (session === undefined || !people.hub) return null;
    return { runs: new HubRuns(people.hub, legwork.home), person: unwrap(people.hub.people.who(session)) };
  };
  return {
    async 'runs.list'({ session, ...query }) {
      const hub = onHub(session);
      if (hub) return hub.runs.list(hub.person, query);
      return unwrap(await traces.listRuns(traceQuery(query))).map(runSummary);
    },
    async 'runs.sample'({ share, seed, session }) {
      const hub = onHub(session);
      if (hub) return hub.runs.list(hub.person, { sample: share, seed });
      return unwrap(await traces.sampleForQa({}, { share, seed: String(seed) })).map(runSummary);
    },
    async 'runs.open'({ runId, session }) {
      const hub = onHub(session);
      if (hub) return hub.runs.open(hub.person, runId);
      const record = unwrap(await traces.readRun(runId));
      const report = await traces.verifyRun(runId);
      const verdict = (await traces.reviews.of(runId)).at(-1)?.verdict ?? null;
      return {
        summary: runSummary({ ...summarizeRun(runId, record.events), verdict }),
        events: record.events,
        verified: report.ok,
        problems: report.problems.map((p) => p.message),
      };
    },
    async 'runs.verdict'({ runId, verdict, comment, session }) {
      const hub = onHub(session);
      if (hub) {
        await hub.runs.verdict(hub.person, runId, verdict, comment);
        return { ok: true as const };
      }
      unwrap(await traces.setVerdict(runId, { verdict, comment, reviewer: legwork.agent }));
      return { ok: true as const };
    },
    async 'runs.export'({ runId, session }) {
      const hub = onHub(session);
      if (hub) return hub.runs.exportRun(hub.person, runId);
      const dir = await mkdtemp(path.join(os.tmpdir(), 'legwork-export-'));
      try {
        const fileName = `legwork-run-${runId}.json`;
        unwrap(await traces.exportRun(runId, path.join(dir, fileName)));
        return { fileName, text: await readFile(path.join(dir, fileName), 'utf8') };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async 'metrics.get'(query) {
      // minutes by hand: the installed playbook set's baselines
      const baselines = (await legwork.playbooks.load()).inForce.playbooks.baselines();
      return unwrap(await traces.metrics(traceQuery(query), baselines)).map((row) => ({ ...row }));
    },
  };
}

/** The API's run query as the trace store's (empty fields are no filter). */
function traceQuery(q: Partial<RunQuery>): TraceQuery {
  return {
    ...(q.since ? { since: q.since } : {}),
    ...(q.until ? { until: q.until } : {}),
    ...(q.agent ? { agent: q.agent } : {}),
    ...(q.playbook ? { playbook: q.playbook } : {}),
    ...(q.outcome ? { outcome: q.outcome as TraceQuery['outcome'] } : {}),
    ...(q.verdict ? { verdict: q.verdict as TraceQuery['verdict'] } : {}),
    ...(q.limit ? { limit: q.limit } : {}),
  };
}

function runSummary(r: RunSummary & { verdict: RunListing['verdict'] }): ApiRunSummary {
  const ticketId = typeof r.ticketId === 'number' ? r.ticketId : Number.parseInt(String(r.ticketId ?? ''), 10);
  return {
    runId: r.run,
    ticketId: Number.isFinite(ticketId) ? ticketId : 0,
    agent: r.agent,
    playbooks: r.playbooks,
    outcome: r.outcome,
    startedAt: r.startedAt,
    durationMs: r.durationMs,
    verdict: r.verdict,
  };
}
