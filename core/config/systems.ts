// The legacy systems Legwork works in: where they are and where their credentials are kept.
// Credentials never sit in code: a config names an environment variable (or, for a local demo
// such as the sandbox, gives them inline); the desktop shell keeps them in the OS keychain.
import { z } from 'zod';
import { SYSTEMS, type SystemId } from '../../shared/plan.ts';
import type { Credentials, SecretStore } from '../../automations/runtime/secrets.ts';

const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const SystemEntrySchema = z.strictObject({
  url: HttpUrl,
  username: z.string().min(1),
  /** the password itself: only for local demo systems */
  password: z.string().min(1).optional(),
  /** the environment variable that holds the password */
  passwordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name').optional(),
});

export const SystemsConfigSchema = z.strictObject({
  systems: z.strictObject(Object.fromEntries(SYSTEMS.map((s) => [s, SystemEntrySchema])) as Record<SystemId, typeof SystemEntrySchema>),
  /** the sandbox's control endpoint, when the systems are the sandbox (eval and bench use it) */
  control: HttpUrl.optional(),
});
export type SystemsConfig = z.infer<typeof SystemsConfigSchema>;

export class ConfigError extends Error {}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
}

/** Parses a systems config from its JSON text; `where` names it in errors. */
export function parseSystemsConfig(text: string, where: string): SystemsConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${where} is not JSON: ${(e as Error).message}`);
  }
  const parsed = SystemsConfigSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(`${where}: ${issues(parsed.error)}`);
  for (const [name, entry] of Object.entries(parsed.data.systems)) {
    if (!entry.password && !entry.passwordEnv) throw new ConfigError(`${where}: systems.${name} needs passwordEnv (or, for a local demo, password)`);
  }
  return parsed.data;
}

/** The credentials of a config's systems, resolved from the environment when it names a variable. */
export function secretStoreFor(config: SystemsConfig, env: NodeJS.ProcessEnv = process.env): SecretStore {
  const resolve = (system: string): Credentials | undefined => {
    const entry = config.systems[system as SystemId];
    if (!entry) return undefined;
    const password = entry.passwordEnv ? env[entry.passwordEnv] : entry.password;
    return password ? { username: entry.username, password } : undefined;
  };
  return {
    credentials: async (system) => resolve(system),
    secretValues: async () => SYSTEMS.map((s) => resolve(s)?.password).filter((p): p is string => !!p),
  };
}
