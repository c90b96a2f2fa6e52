// Turns the 20 goals of tasks_dev.json into tickets MECHANICALLY (tasks-dev.jsonl, d001–d020): no text is
// rewritten by hand. The body is the task's instruction in the first person by the fixed substitutions in
// FIRST_PERSON; the gold is the task's actions without no-op item pairs; the outcome is `resolve`, except where
// OUTCOME_JUDGEMENTS says otherwise. build.ts checks and writes the file with the others.
// Run alone: npx tsx test/corpus/tasks-dev.ts  (--check: fail if tasks-dev.jsonl is stale)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ActionCallSchema, type ActionCall } from '../../shared/retail.ts';
import { CorpusTicketSchema, type CorpusTicket } from '../../shared/ticket.ts';
import { loadRetailData, retailDataDir } from '../../sandbox/domain/seed.ts';

export const TASKS_DEV_FILE = fileURLToPath(new URL('./tasks-dev.jsonl', import.meta.url));
export const TASKS_DEV_TAG = 'tasks-dev';

const DevTaskSchema = z.object({
  user_id: z.string(),
  instruction: z.string(),
  actions: z.array(ActionCallSchema),
});

/**
 * Second person → first person, applied in this order, whole words, case as written. Object uses of "you"
 * after the listed verbs and prepositions become "me"; every other "you" becomes "I". The verb after it is
 * not changed ("I wants" cannot occur: the instructions say "you want"), so a text may read a bit odd.
 */
export const FIRST_PERSON: [RegExp, string][] = [
  [/\byou are\b/g, 'I am'],
  [/\bYou are\b/g, 'I am'],
  [/\byou were\b/g, 'I was'],
  [/\bYou were\b/g, 'I was'],
  [/\b(ask|asks|tell|tells|give|gives|help|helps|offer|offers|send|sends|let|lets|to|for|with|contact|contacts|unsubscribe) you\b/g, '$1 me'],
  [/\byourself\b/g, 'myself'],
  [/\bYourself\b/g, 'Myself'],
  [/\byours\b/g, 'mine'],
  [/\byour\b/g, 'my'],
  [/\bYour\b/g, 'My'],
  [/\byou(?=['’](re|ve|d|ll)\b)/g, 'I'],
  [/\bYou(?=['’](re|ve|d|ll)\b)/g, 'I'],
  [/\bI['’]re\b/g, "I'm"],
  [/\byou\b/g, 'I'],
  [/\bYou\b/g, 'I'],
];

export function toFirstPerson(instruction: string): string {
  return FIRST_PERSON.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), instruction);
}

/**
 * The only judgements made by hand: a dev task whose outcome is not the default (`resolve`). A task without
 * writes is `resolve` (answered from the systems) unless its situation obviously needs a person.
 */
export const OUTCOME_JUDGEMENTS: Record<number, { outcome: CorpusTicket['expect']['outcome']; why: string }> = {
  17: { outcome: 'resolve', why: 'no writes: the customer hears the options and keeps everything; nothing needs a person' },
};

/** The action with every item paired with itself dropped; null when nothing is left to change. */
function withoutNoOpPairs(a: ActionCall): ActionCall | null {
  const oldIds = a.kwargs.item_ids;
  const newIds = a.kwargs.new_item_ids;
  if (!Array.isArray(oldIds) || !Array.isArray(newIds)) return a;
  const keep = oldIds.map((_, i) => i).filter((i) => oldIds[i] !== newIds[i]);
  if (keep.length === 0) return null;
  return { ...a, kwargs: { ...a.kwargs, item_ids: keep.map((i) => oldIds[i]), new_item_ids: keep.map((i) => newIds[i]) } };
}

/** The dev tasks as tickets, d001 for tasks_dev#0 onwards. */
export function tasksDevTickets(dir = retailDataDir()): CorpusTicket[] {
  const tasks = z.array(DevTaskSchema).parse(JSON.parse(readFileSync(path.join(dir, 'tasks_dev.json'), 'utf8')));
  const { users } = loadRetailData(dir);
  return tasks.map((task, i) => {
    const user = users[task.user_id];
    if (!user) throw new Error(`tasks_dev#${i}: user ${task.user_id} is not in users.json`);
    const actions = task.actions.map(withoutNoOpPairs).filter((a): a is ActionCall => a !== null);
    const outcome = OUTCOME_JUDGEMENTS[i]?.outcome ?? 'resolve';
    return CorpusTicketSchema.parse({
      id: `d${String(i + 1).padStart(3, '0')}`,
      from: user.email,
      name: `${user.name.first_name} ${user.name.last_name}`,
      subject: `Request from ${user.name.first_name}`,
      body: toFirstPerson(task.instruction),
      expect: { outcome, actions },
      tags: actions.length === 0 ? [TASKS_DEV_TAG, 'read-only'] : [TASKS_DEV_TAG],
      source: actions.length < task.actions.length ? `tasks_dev#${i} (no-op item change dropped)` : `tasks_dev#${i}`,
    });
  });
}

function main(): void {
  const text = tasksDevTickets().map((t) => JSON.stringify(t)).join('\n') + '\n';
  if (process.argv.includes('--check')) {
    const same = existsSync(TASKS_DEV_FILE) && readFileSync(TASKS_DEV_FILE, 'utf8') === text;
    console.log(same ? 'ok: tasks-dev.jsonl is up to date' : 'tasks-dev.jsonl is stale: run build.ts');
    if (!same) process.exitCode = 1;
    return;
  }
  writeFileSync(TASKS_DEV_FILE, text);
  console.log(`wrote ${text.trim().split('\n').length} tickets to ${TASKS_DEV_FILE}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
