// The CLI asks for a passphrase in a terminal without echoing it, and LEGWORK_PASSPHRASE still works
// for scripts (issue 17). The terminal is real: util-linux `script` runs `legwork` on a pseudo-terminal,
// and the test types only once the prompt is on screen.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { BIN, legwork } from './cli-process.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const hasScript = spawnSync('script', ['--version']).status === 0;

/** Runs `legwork ARGS` on a pseudo-terminal; answers each prompt (a line matching `when`) with `typed`. */
function inTerminal(args: string[], env: Record<string, string>, answers: { when: RegExp; typed: string }[]): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: ROOT, env: { ...process.env, LEGWORK_PASSPHRASE: '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  const left = [...answers];
  const onOutput = (d: Buffer) => {
    screen += String(d);
    const next = left[0];
    if (next && next.when.test(screen)) {
      left.shift();
      child.stdin.write(`${next.typed}\r`);
      screen += '⏎';
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

describe.skipIf(!hasScript)('passphrase prompt (skipped without util-linux `script`, which gives the test a real terminal)', () => {
  it('secrets set asks for the passphrase and the password without echoing either; the store opens with that passphrase', { timeout: 180_000 }, async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'legwork-prompt-'));
    const ran = await inTerminal(['secrets', 'set', 'crm', '--username', 'ana'], { LEGWORK_HOME: home }, [
      { when: /Passphrase for the systems' passwords/, typed: 'correct horse battery' },
      { when: /Password for ana on crm: /, typed: 's3cret-pw-42' },
    ]);
    expect(ran.code, ran.screen).toBe(0);
    expect(ran.screen).toMatch(/the sign-in for crm is kept, encrypted/);
    expect(ran.screen).not.toContain('correct horse battery');
    expect(ran.screen).not.toContain('s3cret-pw-42');
    // scripts: the same store through LEGWORK_PASSPHRASE, and a wrong one is refused
    const listed = await legwork(BIN, ['secrets', 'list'], { LEGWORK_HOME: home, LEGWORK_PASSPHRASE: 'correct horse battery' });
    expect(listed.stdout.trim(), listed.stderr).toBe('crm');
    const wrong = await legwork(BIN, ['secrets', 'list'], { LEGWORK_HOME: home, LEGWORK_PASSPHRASE: 'not the passphrase' });
    expect(wrong.code).not.toBe(0);
  });

  it('without a terminal and without LEGWORK_PASSPHRASE, says both ways to give it', { timeout: 60_000 }, async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'legwork-prompt-'));
    const ran = await legwork(BIN, ['secrets', 'list'], { LEGWORK_HOME: home, LEGWORK_PASSPHRASE: '' });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/is needed: set LEGWORK_PASSPHRASE, or run this in a terminal to be asked for it/);
  });

  it('policy sign opens an encrypted lead key with the passphrase typed at the prompt', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'legwork-prompt-'));
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(path.join(dir, 'lead.key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'lead passphrase 1' }));
    writeFileSync(path.join(dir, 'lead.pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    const args = ['policy', 'sign', '--key', path.join(dir, 'lead.key.pem'), '--in', path.join(ROOT, 'examples/policy.json'), '--out', path.join(dir, 'signed.json')];
    const ran = await inTerminal(args, { LEGWORK_HOME: dir }, [{ when: /Passphrase for the key .*lead\.key\.pem: /, typed: 'lead passphrase 1' }]);
    expect(ran.code, ran.screen).toBe(0);
    expect(ran.screen).not.toContain('lead passphrase 1');
    const verified = await legwork(BIN, ['policy', 'verify', '--key', path.join(dir, 'lead.pub.pem'), path.join(dir, 'signed.json')], { LEGWORK_HOME: dir });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'signed.json'), 'utf8')).signature).toBeTruthy();
  });
});
