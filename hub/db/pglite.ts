// PGlite behind the hub's query interface. One connection: PGlite runs one query at a time, and
// its transaction() holds the others back until it ends.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Sql } from './db.ts';

export async function openPglite(dataDir?: string): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pg = await PGlite.create(dataDir ?? 'memory://');
  const run = (target: Pick<PGlite, 'query'>): Sql['query'] => async (text, params) => (await target.query(text, params ?? [])).rows as never[];
  return {
    engine: 'pglite',
    query: run(pg),
    transaction: (work) => pg.transaction((tx) => work({ query: run(tx) })),
    async listen(channel, handler) {
      const stop = await pg.listen(channel, handler);
      return () => stop();
    },
    close: () => pg.close(),
  };
}
