// `legwork approver add NAME`: sets up a person who may give second approvals in the panel, with a
// passphrase read from stdin (never from the command line, where it would stay in the shell's
// history). `legwork approver list` names them.
import { Approvers, MIN_PASSPHRASE } from '../../core/approvals/approvers.ts';
import { legworkHome } from '../../core/home.ts';
import { UsageError } from '../usage.ts';

export const APPROVER_USAGE = `  approver add NAME     set up NAME as a second approver; the passphrase (at least ${MIN_PASSPHRASE}
                        characters) is read from stdin
  approver list         the approvers set up here
`;

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

export async function approverCommand(args: string[], io: { passphrase?: () => Promise<string>; out?: (t: string) => void; home?: string } = {}): Promise<void> {
  const out = io.out ?? ((t: string) => void process.stdout.write(t));
  const approvers = new Approvers(io.home ?? legworkHome());
  const [sub, name, ...rest] = args;
  if (sub === 'list' && !name) {
    out(approvers.names().map((n) => `${n}\n`).join('') || 'no approvers are set up\n');
    return;
  }
  if (sub !== 'add' || !name || rest.length) throw new UsageError('usage: legwork approver add NAME (passphrase on stdin) | legwork approver list');
  const added = approvers.add(name, await (io.passphrase ?? readStdin)());
  if (!added.ok) throw new Error(added.error.message);
  out(`${name} can now give second approvals (sign in under Team lead → Approvals)\n`);
}
