// The hub's HTTP API (hono). Every route but sign-in and enrollment needs a valid session (Bearer
// token or cookie) or a desk's device signature; every body and query is parsed with shared/hub.ts;
// every refusal is `{error: {code, message}}` with its status.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import { ApprovalIdSchema, HubRunIdSchema, EnrollmentCodeInputSchema, EnrollSchema, DeskPolicyReportSchema, LeadKeySchema, LoginSchema, NewUserSchema, type HubApproval } from '../shared/hub.ts';
import type { Db } from './db/db.ts';
import { createEnrollment, enroll, listDesks, reportPolicy, verifyDeviceRequest, type HubDesk } from './desks.ts';
import { HubError, parseOr400 } from './errors.ts';
import { addUser, listUsers, logIn, logOut, sessionUser, setUserKey, SESSION_COOKIE, type HubUser } from './people.ts';
import { ApprovalFeed, approvalFor, decideApproval, DEFAULT_APPROVAL_TTL_MS, listApprovals, requestApproval } from './approvals.ts';
import { currentPolicy, publishPolicy } from './policies.ts';
import { teamMetrics } from './metrics.ts';
import { ingestBundle, recordRejection } from './runs/ingest.ts';
import { blobFor, exportBundle, listRuns, recordVerdict, runDetail, teamScope } from './runs/query.ts';

export interface HubAppOptions {
  db: Db;
  /** the largest run bundle accepted (default 64 MiB) */
  maxUploadBytes?: number;
  sessionTtlMs?: number;
  approvalTtlMs?: number;
}

const JSON_LIMIT = 1024 * 1024;
const SHA = /^[0-9a-f]{64}$/;

