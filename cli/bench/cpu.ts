// CPU time spent by this (the core's) process and the Chromium processes it started, in ms: on a
// machine shared with other work, wall time measures the queue for the cores as much as the work;
// CPU time measures the work.
import { readFileSync } from 'node:fs';
import { descendants } from './memory.ts';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function childCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat; f starts at field 3
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU ms so far: the core (user + system) and Chromium's processes (null where /proc is missing). */
export function cpuMsNow(): { core: number; chromium: number | null } {
  const { user, system } = process.cpuUsage();
  const core = (user + system) / 1000;
  if (process.platform !== 'linux') return { core, chromium: null };
  return { core, chromium: descendants(process.pid).reduce((sum, pid) => sum + childCpuMs(pid), 0) };
}

/** CPU ms that `work` cost, core and Chromium together (Chromium processes that ended meanwhile are not counted). */
export async function cpuOf<T>(work: () => Promise<T>): Promise<{ result: T; cpuMs: number }> {
  const a = cpuMsNow();
  const result = await work();
  const b = cpuMsNow();
  return { result, cpuMs: b.core - a.core + ((b.chromium ?? 0) - (a.chromium ?? 0)) };
}
