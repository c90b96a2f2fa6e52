// `legwork trace …`: verify, export, list, show, verdict, metrics over the runs under LEGWORK_HOME.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Failure } from '../../shared/errors.ts';
import { RUN_OUTCOMES, RunIdSchema, VERDICTS, type PlaybookMetrics, type RunListing, type TraceQuery, type VerifyReport } from '../../shared/trace.ts';
import { openBundle, verifyBundle } from '../../core/trace/bundle.ts';
import { keyFingerprint, normalizePublicKey } from '../../core/trace/keys.ts';
import { BaselineTableSchema, defaultBaselineMinutes } from '../../core/trace/metrics.ts';
import { TraceStore } from '../../core/trace/store.ts';
import { parseFlags } from '../args.ts';
import { UsageError } from '../usage.ts';
import { signedInAs } from '../signed-in.ts';

export const TRACE_USAGE = `  trace verify RUN|BUNDLE  check a run's events, signed head and screenshots (exit 1 on a problem)
      --key KEY         trust only this public key (base64, PEM, or a file holding either)
  trace export RUN --out FILE   write the run as one bundle file that verifies elsewhere
  trace list            runs, newest first
      --since D --until D --agent A --playbook P --outcome O --verdict V (or none) --limit N
      --sample SHARE --seed S   a QA sample: every escalation and SHARE (0..1) of the rest
      --json            as JSON
  trace show RUN|BUNDLE the run's summary, head, reviews and event timeline (--json)
  trace verdict RUN --verdict pass|fail|needs_follow_up [--comment C]
                        the reviewer recorded is the account signed in here (the OS account)
  trace metrics         per playbook: runs, completed, escalated, autonomy, median time, time saved
      (the list filters) --baselines FILE (JSON: playbook → minutes by hand) --json
  trace blob RUN|BUNDLE SHA256 --out FILE   save a screenshot or evidence file
  trace key             this machine's trace public key (give it to whoever verifies bundles)
  trace reindex         rebuild the run index from the run files
`;

export interface TraceIo {
  store?: TraceStore;
  out?: (text: string) => void;
  err?: (text: string) => void;
}

