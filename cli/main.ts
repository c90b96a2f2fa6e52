// Composition root of the `legwork` command: picks the subcommand, maps usage errors to exit 2.
import { UsageError, usage } from './usage.ts';
import { sandboxCommand } from './commands/sandbox.ts';
import { startCommand } from './commands/start.ts';
import { benchCommand } from './commands/bench.ts';
import { policyCommand } from './commands/policy.ts';
import { playbooksCommand } from './commands/playbooks.ts';
import { evalCommand } from './commands/eval.ts';
import { resolveCommand } from './commands/resolve.ts';
import { recoverCommand } from './commands/recover.ts';
import { traceCommand } from './commands/trace.ts';
import { secretsCommand } from './commands/secrets.ts';
import { approverCommand } from './commands/approver.ts';
import { connectorCommand } from './commands/connector.ts';
import { hubCommand } from './commands/hub.ts';

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  sandbox: sandboxCommand,
  start: startCommand,
  bench: benchCommand,
  policy: policyCommand,
  playbooks: playbooksCommand,
  eval: evalCommand,
  resolve: resolveCommand,
  recover: recoverCommand,
  trace: traceCommand,
  secrets: secretsCommand,
  approver: approverCommand,
  connector: connectorCommand,
  hub: hubCommand,
};

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  await command(rest);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError) {
    process.stderr.write(`legwork: ${e.message}\n\n${usage()}`);
    process.exit(2);
  }
  process.stderr.write(`legwork: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
