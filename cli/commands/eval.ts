// `legwork eval --tickets FILE.jsonl`: how well Legwork resolves a corpus of tickets, judged by
// the sandbox's end state against the gold state of each ticket's expected actions.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseCorpus, runEval, type EvalSummary, type TicketResult } from '../../core/eval/run-eval.ts';
import { parseFaultSpec } from '../../sandbox/web/faults.ts';
import { parseFlags } from '../args.ts';
import { UsageError } from '../usage.ts';
import { startWorker, type LegworkWorker, type PlannerName } from '../eval/workers.ts';

export interface EvalOptions {
  file: string;
  planner: PlannerName;
  concurrency: number;
  /** the sandbox's fault switches while each ticket is planned and run (`--faults SPEC`) */
  faults?: string;
  /** one line per ticket as it finishes */
  progress?: (r: TicketResult) => void;
}

export async function evaluate(opts: EvalOptions): Promise<EvalSummary> {
  let text: string;
  try {
    text = readFileSync(opts.file, 'utf8');
  } catch (e) {
    throw new UsageError(`--tickets: cannot read ${opts.file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let faults: object | undefined;
  try {
    faults = opts.faults === undefined ? undefined : parseFaultSpec(opts.faults);
  } catch (e) {
    throw new UsageError(`--faults: ${(e as Error).message}`);
  }
  const { tickets, bad } = parseCorpus(text);
  for (const b of bad) process.stderr.write(`legwork eval: ${opts.file}:${b.line}: skipped: ${b.error}\n`);
  const workers: LegworkWorker[] = [];
  try {
    for (let i = 0; i < Math.min(opts.concurrency, Math.max(1, tickets.length)); i++) workers.push(await startWorker({ planner: opts.planner }));
    const summary = await runEval(tickets, workers, opts.progress, faults ? { faults } : {});
    return { ...summary, skipped_lines: bad, ...(opts.faults === undefined ? {} : { faults: opts.faults }) };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}

const pct = (n: number, of: number) => (of === 0 ? '0%' : `${Math.round((n / of) * 1000) / 10}%`);

export function summaryTable(s: EvalSummary): string {
  const rows: [string, number][] = [
    ['correct', s.correct],
    ['assisted', s.assisted],
    ['clean_escalation', s.clean_escalation],
    ['asked', s.asked],
    ['escalated', s.escalated],
    ['wrong_write', s.wrong_write],
    ['missed', s.missed],
    ...(s.invalid_gold ? ([['invalid_gold', s.invalid_gold]] as [string, number][]) : []),
  ];
  return [
    `tickets ${s.total} (${s.skipped_lines.length} lines skipped), concurrency ${s.concurrency}, ${s.wall_s} s, ${s.choices_per_ticket} choices per ticket${s.faults ? `, faults ${s.faults}` : ''}`,
    ...rows.map(([k, v]) => `  ${k.padEnd(16)} ${String(v).padStart(4)}  ${pct(v, s.total)}`),
  ].join('\n');
}

export async function evalCommand(args: string[]): Promise<void> {
  const flags = parseFlags(args, { tickets: { type: 'string' }, planner: { type: 'string' }, json: { type: 'string' }, concurrency: { type: 'string' }, faults: { type: 'string' } });
  if (!flags.tickets) throw new UsageError('eval needs --tickets FILE.jsonl');
  const planner = (flags.planner ?? 'offline') as PlannerName;
  if (planner !== 'offline' && planner !== 'llm') throw new UsageError(`--planner must be offline or llm, not "${flags.planner}"`);
  const concurrency = flags.concurrency === undefined ? Math.max(1, Math.min(2, os.availableParallelism())) : Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new UsageError(`--concurrency must be a whole number from 1 to 16, not "${flags.concurrency}"`);
  const summary = await evaluate({
    file: flags.tickets,
    planner,
    concurrency,
    ...(flags.faults === undefined ? {} : { faults: flags.faults }),
    progress: (r) =>
      process.stdout.write(`${r.id.padEnd(8)} ${r.class.padEnd(16)} expected ${r.expected.padEnd(8)} planned ${String(r.planned).padEnd(8)} run ${String(r.run_outcome ?? '-').padEnd(10)}${r.error ? ` ${r.error}` : ''}${r.class === 'wrong_write' ? ` beyond gold: ${(r.beyond_gold.length ? r.beyond_gold : r.diff).slice(0, 3).join('; ')}` : ''}\n`),
  });
  process.stdout.write(`\n${summaryTable(summary)}\n`);
  if (flags.json) {
    const { skipped_lines, ...rest } = summary;
    writeFileSync(flags.json, `${JSON.stringify({ ...rest, skipped_lines }, null, 2)}\n`);
  }
}
