// Test-only entry: `legwork start …` as its own process, until cli/main.ts registers startCommand.
import { startCommand } from '../../cli/commands/start.ts';
import { UsageError } from '../../cli/usage.ts';

startCommand(process.argv.slice(2)).then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`legwork: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
