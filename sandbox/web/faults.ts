// Fault switches per system: set at start (`--faults SPEC`) or at run time (control `POST /faults`).
import { z } from 'zod';
import { SYSTEMS, type SystemName } from '../domain/world.ts';

export const FaultsSchema = z.object({
  /** fixed delay added to every request, ms */
  latencyMs: z.number().int().min(0).max(60_000),
  /** random extra delay up to this many ms */
  jitterMs: z.number().int().min(0).max(60_000),
  /** fraction of requests answered 500 before anything is done */
  errorRate: z.number().min(0).max(1),
  /** fraction of writes to the records (the benchmark's writes, adjust_charge) answered 500 before they are done; reads, notes and replies unaffected */
  errorOnWriteRate: z.number().min(0).max(1),
  /** fraction of successful writes answered 500 after the write was committed */
  errorAfterWriteRate: z.number().min(0).max(1),
  /** a session expires after this many requests (0: never) */
  expireAfter: z.number().int().min(0),
  /** `variant`: renamed ids/classes, reordered columns, moved buttons */
  layout: z.enum(['standard', 'variant']),
  /** fraction of pages shown behind an interstitial pop-up */
  popupRate: z.number().min(0).max(1),
});
export type Faults = z.infer<typeof FaultsSchema>;
export const FaultsPatchSchema = FaultsSchema.partial().strict();

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  errorOnWriteRate: 0,
  errorAfterWriteRate: 0,
  expireAfter: 0,
  layout: 'standard',
  popupRate: 0,
};

/** `{ all?: patch, helpdesk?: patch, … }`: the body of `POST /faults` and the parsed form of a spec. */
export const FaultsUpdateSchema = z
  .object({
    all: FaultsPatchSchema.optional(),
    helpdesk: FaultsPatchSchema.optional(),
    crm: FaultsPatchSchema.optional(),
    orders: FaultsPatchSchema.optional(),
    billing: FaultsPatchSchema.optional(),
    /** clear every switch first */
    reset: z.boolean().optional(),
  })
  .strict();
export type FaultsUpdate = z.infer<typeof FaultsUpdateSchema>;

const SPEC_KEYS: Record<string, { field: keyof Faults; parse: (v: string) => unknown }> = {
  latency: { field: 'latencyMs', parse: Number },
  jitter: { field: 'jitterMs', parse: Number },
  errors: { field: 'errorRate', parse: Number },
  'errors-on-write': { field: 'errorOnWriteRate', parse: Number },
  'errors-after-write': { field: 'errorAfterWriteRate', parse: Number },
  expire: { field: 'expireAfter', parse: Number },
  layout: { field: 'layout', parse: (v) => v },
  popup: { field: 'popupRate', parse: (v) => (v === 'on' ? 1 : v === 'off' ? 0 : Number(v)) },
};

export const FAULT_SPEC_HELP =
  'SYSTEM.KEY=VALUE[,…] with SYSTEM one of all, helpdesk, crm, orders, billing and KEY one of ' +
  'latency=MS, jitter=MS, errors=FRACTION, errors-on-write=FRACTION, errors-after-write=FRACTION, expire=N, layout=standard|variant, popup=FRACTION|on|off ' +
  '(e.g. "all.latency=100,orders.errors=0.2,crm.layout=variant"); or the same as JSON: {"orders":{"errorRate":0.2}}';

/** Parses `orders.latency=200,all.popup=on` (or JSON); throws an Error whose message says what is wrong. */
export function parseFaultSpec(spec: string): FaultsUpdate {
  const text = spec.trim();
  if (text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`fault spec is not valid JSON: ${text}`);
    }
    return checkUpdate(json);
  }
  const update: Record<string, Record<string, unknown>> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]+)\.([a-z-]+)=(.+)$/.exec(part);
    if (!m) throw new Error(`bad fault "${part}": expected ${FAULT_SPEC_HELP}`);
    const [, target = '', key = '', value = ''] = m;
    if (target !== 'all' && !SYSTEMS.includes(target as SystemName)) {
      throw new Error(`bad fault "${part}": unknown system "${target}" (use all, ${SYSTEMS.join(', ')})`);
    }
    const known = SPEC_KEYS[key];
    if (!known) throw new Error(`bad fault "${part}": unknown switch "${key}" (use ${Object.keys(SPEC_KEYS).join(', ')})`);
    (update[target] ??= {})[known.field] = known.parse(value);
  }
  return checkUpdate(update);
}

export function checkUpdate(input: unknown): FaultsUpdate {
  const parsed = FaultsUpdateSchema.safeParse(input);
  if (!parsed.success) {
    throw new Error(`bad faults: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** The live fault switches of all four systems. */
export class FaultBoard {
  private readonly current = new Map<SystemName, Faults>(SYSTEMS.map((s) => [s, { ...NO_FAULTS }]));

  get(system: SystemName): Faults {
    return this.current.get(system) ?? NO_FAULTS;
  }

  apply(update: FaultsUpdate): void {
    if (update.reset) for (const s of SYSTEMS) this.current.set(s, { ...NO_FAULTS });
    for (const s of SYSTEMS) {
      this.current.set(s, { ...this.get(s), ...update.all, ...update[s] });
    }
  }

  snapshot(): Record<SystemName, Faults> {
    return Object.fromEntries(SYSTEMS.map((s) => [s, this.get(s)])) as Record<SystemName, Faults>;
  }
}
