// Who works here: the approver recorded in approvals, decisions, runs and verdicts is the person
// signed in to this machine (the OS account running Legwork), never a name typed in a setting.
import os from 'node:os';

export function signedInAgent(env: NodeJS.ProcessEnv = process.env): string {
  try {
    const name = os.userInfo().username.trim();
    if (name) return name;
  } catch {
    // no passwd entry for this uid (some containers): the environment's name, if any
  }
  return (env.USER ?? env.USERNAME ?? '').trim() || `uid ${process.getuid?.() ?? 'unknown'}`;
}
