// What the lead's editor in the panel works with: the set in force with the draft's files in place,
// checked by the install's own loader; the templates a new playbook starts from; and the draft itself,
// kept under LEGWORK_HOME/playbooks/draft.json so that a reload of the panel loses nothing.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { PlaybookDraftSchema, type PlaybookDraft, type PlaybookProblem, type PlaybookSource } from '../../shared/playbook.ts';
import { Playbooks } from '../../automations/playbooks/index.ts';
import { readIfThere } from '../policy/store.ts';
import { writeFileDurable } from '../trace/durable.ts';
import { playbookSources } from './built-in.ts';
import type { PlaybooksInForce } from './store.ts';

const TEMPLATES = new URL('../../automations/playbooks/templates/', import.meta.url);
export const DRAFT_FILE = 'draft.json';

/** The files of the set in force, as the lead wrote them. */
export const filesInForce = (inForce: PlaybooksInForce): PlaybookSource[] => inForce.playbooks.all.map((p) => p.source);

/** The set in force with the draft's files in place (same name: replaced; new name: added), by name. */
export function withDraft(inForce: readonly PlaybookSource[], draft: readonly PlaybookSource[]): PlaybookSource[] {
  const byName = new Map(inForce.map((f) => [f.file, f]));
  for (const f of draft) byName.set(f.file, f);
  return [...byName.values()].sort((a, b) => a.file.localeCompare(b.file));
}

/** Why the install would refuse the set in force with the draft in place: each file, line and reason (none: it loads). */
export function problemsOf(files: readonly PlaybookSource[]): { problems: PlaybookProblem[]; playbooks?: Playbooks } {
  const got = Playbooks.compile(files);
  return got.ok ? { problems: [], playbooks: got.data } : { problems: got.problems };
}

/** The templates a new playbook starts from, each with its title. */
export function playbookTemplates(dir: string | URL = TEMPLATES): (PlaybookSource & { title: string })[] {
  return playbookSources(dir).map((t) => ({ ...t, title: /^title:\s*(.+)$/m.exec(t.text)?.[1]?.trim() ?? t.file }));
}

/** The lead's unsaved edits on disk (a file that does not parse is reported, and read as no draft). */
export class PlaybookDrafts {
  readonly file: string;

  constructor(playbooksDir: string) {
    this.file = path.join(playbooksDir, DRAFT_FILE);
  }

  async read(): Promise<{ draft: PlaybookDraft | null; problem?: string }> {
    const text = await readIfThere(this.file);
    if (text === undefined) return { draft: null };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { draft: null, problem: `${this.file} is not JSON (${(e as Error).message})` };
    }
    const parsed = PlaybookDraftSchema.safeParse(json);
    return parsed.success ? { draft: parsed.data } : { draft: null, problem: `${this.file} is not a playbook draft (${parsed.error.issues[0]?.message})` };
  }

  async save(draft: PlaybookDraft | null): Promise<void> {
    if (draft === null || draft.files.length === 0) {
      await rm(this.file, { force: true });
      return;
    }
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    await writeFileDurable(this.file, `${JSON.stringify(draft)}\n`, { mode: 0o600 });
  }
}
