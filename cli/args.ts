// Flag parsing on node's util.parseArgs, with errors a person can act on.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage.ts';

export function parseFlags<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^.*?: /, '').split('\n')[0] ?? 'bad arguments');
  }
}

export function portFlag(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535 - 4) throw new UsageError(`--port must be 0 or a port number up to ${65535 - 4}, not "${value}"`);
  return port;
}
