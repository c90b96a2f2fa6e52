// The sandbox's four systems, by role: their connectors (defineSystem) and every action of them.
import type { ActionDefinition, SystemConnector } from '../runtime/action.ts';
import type { SystemDefinition } from '../runtime/system.ts';
import { helpdeskSystem } from './helpdesk/actions.ts';
import { crmSystem } from './crm/actions.ts';
import { ordersSystem } from './orders/actions.ts';
import { billingSystem } from './billing/actions.ts';
import { rtSystem } from './rt/system.ts';

export const sandboxSystems = { helpdesk: helpdeskSystem, crm: crmSystem, orders: ordersSystem, billing: billingSystem } as const satisfies Record<string, SystemDefinition>;

/** the sandbox's runner-side connectors, by role */
export const connectors: Record<string, SystemConnector> = Object.fromEntries(Object.entries(sandboxSystems).map(([role, s]) => [role, s.connector]));

/** Every action of the sandbox's four connectors, reads and writes. */
export const allActions: readonly ActionDefinition<any, any>[] = Object.values(sandboxSystems).flatMap((s) => s.actions);

/** Every connector shipped with Legwork, by the name systems.json gives it. */
export const builtinSystems: Record<string, SystemDefinition> = Object.fromEntries([...Object.values(sandboxSystems), rtSystem].map((s) => [s.id, s]));
