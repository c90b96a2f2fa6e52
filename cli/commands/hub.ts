// `legwork hub`: the team's server, and the commands around it — an admin adds people and makes
// enrollment codes (straight in the hub's database), a desk enrolls and sends its finished runs.
import path from 'node:path';
import { startHub } from '../../hub/server.ts';
import { openDb, type Db } from '../../hub/db/db.ts';
import { migrate } from '../../hub/db/migrations.ts';
import { addUser, setUserKey } from '../../hub/people.ts';
import { createEnrollment } from '../../hub/desks.ts';
import { enrollDesk, hubClientFor } from '../../core/hub/client.ts';
import { HubUploader } from '../../core/hub/uploader.ts';
import { TraceStore } from '../../core/trace/store.ts';
import { legworkHome } from '../../core/home.ts';
import { RoleSchema } from '../../shared/hub.ts';
import { readFile } from 'node:fs/promises';
import { parseFlags, portFlag } from '../args.ts';
import { UsageError } from '../usage.ts';

export const HUB_USAGE = `  hub [--port N] [--host H] [--data DIR | --database postgres://…] [--max-upload MB]
                        serve Legwork Hub (default port 7400; PGlite in DIR, default
                        LEGWORK_HOME/hub-data, or a PostgreSQL server)
  hub user add NAME --role agent|lead|qa|admin [--team T] [--data DIR | --database URL]
                        add a person (password read from stdin)
  hub user key NAME --key PUBLIC.pem [--data DIR | --database URL]
                        register a lead's ed25519 key (policies and approvals are signed with it)
  hub code USER --desk NAME [--data DIR | --database URL]
                        a one-time code that enrolls USER's desk NAME
  hub enroll --hub URL --code CODE
                        enroll this desk (LEGWORK_HOME) with the hub
  hub upload            queue this desk's finished runs and send them to the hub once
`;

const DB_FLAGS = { data: { type: 'string' }, database: { type: 'string' } } as const;

function dbOptions(flags: { data?: string; database?: string }): { dataDir?: string; database?: string } {
  if (flags.data && flags.database) throw new UsageError('give --data or --database, not both');
  return flags.database ? { database: flags.database } : { dataDir: path.resolve(flags.data ?? path.join(legworkHome(), 'hub-data')) };
}

async function withDb<T>(flags: { data?: string; database?: string }, work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(dbOptions(flags));
  try {
    await migrate(db);
    return await work(db);
  } finally {
    await db.close();
  }
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

export async function hubCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const out = (t: string) => void process.stdout.write(t);
  if (sub === 'user' && rest[0] === 'add' && rest[1]) {
    const flags = parseFlags(rest.slice(2), { ...DB_FLAGS, role: { type: 'string' }, team: { type: 'string' } });
    const role = RoleSchema.safeParse(flags.role);
    if (!role.success) throw new UsageError('--role must be agent, lead, qa or admin');
    const password = await readStdin();
    const user = await withDb(flags, (db) => addUser(db, { name: rest[1]!, role: role.data, team: flags.team ?? 'default', password }));
    return out(`added ${user.name} (${user.role}, team ${user.team})\n`);
  }
  if (sub === 'user' && rest[0] === 'key' && rest[1]) {
    const flags = parseFlags(rest.slice(2), { ...DB_FLAGS, key: { type: 'string' } });
    if (!flags.key) throw new UsageError('--key PUBLIC.pem is required');
    const pem = await readFile(flags.key, 'utf8');
    await withDb(flags, (db) => setUserKey(db, rest[1]!, pem));
    return out(`${rest[1]}'s key is registered\n`);
  }
  if (sub === 'code' && rest[0]) {
    const flags = parseFlags(rest.slice(1), { ...DB_FLAGS, desk: { type: 'string' } });
    if (!flags.desk) throw new UsageError('--desk NAME is required');
    const code = await withDb(flags, (db) => createEnrollment(db, rest[0]!, flags.desk!));
    return out(`${code.code}\n(enrolls ${code.user}'s desk ${code.desk}; once, until ${code.expiresAt})\n`);
  }
  if (sub === 'enroll') {
    const flags = parseFlags(rest, { hub: { type: 'string' }, code: { type: 'string' } });
    if (!flags.hub || !flags.code) throw new UsageError('usage: legwork hub enroll --hub URL --code CODE');
    const enrolled = await enrollDesk(legworkHome(), flags.hub, flags.code);
    return out(`this desk is ${enrolled.desk} (desk ${enrolled.deskId}) of ${enrolled.user.name}, team ${enrolled.user.team}\n`);
  }
  if (sub === 'upload') {
    parseFlags(rest, {});
    const home = legworkHome();
    const client = await hubClientFor(home);
    if (!client) throw new Error('this desk is not enrolled: legwork hub enroll --hub URL --code CODE');
    const uploader = new HubUploader({ home, store: TraceStore.forHome(home), client, log: (l) => process.stderr.write(`${l}\n`) });
    await uploader.enqueueFinished();
    const r = await uploader.drain();
    return out(`sent ${r.sent.length}, the hub had ${r.already.length} already, refused ${r.refused.length}, waiting ${r.waiting.length}\n`);
  }
  if (sub !== undefined && !sub.startsWith('--')) throw new UsageError(`unknown hub command "${sub}"`);
  const flags = parseFlags(args, { ...DB_FLAGS, port: { type: 'string' }, host: { type: 'string' }, 'max-upload': { type: 'string' } });
  const maxMb = flags['max-upload'] === undefined ? undefined : Number(flags['max-upload']);
  if (maxMb !== undefined && !(maxMb > 0)) throw new UsageError('--max-upload is a number of MB');
  const hub = await startHub({ ...dbOptions(flags), port: portFlag(flags.port, 7400), host: flags.host ?? '127.0.0.1', ...(maxMb ? { maxUploadBytes: Math.round(maxMb * 1024 * 1024) } : {}) });
  out(`${JSON.stringify({ url: hub.url, engine: hub.db.engine })}\n`);
  process.stderr.write(`Legwork Hub is running at ${hub.url} on ${hub.db.engine === 'postgres' ? 'PostgreSQL' : 'PGlite'} (Ctrl+C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void hub.close().then(resolve, resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
