// Test-only entry: `legwork trace …` as its own process, exit codes as cli/main.ts maps them
// (main.ts itself registers the command; this lets the tests run it before and without that).
import { traceCommand } from '../../cli/commands/trace.ts';
import { UsageError } from '../../cli/usage.ts';

traceCommand(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError) {
    process.stderr.write(`legwork: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`legwork: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
