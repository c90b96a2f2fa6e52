// The connectors shipped with Legwork, by the name systems.json gives them: the one place outside
// automations/systems/ that knows them. Core imports this (never a connector's own module), builds
// what a deployment configured from it, and loads a connector named by a module path itself.
import type { ActionDefinition } from './runtime/action.ts';
import type { SystemDefinition } from './runtime/system.ts';
import { allActions, builtinSystems } from './systems/index.ts';

export const BUILTIN_SYSTEMS: Readonly<Record<string, SystemDefinition>> = builtinSystems;

/** The sandbox's actions (all four roles): the defaults of tests and tools that run on the sandbox. */
export const SANDBOX_ACTIONS: readonly ActionDefinition<any, any>[] = allActions;
