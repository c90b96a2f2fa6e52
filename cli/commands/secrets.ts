// `legwork secrets set SYSTEM --username U` (the password on stdin) and `legwork secrets list`:
// the legacy systems' credentials in LEGWORK_HOME/secrets.enc, encrypted with a passphrase
// (LEGWORK_PASSPHRASE, or typed at a prompt that does not echo in a terminal).
import { legworkHome } from '../../core/home.ts';
import { SYSTEMS } from '../../shared/plan.ts';
import { parseFlags } from '../args.ts';
import { UsageError } from '../usage.ts';
import { openVault } from '../vault.ts';
import { promptHidden } from '../passphrase.ts';

export const SECRETS_USAGE = `  secrets set SYSTEM --username U   keep a system's sign-in in LEGWORK_HOME/secrets.enc, encrypted
                        with a passphrase; in a terminal both are asked for without echo, else the
                        password is read from stdin and the passphrase from LEGWORK_PASSPHRASE
  secrets list          the systems whose sign-in is kept
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function secretsCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const home = legworkHome();
  if (sub === 'list') {
    const systems = await (await openVault(home)).systems();
    process.stdout.write(systems.length ? `${systems.join('\n')}\n` : '');
    return;
  }
  if (sub !== 'set') throw new UsageError('secrets: use `secrets set SYSTEM --username U` or `secrets list`');
  const system = rest[0];
  // a role's name, or the name systems.json's `secret` gives a system's sign-in
  if (!system || !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(system)) throw new UsageError(`secrets set: name one of ${SYSTEMS.join(', ')} (or the \`secret\` name systems.json gives)`);
  const flags = parseFlags(rest.slice(1), { username: { type: 'string' } });
  if (!flags.username?.trim()) throw new UsageError('secrets set: --username is required');
  // the store's passphrase first (LEGWORK_PASSPHRASE, or asked in a terminal), then the password:
  // typed at a prompt that does not echo in a terminal, else read from stdin
  const vault = await openVault(home);
  const password = process.stdin.isTTY ? await promptHidden(`Password for ${flags.username.trim()} on ${system}: `) : await readStdin();
  if (!password) throw new UsageError('secrets set: give the password (typed when asked, or on stdin)');
  await vault.setCredentials(system, { username: flags.username.trim(), password });
  process.stderr.write(`legwork: the sign-in for ${system} is kept, encrypted, in ${home}/secrets.enc\n`);
}
