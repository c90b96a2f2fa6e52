// The connectors of the four sandbox systems, by system name.
import type { SystemConnector } from '../runtime/action.ts';
import { helpdesk } from './helpdesk/actions.ts';
import { crm } from './crm/actions.ts';
import { orders } from './orders/actions.ts';
import { billing } from './billing/actions.ts';

export const connectors: Record<string, SystemConnector> = { helpdesk, crm, orders, billing };
