// Checks every import against DESIGN.md's table of who may import whom. Exit 1 on a violation.
// Usage: tsx scripts/check-boundaries.ts [--root DIR]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

interface Rule {
  /** repository folders this folder may import values from (its own folder is always allowed) */
  folders: string[];
  /** folders inside the allowed ones it may never import, not even types (core and the connectors) */
  notFolders?: string[];
  /** folders it may import types from only (`import type`) */
  typeFolders?: string[];
  /** npm packages it may import */
  packages: string[];
  /** packages it may import types from only */
  typePackages?: string[];
  /** may it use Node's built-in modules? */
  node: boolean;
}

const ANY = '*';

/** DESIGN.md "Parts and folders". Longest folder prefix wins. */
export const RULES: Record<string, Rule> = {
  shared: { folders: [], packages: ['zod'], node: false },
  'automations/runtime': { folders: ['shared'], packages: ['zod', 'playwright-core'], node: true },
  'automations/systems': { folders: ['shared', 'automations/runtime'], packages: ['zod'], typePackages: ['playwright-core'], node: true },
  'automations/playbooks': { folders: ['shared', 'automations/systems'], packages: ['zod', '@marcbachmann/cel-js', 'yaml'], node: false },
  // the built-in connectors by name: what core may know of them
  'automations/connectors.ts': { folders: ['shared', 'automations/runtime', 'automations/systems'], packages: [], node: false },
  // connectors are chosen by systems.json: core reaches them through automations/connectors.ts, never directly
  core: { folders: ['shared', 'automations'], notFolders: ['automations/systems'], packages: ['zod', 'openai', 'compromise'], node: true },
  electron: { folders: ['shared', 'core'], packages: ['zod', 'electron', 'electron-store'], node: true },
  renderer: { folders: ['shared'], packages: ['zod', 'react', 'react-dom', 'zustand', 'yaml'], node: false },
  sandbox: { folders: [], typeFolders: ['shared'], packages: ['zod', 'hono', '@hono/node-server'], node: true },
  // a composition root: it wires the runtime and connectors for `bench` until core's executor does
  cli: { folders: ['shared', 'core', 'sandbox', 'automations', 'hub'], packages: ['zod', 'tsx'], typePackages: ['playwright-core'], node: true },
  hub: { folders: ['shared', 'core'], packages: ['zod', 'hono', '@hono/node-server', '@electric-sql/pglite', 'pg', '@node-rs/argon2'], node: true },
  scripts: { folders: [], packages: [], node: true },
  test: { folders: [ANY], packages: [ANY], node: true },
};

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|jsx)$/;
const SKIP_DIRS = new Set(['node_modules', '.git', '.tsbuild', 'dist', 'tmp', 'coverage']);
const NODE_BUILTINS = new Set(builtinModules);

export interface ImportRef {
  specifier: string;
  typeOnly: boolean;
  line: number;
}

/** The static and dynamic imports and re-exports of a module's source. */
export function importsOf(source: string): ImportRef[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|\s)\/\/.*$/gm, '$1');
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  const found: ImportRef[] = [];
  const patterns: [RegExp, (m: RegExpExecArray) => boolean][] = [
    [/\bimport\s+(type\s+)?([\w*{}\s,$]+?)\s+from\s+['"]([^'"]+)['"]/g, (m) => Boolean(m[1]) || allTypeSpecifiers(m[2] ?? '')],
    [/\bexport\s+(type\s+)?(\*(?:\s+as\s+\w+)?|\{[^}]*\})\s+from\s+['"]([^'"]+)['"]/g, (m) => Boolean(m[1]) || allTypeSpecifiers(m[2] ?? '')],
    [/\bimport\s+()()['"]([^'"]+)['"]/g, () => false],
    [/\bimport\(\s*()()['"]([^'"]+)['"]\s*\)/g, () => false],
    [/\brequire\(\s*()()['"]([^'"]+)['"]\s*\)/g, () => false],
  ];
  for (const [re, isType] of patterns) {
    for (let m = re.exec(text); m; m = re.exec(text)) {
      found.push({ specifier: m[3] ?? '', typeOnly: isType(m), line: lineAt(m.index) });
    }
  }
  return found;
}

function allTypeSpecifiers(clause: string): boolean {
  const braces = /^\{([^}]*)\}$/.exec(clause.trim());
  if (!braces) return false;
  const names = (braces[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function ruleFolder(rel: string): string | undefined {
  const norm = rel.split(path.sep).join('/');
  return Object.keys(RULES)
    .filter((f) => norm === f || norm.startsWith(`${f}/`))
    .sort((a, b) => b.length - a.length)[0];
}

function within(target: string, folders: string[]): boolean {
  return folders.some((f) => f === ANY || target === f || target.startsWith(`${f}/`));
}

export function checkTree(root: string): string[] {
  const problems: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (SKIP_DIRS.has(name)) continue;
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (SOURCE.test(name) && !name.endsWith('.d.ts')) problems.push(...checkFile(root, full));
    }
  };
  for (const top of new Set(Object.keys(RULES).map((f) => f.split('/')[0] ?? f))) {
    const dir = path.join(root, top);
    if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) walk(dir);
  }
  return problems.sort();
}

function checkFile(root: string, file: string): string[] {
  const rel = path.relative(root, file);
  const folder = ruleFolder(rel);
  if (!folder) return [];
  const rule = RULES[folder]!;
  const problems: string[] = [];
  for (const imp of importsOf(readFileSync(file, 'utf8'))) {
    const where = `${rel.split(path.sep).join('/')}:${imp.line}`;
    const spec = imp.specifier;
    if (spec.startsWith('.')) {
      const target = path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep).join('/');
      const own = target === folder || target.startsWith(`${folder}/`);
      if (within(target, rule.notFolders ?? [])) {
        problems.push(`${where}: ${folder}/ may never import ${target} (connectors are chosen by configuration: go through automations/connectors.ts)`);
        continue;
      }
      if (own || within(target, rule.folders) || (imp.typeOnly && within(target, rule.typeFolders ?? []))) continue;
      const typeNote = within(target, rule.typeFolders ?? []) ? ' except as `import type`' : '';
      problems.push(`${where}: ${folder}/ may not import ${target}${typeNote} (allowed: ${[...rule.folders, ...(rule.typeFolders ?? []).map((f) => `${f} (types)`)].join(', ') || 'nothing outside itself'})`);
    } else if (spec.startsWith('node:') || NODE_BUILTINS.has(packageName(spec))) {
      if (!rule.node) problems.push(`${where}: ${folder}/ may not use Node built-ins ("${spec}"): it runs without Node`);
    } else {
      const pkg = packageName(spec);
      if (within(pkg, rule.packages) || (imp.typeOnly && (rule.typePackages ?? []).includes(pkg))) continue;
      problems.push(`${where}: ${folder}/ may not import the package "${pkg}" (allowed: ${[...rule.packages, ...(rule.typePackages ?? []).map((p) => `${p} (types)`)].join(', ') || 'none'})`);
    }
  }
  return problems;
}

function main(argv: string[]): void {
  const i = argv.indexOf('--root');
  const root = path.resolve(i >= 0 ? (argv[i + 1] ?? '.') : '.');
  const problems = checkTree(root);
  if (problems.length > 0) {
    console.error(`Import boundaries (DESIGN.md "Parts and folders") broken in ${problems.length} place(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log('import boundaries: ok');
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
