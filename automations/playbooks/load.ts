// Loads playbook files: YAML → the zod schema of shared/playbook.ts → every CEL expression
// type-checked against the reads' and writes' schemas. A file that does not parse, names an action
// the connectors do not have, a read field no schema declares, or an expression that does not
// type-check is refused with its line and the reason; nothing of a refused set is used.
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Environment, ParseResult } from '@marcbachmann/cel-js';
import { z } from 'zod';
import { PlaybookFileSchema, type PlaybookFile, type PlaybookRule, type PlaybookSource } from '../../shared/playbook.ts';
import { baseEnvironment, declare, STANDARD_VARIABLES, toCel, variablesOf, type ActionCatalog, type Shape } from './cel-env.ts';

export interface LoadProblem {
  file: string;
  /** 1-based line of the file */
  line: number;
  reason: string;
}

/** A `{{ expr }}` template: literal text and compiled expressions, in order. */
export type Template = (string | ParseResult)[];

export interface CompiledRule {
  rule: PlaybookRule;
  check: ParseResult;
  message: Template;
  /** the variables the check uses: it is evaluated once all of them are known */
  uses: ReadonlySet<string>;
  /** the writes it gates */
  gates: readonly string[];
}

export interface CompiledPlaybook {
  source: PlaybookSource;
  spec: PlaybookFile;
  rules: CompiledRule[];
  /** each read's input expressions, by the read's name */
  readInputs: ReadonlyMap<string, Record<string, ParseResult>>;
  /** each write's parameters bound to the reads (grounded ones are the planner's) */
  writeParams: ReadonlyMap<string, Record<string, ParseResult>>;
  reply: Template | null;
  /** the variables its expressions may use */
  variables: ReadonlySet<string>;
  /** the variables as the declared CEL types take them (`write` as the given action's parameters) */
  toCel(vars: Record<string, unknown>, action?: string): Record<string, unknown>;
}

export type LoadResult<T> = { ok: true; data: T } | { ok: false; problems: LoadProblem[] };

type Path = (string | number)[];

/** Positions in one file: the line of a path's node (or of its nearest parent that exists). */
class Lines {
  readonly counter = new LineCounter();
  doc!: Document;
  lineOf(path: Path): number {
    for (let p = [...path]; ; p = p.slice(0, -1)) {
      const node = p.length === 0 ? this.doc.contents : this.doc.getIn(p, true);
      const range = (node as { range?: [number, number, number] } | null)?.range;
      if (range) return this.counter.linePos(range[0]).line;
      if (p.length === 0) return 1;
    }
  }
  /** the line of an offset into the string at path: found in the file's own text of that value (plain, quoted, or a block) */
  lineIn(path: Path, text: string, offset: number, fileText: string): number {
    const node = this.doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    if (!node?.range) return this.lineOf(path);
    const raw = fileText.slice(node.range[0], node.range[1]);
    // the token at the offset, as the nth time it occurs in the expression, found the nth time in the raw text
    const token = (/^[\w.]+/.exec(text.slice(offset))?.[0] ?? text.slice(offset, offset + 1)) || text.slice(0, 1);
    const nth = text.slice(0, offset).split(token).length - 1;
    let at = -1;
    for (let i = 0; i <= nth; i++) {
      const next = raw.indexOf(token, at + 1);
      if (next < 0) break;
      at = next;
    }
    return this.counter.linePos(node.range[0] + Math.max(0, at)).line;
  }
}

