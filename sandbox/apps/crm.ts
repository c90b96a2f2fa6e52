// Placeholder: the crm app is being written.
import type { LegacyApp } from '../web/kit.ts';

export function crmRoutes(app: LegacyApp): void {
  app.hono.get('/', (c) => c.var.app.page(c, 'crm', c.var.app.opts.brand as never));
}
