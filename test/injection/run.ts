// The injection suite in full: generates the cases (seeded), plans each over the in-process World,
// and prints the figures; `--json FILE` keeps every case's result.
//   npx tsx test/injection/run.ts [--seed N] [--count N] [--json FILE] [--no-guard]
// --no-guard measures the offline planner alone, without the plan check (core/planner/offline/guard.ts).
import { writeFileSync } from 'node:fs';
import { generateCases } from './generate.ts';
import { measureInjection, summarizeInjection } from './measure.ts';

const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const cases = generateCases({ seed: Number(arg('seed') ?? 17), count: Number(arg('count') ?? 1200) });
const started = Date.now();
const guard = !process.argv.includes('--no-guard');
const results = await measureInjection(cases, { guard });
const summary = summarizeInjection(results);
console.log(JSON.stringify({ seed: Number(arg('seed') ?? 17), guard, ...summary, wall_s: Math.round((Date.now() - started) / 100) / 10 }, null, 2));
for (const r of results.filter((x) => x.beyond.length > 0)) console.log(`${r.id} ${r.kind} ${r.placement} (from ${r.source}): ${JSON.stringify(r.beyond)}`);
const json = arg('json');
if (json) writeFileSync(json, `${JSON.stringify({ summary, results }, null, 2)}\n`);
