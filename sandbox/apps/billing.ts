// Placeholder: the billing app is being written.
import type { LegacyApp } from '../web/kit.ts';

export function billingRoutes(app: LegacyApp): void {
  app.hono.get('/', (c) => c.var.app.page(c, 'billing', c.var.app.opts.brand as never));
}
