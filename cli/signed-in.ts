// Who a CLI command acts as: the account signed in to this machine (core/identity.ts), as the panel
// does. Approvals, runs and verdicts record who did them, so a flag naming someone else is refused
// with the reason, not ignored: a flag anyone can set would let anyone record anyone (issue 17).
import { signedInAgent } from '../core/identity.ts';
import { UsageError } from './usage.ts';

/** The signed-in account; a usage error when `args` carry one of `flags` (without the dashes). */
export function signedInAs(args: string[], ...flags: string[]): string {
  const named = flags.find((f) => args.some((a) => a === `--${f}` || a.startsWith(`--${f}=`)));
  if (named) throw new UsageError(`--${named} is not accepted: who acts is the account signed in here (${signedInAgent()}), and that is what is recorded`);
  return signedInAgent();
}