/** Parses and checks one playbook file. `knownKinds`: the request kinds the planner understands. */
export function compilePlaybook(source: PlaybookSource, actions: ActionCatalog, knownKinds: readonly string[]): LoadResult<CompiledPlaybook> {
  const lines = new Lines();
  const problems: LoadProblem[] = [];
  const problem = (line: number, reason: string) => problems.push({ file: source.file, line, reason });
  lines.doc = parseDocument(source.text, { lineCounter: lines.counter, prettyErrors: true, uniqueKeys: true });
  if (lines.doc.errors.length > 0) {
    for (const e of lines.doc.errors) problem(e.linePos?.[0].line ?? 1, `not valid YAML: ${e.message.split('\n')[0]}`);
    return { ok: false, problems };
  }
  const parsed = PlaybookFileSchema.safeParse(lines.doc.toJS());
  if (!parsed.success) {
    for (const i of parsed.error.issues) problem(lines.lineOf(i.path as Path), `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
    return { ok: false, problems };
  }
  const spec = parsed.data;
  for (const [n, kind] of spec.serves.entries()) {
    if (!knownKinds.includes(kind) && spec.cues.length === 0) problem(lines.lineOf(['serves', n]), `serves "${kind}", a request kind the planner does not know; name the words that ask for it under "cues"`);
  }

  const taken = new Set<string>();
  const shapes = new Map<string, Shape>();
  const env = baseEnvironment(taken, shapes);
  const variables = new Set<string>(['now', ...Object.keys(STANDARD_VARIABLES)]);
  const action = (path: Path, id: string, kind: 'read' | 'write') => {
    const a = actions.get(id);
    if (!a) problem(lines.lineOf(path), `unknown action "${id}": no connector has it`);
    else if (a.kind !== kind) problem(lines.lineOf(path), `"${id}" is a ${a.kind} action, not a ${kind}`);
    return a && a.kind === kind ? a : undefined;
  };
  for (const [n, read] of spec.reads.entries()) {
    const a = action(['reads', n, 'action'], read.action, 'read');
    if (!a) continue;
    if (variables.has(read.as)) {
      problem(lines.lineOf(['reads', n, 'as']), `"${read.as}" is already a name in this playbook`);
      continue;
    }
    shapes.set(read.as, declare(env, read.as, a.output, 'output', taken));
    variables.add(read.as);
  }
  const writeIds = spec.writes.map((w) => w.action);
  for (const [n, step] of spec.closing.entries()) if (!actions.has(step)) problem(lines.lineOf(['closing', n]), `unknown action "${step}": no connector has it`);
  if (problems.length > 0) return { ok: false, problems };

  // one environment per write, where `write` is that write's parameters
  const writeEnvs = new Map<string, Environment>();
  for (const [n, w] of spec.writes.entries()) {
    const a = action(['writes', n, 'action'], w.action, 'write');
    if (!a || writeEnvs.has(w.action)) continue;
    const e = env.clone();
    shapes.set(`write:${w.action}`, declare(e, 'write', a.input, 'input', taken));
    writeEnvs.set(w.action, e);
  }

  const compile = (e: Environment, path: Path, expr: string, want?: string): ParseResult | null => {
    let program: ParseResult;
    try {
      program = e.parse(expr);
    } catch (err) {
      problem(lines.lineIn(path, expr, offsetOf(err), source.text), `${path.join('.')}: ${summaryOf(err)}`);
      return null;
    }
    const checked = program.check();
    if (!checked.valid) {
      problem(lines.lineIn(path, expr, offsetOf(checked.error), source.text), `${path.join('.')}: ${summaryOf(checked.error)}`);
      return null;
    }
    if (want && checked.type !== want && checked.type !== 'dyn') {
      problem(lines.lineIn(path, expr, 0, source.text), `${path.join('.')}: the expression is a ${checked.type}, not a ${want}`);
      return null;
    }
    return program;
  };
  const template = (e: Environment, path: Path, text: string): Template => {
    const parts: Template = [];
    let at = 0;
    for (const m of text.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
      parts.push(text.slice(at, m.index));
      const program = compile(e, path, m[1]!.trim());
      if (program) parts.push(program);
      at = m.index + m[0].length;
    }
    parts.push(text.slice(at));
    return parts;
  };

  const rules: CompiledRule[] = [];
  for (const [n, rule] of spec.rules.entries()) {
    if (rule.before !== undefined && !writeIds.includes(rule.before)) {
      problem(lines.lineOf(['rules', n, 'before']), `rule "${rule.id}" gates "${rule.before}", which is not one of this playbook's writes (${writeIds.join(', ') || 'none'})`);
      continue;
    }
    const gates = rule.before !== undefined ? [rule.before] : writeIds;
    // checked against each write it gates (a playbook with no write: against the reads alone)
    const envs = gates.length > 0 ? [...new Set(gates)].map((g) => writeEnvs.get(g)).filter((x): x is Environment => x !== undefined) : [env];
    let check: ParseResult | null = null;
    let message: Template = [];
    for (const e of envs) {
      check = compile(e, ['rules', n, 'check'], rule.check, 'bool');
      message = template(e, ['rules', n, 'message'], rule.message);
    }
    if (!check) continue;
    rules.push({ rule, check, message, gates, uses: variablesOf(check.ast, new Set([...variables, 'write'])) });
  }

  const readInputs = new Map<string, Record<string, ParseResult>>();
  for (const [n, read] of spec.reads.entries()) {
    const a = actions.get(read.action)!;
    const accepted = inputKeys(a.input);
    const bound: Record<string, ParseResult> = {};
    for (const [key, expr] of Object.entries(read.input ?? {})) {
      if (accepted && !accepted.includes(key)) problem(lines.lineOf(['reads', n, 'input', key]), `${read.action} takes no input "${key}" (it takes ${accepted.join(', ')})`);
      const program = compile(env, ['reads', n, 'input', key], expr);
      if (program) bound[key] = program;
    }
    if (spec.cues.length > 0 && read.input === undefined) problem(lines.lineOf(['reads', n]), `read "${read.as}" needs an "input": this playbook is served from data, so it runs its reads itself`);
    readInputs.set(read.as, bound);
  }

  const writeParams = new Map<string, Record<string, ParseResult>>();
  for (const [n, w] of spec.writes.entries()) {
    const a = actions.get(w.action);
    if (!a) continue;
    const accepted = inputKeys(a.input);
    const bound: Record<string, ParseResult> = {};
    for (const [key, binding] of Object.entries(w.params)) {
      if (accepted && !accepted.includes(key)) problem(lines.lineOf(['writes', n, 'params', key]), `${w.action} takes no parameter "${key}" (it takes ${accepted.join(', ')})`);
      if (typeof binding !== 'string') continue;
      const program = compile(env, ['writes', n, 'params', key], binding);
      if (program) bound[key] = program;
    }
    writeParams.set(w.action, bound);
  }

  const reply = spec.reply === undefined ? null : template(env, ['reply'], spec.reply);
  if (spec.cues.length > 0 && reply === null) problem(lines.lineOf(['cues']), 'a playbook served from data needs a "reply"');
  if (problems.length > 0) return { ok: false, problems };
  const convert = (vars: Record<string, unknown>, action?: string) =>
    Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, toCel(v, shapes.get(k === 'write' ? `write:${action}` : k) ?? { kind: 'plain' })]));
  return { ok: true, data: { source, spec, rules, readInputs, writeParams, reply, variables, toCel: convert } };
}

