// Peak resident memory while the bench runs: this (the core's) process, and the Chromium processes
// it started, reported apart (read from /proc; where there is none, Chromium's figure is null).
import { readdirSync, readFileSync } from 'node:fs';

function descendants(root: number): number[] {
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

function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
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
    this.core = Math.max(this.core, process.memoryUsage().rss / 2 ** 20);
    if (process.platform !== 'linux') return;
    const total = descendants(process.pid).reduce((sum, pid) => sum + rssMb(pid), 0);
    this.chromium = Math.max(this.chromium ?? 0, total);
  }

  stop(): { core_rss_mb_peak: number; chromium_rss_mb_peak: number | null } {
    clearInterval(this.timer);
    this.sample();
    return { core_rss_mb_peak: Math.round(this.core), chromium_rss_mb_peak: this.chromium === null ? null : Math.round(this.chromium) };
  }
}
