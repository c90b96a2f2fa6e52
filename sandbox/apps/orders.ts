// Placeholder: the orders app is being written.
import type { LegacyApp } from '../web/kit.ts';

export function ordersRoutes(app: LegacyApp): void {
  app.hono.get('/', (c) => c.var.app.page(c, 'orders', c.var.app.opts.brand as never));
}