/** Every file of a set; the set is refused when one file is, or two share an id. */
export function compilePlaybooks(sources: readonly PlaybookSource[], actions: ActionCatalog, knownKinds: readonly string[]): LoadResult<CompiledPlaybook[]> {
  const problems: LoadProblem[] = [];
  const compiled: CompiledPlaybook[] = [];
  const ids = new Map<string, string>();
  for (const source of sources) {
    const got = compilePlaybook(source, actions, knownKinds);
    if (!got.ok) {
      problems.push(...got.problems);
      continue;
    }
    const other = ids.get(got.data.spec.id);
    if (other) problems.push({ file: source.file, line: 1, reason: `playbook "${got.data.spec.id}" is also defined in ${other}` });
    ids.set(got.data.spec.id, source.file);
    compiled.push(got.data);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, data: compiled };
}

/** One line per problem: `file:line: reason`. */
export const describeProblems = (problems: readonly LoadProblem[]) => problems.map((p) => `${p.file}:${p.line}: ${p.reason}`).join('\n');

/** The names an action's input object takes (undefined when its schema is no plain object). */
function inputKeys(schema: z.ZodType): string[] | undefined {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
  return json.properties ? Object.keys(json.properties) : undefined;
}

function offsetOf(err: unknown): number {
  const range = (err as { range?: { start?: number } } | undefined)?.range;
  return typeof range?.start === 'number' ? range.start : 0;
}

function summaryOf(err: unknown): string {
  const e = err as { summary?: string; message?: string } | undefined;
  return e?.summary ?? e?.message?.split('\n')[0] ?? String(err);
}