const QUERY_FLAGS = {
  since: { type: 'string' },
  until: { type: 'string' },
  agent: { type: 'string' },
  playbook: { type: 'string' },
  outcome: { type: 'string' },
  verdict: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** The `legwork trace` command; sets process.exitCode to 1 when a check fails or a run is missing. */
export async function traceCommand(args: string[], io: TraceIo = {}): Promise<void> {
  const code = await runTrace(args, io);
  if (code) process.exitCode = code;
}

/** Runs `legwork trace …` and returns its exit code (0 ok, 1 problems); usage errors throw UsageError. */
export async function runTrace(args: string[], io: TraceIo = {}): Promise<number> {
  const out = io.out ?? ((t: string) => void process.stdout.write(t));
  const err = io.err ?? ((t: string) => void process.stderr.write(t));
  const store = io.store ?? TraceStore.forHome();
  const [sub, ...rest] = args;
  const failed = (e: Failure) => {
    err(`legwork trace: ${e.message}\n`);
    return 1;
  };
  switch (sub) {
    case 'verify': {
      const [target, flagArgs] = positional(rest, 'trace verify needs a run id or a bundle file');
      const flags = parseFlags(flagArgs, { key: { type: 'string' }, json: { type: 'boolean' } });
      const trustedKeys = flags.key === undefined ? undefined : [readKeyFlag(flags.key)];
      const report = isFile(target) ? await verifyBundle(target, { trustedKeys }) : await store.verifyRun(runIdOrFail(target), { trustedKeys });
      out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(target, report, trustedKeys !== undefined));
      return report.ok ? 0 : 1;
    }
    case 'export': {
      const [run, flagArgs] = positional(rest, 'trace export needs a run id');
      const flags = parseFlags(flagArgs, { out: { type: 'string' } });
      if (!flags.out) throw new UsageError('trace export needs --out FILE');
      const r = await store.exportRun(runIdOrFail(run), flags.out);
      if (!r.ok) return failed(r.error);
      out(`${r.data.file}: run ${run}, ${r.data.events} events, ${r.data.blobs} blobs${r.data.finished ? '' : ' (not finished: no signed head)'}\n`);
      return 0;
    }
    case 'list': {
      const flags = parseFlags(rest, { ...QUERY_FLAGS, sample: { type: 'string' }, seed: { type: 'string' } });
      const query = queryOf(flags);
      const r = flags.sample === undefined ? await store.listRuns(query) : await store.sampleForQa(query, { share: shareOf(flags.sample), seed: flags.seed ?? 'legwork' });
      if (!r.ok) throw new UsageError(r.error.message);
      out(flags.json ? `${JSON.stringify(r.data)}\n` : formatList(r.data));
      return 0;
    }
    case 'show': {
      const [target, flagArgs] = positional(rest, 'trace show needs a run id or a bundle file');
      const flags = parseFlags(flagArgs, { json: { type: 'boolean' } });
      if (isFile(target)) {
        const b = await openBundle(target);
        if (!b.ok) return failed(b.error);
        out(flags.json ? `${JSON.stringify(b.data.bundle, null, 2)}\n` : formatEvents(b.data.bundle.run, b.data.bundle.events, b.data.bundle.head));
        return 0;
      }
      const run = runIdOrFail(target);
      const r = await store.readRun(run);
      if (!r.ok) return failed(r.error);
      const reviews = await store.reviews.of(run);
      if (flags.json) out(`${JSON.stringify({ ...r.data, reviews }, null, 2)}\n`);
      else {
        out(formatEvents(run, r.data.events, r.data.head));
        if (r.data.truncated) out('  (the last line was half written: a crash while writing; it is left out)\n');
        for (const rv of reviews) out(`  review ${rv.at} ${rv.reviewer}: ${rv.verdict}${rv.comment ? ` — ${rv.comment}` : ''}\n`);
      }
      return 0;
    }
    case 'verdict': {
      const [run, flagArgs] = positional(rest, 'trace verdict needs a run id');
      const reviewer = signedInAs(flagArgs, 'reviewer');
      const flags = parseFlags(flagArgs, { verdict: { type: 'string' }, comment: { type: 'string' } });
      if (!flags.verdict || !(VERDICTS as readonly string[]).includes(flags.verdict)) throw new UsageError(`--verdict must be one of ${VERDICTS.join(', ')}`);
      const r = await store.setVerdict(runIdOrFail(run), { verdict: flags.verdict as (typeof VERDICTS)[number], comment: flags.comment ?? '', reviewer });
      if (!r.ok) return r.error.code === 'invalid_input' ? usage(r.error.message) : failed(r.error);
      out(`run ${run}: ${r.data.verdict} by ${r.data.reviewer}\n`);
      return 0;
    }
    case 'metrics': {
      const flags = parseFlags(rest, { ...QUERY_FLAGS, baselines: { type: 'string' } });
      const baselines = flags.baselines === undefined ? undefined : readBaselines(flags.baselines);
      const r = await store.metrics(queryOf(flags), baselines);
      if (!r.ok) throw new UsageError(r.error.message);
      out(flags.json ? `${JSON.stringify(r.data, null, 2)}\n` : formatMetrics(r.data));
      return 0;
    }
    case 'blob': {
      const [target, afterTarget] = positional(rest, 'trace blob needs a run id or a bundle file and a sha256');
      const [hash, flagArgs] = positional(afterTarget, 'trace blob needs a sha256');
      const flags = parseFlags(flagArgs, { out: { type: 'string' } });
      if (!flags.out) throw new UsageError('trace blob needs --out FILE');
      let bytes: Buffer | undefined;
      if (isFile(target)) {
        const b = await openBundle(target);
        if (!b.ok) return failed(b.error);
        bytes = b.data.blob(hash);
      } else {
        runIdOrFail(target);
        bytes = await store.getBlob(hash);
      }
      if (!bytes) return failed({ code: 'not_found', message: `no blob ${hash} in ${target}`, retryable: false });
      await writeFile(flags.out, bytes);
      out(`${flags.out}: ${bytes.length} bytes\n`);
      return 0;
    }
    case 'key': {
      parseFlags(rest, {});
      const key = await store.publicKey();
      if (!key) return failed({ code: 'not_found', message: 'this machine has no trace key yet (it is made when the first run finishes)', retryable: false });
      out(`${key}\n`);
      err(`fingerprint ${keyFingerprint(key)}\n`);
      return 0;
    }
    case 'reindex': {
      parseFlags(rest, {});
      out(`index rebuilt: ${await store.rebuildIndex()} runs\n`);
      return 0;
    }
    default:
      throw new UsageError(sub ? `unknown trace command "${sub}"` : 'trace needs a command: verify, export, list, show, verdict, metrics, blob, key, reindex');
  }
}

function usage(message: string): never {
  throw new UsageError(message);
}

/** The first argument (a run id, a file) and the flags after it. */
function positional(args: string[], missing: string): [string, string[]] {
  const [first, ...rest] = args;
  if (first === undefined || first.startsWith('-')) throw new UsageError(missing);
  return [first, rest];
}

function isFile(target: string): boolean {
  try {
    return existsSync(target) && statSync(target).isFile();
  } catch {
    return false;
  }
}

function runIdOrFail(run: string): string {
  if (!RunIdSchema.safeParse(run).success) throw new UsageError(`"${run}" is neither a run id nor a bundle file`);
  return run;
}

function readKeyFlag(value: string): string {
  const text = isFile(value) ? readFileSync(value, 'utf8') : value;
  const key = normalizePublicKey(text);
  if (!key) throw new UsageError('--key must be an ed25519 public key: base64 (as `legwork trace key` prints it), PEM, or a file holding one');
  return key;
}