export function hubApp(opts: HubAppOptions): { app: Hono; feed: ApprovalFeed } {
  const { db } = opts;
  const maxUpload = opts.maxUploadBytes ?? 64 * 1024 * 1024;
  const feed = new ApprovalFeed();
  feed.setMaxListeners(0);
  const app = new Hono();

  app.onError((e, c) => {
    if (e instanceof HubError) return c.json({ error: { code: e.code, message: e.message } }, e.status);
    // the client went away while sending: there is nobody to answer, and nothing was stored
    if ((e as Error).message === 'aborted') return c.json({ error: { code: 'aborted', message: 'the request was cut off before its body arrived' } }, 400);
    process.stderr.write(`hub: ${(e as Error).stack ?? String(e)}\n`);
    return c.json({ error: { code: 'internal', message: 'the hub failed on this request; nothing was stored half' } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404));

  const tooLarge = (limit: number) => (c: Context) => {
    void recordRejection(db, null, null, `an upload of more than ${limit} bytes was refused`, []).catch(() => undefined);
    // the rest of the body is not read: the connection cannot carry another request
    return c.json({ error: { code: 'too_large', message: `the body is larger than this hub accepts (${limit} bytes)` } }, 413, { connection: 'close' });
  };
  app.use('/api/*', async (c, next) => (c.req.method === 'POST' && c.req.path === '/api/runs' ? next() : bodyLimit({ maxSize: JSON_LIMIT, onError: tooLarge(JSON_LIMIT) })(c, next)));

  const body = async (c: Context): Promise<Uint8Array> => new Uint8Array(await c.req.arrayBuffer());
  const json = (bytes: Uint8Array): unknown => {
    if (bytes.length === 0) return {};
    try {
      return JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch {
      throw new HubError(400, 'invalid_input', 'the body is not JSON');
    }
  };
  const token = (c: Context): string | undefined => {
    const auth = c.req.header('authorization');
    return auth?.startsWith('Bearer ') ? auth.slice(7) : getCookie(c, SESSION_COOKIE);
  };
  /** the signed-in person, or the desk that signed the request */
  const who = async (c: Context, bytes: Uint8Array = new Uint8Array()): Promise<{ user?: HubUser; desk?: HubDesk }> => {
    const t = token(c);
    if (t) {
      const user = await sessionUser(db, t);
      if (!user) throw new HubError(401, 'unauthenticated', 'the session is unknown or expired: sign in again');
      return { user };
    }
    if (c.req.header('x-legwork-desk') === undefined) throw new HubError(401, 'unauthenticated', 'sign in, or sign the request with an enrolled desk key');
    const url = new URL(c.req.url);
    return { desk: await verifyDeviceRequest(db, { method: c.req.method, pathWithQuery: url.pathname + url.search, header: (n) => c.req.header(n), body: bytes }) };
  };
  const user = async (c: Context, ...roles: HubUser['role'][]): Promise<HubUser> => {
    const w = await who(c);
    if (!w.user) throw new HubError(403, 'forbidden', 'this needs a person signed in, not a desk');
    if (roles.length && !roles.includes(w.user.role)) throw new HubError(403, 'forbidden', `this needs the role ${roles.join(' or ')}; you are ${w.user.role}`);
    return w.user;
  };
  const desk = async (c: Context, bytes: Uint8Array): Promise<HubDesk> => {
    const w = await who(c, bytes);
    if (!w.desk) throw new HubError(403, 'forbidden', 'this is for an enrolled desk, signed with its key');
    return w.desk;
  };

  const runParam = (c: Context): string => parseOr400(HubRunIdSchema, c.req.param('run'), 'run');
  const approvalParam = (c: Context): string => parseOr400(ApprovalIdSchema, c.req.param('id'), 'approval request');

  // ---- people --------------------------------------------------------------------------------
  app.post('/api/login', async (c) => {
    const input = parseOr400(LoginSchema, json(await body(c)), 'sign-in');
    const session = await logIn(db, input.name, input.password, opts.sessionTtlMs);
    c.header('set-cookie', `${SESSION_COOKIE}=${session.token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${Math.floor((Date.parse(session.expiresAt) - Date.now()) / 1000)}`);
    return c.json(session);
  });
  app.post('/api/logout', async (c) => {
    await user(c);
    await logOut(db, token(c)!);
    return c.json({ ok: true });
  });
  app.get('/api/me', async (c) => {
    const w = await who(c);
    const u = w.user ?? w.desk!.user;
    return c.json({ name: u.name, role: u.role, team: u.team, ...(w.desk ? { desk: w.desk.name } : {}) });
  });
  app.put('/api/me/key', async (c) => {
    const u = await user(c, 'lead', 'admin');
    await setUserKey(db, u.name, parseOr400(LeadKeySchema, json(await body(c)), 'key').publicKey);
    return c.json({ ok: true });
  });
  app.get('/api/users', async (c) => {
    await user(c, 'admin');
    return c.json(await listUsers(db));
  });
  app.post('/api/users', async (c) => {
    await user(c, 'admin');
    const u = await addUser(db, parseOr400(NewUserSchema, json(await body(c)), 'user'));
    return c.json({ name: u.name, role: u.role, team: u.team }, 201);
  });

  // ---- desks ---------------------------------------------------------------------------------
  app.post('/api/enrollments', async (c) => {
    await user(c, 'admin');
    const input = parseOr400(EnrollmentCodeInputSchema, json(await body(c)), 'enrollment');
    return c.json(await createEnrollment(db, input.user, input.desk), 201);
  });
  app.post('/api/enroll', async (c) => {
    const input = parseOr400(EnrollSchema, json(await body(c)), 'enrollment');
    return c.json(await enroll(db, input.code, input.publicKey), 201);
  });
  app.get('/api/desks', async (c) => {
    const u = await user(c, 'lead', 'qa', 'admin');
    return c.json(await listDesks(db, teamScope(u) ?? undefined));
  });
  app.post('/api/desks/me/policy', async (c) => {
    const bytes = await body(c);
    const d = await desk(c, bytes);
    await reportPolicy(db, d.id, parseOr400(DeskPolicyReportSchema, json(bytes), 'policy report'));
    return c.json({ ok: true });
  });

  // ---- runs ----------------------------------------------------------------------------------
  app.post('/api/runs', bodyLimit({ maxSize: maxUpload, onError: tooLarge(maxUpload) }), async (c) => {
    const bytes = await body(c);
    const d = await desk(c, bytes);
    const uploaded = await ingestBundle(db, d, bytes);
    return c.json(uploaded, uploaded.stored ? 201 : 200);
  });
  app.get('/api/runs', async (c) => c.json(await listRuns(db, await user(c), c.req.query())));
  app.get('/api/runs/:run', async (c) => c.json(await runDetail(db, await user(c), runParam(c))));
  app.get('/api/runs/:run/bundle', async (c) => {
    const bundle = await exportBundle(db, await user(c), runParam(c));
    c.header('content-disposition', `attachment; filename="${bundle.run}.bundle.json"`);
    return c.json(bundle);
  });
  app.post('/api/runs/:run/verdicts', async (c) => c.json(await recordVerdict(db, await user(c), runParam(c), json(await body(c))), 201));
  app.get('/api/blobs/:sha', async (c) => {
    const u = await user(c);
    const sha = c.req.param('sha');
    if (!SHA.test(sha)) throw new HubError(400, 'invalid_input', 'a blob is named by its sha256');
    const bytes = await blobFor(db, u, sha);
    return c.body(new Uint8Array(bytes), 200, { 'content-type': bytes.subarray(0, 4).toString('latin1') === '\x89PNG' ? 'image/png' : 'application/octet-stream', 'x-content-type-options': 'nosniff', 'cache-control': 'private, max-age=31536000, immutable' });
  });
  app.get('/api/rejections', async (c) => {
    await user(c, 'admin');
    const rows = await db.query<{ id: number; at: Date; desk: string | null; run_id: string | null; reason: string; problems: string[] }>(
      'SELECT j.id, j.at, d.name AS desk, j.run_id, j.reason, j.problems FROM rejections j LEFT JOIN desks d ON d.id = j.desk_id ORDER BY j.id DESC LIMIT 200',
    );
    return c.json(rows.map((r) => ({ id: r.id, at: new Date(r.at).toISOString(), desk: r.desk, run: r.run_id, reason: r.reason, problems: r.problems })));
  });

  // ---- policies ------------------------------------------------------------------------------
  app.post('/api/policies', async (c) => c.json(await publishPolicy(db, await user(c), json(await body(c))), 201));
  app.get('/api/policies/current', async (c) => {
    await who(c);
    return c.json(await currentPolicy(db));
  });

  // ---- second approvals ----------------------------------------------------------------------
  app.post('/api/approvals', async (c) => {
    const bytes = await body(c);
    return c.json(await requestApproval(db, await desk(c, bytes), json(bytes), opts.approvalTtlMs ?? DEFAULT_APPROVAL_TTL_MS), 201);
  });
  app.get('/api/approvals', async (c) => c.json(await listApprovals(db, await user(c))));
  app.get('/api/approvals/events', async (c) => {
    const lead = await user(c, 'lead', 'admin');
    const scope = teamScope(lead);
    return streamSSE(c, async (stream) => {
      const send = (e: { type: string; approval: HubApproval }) => {
        if (scope === null || e.approval.team === scope) void stream.writeSSE({ event: e.type, data: JSON.stringify(e) });
      };
      feed.on('event', send);
      await stream.writeSSE({ event: 'ready', data: '{}' });
      const beat = setInterval(() => void stream.writeSSE({ event: 'ping', data: '{}' }), 15_000);
      await new Promise<void>((resolve) => stream.onAbort(resolve));
      clearInterval(beat);
      feed.off('event', send);
    });
  });
  app.get('/api/approvals/:id', async (c) => c.json(await approvalFor(db, await who(c), approvalParam(c))));
  app.post('/api/approvals/:id/decision', async (c) => c.json(await decideApproval(db, await user(c), approvalParam(c), json(await body(c)))));

  // ---- metrics -------------------------------------------------------------------------------
  app.get('/api/metrics', async (c) => c.json(await teamMetrics(db, await user(c), c.req.query())));

  return { app, feed };
}
