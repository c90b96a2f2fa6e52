// The legacy systems Legwork works in, per role (helpdesk, crm, orders, billing): which connector
// fills the role (a built-in name, or a module path — automations/connectors.ts), where the system
// is, who signs in and where that sign-in is kept. Passwords live in the
// secret store (the desktop: the OS keychain; browser mode and the CLI: LEGWORK_HOME/secrets.enc,
// opened with the user's passphrase). Inline passwords are accepted only for the built-in sandbox
// (its demo credentials are public): a config naming the sandbox's control endpoint, all on loopback.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SYSTEMS, type SystemId } from '../../shared/plan.ts';
import type { Credentials, SecretStore } from '../../automations/runtime/secrets.ts';

const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const SystemEntrySchema = z.strictObject({
  /** a built-in connector ("rt", "sandbox-helpdesk"…) or a module's path (relative to this file); default the sandbox's for the role */
  connector: z.string().trim().min(1).optional(),
  url: HttpUrl,
  username: z.string().min(1),
  /** the password itself: only for the built-in sandbox */
  password: z.string().min(1).optional(),
  /** no longer read: a password in the environment is readable by every process of this user */
  passwordEnv: z.string().optional(),
  /** the name its sign-in is kept under in the secret store (`legwork secrets set NAME`); default the role */
  secret: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a secret name is lower-case letters, digits, - and _').optional(),
});
export type SystemEntry = z.infer<typeof SystemEntrySchema>;

/** The sandbox's own connector for a role: what an entry without `connector` gets. */
export const sandboxConnectorOf = (role: SystemId) => `sandbox-${role}`;
const isSandboxConnector = (role: SystemId, entry: SystemEntry) => (entry.connector ?? sandboxConnectorOf(role)) === sandboxConnectorOf(role);

export const SystemsConfigSchema = z.strictObject({
  systems: z.strictObject(Object.fromEntries(SYSTEMS.map((s) => [s, SystemEntrySchema])) as Record<SystemId, typeof SystemEntrySchema>),
  /** the sandbox's control endpoint, when the systems are the sandbox (eval and bench use it) */
  control: HttpUrl.optional(),
});
/** Some roles only: what `legwork connector check` and a connector's own tests take. */
const PartialSystemsConfigSchema = SystemsConfigSchema.extend({
  systems: SystemsConfigSchema.shape.systems.partial().refine((s) => Object.keys(s).length > 0, 'name at least one role (helpdesk, crm, orders, billing)'),
});

export type SystemsConfig = z.infer<typeof SystemsConfigSchema> & {
  /** where a relative connector module path is resolved from (the config file's folder); set by the parser, never in the file */
  dir?: string;
};

export class ConfigError extends Error {}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
}

/** Parses a systems config from its JSON text; `where` names it in errors. */
/** A config that may name some roles only. */
export type PartialSystemsConfig = Omit<SystemsConfig, 'systems'> & { systems: Partial<SystemsConfig['systems']> };

export function parseSystemsConfig(text: string, where: string): SystemsConfig;
export function parseSystemsConfig(text: string, where: string, opts: { partial: true }): PartialSystemsConfig;
export function parseSystemsConfig(text: string, where: string, opts: { partial?: boolean } = {}): PartialSystemsConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${where} is not JSON: ${(e as Error).message}`);
  }
  const parsed = (opts.partial ? PartialSystemsConfigSchema : SystemsConfigSchema).safeParse(json);
  if (!parsed.success) throw new ConfigError(`${where}: ${issues(parsed.error)}`);
  const sandbox = isSandboxConfig(parsed.data);
  for (const [name, entry] of Object.entries(parsed.data.systems)) {
    const keep = `keep its password in Legwork's secret store: \`legwork secrets set ${entry.secret ?? name} --username ${entry.username}\``;
    if (entry.passwordEnv) throw new ConfigError(`${where}: systems.${name}.passwordEnv is no longer read (a password in the environment is readable by every process of this user); ${keep}`);
    if (entry.password && !(sandbox && isSandboxConnector(name as SystemId, entry))) {
      throw new ConfigError(`${where}: systems.${name}.password: inline passwords are accepted only for the built-in sandbox; ${keep} and remove it from the file`);
    }
  }
  // a file's relative connector paths are its own folder's; text given inline, the working directory's
  const dir = existsSync(where) ? path.dirname(path.resolve(where)) : process.cwd();
  return { ...parsed.data, dir };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The built-in sandbox: its control endpoint named, every system and the control on loopback. */
export function isSandboxConfig(config: PartialSystemsConfig): boolean {
  const urls = [config.control, ...Object.values(config.systems).map((s) => s.url)];
  return config.control !== undefined && urls.every((u) => u !== undefined && LOOPBACK.has(new URL(u).hostname));
}

/**
 * The credentials of a config's systems: the sandbox's inline demo passwords, else the secret store's
 * (none kept: the runner says so by system when it signs in).
 */
export function secretStoreFor(config: PartialSystemsConfig, vault?: SecretStore): SecretStore {
  const resolve = async (system: string): Promise<Credentials | undefined> => {
    const entry = config.systems[system as SystemId];
    if (!entry) return undefined;
    if (entry.password) return { username: entry.username, password: entry.password };
    const kept = await vault?.credentials(entry.secret ?? system);
    return kept && { username: kept.username || entry.username, password: kept.password };
  };
  return {
    credentials: resolve,
    secretValues: async () => (await Promise.all(SYSTEMS.map((s) => resolve(s)))).map((c) => c?.password).filter((p): p is string => !!p),
  };
}
