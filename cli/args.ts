// Flag parsing on node's util.parseArgs, with errors a person can act on.
import { parseArgs } from 'node:util';
import { UsageError } from './usage.ts';

type FlagSpec = Record<string, { type: 'string' } | { type: 'boolean' }>;
type FlagValues<O extends FlagSpec> = { [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : string };

export function parseFlags<O extends FlagSpec>(args: string[], options: O): FlagValues<O> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as FlagValues<O>;
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
