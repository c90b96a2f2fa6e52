// `legwork connector check`: for each configured role, sign in with its connector, then run every
// read it has, each with an input taken from what the reads before it found (the queue's first
// ticket → its requester → the customer → an order → a product), and say what works.
import { BrowserHost } from '../../automations/runtime/browser-host.ts';
import { ActionRunner } from '../../automations/runtime/runner.ts';
import type { SecretStore } from '../../automations/runtime/secrets.ts';
import { ROLES, type RoleId } from '../../shared/roles/index.ts';
import { configuredSystems, type ConfiguredSystems } from './connectors.ts';
import { secretStoreFor, type PartialSystemsConfig } from './systems.ts';

/** Loads the config's connectors, starts a browser of its own, checks, and closes it. */
export async function runConnectorCheck(config: PartialSystemsConfig, opts: { secrets?: SecretStore; ticketId?: number; timeoutMs?: number } = {}): Promise<CheckReport> {
  const systems = await configuredSystems(config);
  const host = await BrowserHost.launch({ headless: true });
  try {
    const runner = new ActionRunner({ host, secrets: secretStoreFor(config, opts.secrets), systems: systems.endpoints, timeoutMs: opts.timeoutMs ?? 20_000 });
    return await checkConnectors(systems, runner, opts.ticketId ? { ticketId: opts.ticketId } : {});
  } finally {
    await host.close();
  }
}

type Seen = Record<string, unknown>;
type Input = Record<string, unknown>;

/** The role reads Legwork knows how to feed, in the order that lets each learn from the ones before. */
const PROBES: { role: RoleId; action: string; input: (s: Seen) => Input | string; learn?: (out: any, s: Seen) => void }[] = [
  { role: 'helpdesk', action: 'list_tickets', input: () => ({}), learn: (o, s) => void (s.ticket_id ??= o.tickets?.[0]?.id) },
  { role: 'helpdesk', action: 'get_ticket', input: (s) => (s.ticket_id ? { ticket_id: s.ticket_id } : 'the queue showed no ticket'), learn: (o, s) => void (s.email = o.requester_email) },
  { role: 'crm', action: 'find_user_id_by_email', input: (s) => (s.email ? { email: s.email } : 'no requester address was read'), learn: (o, s) => void (s.user_id = o.user_id) },
  {
    role: 'crm',
    action: 'get_user_details',
    input: (s) => (s.user_id ? { user_id: s.user_id } : 'no customer was found'),
    learn: (o, s) => Object.assign(s, { first_name: o.name?.first_name, last_name: o.name?.last_name, zip: o.address?.zip, order_id: o.orders?.[0]?.order_id }),
  },
  { role: 'crm', action: 'find_user_id_by_name_zip', input: (s) => (s.first_name && s.zip ? { first_name: s.first_name, last_name: s.last_name, zip: s.zip } : 'no customer name and ZIP were read') },
  { role: 'orders', action: 'list_customer_orders', input: (s) => (s.user_id ? { user_id: s.user_id } : 'no customer was found'), learn: (o, s) => void (s.order_id ??= o?.[0]?.order_id) },
  {
    role: 'orders',
    action: 'get_order_details',
    input: (s) => (s.order_id ? { order_id: s.order_id } : 'no order was found'),
    learn: (o, s) => Object.assign(s, { product_id: o.items?.[0]?.product_id, product: String(o.items?.[0]?.name ?? '').split(/\s+/)[0] }),
  },
  { role: 'orders', action: 'get_product_details', input: (s) => (s.product_id ? { product_id: s.product_id } : 'no product was read') },
  { role: 'orders', action: 'find_products', input: (s) => (typeof s.product === 'string' && s.product.length >= 2 ? { q: s.product } : 'no product name was read') },
  { role: 'billing', action: 'get_payment_methods', input: (s) => (s.user_id ? { user_id: s.user_id } : 'no customer was found') },
  { role: 'billing', action: 'get_order_payments', input: (s) => (s.order_id ? { order_id: s.order_id } : 'no order was found') },
];

export interface CheckLine {
  role: RoleId;
  /** "sign in", or the read's id; a read the system answers with not_found works (there is no such record) */
  what: string;
  result: 'ok' | 'failed' | 'skipped';
  detail: string;
  ms: number;
}

export interface CheckReport {
  connectors: { role: RoleId; id: string; title: string; url: string }[];
  lines: CheckLine[];
  ok: boolean;
}

