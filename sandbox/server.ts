// Starts the four legacy systems and the control endpoint, each on its own loopback port.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { World, SYSTEMS, type SystemName } from './domain/world.ts';
import { FaultBoard, type FaultsUpdate } from './web/faults.ts';
import { LegacyApp, type Credentials } from './web/kit.ts';
import { controlApp } from './control.ts';
import { helpdeskRoutes } from './apps/helpdesk.ts';
import { crmRoutes } from './apps/crm.ts';
import { ordersRoutes } from './apps/orders.ts';
import { billingRoutes } from './apps/billing.ts';

export const DEFAULT_BASE_PORT = 7401;
export const DEFAULT_CREDENTIALS: Record<SystemName, Credentials> = {
  helpdesk: { username: 'agent', password: 'helpdesk-demo' },
  crm: { username: 'agent', password: 'crm-demo' },
  orders: { username: 'agent', password: 'orders-demo' },
  billing: { username: 'agent', password: 'billing-demo' },
};

const APPS: Record<SystemName, { brand: string; routes: (app: LegacyApp) => void; nav: [string, string][] }> = {
  helpdesk: { brand: 'SupportDesk', routes: helpdeskRoutes, nav: [['Tickets', '/tickets']] },
  crm: { brand: 'CustomerBase CRM', routes: crmRoutes, nav: [['Customers', '/customers']] },
  orders: { brand: 'OrderTrack', routes: ordersRoutes, nav: [['Orders', '/orders'], ['Products', '/products']] },
  billing: { brand: 'PayLedger Billing', routes: billingRoutes, nav: [['Customers', '/customers'], ['Payments', '/payments']] },
};

export interface SandboxOptions {
  /** first port: helpdesk, crm, orders, billing, control follow in that order; 0 picks free ports */
  port?: number;
  host?: string;
  faults?: FaultsUpdate;
  credentials?: Partial<Record<SystemName, Credentials>>;
}

export type SandboxUrls = Record<SystemName | 'control', string>;

export interface RunningSandbox {
  urls: SandboxUrls;
  world: World;
  faults: FaultBoard;
  credentials: Record<SystemName, Credentials>;
  close(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = opts.host ?? '127.0.0.1';
  const base = opts.port ?? DEFAULT_BASE_PORT;
  const world = new World();
  const faults = new FaultBoard();
  if (opts.faults) faults.apply(opts.faults);
  const credentials = { ...DEFAULT_CREDENTIALS, ...opts.credentials };
  const servers: ServerType[] = [];
  const urls = {} as SandboxUrls;
  const names = [...SYSTEMS, 'control'] as const;
  try {
    for (const [i, name] of names.entries()) {
      const fetch =
        name === 'control'
          ? controlApp(world, faults).fetch
          : (() => {
              const spec = APPS[name];
              const app = new LegacyApp({ system: name, brand: spec.brand, world, faults, credentials: credentials[name], nav: spec.nav });
              spec.routes(app);
              return app.hono.fetch;
            })();
      const { server, port } = await listen(fetch, host, base === 0 ? 0 : base + i);
      servers.push(server);
      urls[name] = `http://${host}:${port}`;
    }
  } catch (e) {
    await Promise.all(servers.map(closeServer));
    throw e;
  }
  return {
    urls,
    world,
    faults,
    credentials,
    close: () => Promise.all(servers.map(closeServer)).then(() => undefined),
  };
}

function listen(fetch: (req: Request) => Response | Promise<Response>, hostname: string, port: number): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, (info: AddressInfo) => resolve({ server, port: info.port }));
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`port ${port} on ${hostname} is already in use (choose another with --port, or 0 for free ports)`) : e),
    );
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close(() => resolve());
  });
}
