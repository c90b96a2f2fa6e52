// `legwork policy …` as a lead and an agent run it: real processes, a temporary LEGWORK_HOME.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planOf, writeStep } from './fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/policy.json');
// Through the real `legwork` bin once cli/main.ts registers the command; until then through a runner that does what main does.
const registered = /policyCommand/.test(readFileSync(path.join(ROOT, 'cli/main.ts'), 'utf8'));
const ENTRY = registered ? [path.join(ROOT, 'bin/legwork.js'), 'policy'] : ['--import', 'tsx', path.join(import.meta.dirname, 'cli-runner.ts')];

let dir: string;
let home: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'legwork-policy-cli-'));
  home = path.join(dir, 'home');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function legwork(...args: string[]) {
  const res = spawnSync(process.execPath, [...ENTRY, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000, env: { ...process.env, LEGWORK_HOME: home } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}
const at = (name: string) => path.join(dir, name);

describe('legwork policy', { timeout: 120_000 }, () => {
  it('keygen, sign, verify: a lead signs the team policy and anyone can check it', () => {
    const keygen = legwork('keygen', '--out', at('lead'));
    expect(keygen.code).toBe(0);
    expect(keygen.stdout).toMatch(/^lead key [0-9a-f]{16}\n/);
    expect(statSync(at('lead/lead.key.pem')).mode & 0o777).toBe(0o600);
    expect(legwork('keygen', '--out', at('lead'))).toMatchObject({ code: 1, stderr: expect.stringMatching(/already exists/) });
    expect(legwork('keygen', '--out', at('other')).code).toBe(0);

    const sign = legwork('sign', '--key', at('lead/lead.key.pem'), '--in', EXAMPLE, '--out', at('policy.signed.json'));
    expect(sign.code).toBe(0);
    expect(sign.stdout).toContain('policy.signed.json');
    const verify = legwork('verify', '--key', at('lead/lead.pub.pem'), at('policy.signed.json'));
    expect(verify).toMatchObject({ code: 0, stdout: expect.stringMatching(/^valid: policy "Sandbox support team" signed by lead key [0-9a-f]{16}\n$/) });

    writeFileSync(at('tampered.json'), readFileSync(at('policy.signed.json'), 'utf8').replace('"auto": 50', '"auto": 500'));
    const tampered = legwork('verify', '--key', at('lead/lead.pub.pem'), at('tampered.json'));
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/tampered\.json is not valid: .*changed after it was signed/);
    const wrongKey = legwork('verify', '--key', at('other/lead.pub.pem'), at('policy.signed.json'));
    expect(wrongKey).toMatchObject({ code: 1, stderr: expect.stringMatching(/is signed by key [0-9a-f]{16}, not by the lead key/) });
    expect(legwork('verify', '--key', at('lead/lead.pub.pem'), EXAMPLE)).toMatchObject({ code: 1, stderr: expect.stringMatching(/not signed/) });

    writeFileSync(at('bad-policy.json'), JSON.stringify({ version: 1, name: 'x', actions: { adjust_charge: { caps: { auto: 'fifty' } } } }));
    const bad = legwork('sign', '--key', at('lead/lead.key.pem'), '--in', at('bad-policy.json'), '--out', at('bad.signed.json'));
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('actions.adjust_charge.caps.auto: ') });
    expect(existsSync(at('bad.signed.json'))).toBe(false);
  });

  it('show, install, explain: the policy in force, where it came from, and what it decides', () => {
    const before = legwork('show', '--json');
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toMatchObject({ source: 'built-in', policy: { name: 'built-in strictest default' } });

    const install = legwork('install', at('policy.signed.json'), '--key', at('lead/lead.pub.pem'));
    expect(install).toMatchObject({ code: 0, stdout: expect.stringMatching(/^installed: policy "Sandbox support team" from .*policy\.signed\.json/) });
    const shown = legwork('show');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^In force: policy "Sandbox support team" from .*home\/policy\/policy\.signed\.json, signed by lead key/);
    expect(JSON.parse(shown.stdout.slice(shown.stdout.indexOf('{'))).actions.adjust_charge.caps.auto).toBe(50);

    const plan = planOf([
      writeStep({ id: 's1', action: 'get_order_details', kind: 'read', system: 'orders' }),
      writeStep({ id: 's2', action: 'adjust_charge', amount: 30 }),
      writeStep({ id: 's3', action: 'adjust_charge', amount: 72.1 }),
      writeStep({ id: 's4', action: 'cancel_pending_order', playbook: 'cancel_order', system: 'orders', amount: 300 }),
    ]);
    writeFileSync(at('plan.json'), JSON.stringify(plan));
    writeFileSync(at('facts.json'), JSON.stringify({ order: { status: 'delivered', total: 300 } }));
    const explain = legwork('explain', '--plan', at('plan.json'), '--facts', at('facts.json'), '--agent', 'ana');
    expect(explain.code).toBe(0);
    const lines = explain.stdout.trim().split('\n').slice(-4);
    expect(lines[0]).toMatch(/^s1\s+get_order_details\s+auto\s+.*reads are never restricted/);
    expect(lines[1]).toMatch(/^s2\s+adjust_charge\s+auto\s+/);
    expect(lines[2]).toMatch(/^s3\s+adjust_charge\s+approve\s+adjust_charge of \$72\.10 is above the \$50 auto cap$/);
    expect(lines[3]).toMatch(/^s4\s+cancel_pending_order\s+suggest\s+only pending orders/);
    const json = JSON.parse(legwork('explain', '--plan', at('plan.json'), '--json').stdout);
    // without facts, the conditions on order.total and order.status apply (unknown facts never loosen)
    expect(json.decisions.map((d: { kind: string }) => d.kind)).toEqual(['auto', 'approve', 'approve', 'suggest']);

    // the installed file edited on disk: refused, said so, and the last valid policy stays in force
    const installed = path.join(home, 'policy/policy.signed.json');
    writeFileSync(installed, readFileSync(installed, 'utf8').replace('"auto": 50', '"auto": 5000'));
    const after = legwork('show');
    expect(after.code).toBe(0);
    expect(after.stderr).toMatch(/refused .*policy\.signed\.json: .*changed after it was signed/);
    expect(after.stdout).toMatch(/^In force: the last valid policy "Sandbox support team" from .*last-good\.signed\.json/);
    const stillCapped = JSON.parse(legwork('explain', '--plan', at('plan.json'), '--json').stdout);
    expect(stillCapped.decisions[2].kind).toBe('approve');

    // another key cannot take over, and a tampered file is not installed
    legwork('sign', '--key', at('other/lead.key.pem'), '--in', EXAMPLE, '--out', at('other.signed.json'));
    expect(legwork('install', at('other.signed.json'), '--key', at('other/lead.pub.pem'))).toMatchObject({ code: 1, stderr: expect.stringMatching(/trusts lead key/) });
    expect(legwork('install', at('tampered.json'))).toMatchObject({ code: 1, stderr: expect.stringMatching(/was not installed: .*changed after it was signed/) });
    expect(legwork('install', at('policy.signed.json')).code).toBe(0);
    expect(JSON.parse(legwork('show', '--json').stdout)).toMatchObject({ source: 'file', refused: null });
  });

  it.each([
    [[], /policy needs a subcommand/],
    [['keygen'], /missing --out DIR/],
    [['keygen', '--out', '/tmp/x', '--force'], /Unknown option '--force'/],
    [['verify', '--key', 'pub.pem', 'a.json', 'b.json'], /expected 1 file argument, got 2/],
    [['show', 'extra'], /unexpected argument "extra"/],
  ])('refuses %j with exit code 2', (args, message) => {
    const res = legwork(...args);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
  });

  it('a missing file or a plan that is not a plan exits 1 with the reason', () => {
    expect(legwork('verify', '--key', at('nope.pem'), at('policy.signed.json'))).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot read .*nope\.pem: no such file/) });
    writeFileSync(at('not-a-plan.json'), JSON.stringify({ steps: 'none' }));
    expect(legwork('explain', '--plan', at('not-a-plan.json'))).toMatchObject({ code: 1, stderr: expect.stringMatching(/is not a plan: .*steps/) });
  });
});
