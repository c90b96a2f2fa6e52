// Peak resident memory while the bench runs: this (the core's) process, and the Chromium processes
// it started, reported apart (read from /proc; where there is none, Chromium's figure is null).
import { readdirSync, readFileSync } from 'node:fs';

export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  for (const d of entries) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Proportional share (PSS): pages shared by several processes (Chromium's libraries, shared memory) counted once in all. */
function pssMb(pid: number): number {
  try {
    const kb = /Pss:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Chromium's memory counted without double counting what its processes share (PSS), null where /proc is missing. */
export function chromiumPssNow(): number | null {
  return process.platform === 'linux' ? descendants(process.pid).reduce((sum, pid) => sum + pssMb(pid), 0) : null;
}

/** Resident memory now: the core's process and the Chromium processes it started (null where /proc is missing). */
export function memoryNow(): { core: number; chromium: number | null } {
  const core = process.memoryUsage().rss / 2 ** 20;
  if (process.platform !== 'linux') return { core, chromium: null };
  return { core, chromium: descendants(process.pid).reduce((sum, pid) => sum + rssMb(pid), 0) };
}

/** Chromium's processes by kind (`--type=renderer`, gpu-process, …; the browser itself has none). */
export function chromiumProcesses(): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const pid of process.platform === 'linux' ? descendants(process.pid) : []) {
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!/chrom/i.test(cmd.split('\0')[0] ?? '')) continue;
    const kind = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

/** The slope of y over x by least squares (MB per run from samples), 0 with fewer than two points. */
export function slope(points: [x: number, y: number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
}

export class PeakMemory {
  core = 0;
  chromium: number | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(everyMs = 250) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  private sample(): void {
    const now = memoryNow();
    this.core = Math.max(this.core, now.core);
    if (now.chromium !== null) this.chromium = Math.max(this.chromium ?? 0, now.chromium);
  }

  stop(): { core_rss_mb_peak: number; chromium_rss_mb_peak: number | null } {
    clearInterval(this.timer);
    this.sample();
    return { core_rss_mb_peak: Math.round(this.core), chromium_rss_mb_peak: this.chromium === null ? null : Math.round(this.chromium) };
  }
}
