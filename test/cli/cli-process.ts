// Runs a `legwork` command as its own process (async: the test's sandbox must keep answering).
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** resolve and recover, until cli/main.ts registers them */
export const ENTRY = path.join(ROOT, 'test/cli/run-entry.ts');
/** the real `legwork` (trace is registered there) */
export const BIN = path.join(ROOT, 'bin/legwork.js');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function legwork(script: string, args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<Ran> {
  const child = spawn(process.execPath, script.endsWith('.ts') ? ['--import', 'tsx', script, ...args] : [script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
