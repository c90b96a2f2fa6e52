// A playbook file and the form's fields, both ways. The YAML text is the draft; the form reads its
// common parts (name, request kinds, minutes by hand, rules, reply) and writes a change back into
// the text through the yaml library's document, so comments and everything the form does not show
// stay as the lead wrote them (only the lines of the changed field change). Where a problem the
// core reports sits is found by line: the field whose node spans it.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Document } from 'yaml';

export interface RuleFields {
  id: string;
  says: string;
  check: string;
  message: string;
  refuse: string;
}

export interface PlaybookFields {
  id: string;
  title: string;
  serves: string[];
  /** as typed: a number, or what the lead typed that is not one (the core says why) */
  baseline: string;
  rules: RuleFields[];
  reply: string;
  /** the names its reads give the rules (`order`, `customer`…) */
  reads: string[];
}

export type FieldPath = (string | number)[];

const OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const;

function parse(text: string): Document {
  return parseDocument(text, { keepSourceTokens: false });
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** The form's fields, or why the text is not a playbook the form can show. */
export function readFields(text: string): { ok: true; fields: PlaybookFields } | { ok: false; error: string } {
  const doc = parse(text);
  if (doc.errors.length > 0) return { ok: false, error: `the file is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}` };
  const js = doc.toJS() as unknown;
  if (!js || typeof js !== 'object' || Array.isArray(js)) return { ok: false, error: 'a playbook file is one mapping: id, title, serves, …' };
  const o = js as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  return {
    ok: true,
    fields: {
      id: str(o.id),
      title: str(o.title),
      serves: list(o.serves).map(str),
      baseline: str(o.baseline_minutes),
      rules: list(o.rules).map((r) => {
        const x = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
        return { id: str(x.id), says: str(x.says), check: str(x.check), message: str(x.message), refuse: str(x.refuse) };
      }),
      reply: str(o.reply),
      reads: list(o.reads).map((r) => str((r as Record<string, unknown> | null)?.as)).filter(Boolean),
    },
  };
}

/** The text with one field set (undefined removes it); the rest of the file as it was. */
export function setField(text: string, path: FieldPath, value: unknown): string {
  const doc = parse(text);
  if (doc.errors.length > 0) return text;
  if (value === undefined) doc.deleteIn(path);
  else {
    const node = doc.getIn(path, true);
    if (isScalar(node) && (typeof value === 'string' || typeof value === 'number')) {
      // keep how the lead quoted it (an empty value's quotes were only for being empty); a multi-line text becomes a block
      if (node.value === '') delete node.type;
      node.value = value;
      if (typeof value === 'string' && value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
      else if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) node.type = Scalar.QUOTE_DOUBLE;
    } else {
      const created = doc.createNode(value);
      if (isSeq(created) && created.items.every((i) => isScalar(i))) created.flow = true;
      if (isScalar(created) && typeof value === 'string' && value.includes('\n')) created.type = Scalar.BLOCK_LITERAL;
      doc.setIn(path, created);
    }
  }
  return splice(text, doc);
}

/** A rule appended to the file's rules (their list made when there is none). */
export function addRule(text: string, rule: RuleFields): string {
  const doc = parse(text);
  if (doc.errors.length > 0) return text;
  const rules = doc.get('rules', true);
  const node = doc.createNode(rule);
  if (isSeq(rules)) rules.items.push(node);
  else doc.set('rules', doc.createNode([rule]));
  return splice(text, doc);
}

/**
 * The edited document as text, keeping the original lines the edit did not touch: both the
 * original and the edited document are written the library's way, and only the lines between
 * their common start and common end are taken from the edited one.
 */
function splice(original: string, edited: Document): string {
  const before = parse(original).toString(OPTIONS).split('\n');
  const after = edited.toString(OPTIONS).split('\n');
  const lines = original.split('\n');
  if (before.length !== lines.length) return after.join('\n');
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return [...lines.slice(0, start), ...after.slice(start, after.length - end), ...lines.slice(lines.length - end)].join('\n');
}

/** The form's fields whose lines hold a problem: `title`, `rules.0.check`… (the most precise field whose node spans the line). */
export function fieldAtLine(text: string, line: number): string | null {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length > 0) return null;
  let best: { key: string; size: number } | null = null;
  const consider = (key: string, node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return;
    const first = counter.linePos(range[0]).line;
    const last = counter.linePos(Math.max(range[0], range[1] - 1)).line;
    if (line < first || line > last) return;
    const size = last - first;
    if (!best || size <= best.size) best = { key, size };
  };
  const root = doc.contents;
  if (!isMap(root)) return null;
  for (const key of ['id', 'title', 'serves', 'baseline_minutes', 'reply']) {
    const pair = root.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair) {
      consider(key, pair.key);
      consider(key, pair.value);
    }
  }
  const rules = doc.get('rules', true);
  if (isSeq(rules)) {
    rules.items.forEach((rule, n) => {
      consider(`rules.${n}`, rule);
      if (!isMap(rule)) return;
      for (const pair of rule.items) {
        if (!isScalar(pair.key)) continue;
        consider(`rules.${n}.${String(pair.key.value)}`, pair.key);
        consider(`rules.${n}.${String(pair.key.value)}`, pair.value);
      }
    });
  }
  return (best as { key: string } | null)?.key ?? null;
}

/** A name as a playbook id: lower_snake_case. */
export function idOf(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '');
  return id || 'new_playbook';
}
