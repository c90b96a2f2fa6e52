// The one query interface the hub's SQL goes through, with two engines behind it: PGlite (the
// Postgres engine in WASM, a data folder, the default) and a PostgreSQL server (`pg`). The SQL is
// the same on both; values come back normalised (bytea as Buffer, counts cast to int in the SQL).
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Sql {
  readonly engine: 'pglite' | 'postgres';
  /** runs `work` in one transaction: everything it wrote is kept, or (on a throw) nothing */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /** calls `handler` with each NOTIFY payload on `channel` (from any process on this database); returns how to stop */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** a postgres:// URL; without it PGlite */
  database?: string;
  /** PGlite's data folder; without it (and without a URL) an in-memory database */
  dataDir?: string;
}

export async function openDb(opts: DbOptions): Promise<Db> {
  if (opts.database) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(opts.database);
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite(opts.dataDir);
}

/** bytea as a Buffer, whichever engine read it */
export function bytes(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new Error('not a bytea value');
}
