// Team metrics in SQL over every desk's runs, per agent, per team or per playbook (a run with
// several playbooks counts, with all its writes, in each).
import { HubMetricsQuerySchema, type HubMetricsRow } from '../shared/hub.ts';
import type { Sql } from './db/db.ts';
import { HubError, parseOr400 } from './errors.ts';
import type { HubUser } from './people.ts';
import { teamScope } from './runs/query.ts';

const KEYS = { agent: 'r.agent', team: 'r.team', playbook: 'pb' } as const;

export async function teamMetrics(db: Sql, user: HubUser, query: unknown): Promise<HubMetricsRow[]> {
  if (user.role === 'agent') throw new HubError(403, 'forbidden', 'team metrics are for leads, QA and admins');
  const q = parseOr400(HubMetricsQuerySchema, query, 'query');
  const from = q.by === 'playbook' ? 'runs r CROSS JOIN LATERAL unnest(r.playbooks) AS pb' : 'runs r';
  const rows = await db.query<{ key: string; runs: number; completed: number; escalated: number; writes: number; auto_writes: number; median: number | null }>(
    `SELECT ${KEYS[q.by]} AS key, count(*)::int AS runs,
       (count(*) FILTER (WHERE r.outcome = 'completed'))::int AS completed,
       (count(*) FILTER (WHERE r.outcome = 'escalated' OR r.escalated))::int AS escalated,
       coalesce(sum(r.writes), 0)::int AS writes, coalesce(sum(r.auto_writes), 0)::int AS auto_writes,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY r.duration_ms) FILTER (WHERE r.outcome IS NOT NULL))::float8 AS median
     FROM ${from}
     WHERE ($1::text IS NULL OR r.team = $1) AND ($2::timestamptz IS NULL OR r.started_at >= $2) AND ($3::timestamptz IS NULL OR r.started_at < $3)
     GROUP BY 1 ORDER BY 1`,
    [teamScope(user), q.since ?? null, q.until ?? null],
  );
  return rows.map((r) => ({ key: r.key, runs: r.runs, completed: r.completed, escalated: r.escalated, writes: r.writes, autoWrites: r.auto_writes, autonomyRate: r.writes ? r.auto_writes / r.writes : null, medianRunMs: r.median }));
}
