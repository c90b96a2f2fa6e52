// `legwork playbooks sign | diff | install | list`: playbooks and their business rules as signed
// data, installed like the policy (same lead key, newer sets only, last-good copy kept).
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeProblems, Playbooks } from '../../automations/playbooks/index.ts';
import { playbookSources } from '../../core/playbooks/built-in.ts';
import { diffPlaybooks, planChanges, recentPlans } from '../../core/playbooks/changes.ts';
import { signPlaybookSet } from '../../core/playbooks/signing.ts';
import { PlaybookStore } from '../../core/playbooks/store.ts';
import { TraceStore } from '../../core/trace/store.ts';
import { legworkHome } from '../../core/home.ts';
import { UsageError } from '../usage.ts';
import { parse, readText, required } from './policy.ts';
import { unlockedKeyPem } from '../passphrase.ts';

const SUBCOMMANDS: Record<string, (args: string[]) => Promise<void>> = { sign: signCommand, diff: diffCommand, install: installCommand, list: listCommand };

export async function playbooksCommand(args: string[]): Promise<void> {
  const [name, ...rest] = args;
  if (!name) throw new UsageError(`playbooks needs a subcommand: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  const sub = SUBCOMMANDS[name];
  if (!sub) throw new UsageError(`unknown playbooks subcommand "${name}" (one of ${Object.keys(SUBCOMMANDS).join(', ')})`);
  await sub(rest);
}

async function signCommand(args: string[]): Promise<void> {
  const { flags, positionals } = parse(args, { key: { type: 'string' }, out: { type: 'string' }, version: { type: 'string' } }, 1);
  const dir = positionals[0]!;
  const out = required(flags.out, '--out SIGNED.json');
  const keyFile = required(flags.key, '--key PRIVATE.pem');
  const key = await unlockedKeyPem(await readText(keyFile), keyFile);
  if (flags.version !== undefined && !/^[1-9]\d*$/.test(flags.version)) throw new UsageError(`--version must be a whole number from 1, not "${flags.version}"`);
  // the next version after the set installed here, unless the lead says which
  const installed = (await new PlaybookStore().load()).inForce.version ?? 0;
  const version = flags.version !== undefined ? Number(flags.version) : installed + 1;
  const signed = signPlaybookSet(playbookSources(path.resolve(dir)), key, { version });
  if (!signed.ok) throw new Error(`${dir}: ${signed.error.message}`);
  await writeFile(out, `${JSON.stringify(signed.data, null, 2)}\n`);
  process.stdout.write(`signed ${signed.data.playbooks.files.length} playbook files of ${dir} as version ${version} with lead key ${signed.data.keyId}: ${out}\n`);
}

/** The set a file or folder holds: a signed set (verified against the lead key), or a folder of playbook files (compiled). */
async function candidate(store: PlaybookStore, file: string, key: string | undefined): Promise<Playbooks> {
  if ((await stat(file).catch(() => null))?.isDirectory()) {
    const got = Playbooks.compile(playbookSources(path.resolve(file)));
    if (!got.ok) throw new Error(`${file}: the playbooks do not load:\n${describeProblems(got.problems)}`);
    return got.data;
  }
  const checked = await store.check(await readText(file), key);
  if (!checked.ok) throw new Error(`${file} is not valid: ${checked.error.message}`);
  return checked.data.playbooks;
}

async function changesReport(store: PlaybookStore, next: Playbooks) {
  const inForce = (await store.load()).inForce;
  const files = diffPlaybooks(inForce.playbooks, next);
  const plans = await recentPlans(TraceStore.forHome(legworkHome()));
  return { inForce: inForce.notice, files, plansChecked: plans.length, plans: planChanges(plans, next) };
}

function printChanges(report: Awaited<ReturnType<typeof changesReport>>): void {
  const lines = [`In force: ${report.inForce}`, '', report.files.length ? 'Changes to the playbooks:' : 'The playbooks are the same.', ...report.files.map((c) => `  ${c.playbook}: ${c.change}`), ''];
  lines.push(`Recent plans re-checked: ${report.plansChecked}; whose rules would decide otherwise: ${report.plans.length}`);
  for (const c of report.plans) lines.push(`  ticket #${c.ticketId} ${c.playbook} / ${c.action}: ${c.before} → ${c.after}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function diffCommand(args: string[]): Promise<void> {
  const { flags, positionals } = parse(args, { key: { type: 'string' }, json: { type: 'boolean' } }, 1);
  const store = new PlaybookStore();
  const report = await changesReport(store, await candidate(store, positionals[0]!, flags.key === undefined ? undefined : await readText(flags.key)));
  if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else printChanges(report);
}

async function installCommand(args: string[]): Promise<void> {
  const { flags, positionals } = parse(args, { key: { type: 'string' } }, 1);
  const file = positionals[0]!;
  const key = flags.key === undefined ? undefined : await readText(flags.key);
  const store = new PlaybookStore();
  const text = await readText(file);
  const checked = await store.check(text, key);
  if (!checked.ok) throw new Error(`${file} was not installed: ${checked.error.message}`);
  printChanges(await changesReport(store, checked.data.playbooks));
  const installed = await store.install(text, key);
  if (!installed.ok) throw new Error(`${file} was not installed: ${installed.error.message}`);
  process.stdout.write(`\ninstalled: ${installed.data.notice}\n`);
}

async function listCommand(args: string[]): Promise<void> {
  const { flags } = parse(args, { json: { type: 'boolean' } }, 0);
  const { inForce, refused } = await new PlaybookStore().load();
  const summaries = inForce.playbooks.summaries();
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ source: inForce.source, version: inForce.version, issuedAt: inForce.issuedAt, refused: refused ?? null, notice: inForce.notice, playbooks: summaries })}\n`);
    return;
  }
  if (refused) process.stderr.write(`legwork: ${refused}\n`);
  const lines = [`In force: ${inForce.notice}`, ''];
  for (const p of summaries) {
    lines.push(`${p.id} — ${p.title} (serves ${p.serves.join(', ')}; ${p.baselineMinutes} min by hand)`);
    for (const r of p.rules) lines.push(`  - ${r.says}`);
    lines.push(`  writes: ${p.writes.join(', ')}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
