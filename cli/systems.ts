// `--systems`: a config file, a config's JSON, or the JSON line `legwork sandbox` prints. Without
// it: LEGWORK_HOME/systems.json when there is one, else the sandbox on its default ports.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SYSTEMS } from '../shared/plan.ts';
import { ConfigError, parseSystemsConfig, type SystemsConfig } from '../core/config/systems.ts';
import { DEFAULT_BASE_PORT, DEFAULT_CREDENTIALS } from '../sandbox/server.ts';
import { UsageError } from './usage.ts';

const SandboxLineSchema = z.object({
  helpdesk: z.string(),
  crm: z.string(),
  orders: z.string(),
  billing: z.string(),
  control: z.string().optional(),
});

/** The config of a sandbox whose URLs are known: its demo credentials are public. */
export function sandboxSystems(urls: z.infer<typeof SandboxLineSchema>): SystemsConfig {
  return parseSystemsConfig(
    JSON.stringify({
      systems: Object.fromEntries(SYSTEMS.map((s) => [s, { url: urls[s], ...DEFAULT_CREDENTIALS[s] }])),
      ...(urls.control ? { control: urls.control } : {}),
    }),
    'the sandbox URLs',
  );
}

function fromText(text: string, where: string): SystemsConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const line = SandboxLineSchema.safeParse(json);
  if (line.success) return sandboxSystems(line.data);
  return parseSystemsConfig(text, where);
}

export function systemsFrom(flag: string | undefined, home: string): SystemsConfig {
  try {
    if (flag !== undefined) {
      if (flag.trim().startsWith('{')) return fromText(flag, '--systems');
      if (!existsSync(flag)) throw new UsageError(`--systems: no file ${flag} (give a file, or the JSON line \`legwork sandbox\` prints)`);
      return readSystemsConfigOrLine(flag);
    }
    const file = path.join(home, 'systems.json');
    if (existsSync(file)) return readSystemsConfigOrLine(file);
    const at = (i: number) => `http://127.0.0.1:${DEFAULT_BASE_PORT + i}`;
    return sandboxSystems({ helpdesk: at(0), crm: at(1), orders: at(2), billing: at(3), control: at(4) });
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}

function readSystemsConfigOrLine(file: string): SystemsConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read the systems config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return fromText(text, file);
}
