// Passphrases the CLI needs (the secret store's, an encrypted lead key's): LEGWORK_PASSPHRASE for
// scripts and CI; else, in a terminal, a prompt that does not echo what is typed; else a clear error
// naming both ways. Never a command-line flag, where it would stay in the shell's history and `ps`.
import { createPrivateKey } from 'node:crypto';
import { UsageError } from './usage.ts';

export const PASSPHRASE_ENV = 'LEGWORK_PASSPHRASE';

/** Reads one line from a terminal without echoing it (raw mode); Ctrl+C cancels. */
export function promptHidden(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
    output.write(question);
  });
}

/** The passphrase for `what`: LEGWORK_PASSPHRASE, or asked in the terminal, or an error saying how to give it. */
export async function passphraseFor(what: string, env: NodeJS.ProcessEnv = process.env, input: NodeJS.ReadStream = process.stdin): Promise<string> {
  const given = env[PASSPHRASE_ENV];
  if (given) return given;
  if (!input.isTTY) throw new UsageError(`the passphrase for ${what} is needed: set ${PASSPHRASE_ENV}, or run this in a terminal to be asked for it`);
  const typed = await promptHidden(`Passphrase for ${what}: `, input);
  if (!typed) throw new UsageError(`${what}: no passphrase given`);
  return typed;
}

/** A private key PEM ready to sign with: an encrypted one is opened with its passphrase (asked as above). */
export async function unlockedKeyPem(pem: string, file: string): Promise<string> {
  if (!/-----BEGIN (?:ENCRYPTED PRIVATE KEY|[A-Z ]+PRIVATE KEY-----\r?\nProc-Type: 4,ENCRYPTED)/.test(pem)) return pem;
  const passphrase = await passphraseFor(`the key ${file}`);
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase }).export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch {
    throw new UsageError(`${file}: the passphrase does not open this key`);
  }
}
