// The hub tests' real PostgreSQL server: a throw-away cluster (hub/db/scratch-postgres.ts).
export { startScratchPostgres as startTestPostgres, type ScratchPostgres as TestPostgres } from '../../hub/db/scratch-postgres.ts';
