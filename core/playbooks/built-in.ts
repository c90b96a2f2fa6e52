// The playbooks shipped with Legwork (automations/playbooks/retail/*.yaml): in force until a lead
// installs a signed set, and the default baselines of the metrics.
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { PlaybookSource } from '../../shared/playbook.ts';
import { describeProblems, Playbooks } from '../../automations/playbooks/index.ts';

const RETAIL = new URL('../../automations/playbooks/retail/', import.meta.url);

/** The playbook files of a folder, by name. */
export function playbookSources(dir: string | URL): PlaybookSource[] {
  const base = typeof dir === 'string' ? pathToFileURL(dir.endsWith('/') ? dir : `${dir}/`) : dir;
  return readdirSync(base)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((file) => ({ file, text: readFileSync(new URL(file, base), 'utf8') }));
}

let builtIn: Playbooks | undefined;

/** The shipped set, compiled once; a shipped file that does not compile is a build error. */
export function builtInPlaybooks(): Playbooks {
  if (builtIn) return builtIn;
  const got = Playbooks.compile(playbookSources(RETAIL));
  if (!got.ok) throw new Error(`the built-in playbooks do not compile:\n${describeProblems(got.problems)}`);
  builtIn = got.data;
  return builtIn;
}
