// Builds test/corpus/tickets.jsonl from the hand-written batches in source/, after checking each
// ticket: it parses, its id is unique, and its gold actions apply on a fresh in-process World to
// the ticket's own customer. Run: npx tsx test/corpus/build.ts  (--check: verify, don't write)
import { writeFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CorpusTicketSchema, type CorpusTicket } from '../../shared/ticket.ts';
import { World } from '../../sandbox/domain/world.ts';
import { SOURCES } from './source/index.ts';
import { customerOf, targetOwner, UNKNOWN_SENDER } from './customers.ts';

export const CORPUS_FILE = fileURLToPath(new URL('./tickets.jsonl', import.meta.url));

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

function main(): void {
  const tickets: CorpusTicket[] = [];
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const raw of SOURCES) {
    const parsed = CorpusTicketSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(`${raw.id}: ${parsed.error.message}`);
      continue;
    }
    if (ids.has(parsed.data.id)) problems.push(`${parsed.data.id}: duplicate id`);
    ids.add(parsed.data.id);
    tickets.push(parsed.data);
  }
  const world = new World();
  for (const t of tickets) problems.push(...checkTicket(world, t));
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exitCode = 1;
    return;
  }
  const text = tickets.map((t) => JSON.stringify(t)).join('\n') + '\n';
  if (process.argv.includes('--check')) {
    const same = readFileSync(CORPUS_FILE, 'utf8') === text;
    console.log(same ? `ok: ${tickets.length} tickets, tickets.jsonl is up to date` : 'tickets.jsonl is stale: run build.ts');
    if (!same) process.exitCode = 1;
    return;
  }
  writeFileSync(CORPUS_FILE, text);
  console.log(`wrote ${tickets.length} tickets to ${CORPUS_FILE}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
