// The connectors of the four sandbox systems, by system name.
import type { SystemConnector } from '../runtime/action.ts';
import type { ActionDefinition } from '../runtime/action.ts';
import { helpdesk, helpdeskActions } from './helpdesk/actions.ts';
import { crm, crmActions } from './crm/actions.ts';
import { orders, ordersActions } from './orders/actions.ts';
import { billing, billingActions } from './billing/actions.ts';

export const connectors: Record<string, SystemConnector> = { helpdesk, crm, orders, billing };

/** Every action of the four connectors, reads and writes. */
export const allActions: readonly ActionDefinition<any, any>[] = [...helpdeskActions, ...crmActions, ...ordersActions, ...billingActions];
