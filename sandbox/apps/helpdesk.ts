// Placeholder: the helpdesk app is being written.
import type { LegacyApp } from '../web/kit.ts';

export function helpdeskRoutes(app: LegacyApp): void {
  app.hono.get('/', (c) => c.var.app.page(c, 'helpdesk', c.var.app.opts.brand as never));
}
