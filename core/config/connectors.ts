// The connectors a systems config names, loaded: a built-in by name (automations/connectors.ts) or
// a module by path, each checked to fill the role it is configured for. Core builds the runner's
// endpoints, the action registry and the planner's read tool from this; it never imports a connector.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROLES, type RoleId } from '../../shared/roles/index.ts';
import { BUILTIN_SYSTEMS } from '../../automations/connectors.ts';
import { isSystemDefinition, type SystemDefinition } from '../../automations/runtime/system.ts';
import type { SystemEndpoint } from '../../automations/runtime/runner.ts';
import { ActionRegistry } from '../executor/actions.ts';
import { ConfigError, sandboxConnectorOf, type PartialSystemsConfig } from './systems.ts';

export interface ConfiguredSystems {
  /** the connector filling each configured role */
  byRole: Partial<Record<RoleId, SystemDefinition>>;
  /** what the runner drives, by role */
  endpoints: Record<string, SystemEndpoint>;
  /** their actions, by role and id */
  actions: ActionRegistry;
}

const isModulePath = (spec: string) => /^(\.{1,2}\/|\/)/.test(spec) || /\.(m?[jt]s)$/.test(spec);

/** One connector by its name in systems.json: built-in, or the module at that path (its default or `system` export). */
export async function loadConnector(spec: string, dir: string = process.cwd(), where = 'connector'): Promise<SystemDefinition> {
  if (!isModulePath(spec)) {
    const builtin = BUILTIN_SYSTEMS[spec];
    if (!builtin) throw new ConfigError(`${where}: there is no built-in connector "${spec}" (built-in: ${Object.keys(BUILTIN_SYSTEMS).join(', ')}; or give a module's path, ./my-helpdesk.ts)`);
    return builtin;
  }
  const file = path.resolve(dir, spec);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    throw new ConfigError(`${where}: cannot load the connector module ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  const found = [mod.default, mod.system, ...Object.values(mod)].find(isSystemDefinition);
  if (!found) throw new ConfigError(`${where}: ${file} exports no connector (export default defineSystem({...}))`);
  return found;
}

/** Every role the config names, with its connector loaded and checked against the role. */
export async function configuredSystems(config: PartialSystemsConfig): Promise<ConfiguredSystems> {
  const byRole: Partial<Record<RoleId, SystemDefinition>> = {};
  const endpoints: Record<string, SystemEndpoint> = {};
  for (const role of ROLES) {
    const entry = config.systems[role];
    if (!entry) continue;
    const where = `systems.${role}.connector`;
    const system = await loadConnector(entry.connector ?? sandboxConnectorOf(role), config.dir, where);
    if (system.role !== role) throw new ConfigError(`${where}: ${system.id} (${system.title}) fills the ${system.role} role, not the ${role} role`);
    byRole[role] = system;
    endpoints[role] = { connector: system.connector, baseUrl: entry.url };
  }
  return { byRole, endpoints, actions: new ActionRegistry(Object.values(byRole).flatMap((s) => s.actions)) };
}
