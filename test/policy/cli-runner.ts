// Runs `policyCommand` as cli/main.ts does (usage errors exit 2, other errors 1), for the CLI
// tests while `policy` is not yet registered in cli/main.ts.
import { policyCommand } from '../../cli/commands/policy.ts';
import { UsageError } from '../../cli/usage.ts';

policyCommand(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`legwork: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
