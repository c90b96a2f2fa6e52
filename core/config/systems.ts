// The legacy systems Legwork works in: where they are and who signs in. Passwords live in the
// secret store (the desktop: the OS keychain; browser mode and the CLI: LEGWORK_HOME/secrets.enc,
// opened with the user's passphrase). Inline passwords are accepted only for the built-in sandbox
// (its demo credentials are public): a config naming the sandbox's control endpoint, all on loopback.
import { z } from 'zod';
import { SYSTEMS, type SystemId } from '../../shared/plan.ts';
import type { Credentials, SecretStore } from '../../automations/runtime/secrets.ts';

const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const SystemEntrySchema = z.strictObject({
  url: HttpUrl,
  username: z.string().min(1),
  /** the password itself: only for the built-in sandbox */
  password: z.string().min(1).optional(),
  /** no longer read: a password in the environment is readable by every process of this user */
  passwordEnv: z.string().optional(),
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
  const sandbox = isSandboxConfig(parsed.data);
  for (const [name, entry] of Object.entries(parsed.data.systems)) {
    const keep = `keep its password in Legwork's secret store: \`legwork secrets set ${name} --username ${entry.username}\``;
    if (entry.passwordEnv) throw new ConfigError(`${where}: systems.${name}.passwordEnv is no longer read (a password in the environment is readable by every process of this user); ${keep}`);
    if (entry.password && !sandbox) throw new ConfigError(`${where}: systems.${name}.password: inline passwords are accepted only for the built-in sandbox; ${keep} and remove it from the file`);
  }
  return parsed.data;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The built-in sandbox: its control endpoint named, every system and the control on loopback. */
export function isSandboxConfig(config: SystemsConfig): boolean {
  const urls = [config.control, ...Object.values(config.systems).map((s) => s.url)];
  return config.control !== undefined && urls.every((u) => u !== undefined && LOOPBACK.has(new URL(u).hostname));
}

/**
 * The credentials of a config's systems: the sandbox's inline demo passwords, else the secret store's
 * (none kept: the runner says so by system when it signs in).
 */
export function secretStoreFor(config: SystemsConfig, vault?: SecretStore): SecretStore {
  const resolve = async (system: string): Promise<Credentials | undefined> => {
    const entry = config.systems[system as SystemId];
    if (!entry) return undefined;
    if (entry.password) return { username: entry.username, password: entry.password };
    const kept = await vault?.credentials(system);
    return kept && { username: kept.username || entry.username, password: kept.password };
  };
  return {
    credentials: resolve,
    secretValues: async () => (await Promise.all(SYSTEMS.map((s) => resolve(s)))).map((c) => c?.password).filter((p): p is string => !!p),
  };
}
