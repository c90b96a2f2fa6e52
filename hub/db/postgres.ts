// A PostgreSQL server behind the hub's query interface: a pool; a transaction holds one client.
import pg from 'pg';
import type { Db, Sql } from './db.ts';

export async function openPostgres(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  // fail at start, with the server's own words, rather than at the first request
  await pool.query('SELECT 1');
  const run = (target: pg.Pool | pg.PoolClient): Sql['query'] => async (text, params) => (await target.query(text, params ?? [])).rows;
  return {
    engine: 'postgres',
    query: run(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await work({ query: run(client) });
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async listen(channel, handler) {
      // one connection of its own, kept: a pooled one would be handed to other queries. Lost, it
      // is opened again (notifications sent meanwhile are missed; lists are read from the tables).
      let client: pg.Client | undefined;
      let stopped = false;
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: url });
        c.on('notification', (m) => m.channel === channel && m.payload !== undefined && handler(m.payload));
        c.on('error', () => {
          if (!stopped) setTimeout(() => void connect().catch(() => undefined), 1000).unref();
        });
        await c.connect();
        await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        client = c;
      };
      await connect();
      return async () => {
        stopped = true;
        await client?.end().catch(() => undefined);
      };
    },
    close: () => pool.end(),
  };
}
