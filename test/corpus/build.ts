// Builds test/corpus/tickets.jsonl from the hand-written batches in source/, holdout.jsonl from those in
// holdout/, holdout2.jsonl from those in holdout2/, holdout3.jsonl from those in holdout3/, holdout4.jsonl from those
// in holdout4/ and tasks-dev.jsonl
// mechanically from tasks_dev.json (tasks-dev.ts), after checking each ticket: it parses, its id is
// unique across all the files, and its gold actions apply on a fresh in-process World to the ticket's
// own customer.
// Run: npx tsx test/corpus/build.ts  (--check: verify, don't write)
import { existsSync, writeFileSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CorpusTicketSchema, type CorpusTicket } from '../../shared/ticket.ts';
import { World } from '../../sandbox/domain/world.ts';
import { SOURCES } from './source/index.ts';
import { HOLDOUT_SOURCES } from './holdout/index.ts';
import { HOLDOUT2_SOURCES } from './holdout2/index.ts';
import { HOLDOUT3_SOURCES } from './holdout3/index.ts';
import { HOLDOUT4_SOURCES } from './holdout4/index.ts';
import { TASKS_DEV_FILE, tasksDevTickets } from './tasks-dev.ts';
import type { SourceTicket } from './source/types.ts';
import { customerOf, targetOwner, UNKNOWN_SENDER } from './customers.ts';

export const CORPUS_FILE = fileURLToPath(new URL('./tickets.jsonl', import.meta.url));
/** The hold-out part: tickets the planner's rules were not tuned on, reported separately. */
export const HOLDOUT_FILE = fileURLToPath(new URL('./holdout.jsonl', import.meta.url));
/** The second hold-out: written after the planner's rules were frozen, without reading the planner. */
export const HOLDOUT2_FILE = fileURLToPath(new URL('./holdout2.jsonl', import.meta.url));
/** The third hold-out: customers' own prose, written without reading the planner (issue 12). */
export const HOLDOUT3_FILE = fileURLToPath(new URL('./holdout3.jsonl', import.meta.url));
/** The fourth hold-out: customers' email, train tasks no other file uses, written without reading the planner. */
export const HOLDOUT4_FILE = fileURLToPath(new URL('./holdout4.jsonl', import.meta.url));

/** Each corpus file with the hand-written sources it is built from. */
export const CORPUS_PARTS: { file: string; sources: SourceTicket[] }[] = [
  { file: CORPUS_FILE, sources: SOURCES },
  { file: HOLDOUT_FILE, sources: HOLDOUT_SOURCES },
  { file: HOLDOUT2_FILE, sources: HOLDOUT2_SOURCES },
  { file: HOLDOUT3_FILE, sources: HOLDOUT3_SOURCES },
  { file: HOLDOUT4_FILE, sources: HOLDOUT4_SOURCES },
  { file: TASKS_DEV_FILE, sources: tasksDevTickets() },
];

/** Problems with one ticket against the seed data, applying its gold actions on `world` (reset first). */
export function checkTicket(world: World, t: CorpusTicket): string[] {
  const problems: string[] = [];
  const customer = customerOf(world.retail.data, t);
  if (!customer && !t.tags.includes(UNKNOWN_SENDER)) problems.push(`${t.id}: requester ${t.from} is not a customer and the ticket is not tagged unknown-sender`);
  if (!customer && t.expect.actions.length > 0) problems.push(`${t.id}: gold writes but the text does not identify the customer`);
  world.reset();
  for (const a of t.expect.actions) {
    const owner = targetOwner(world.retail.data, a);
    if (owner !== customer) problems.push(`${t.id}: ${a.name} targets ${owner ?? 'nobody'}, not the requester ${customer}`);
    const r = world.apply(a);
    if (!r.ok) problems.push(`${t.id}: ${a.name} refused: ${r.error}`);
  }
  const writes = t.expect.actions.length;
  if (t.expect.outcome !== 'resolve' && writes > 0) problems.push(`${t.id}: ${t.expect.outcome} with ${writes} gold writes`);
  return problems;
}

/** Parses `sources`, noting parse errors and ids already in `ids` (which it extends). */
function parseSources(sources: SourceTicket[], ids: Set<string>, problems: string[]): CorpusTicket[] {
  const tickets: CorpusTicket[] = [];
  for (const raw of sources) {
    const parsed = CorpusTicketSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(`${raw.id}: ${parsed.error.message}`);
      continue;
    }
    if (ids.has(parsed.data.id)) problems.push(`${parsed.data.id}: duplicate id`);
    ids.add(parsed.data.id);
    tickets.push(parsed.data);
  }
  return tickets;
}

function main(): void {
  const problems: string[] = [];
  const ids = new Set<string>();
  const world = new World();
  const built = CORPUS_PARTS.map(({ file, sources }) => {
    const tickets = parseSources(sources, ids, problems);
    for (const t of tickets) problems.push(...checkTicket(world, t));
    return { file, count: tickets.length, text: tickets.map((t) => JSON.stringify(t)).join('\n') + '\n' };
  });
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exitCode = 1;
    return;
  }
  for (const { file, count, text } of built) {
    const name = basename(file);
    if (process.argv.includes('--check')) {
      const same = existsSync(file) && readFileSync(file, 'utf8') === text;
      console.log(same ? `ok: ${count} tickets, ${name} is up to date` : `${name} is stale: run build.ts`);
      if (!same) process.exitCode = 1;
      continue;
    }
    writeFileSync(file, text);
    console.log(`wrote ${count} tickets to ${file}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
