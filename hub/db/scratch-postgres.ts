// A throw-away PostgreSQL server for the tests and the bench: Debian's postgresql binaries, a
// cluster in a temporary folder, on a free loopback port, run as the `postgres` user when run as
// root (initdb refuses root). Stopped and removed by stop(). Not for keeping data: fsync is off.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface ScratchPostgres {
  /** a postgres:// URL of a fresh database on the server */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** The folder of Debian's postgres binaries, or undefined when the package is not installed. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

export async function startScratchPostgres(): Promise<ScratchPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql): the hub tests and bench need a real server');
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'legwork-pg-'));
  const asPostgres = (cmd: string, args: string[]): [string, string[]] => (root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  const data = path.join(dir, 'data');
  const [initCmd, initArgs] = asPostgres(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  const port = await freePort();
  const pgCtl = (...a: string[]) => {
    const [cmd, args] = asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, ...a]);
    return execFileSync(cmd, args, { stdio: 'pipe', timeout: 120_000 });
  };
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  try {
    pgCtl('-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '120', 'start');
  } catch (e) {
    throw new Error(`postgres did not start: ${(e as { stderr?: Buffer }).stderr?.toString() ?? String(e)}`);
  }
  const base = `postgres://postgres@127.0.0.1:${port}`;
  let n = 0;
  return {
    async newDatabase() {
      const name = `hub_scratch_${process.pid}_${++n}`;
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      return `${base}/${name}`;
    },
    async stop() {
      try {
        pgCtl('-m', 'immediate', '-w', 'stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
