// The import-boundary check fails on what DESIGN.md forbids and passes on this repository.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTree, importsOf } from '../../scripts/check-boundaries.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'legwork-boundaries-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmp, 't-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('importsOf', () => {
  it('finds static, multi-line, re-export, dynamic and type-only imports, not commented ones', () => {
    const found = importsOf(`import { a,\n  b } from './x.ts';\nimport type { T } from '../shared/t.ts';\nimport { type U, type V } from 'pkg';\nexport * from './y.ts';\n// import z from 'zzz';\nconst m = await import('node:fs');\nimport './side.ts';`);
    expect(found.map((f) => [f.specifier, f.typeOnly])).toEqual(
      expect.arrayContaining([['./x.ts', false], ['../shared/t.ts', true], ['pkg', true], ['./y.ts', false], ['node:fs', false], ['./side.ts', false]]),
    );
    expect(found.map((f) => f.specifier)).not.toContain('zzz');
  });
});

describe('checkTree', () => {
  it('reports each forbidden import with file and line', () => {
    const dir = tree({
      'shared/a.ts': `import fs from 'node:fs';\nimport { x } from '../core/x.ts';`,
      'renderer/b.ts': `import { chromium } from 'playwright-core';`,
      'sandbox/c.ts': `import { Schema } from '../shared/a.ts';\nimport type { T } from '../shared/a.ts';`,
      'core/d.ts': `import { App } from '../electron/main.ts';`,
      'automations/playbooks/e.ts': `import { h } from '../runtime/host.ts';`,
      'automations/systems/f.ts': `import type { Page } from 'playwright-core';\nimport { chromium } from 'playwright-core';`,
      'cli/g.ts': `import { startSandbox } from '../sandbox/server.ts';`,
      'test/h.ts': `import anything from 'whatever';\nimport { x } from '../electron/main.ts';`,
    });
    const problems = checkTree(dir);
    expect(problems).toEqual([
      expect.stringMatching(/^automations\/playbooks\/e\.ts:1: .*automations\/runtime\/host\.ts/),
      expect.stringMatching(/^automations\/systems\/f\.ts:2: .*"playwright-core"/),
      expect.stringMatching(/^core\/d\.ts:1: core\/ may not import electron\/main\.ts/),
      expect.stringMatching(/^renderer\/b\.ts:1: .*"playwright-core"/),
      expect.stringMatching(/^sandbox\/c\.ts:1: .*except as `import type`/),
      expect.stringMatching(/^shared\/a\.ts:1: .*Node built-ins/),
      expect.stringMatching(/^shared\/a\.ts:2: shared\/ may not import core\/x\.ts/),
    ]);
  });

  it('forbids core any import of a connector module, even of a type, and allows the built-in registry', () => {
    const dir = tree({
      'core/a.ts': `import { getTicket } from '../automations/systems/helpdesk/actions.ts';\nimport type { Ticket } from '../automations/systems/rt/pages.ts';\nimport { BUILTIN_SYSTEMS } from '../automations/connectors.ts';\nimport { ActionRunner } from '../automations/runtime/runner.ts';`,
      'automations/connectors.ts': `import { rtSystem } from './systems/rt/system.ts';`,
    });
    expect(checkTree(dir)).toEqual([
      expect.stringMatching(/^core\/a\.ts:1: core\/ may never import automations\/systems\/helpdesk\/actions\.ts \(connectors are chosen by configuration/),
      expect.stringMatching(/^core\/a\.ts:2: core\/ may never import automations\/systems\/rt\/pages\.ts/),
    ]);
  });

  it('passes on this repository, and the CLI exits 1 on a broken tree', () => {
    expect(checkTree(ROOT)).toEqual([]);
    const broken = tree({ 'shared/a.ts': `import { chromium } from 'playwright-core';` });
    const res = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'scripts/check-boundaries.ts'), '--root', broken], { encoding: 'utf8' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('shared/a.ts:1');
  });
});
