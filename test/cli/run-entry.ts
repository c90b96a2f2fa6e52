// Test-only entry: `legwork resolve|recover …` as its own process, exit codes as cli/main.ts maps
// them (usage errors 2, other errors 1), until main.ts registers the two commands.
import { resolveCommand } from '../../cli/commands/resolve.ts';
import { recoverCommand } from '../../cli/commands/recover.ts';
import { UsageError } from '../../cli/usage.ts';

const [name, ...args] = process.argv.slice(2);
const command = name === 'resolve' ? resolveCommand : name === 'recover' ? recoverCommand : undefined;
if (!command) {
  process.stderr.write(`legwork: unknown command "${name}"\n`);
  process.exit(2);
}
command(args).catch((e: unknown) => {
  process.stderr.write(`legwork: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
