// The control endpoint: for tests and the measuring harness only. Automations never use it.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { World } from './domain/world.ts';
import { NewTicketSchema } from './domain/helpdesk.ts';
import { checkUpdate, type FaultBoard } from './web/faults.ts';

export const CONTROL_MAX_BODY_BYTES = 256 * 1024;

/** `{"name": "<benchmark tool name>", "kwargs": {...}}` */
const ActionCallSchema = z.object({ name: z.string().min(1), kwargs: z.record(z.string(), z.unknown()).default({}) });

export function controlApp(world: World, faults: FaultBoard): Hono {
  const app = new Hono();
  app.use(
    bodyLimit({
      maxSize: CONTROL_MAX_BODY_BYTES,
      // the rest of the body is never read, so the connection cannot be reused
      onError: (c) => c.json({ ok: false, error: `request body over ${CONTROL_MAX_BODY_BYTES} bytes` }, 413, { connection: 'close' }),
    }),
  );

  const body = async <S extends z.ZodType>(req: Request, schema: S): Promise<{ ok: true; data: z.infer<S> } | { ok: false; error: string }> => {
    let json: unknown;
    try {
      json = JSON.parse(await req.text());
    } catch {
      return { ok: false, error: 'body must be JSON' };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') };
    return { ok: true, data: parsed.data };
  };

  app.post('/reset', (c) => {
    world.reset();
    return c.json({ ok: true });
  });

  app.post('/apply', async (c) => {
    const parsed = await body(c.req.raw, ActionCallSchema);
    if (!parsed.ok) return c.json(parsed, 400);
    const result = world.apply(parsed.data);
    return c.json(result, result.ok ? 200 : 422);
  });

  app.get('/state', (c) => c.json(world.state()));
  app.get('/state/extras', (c) => c.json(world.extras()));
  app.get('/writes', (c) => c.json({ writes: world.writes }));

  app.post('/tickets', async (c) => {
    const parsed = await body(c.req.raw, NewTicketSchema);
    if (!parsed.ok) return c.json(parsed, 400);
    return c.json({ id: world.helpdesk.create(parsed.data).id });
  });

  app.get('/faults', (c) => c.json(faults.snapshot()));
  app.post('/faults', async (c) => {
    const parsed = await body(c.req.raw, z.unknown());
    if (!parsed.ok) return c.json(parsed, 400);
    try {
      faults.apply(checkUpdate(parsed.data));
    } catch (e) {
      return c.json({ ok: false, error: (e as Error).message }, 400);
    }
    return c.json({ ok: true, faults: faults.snapshot() });
  });

  app.notFound((c) => c.json({ ok: false, error: `no route ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
  app.onError((err, c) => {
    console.error('[control]', err);
    return c.json({ ok: false, error: 'internal error' }, 500);
  });
  return app;
}
