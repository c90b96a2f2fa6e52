// The hub's schema, as numbered migrations. Each runs once, in its own transaction, recorded in
// schema_migrations; several hubs starting at once on one database take turns (an advisory lock).
// The same SQL runs on PGlite and on a PostgreSQL server. Never edit a released migration: add one.
import type { Db } from './db.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'people, desks, runs, blobs, reviews, policies, approvals',
    sql: `
CREATE TABLE users (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('agent', 'lead', 'qa', 'admin')),
  team text NOT NULL,
  password_hash text NOT NULL,
  public_key text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE TABLE desks (
  id serial PRIMARY KEY,
  name text NOT NULL,
  user_id int NOT NULL REFERENCES users(id),
  public_key text NOT NULL UNIQUE,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz,
  policy_key_id text,
  policy_name text,
  policy_issued_at text,
  policy_reported_at timestamptz
);
CREATE TABLE enrollments (
  code_hash text PRIMARY KEY,
  user_id int NOT NULL REFERENCES users(id),
  desk_name text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  desk_id int REFERENCES desks(id)
);
CREATE TABLE desk_nonces (
  desk_id int NOT NULL REFERENCES desks(id) ON DELETE CASCADE,
  nonce text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (desk_id, nonce)
);
CREATE TABLE blobs (
  sha256 text PRIMARY KEY,
  size int NOT NULL,
  bytes bytea NOT NULL
);
CREATE TABLE runs (
  run_id text PRIMARY KEY,
  head_hash text NOT NULL,
  head text NOT NULL,
  public_key text NOT NULL,
  desk_id int NOT NULL REFERENCES desks(id),
  user_id int NOT NULL REFERENCES users(id),
  team text NOT NULL,
  agent text NOT NULL,
  ticket_id text,
  playbooks text[] NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  duration_ms bigint,
  outcome text,
  writes int NOT NULL,
  auto_writes int NOT NULL,
  heals int NOT NULL,
  errors int NOT NULL,
  escalated boolean NOT NULL,
  event_count int NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  verdict text,
  verdict_at timestamptz
);
CREATE INDEX runs_started ON runs (started_at DESC, run_id DESC);
CREATE INDEX runs_team_started ON runs (team, started_at DESC, run_id DESC);
CREATE INDEX runs_agent_started ON runs (agent, started_at DESC, run_id DESC);
CREATE INDEX runs_outcome_started ON runs (outcome, started_at DESC, run_id DESC);
CREATE INDEX runs_verdict_started ON runs (verdict, started_at DESC, run_id DESC);
CREATE INDEX runs_playbooks ON runs USING gin (playbooks);
-- an event as the desk wrote it (its text is what the hash chain covers)
CREATE TABLE events (
  run_id text NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
  seq int NOT NULL,
  body text NOT NULL,
  PRIMARY KEY (run_id, seq)
);
CREATE TABLE run_blobs (
  run_id text NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
  sha256 text NOT NULL REFERENCES blobs(sha256),
  PRIMARY KEY (run_id, sha256)
);
CREATE TABLE reviews (
  id serial PRIMARY KEY,
  run_id text NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
  verdict text NOT NULL,
  comment text NOT NULL,
  reviewer_id int NOT NULL REFERENCES users(id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reviews_run ON reviews (run_id, at);
CREATE TABLE rejections (
  id serial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  desk_id int REFERENCES desks(id),
  run_id text,
  reason text NOT NULL,
  problems jsonb NOT NULL
);
CREATE TABLE policies (
  id serial PRIMARY KEY,
  name text NOT NULL,
  key_id text NOT NULL,
  issued_at timestamptz NOT NULL,
  file text NOT NULL,
  published_by int NOT NULL REFERENCES users(id),
  published_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX policies_issued ON policies (issued_at);
CREATE TABLE approvals (
  id text PRIMARY KEY,
  desk_id int NOT NULL REFERENCES desks(id),
  requested_by int NOT NULL REFERENCES users(id),
  team text NOT NULL,
  ticket_id text NOT NULL,
  subject text NOT NULL,
  plan_hash text NOT NULL,
  plan jsonb NOT NULL,
  why text NOT NULL,
  steps jsonb NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  decided_by int REFERENCES users(id),
  decision text
);
CREATE INDEX approvals_status ON approvals (status, requested_at DESC);
`,
  },
  {
    version: 2,
    name: 'QA filter by desk reads an index in order',
    sql: `CREATE INDEX runs_desk_started ON runs (desk_id, started_at DESC, run_id DESC);`,
  },
];

/** Brings the schema up to date; returns the versions it applied. */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7314150)');
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}

/** A migration's statements (extended-protocol queries take one statement each). */
function splitStatements(sql: string): string[] {
  return sql
    .replace(/--.*$/gm, '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