/** Signs in to each configured role's system and runs each of its reads. `ticketId` picks the ticket to start from. */
export async function checkConnectors(systems: ConfiguredSystems, runner: ActionRunner, opts: { ticketId?: number } = {}): Promise<CheckReport> {
  const lines: CheckLine[] = [];
  const seen: Seen = opts.ticketId ? { ticket_id: opts.ticketId } : {};
  const signedIn = new Set<RoleId>();
  for (const role of ROLES) {
    if (!systems.byRole[role]) continue;
    const started = Date.now();
    const r = await runner.signInTo(role);
    lines.push({ role, what: 'sign in', result: r.ok ? 'ok' : 'failed', detail: r.ok ? 'signed in' : `${r.error.code}: ${r.error.message}`, ms: Date.now() - started });
    if (r.ok) signedIn.add(role);
  }
  const probed = new Set<string>();
  for (const probe of PROBES) {
    const def = systems.actions.get(probe.role, probe.action);
    if (!def) continue;
    probed.add(`${probe.role}/${probe.action}`);
    if (!signedIn.has(probe.role)) {
      lines.push({ role: probe.role, what: probe.action, result: 'skipped', detail: 'not signed in', ms: 0 });
      continue;
    }
    const input = probe.input(seen);
    if (typeof input === 'string') {
      lines.push({ role: probe.role, what: probe.action, result: 'skipped', detail: input, ms: 0 });
      continue;
    }
    const started = Date.now();
    const out = await runner.run(def, input);
    if (out.ok) probe.learn?.(out.output, seen);
    // "no such customer" is the system answering: the read works, there is just nothing to learn from it
    const works = out.ok || out.error.code === 'not_found';
    lines.push({
      role: probe.role,
      what: probe.action,
      result: works ? 'ok' : 'failed',
      detail: out.ok ? `${JSON.stringify(input)} → ${summary(out.output)}` : `${JSON.stringify(input)} → ${out.error.code}: ${out.error.message}`,
      ms: Date.now() - started,
    });
  }
  // a connector's own reads beyond its role's: Legwork cannot guess their input
  for (const def of systems.actions.all()) {
    if (def.kind === 'read' && !probed.has(`${def.system}/${def.id}`)) {
      lines.push({ role: def.system as RoleId, what: def.id, result: 'skipped', detail: 'not a read of its role: Legwork has no input to try it with', ms: 0 });
    }
  }
  const connectors = ROLES.flatMap((role) => {
    const s = systems.byRole[role];
    return s ? [{ role, id: s.id, title: s.title, url: systems.endpoints[role]!.baseUrl }] : [];
  });
  return { connectors, lines, ok: lines.every((l) => l.result !== 'failed') };
}

function summary(output: unknown): string {
  if (Array.isArray(output)) return `${output.length} row(s)`;
  if (output && typeof output === 'object') {
    const o = output as Record<string, unknown>;
    if (Array.isArray(o.tickets)) return `${o.tickets.length} ticket(s) on page ${o.page} of ${o.pages}`;
    if (Array.isArray(o.messages)) return `#${o.id} "${String(o.subject).slice(0, 60)}", ${o.status}, ${o.messages.length} message(s), from ${o.requester_email}`;
    const keys = Object.keys(o);
    return keys.length <= 3 ? JSON.stringify(o).slice(0, 120) : `${keys.length} fields (${keys.slice(0, 5).join(', ')}…)`;
  }
  return JSON.stringify(output)?.slice(0, 120) ?? '';
}

/** The report as a person reads it in a terminal. */
export function formatCheck(report: CheckReport): string {
  const out: string[] = [];
  for (const c of report.connectors) out.push(`${c.role}: ${c.title} (${c.id}) at ${c.url}`);
  out.push('');
  const mark = { ok: 'ok  ', failed: 'FAIL', skipped: 'skip' } as const;
  for (const l of report.lines) out.push(`${mark[l.result]}  ${l.role.padEnd(8)} ${l.what.padEnd(26)} ${l.detail}${l.ms ? ` (${l.ms} ms)` : ''}`);
  const count = (r: CheckLine['result']) => report.lines.filter((l) => l.result === r).length;
  out.push('', `${count('ok')} ok, ${count('failed')} failed, ${count('skipped')} skipped`);
  if (report.lines.some((l) => l.result === 'skipped' && l.detail !== 'not signed in')) {
    out.push('a read was skipped for want of an input: give --ticket N, a ticket from a customer the other systems know');
  }
  return `${out.join('\n')}\n`;
}