function readBaselines(file: string): Record<string, number> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--baselines ${file}: ${(e as Error).message}`);
  }
  const parsed = BaselineTableSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`--baselines ${file}: expected {"playbook": minutes, …}; ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function queryOf(flags: { since?: string; until?: string; agent?: string; playbook?: string; outcome?: string; verdict?: string; limit?: string }): TraceQuery {
  if (flags.outcome !== undefined && ![...RUN_OUTCOMES, 'running'].includes(flags.outcome)) throw new UsageError(`--outcome must be one of ${[...RUN_OUTCOMES, 'running'].join(', ')}`);
  if (flags.verdict !== undefined && ![...VERDICTS, 'none'].includes(flags.verdict)) throw new UsageError(`--verdict must be one of ${[...VERDICTS, 'none'].join(', ')}`);
  const limit = flags.limit === undefined ? undefined : Number(flags.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError('--limit must be a whole number from 1');
  return { since: flags.since, until: flags.until, agent: flags.agent, playbook: flags.playbook, outcome: flags.outcome as TraceQuery['outcome'], verdict: flags.verdict as TraceQuery['verdict'], limit };
}

function shareOf(value: string): number {
  const share = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || share > 1) throw new UsageError('--sample must be a share from 0 to 1, e.g. 0.1');
  return share;
}

function formatReport(target: string, r: VerifyReport, keyGiven: boolean): string {
  const head = r.head
    ? `signed head: ${r.head.outcome}, ${r.head.count} events, ${r.head.signedAt}, key ${r.head.signer}${r.head.trusted ? ' (trusted)' : keyGiven ? ' (NOT the trusted key)' : ' (not checked against a trusted key: pass --key)'}`
    : 'no signed head';
  if (r.ok) return `ok: ${target}: run ${r.run}, ${r.events} events intact; ${head}\n`;
  const lines = r.problems.map((p) => `  ${p.code}${p.line !== undefined ? ` line ${p.line}` : ''}${p.seq !== undefined ? ` seq ${p.seq}` : ''}: ${p.message}`);
  return `FAILED: ${target}: run ${r.run || '?'}, ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}; ${head}\n${lines.join('\n')}\n`;
}

const dur = (ms: number | null) => (ms === null ? '-' : ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${(ms / 60_000).toFixed(1)}m`);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}

function formatList(runs: RunListing[]): string {
  if (!runs.length) return 'no runs\n';
  return (
    table([
      ['run', 'started', 'agent', 'ticket', 'outcome', 'verdict', 'time', 'playbooks'],
      ...runs.map((r) => [r.run, r.startedAt.slice(0, 19).replace('T', ' '), r.agent, String(r.ticketId ?? '-'), r.outcome ?? 'running', r.verdict ?? '-', dur(r.durationMs), r.playbooks.join(',')]),
    ]) + `${runs.length} run${runs.length === 1 ? '' : 's'}\n`
  );
}

function formatMetrics(rows: PlaybookMetrics[]): string {
  const pct = (x: number | null) => (x === null ? '-' : `${Math.round(x * 100)}%`);
  return (
    table([
      ['playbook', 'runs', 'completed', 'escalated', 'autonomy', 'median', 'baseline', 'saved'],
      ...rows.map((m) => [m.playbook, String(m.runs), String(m.completed), String(m.escalated), pct(m.autonomyRate), dur(m.medianRunMs), m.playbook === 'all' ? '' : `${m.baselineMinutes}m`, `${(m.timeSavedMs / 3_600_000).toFixed(1)}h`]),
    ]) + `baselines: minutes by hand per playbook (defaults ${Object.entries(defaultBaselineMinutes()).map(([p, m]) => `${p} ${m}`).join(', ')}); --baselines FILE sets others\n`
  );
}

function formatEvents(run: string, events: readonly unknown[], head: unknown): string {
  const lines = [`run ${run}: ${events.length} events; ${head ? `finished (${(head as { outcome?: string }).outcome})` : 'no signed head (running or crashed)'}`];
  for (const e of events) {
    if (!e || typeof e !== 'object') {
      lines.push('  (not an event)');
      continue;
    }
    const ev = e as { seq?: number; at?: string; type?: string; data?: Record<string, unknown> };
    const d = ev.data ?? {};
    const bits = ['stepId', 'action', 'kind', 'ok', 'outcome', 'agent', 'ticketId']
      .filter((k) => d[k] !== undefined && typeof d[k] !== 'object')
      .map((k) => `${k}=${String(d[k])}`);
    const decision = d.decision && typeof d.decision === 'object' ? (d.decision as { kind?: string }).kind : undefined;
    if (decision) bits.push(`decision=${decision}`);
    if (Array.isArray(d.blobs) && d.blobs.length) bits.push(`blobs=${d.blobs.join(',')}`);
    lines.push(`  ${String(ev.seq).padStart(3)} ${ev.at ?? ''} ${(ev.type ?? '?').padEnd(12)} ${bits.join(' ')}`.trimEnd());
  }
  return `${lines.join('\n')}\n`;
}
