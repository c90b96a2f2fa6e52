// Driving a browser over the DevTools pipe: a real Chromium started with --remote-debugging-pipe
// (as the desktop app starts Electron) is driven through playwright-core, and no process of it
// listens on any port — a second local process has nothing to attach to.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pipeTransport } from '../../automations/runtime/cdp-pipe.ts';
import { chromiumArgs, findChromium } from '../../automations/runtime/chromium.ts';
import { joinCdpPipe } from '../../cli/commands/start.ts';

/** The pids of a process and all its descendants. */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const ppid = Number(/^\d+ \(.*\) \S (\d+)/s.exec(readFileSync(`/proc/${name}/stat`, 'utf8'))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const visit = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) visit(c);
  };
  visit(root);
  return out;
}

/** TCP ports on which any of these processes listens (from /proc/net/tcp{,6} and their fds). */
function listeningPorts(pids: number[]): number[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const target = (() => {
          try {
            return readlinkSync(`/proc/${pid}/fd/${fd}`);
          } catch {
            return '';
          }
        })();
        const m = /^socket:\[(\d+)\]$/.exec(target);
        if (m) inodes.add(m[1]!);
      }
    } catch {
      // gone meanwhile
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] === '0A' && inodes.has(f[9]!)) ports.push(parseInt(f[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

describe('the DevTools protocol over a pipe', () => {
  it('drives a page through playwright-core with no port open to other processes', { timeout: 90_000 }, async () => {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'legwork-pipe-'));
    const child = spawn(findChromium(), [...chromiumArgs(), '--headless', '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    try {
      const browser = await chromium.connectOverCDP(pipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable));
      const context = browser.contexts()[0] ?? (await browser.newContext());
      const page = await context.newPage();
      await page.setContent('<h1>Legwork</h1>');
      expect(await page.locator('h1').textContent()).toBe('Legwork');
      // nothing to attach to: no listening socket in the browser's process tree, no DevToolsActivePort
      expect(listeningPorts(tree(child.pid!))).toEqual([]);
      expect(existsSync(path.join(profile, 'DevToolsActivePort'))).toBe(false);
      await browser.close();
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('the same browser started with a port is what the test catches: a listening socket', { timeout: 90_000 }, async () => {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'legwork-port-'));
    const child = spawn(findChromium(), [...chromiumArgs(), '--headless', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
    try {
      const deadline = Date.now() + 30_000;
      while (!existsSync(path.join(profile, 'DevToolsActivePort')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const port = Number(readFileSync(path.join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0]);
      expect(listeningPorts(tree(child.pid!))).toContain(port);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it("the launcher joins Electron's Node side (fds 5/6) to its Chromium side (fds 3/4), and nothing else holds them", { timeout: 30_000 }, async () => {
    // stands in for Electron: its "Chromium" echoes fd 3 to fd 4; its "Node side" writes fd 5 and reads fd 6
    const script = `
      const fs = require('node:fs');
      const net = require('node:net');
      new net.Socket({ fd: 3, readable: true, writable: false }).pipe(new net.Socket({ fd: 4, readable: false, writable: true }));
      const back = new net.Socket({ fd: 6, readable: true, writable: false });
      back.once('data', (d) => { process.stdout.write(String(d).replace('\\0', '')); process.exit(0); });
      new net.Socket({ fd: 5, readable: false, writable: true }).write('{"id":1}\\0');`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit', 'pipe', 'pipe', 'pipe', 'pipe'] });
    joinCdpPipe(child);
    let out = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    await new Promise((resolve) => child.once('exit', resolve));
    expect(out).toBe('{"id":1}');
  });
});
