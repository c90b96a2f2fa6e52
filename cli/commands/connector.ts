// `legwork connector check --systems FILE [--ticket N]`: signs in to every system the file names
// with the connector it names, runs each of their reads, and says what works (exit 1 when anything
// failed). The file may name some roles only: a new helpdesk connector is checked alone.
import { existsSync, readFileSync } from 'node:fs';
import { legworkHome } from '../../core/home.ts';
import { ConfigError, parseSystemsConfig, type PartialSystemsConfig } from '../../core/config/systems.ts';
import { formatCheck, runConnectorCheck } from '../../core/config/check.ts';
import { parseFlags } from '../args.ts';
import { UsageError } from '../usage.ts';
import { openVault } from '../vault.ts';
import { systemsFrom } from '../systems.ts';
import type { CliIo } from './resolve.ts';

export const CONNECTOR_USAGE = `  connector check --systems FILE
                        sign in to each system FILE names with its connector and run every read;
                        report what works (FILE may name some roles only)
      --ticket N        start from this helpdesk ticket (default the queue's first)
      --json            the report as JSON
`;

function partialSystems(flag: string | undefined): PartialSystemsConfig {
  if (flag === undefined) return systemsFrom(undefined, legworkHome());
  const inline = flag.trim().startsWith('{');
  if (!inline && !existsSync(flag)) throw new UsageError(`--systems: no file ${flag}`);
  try {
    return parseSystemsConfig(inline ? flag : readFileSync(flag, 'utf8'), inline ? '--systems' : flag, { partial: true });
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}

export async function connectorCommand(args: string[], io: CliIo = {}): Promise<void> {
  const out = io.out ?? ((t: string) => void process.stdout.write(t));
  const [sub, ...rest] = args;
  if (sub !== 'check') throw new UsageError('connector: use `connector check --systems FILE`');
  const flags = parseFlags(rest, { systems: { type: 'string' }, ticket: { type: 'string' }, json: { type: 'boolean' } });
  if (flags.ticket !== undefined && !/^\d+$/.test(flags.ticket)) throw new UsageError(`--ticket must be a ticket number, not "${flags.ticket}"`);
  const config = partialSystems(flags.systems);
  const needsVault = Object.values(config.systems).some((s) => s && !s.password);
  let report;
  try {
    report = await runConnectorCheck(config, { ...(needsVault ? { secrets: await openVault(legworkHome()) } : {}), ...(flags.ticket ? { ticketId: Number(flags.ticket) } : {}) });
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  out(flags.json ? `${JSON.stringify(report)}\n` : formatCheck(report));
  if (!report.ok) process.exitCode = 1;
}
