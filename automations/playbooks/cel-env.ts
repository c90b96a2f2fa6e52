// The CEL environment a playbook's expressions are checked and evaluated in: one variable per read
// (typed from the read action's zod output schema), `write` (typed from the write action's zod
// input schema), and the standard variables every playbook has. A field no schema declares, or an
// operation its type does not allow, is a type error when the file is loaded — not when a plan runs.
import { z } from 'zod';
import { Environment, type ASTNode } from '@marcbachmann/cel-js';

/** What the loader needs to know of a connector action. */
export interface ActionInfo {
  id: string;
  system: string;
  kind: 'read' | 'write';
  input: z.ZodType;
  output: z.ZodType;
}
export type ActionCatalog = ReadonlyMap<string, ActionInfo>;

type Json = { [k: string]: unknown };

const TIMESTAMP = 'google.protobuf.Timestamp';

/**
 * Figures the planner computes from the reads (arithmetic plumbing, not business rules): the rules
 * compare them. Always present; 0 or "" where a figure does not apply.
 */
export const FACTS_SCHEMA = z.object({
  /** the method the order was first paid with */
  original_method_id: z.string(),
  /** what the order has been paid net of refunds, in dollars */
  paid_total: z.number(),
  /** what an item change or exchange costs more (negative: less), in dollars */
  price_difference: z.number(),
  /** the payment method the write names, as Billing shows it (balance 0 where it has none) */
  method: z.object({ id: z.string(), source: z.string(), balance: z.number() }),
});
export type Facts = z.infer<typeof FACTS_SCHEMA>;

/** The variables every playbook's expressions may use besides its reads and `write`. */
export const STANDARD_VARIABLES = {
  /** what the customer asks, as understood: its kind, the order it names and the customer asking ("" when not known) */
  request: z.object({ kind: z.string(), order_id: z.string(), user_id: z.string() }),
  ticket: z.object({ id: z.number(), subject: z.string(), requester_email: z.string() }),
  facts: FACTS_SCHEMA,
} as const;

/** How a value is turned into what the declared CEL type expects: objects become instances of their type's class. */
export type Shape =
  | { kind: 'object'; ctor: new () => object; fields: Record<string, Shape> }
  | { kind: 'list'; of: Shape }
  | { kind: 'map'; of: Shape }
  | { kind: 'plain' };

const PLAIN: Shape = { kind: 'plain' };

/** Registers the CEL types a JSON Schema needs and returns the CEL type of its top, and its shape. */
function celType(env: Environment, schema: Json, name: string, taken: Set<string>): [string, Shape] {
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
    const options = ((schema.anyOf ?? schema.oneOf) as Json[]).filter((s) => s.type !== 'null');
    return options.length === 1 ? celType(env, options[0]!, name, taken) : ['dyn', PLAIN];
  }
  if (schema.const !== undefined) return [typeof schema.const === 'string' ? 'string' : typeof schema.const === 'boolean' ? 'bool' : typeof schema.const === 'number' ? 'double' : 'dyn', PLAIN];
  switch (schema.type) {
    case 'string':
      return ['string', PLAIN];
    case 'number':
    case 'integer':
      // every number a read returns is a JS number: CEL's double (ints compare with it)
      return ['double', PLAIN];
    case 'boolean':
      return ['bool', PLAIN];
    case 'array': {
      const [item, of] = schema.items && typeof schema.items === 'object' ? celType(env, schema.items as Json, `${name}_item`, taken) : ['dyn', PLAIN];
      return [`list<${item}>`, { kind: 'list', of }];
    }
    case 'object': {
      const props = schema.properties as Record<string, Json> | undefined;
      if (!props || Object.keys(props).length === 0) {
        const values = schema.additionalProperties;
        const [value, of] = values && typeof values === 'object' ? celType(env, values as Json, `${name}_value`, taken) : ['dyn', PLAIN];
        return [`map<string, ${value}>`, { kind: 'map', of }];
      }
      let typeName = name;
      for (let n = 2; taken.has(typeName); n++) typeName = `${name}${n}`;
      taken.add(typeName);
      const fields: Record<string, string> = {};
      const shapes: Record<string, Shape> = {};
      for (const [k, v] of Object.entries(props)) [fields[k], shapes[k]] = celType(env, v, `${typeName}_${k}`, taken);
      const ctor = { [typeName]: class {} }[typeName]!;
      env.registerType(typeName, { ctor, fields });
      return [typeName, { kind: 'object', ctor, fields: shapes }];
    }
    default:
      return ['dyn', PLAIN];
  }
}

/** A value as its declared CEL type takes it (fields a schema does not declare are dropped). */
export function toCel(value: unknown, shape: Shape): unknown {
  if (value === null || value === undefined || shape.kind === 'plain') return value;
  if (shape.kind === 'list') return Array.isArray(value) ? value.map((v) => toCel(v, shape.of)) : value;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if (shape.kind === 'map') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCel(v, shape.of)]));
  const out = new shape.ctor() as Record<string, unknown>;
  for (const [k, field] of Object.entries(shape.fields)) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = toCel(v, field);
  }
  return out;
}

const typeName = (s: string) => s.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());

/** Declares a variable with the CEL type of a zod schema (as its output, or as the input it accepts); returns its shape. */
export function declare(env: Environment, variable: string, schema: z.ZodType, io: 'input' | 'output', taken: Set<string>): Shape {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  const [type, shape] = celType(env, json, typeName(variable), taken);
  env.registerVariable(variable, type);
  return shape;
}

/** `YYYY-MM-DD` (a day, UTC) or an ISO date-time → a timestamp. */
function dateOf(text: string): Date {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) throw new Error(`"${text}" is not a date`);
  return d;
}

/** The environment with the standard variables and functions, before a playbook's reads are declared (their shapes go into `shapes`). */
export function baseEnvironment(taken: Set<string>, shapes: Map<string, Shape>): Environment {
  const env = new Environment({ unlistedVariablesAreDyn: false, limits: { maxAstNodes: 2000, maxDepth: 50, maxListElements: 200, maxMapEntries: 200, maxCallArguments: 8 } });
  env.registerVariable('now', TIMESTAMP);
  env.registerFunction(`date(string): ${TIMESTAMP}`, dateOf);
  env.registerFunction('money(double): string', (n: number) => `$${(Math.round(n * 100) / 100).toFixed(2)}`);
  env.registerFunction('sum(list<double>): double', (xs: number[]) => xs.reduce((s, x) => s + Math.round(x * 100), 0) / 100);
  for (const [name, schema] of Object.entries(STANDARD_VARIABLES)) shapes.set(name, declare(env, name, schema, 'output', taken));
  return env;
}

/** The top-level variables an expression uses (macro variables and functions aside). */
export function variablesOf(ast: ASTNode, declared: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as { op?: string; args?: unknown };
    if (n.op === 'id' && typeof n.args === 'string') {
      if (declared.has(n.args)) found.add(n.args);
      return;
    }
    if (n.op !== undefined) walk(n.args);
  };
  walk(ast);
  return found;
}
