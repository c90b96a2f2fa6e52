// Starts the hub: opens the database (PGlite in a data folder, or a PostgreSQL server), brings its
// schema up to date, and serves the API. Stateless apart from the database: several hubs may share
// one PostgreSQL (approval events reach every hub's leads through LISTEN/NOTIFY).
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { openDb, type Db, type DbOptions } from './db/db.ts';
import { migrate } from './db/migrations.ts';
import { hubApp, type HubAppOptions } from './app.ts';
import { relayApprovals } from './approvals.ts';

export interface HubServer {
  url: string;
  port: number;
  db: Db;
  close(): Promise<void>;
}

export interface StartHubOptions extends DbOptions, Omit<HubAppOptions, 'db'> {
  port?: number;
  host?: string;
  /** use this open database instead of opening one (tests) */
  db?: Db;
}

export async function startHub(opts: StartHubOptions = {}): Promise<HubServer> {
  const db = opts.db ?? (await openDb(opts));
  await migrate(db);
  const { app, feed } = hubApp({ ...opts, db });
  const unlisten = await relayApprovals(db, feed);
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: opts.port ?? 0 }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    db,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await unlisten();
      if (!opts.db) await db.close();
    },
  };
}
