// `legwork policy keygen | sign | verify | install | show | explain`: the team lead's signed autonomy policy.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PlanSchema } from '../../shared/plan.ts';
import { decidePlan } from '../../core/policy/decide.ts';
import { signPolicy, verifySignedPolicy, writeLeadKeys } from '../../core/policy/signing.ts';
import { PolicyStore } from '../../core/policy/store.ts';
import { signedInAgent } from '../../core/identity.ts';
import { unlockedKeyPem } from '../passphrase.ts';
import { parseFlags } from '../args.ts';
import { UsageError } from '../usage.ts';

type FlagSpec = Record<string, { type: 'string' } | { type: 'boolean' }>;

const SUBCOMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  keygen: keygenCommand,
  sign: signCommand,
  verify: verifyCommand,
  install: installCommand,
  show: showCommand,
  explain: explainCommand,
};

export async function policyCommand(args: string[]): Promise<void> {
  const [name, ...rest] = args;
  if (!name) throw new UsageError(`policy needs a subcommand: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  const sub = SUBCOMMANDS[name];
  if (!sub) throw new UsageError(`unknown policy subcommand "${name}" (one of ${Object.keys(SUBCOMMANDS).join(', ')})`);
  await sub(rest);
}

async function keygenCommand(args: string[]): Promise<void> {
  const { flags } = parse(args, { out: { type: 'string' } }, 0);
  const out = required(flags.out, '--out DIR');
  const keys = await writeLeadKeys(path.resolve(out));
  process.stdout.write(`lead key ${keys.keyId}\n  private: ${keys.privateKeyPath} (keep it secret; only the lead signs)\n  public:  ${keys.publicKeyPath}\n`);
}

async function signCommand(args: string[]): Promise<void> {
  const { flags } = parse(args, { key: { type: 'string' }, in: { type: 'string' }, out: { type: 'string' } }, 0);
  const keyFile = required(flags.key, '--key PRIVATE.pem');
  const input = required(flags.in, '--in POLICY.json');
  const out = required(flags.out, '--out SIGNED.json');
  const policy = parseJson(await readText(input), input);
  // an encrypted key (the panel's signing-key.pem) is opened with LEGWORK_PASSPHRASE or a prompt
  const signed = signPolicy(policy, await unlockedKeyPem(await readText(keyFile), keyFile));
  if (!signed.ok) throw new Error(`${input}: ${signed.error.message}`);
  await writeFile(out, `${JSON.stringify(signed.data, null, 2)}\n`);
  process.stdout.write(`signed ${input} with lead key ${signed.data.keyId}: ${out}\n`);
}

async function verifyCommand(args: string[]): Promise<void> {
  const { flags, positionals } = parse(args, { key: { type: 'string' } }, 1);
  const file = positionals[0]!;
  const verified = verifySignedPolicy(await readText(file), await readText(required(flags.key, '--key PUBLIC.pem')));
  if (!verified.ok) throw new Error(`${file} is not valid: ${verified.error.message}`);
  process.stdout.write(`valid: policy "${verified.data.policy.name}" signed by lead key ${verified.data.keyId}\n`);
}

async function installCommand(args: string[]): Promise<void> {
  const { flags, positionals } = parse(args, { key: { type: 'string' } }, 1);
  const file = positionals[0]!;
  const leadKey = flags.key === undefined ? undefined : await readText(flags.key);
  const installed = await new PolicyStore().install(await readText(file), leadKey);
  if (!installed.ok) throw new Error(`${file} was not installed: ${installed.error.message}`);
  process.stdout.write(`installed: ${installed.data.notice}\n`);
}

async function showCommand(args: string[]): Promise<void> {
  const { flags } = parse(args, { json: { type: 'boolean' } }, 0);
  const { inForce, refused } = await new PolicyStore().load();
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ source: inForce.source, path: inForce.path ?? null, keyId: inForce.keyId ?? null, refused: refused ?? null, notice: inForce.notice, policy: inForce.policy })}\n`);
    return;
  }
  if (refused) process.stderr.write(`legwork: ${refused}\n`);
  process.stdout.write(`In force: ${inForce.notice}\n\n${JSON.stringify(inForce.policy, null, 2)}\n`);
}

async function explainCommand(args: string[]): Promise<void> {
  const { flags } = parse(args, { plan: { type: 'string' }, facts: { type: 'string' }, agent: { type: 'string' }, json: { type: 'boolean' } }, 0);
  const planFile = required(flags.plan, '--plan PLAN.json');
  const plan = PlanSchema.safeParse(parseJson(await readText(planFile), planFile));
  if (!plan.success) throw new Error(`${planFile} is not a plan: ${plan.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ')}`);
  const facts = flags.facts === undefined ? {} : parseJson(await readText(flags.facts), flags.facts);
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) throw new Error(`${flags.facts}: the facts must be one JSON object, e.g. {"order": {"status": "pending", "total": 120.5}}`);
  const { inForce, refused } = await new PolicyStore().load();
  // a what-if (nothing is recorded): the decisions as they would be for --agent, by default for the signed-in account
  const agent = flags.agent ?? signedInAgent();
  const decisions = decidePlan(inForce.policy, plan.data, { facts: facts as Record<string, unknown>, agent, now: new Date(), recentAutoRuns: [] });
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ policy: inForce.notice, decisions })}\n`);
    return;
  }
  if (refused) process.stderr.write(`legwork: ${refused}\n`);
  const lines = plan.data.steps.map((step, i) => {
    const d = decisions[i]!;
    return `${step.id.padEnd(4)} ${step.action.padEnd(31)} ${d.kind.padEnd(15)} ${d.reason}`;
  });
  process.stdout.write(`Policy: ${inForce.notice}\n(rate limits count only this plan's steps)\n\n${lines.join('\n')}\n`);
}

/** Flags through parseFlags, plus exactly `count` positional arguments. */
export function parse<O extends FlagSpec>(args: string[], spec: O, count: number): { flags: ReturnType<typeof parseFlags<O>>; positionals: string[] } {
  const flagArgs: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    flagArgs.push(arg);
    const name = arg.replace(/^--?/, '');
    if (spec[name]?.type === 'string' && i + 1 < args.length) flagArgs.push(args[++i]!);
  }
  const flags = parseFlags(flagArgs, spec);
  if (positionals.length !== count) {
    throw new UsageError(count === 0 ? `unexpected argument "${positionals[0]}"` : `expected ${count} file argument${count === 1 ? '' : 's'}, got ${positionals.length}`);
  }
  return { flags, positionals };
}

export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing ${flag}`);
  return value;
}

export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON (${(e as Error).message})`);
  }
}
