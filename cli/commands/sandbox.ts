// `legwork sandbox`: the four legacy systems until SIGINT/SIGTERM.
import { startSandbox, DEFAULT_BASE_PORT } from '../../sandbox/server.ts';
import { parseFaultSpec } from '../../sandbox/web/faults.ts';
import { parseFlags, portFlag } from '../args.ts';
import { UsageError } from '../usage.ts';

export async function sandboxCommand(args: string[]): Promise<void> {
  const flags = parseFlags(args, { port: { type: 'string' }, host: { type: 'string' }, faults: { type: 'string' } });
  let faults;
  try {
    faults = flags.faults === undefined ? undefined : parseFaultSpec(flags.faults);
  } catch (e) {
    throw new UsageError(`--faults: ${(e as Error).message}`);
  }
  const sandbox = await startSandbox({ port: portFlag(flags.port, DEFAULT_BASE_PORT), host: flags.host ?? '127.0.0.1', faults });
  process.stdout.write(`${JSON.stringify(sandbox.urls)}\n`);
  const lines = (['helpdesk', 'crm', 'orders', 'billing'] as const).map(
    (s) => `  ${s.padEnd(9)} ${sandbox.urls[s].padEnd(24)} sign in as ${sandbox.credentials[s].username} / ${sandbox.credentials[s].password}`,
  );
  process.stderr.write(`\nLegwork sandbox is running (Ctrl+C to stop):\n${lines.join('\n')}\n  control   ${sandbox.urls.control} (tests and measuring only)\n\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stderr.write(`legwork: ${signal}, stopping the sandbox\n`);
      sandbox.close().then(resolve, resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
