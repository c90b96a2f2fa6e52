// `legwork recover`: finishes, or hands to a person, the runs a crash left unfinished.
import { legworkHome } from '../../core/home.ts';
import { Journal } from '../../core/executor/journal.ts';
import type { RunSummary } from '../../core/executor/types.ts';
import { parseFlags } from '../args.ts';
import { exitCodeOf, openLegwork, SYSTEMS_FLAGS, type CliIo } from './resolve.ts';
import { signedInAs } from '../signed-in.ts';

export const RECOVER_USAGE = `  recover               finish or hand over the runs a crash left unfinished; one JSON line per
                        run {"run", "outcome", "escalated", "trace"}; exit 1 when one failed
      --systems S       the systems (as for resolve)
                        who recovers is the account signed in here (the OS account)
`;

/** The `legwork recover` command; sets process.exitCode to 1 when a run could not be finished or handed over. */
export async function recoverCommand(args: string[], io: CliIo = {}): Promise<void> {
  const code = await runRecover(args, io);
  if (code) process.exitCode = code;
}

/** Runs `legwork recover …` and returns its exit code; usage errors throw UsageError. */
export async function runRecover(args: string[], io: CliIo = {}): Promise<number> {
  const out = io.out ?? ((t: string) => void process.stdout.write(t));
  const err = io.err ?? ((t: string) => void process.stderr.write(t));
  const agent = signedInAs(args, 'agent');
  const flags = parseFlags(args, SYSTEMS_FLAGS);
  // no browser for nothing: most starts find no unfinished run
  if ((await Journal.inHome(legworkHome()).unclosed()).length === 0) {
    err('legwork recover: no unfinished runs\n');
    return 0;
  }
  const legwork = await openLegwork(flags, agent);
  let code = 0;
  try {
    const summaries = await legwork.recover();
    if (summaries.length === 0) err('legwork recover: no unfinished runs (any left are held by a running Legwork)\n');
    for (const s of summaries) {
      out(`${JSON.stringify(lineOf(s, legwork.traces.runDir(s.runId)))}\n`);
      if (!handled(s)) code = 1;
    }
  } finally {
    await legwork.close();
  }
  return code;
}

function lineOf(s: RunSummary, trace: string) {
  return {
    run: s.runId,
    outcome: s.outcome,
    escalated: s.escalation !== undefined,
    ...(s.escalation ? { reason: s.escalation.reason, noteOk: s.escalation.noteOk } : {}),
    trace,
    ...(s.traceErrors.length ? { traceErrors: s.traceErrors } : {}),
  };
}

/** Completed, cancelled, or in a person's hands (the hand-over note landed). */
function handled(s: RunSummary): boolean {
  return exitCodeOf(s.outcome) === 0 || (s.outcome === 'escalated' && s.escalation?.noteOk === true);
}
