// The lead's playbook editor: the files of the set in force and the templates, the draft (the files
// changed or added, as typed), each change checked by the core as the install checks it and kept by
// the core so a reload loses nothing, what the draft would change for recent tickets, and signing +
// installing it as the signed-in lead with the key the policy is signed with.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApiOutput } from '../../../shared/api.ts';
import type { PlaybookDraft, PlaybookProblem, PlaybookSource } from '../../../shared/playbook.ts';
import { errorMessage } from '../api/envelope.ts';
import { idOf, setField } from '../views/lead/playbook-yaml.ts';

export type PlaybookPreview = ApiOutput<'playbooks.preview'>;
type Template = ApiOutput<'playbooks.files'>['templates'][number];

/** how long typing pauses before the draft is checked and kept */
export const SETTLE_MS = 250;

export interface PlaybookEditorState {
  loaded: boolean;
  version: number | null;
  inForce: PlaybookSource[];
  templates: Template[];
  draft: PlaybookDraft;
  /** the problems of the draft as last checked, and which draft that was */
  problems: PlaybookProblem[];
  checkedFor: string | null;
  /** the draft is kept by the core ('kept'), being kept, or not yet */
  keeping: 'kept' | 'saving' | 'idle';
  preview: PlaybookPreview | null;
  previewing: boolean;
  busy: boolean;
  installed: string | null;
  error: string | null;
  load(): Promise<void>;
  /** shows a file (a changed one as changed) */
  openFile(file: string): void;
  /** a new playbook named `name`, from a template's or an installed file's text */
  create(name: string, from: string): boolean;
  /** the open file's text as the lead typed it (in the file view, or through the form) */
  edit(text: string): void;
  /** drops the draft's changes to a file */
  discard(file: string): void;
  previewChanges(): Promise<void>;
  signAndInstall(session: string, passphrase: string): Promise<boolean>;
}

const keyOf = (files: PlaybookSource[]) => JSON.stringify(files);
const EMPTY: PlaybookDraft = { open: null, files: [], basedOn: null };

/** The open file's text: the draft's, else the installed one's. */
export function openText(s: Pick<PlaybookEditorState, 'draft' | 'inForce'>): string | null {
  const open = s.draft.open;
  if (open === null) return null;
  return s.draft.files.find((f) => f.file === open)?.text ?? s.inForce.find((f) => f.file === open)?.text ?? null;
}

/** The draft checked as it stands, with nothing to fix: what may be previewed and signed. */
export const draftReady = (s: PlaybookEditorState) => s.draft.files.length > 0 && s.checkedFor === keyOf(s.draft.files) && s.problems.length === 0;

export const createPlaybookEditorStore = (api: ApiClient) =>
  createStore<PlaybookEditorState>()((set, get) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let checks = 0;
    /** checks and keeps the draft once typing pauses (the newest check wins) */
    const settle = () => {
      clearTimeout(timer);
      set({ keeping: 'idle', preview: null, installed: null });
      timer = setTimeout(() => void checkAndKeep(), SETTLE_MS);
    };
    const checkAndKeep = async () => {
      const draft = get().draft;
      const mine = ++checks;
      set({ keeping: 'saving' });
      try {
        await api.call('playbooks.saveDraft', { draft: draft.files.length ? draft : null });
        const { problems } = draft.files.length ? await api.call('playbooks.check', { files: draft.files }) : { problems: [] };
        if (mine === checks) set({ problems, checkedFor: keyOf(draft.files), keeping: 'kept', error: null });
      } catch (error) {
        if (mine === checks) set({ keeping: 'idle', error: errorMessage(error) });
      }
    };
    const withFile = (draft: PlaybookDraft, file: PlaybookSource): PlaybookDraft => ({ ...draft, open: file.file, files: [...draft.files.filter((f) => f.file !== file.file), file] });
    return {
      loaded: false,
      version: null,
      inForce: [],
      templates: [],
      draft: EMPTY,
      problems: [],
      checkedFor: null,
      keeping: 'idle',
      preview: null,
      previewing: false,
      busy: false,
      installed: null,
      error: null,
      async load() {
        try {
          const [files, kept] = await Promise.all([api.call('playbooks.files', {}), api.call('playbooks.draft', {})]);
          set({ loaded: true, version: files.version, inForce: files.files, templates: files.templates, error: null });
          // an unsaved draft from before a reload is taken up as it was
          if (kept && get().draft.files.length === 0) {
            set({ draft: kept });
            void checkAndKeep();
          }
        } catch (error) {
          set({ error: errorMessage(error) });
        }
      },
      openFile(file) {
        set({ draft: { ...get().draft, open: file }, preview: null });
      },
      create(name, from) {
        const id = idOf(name);
        const file = `${id}.yaml`;
        if (get().inForce.some((f) => f.file === file) || get().draft.files.some((f) => f.file === file)) {
          set({ error: `a playbook file ${file} exists already: open it, or give the new one another name` });
          return false;
        }
        const source = get().templates.find((t) => t.file === from)?.text ?? get().inForce.find((f) => f.file === from)?.text;
        if (source === undefined) {
          set({ error: `there is no template or playbook ${from} to start from` });
          return false;
        }
        const text = setField(setField(source, ['id'], id), ['title'], name.trim());
        set({ draft: { ...withFile(get().draft, { file, text }), basedOn: get().draft.basedOn ?? get().version }, error: null });
        settle();
        return true;
      },
      edit(text) {
        const open = get().draft.open;
        if (open === null) return;
        set({ draft: { ...withFile(get().draft, { file: open, text }), basedOn: get().draft.basedOn ?? get().version } });
        settle();
      },
      discard(file) {
        const files = get().draft.files.filter((f) => f.file !== file);
        const stillThere = get().inForce.some((f) => f.file === file);
        set({ draft: { open: stillThere ? get().draft.open : null, files, basedOn: files.length ? get().draft.basedOn : null } });
        settle();
      },
      async previewChanges() {
        set({ previewing: true, error: null });
        try {
          set({ preview: await api.call('playbooks.preview', { files: get().draft.files }), previewing: false });
        } catch (error) {
          set({ previewing: false, error: errorMessage(error) });
        }
      },
      async signAndInstall(session, passphrase) {
        set({ busy: true, error: null, installed: null });
        try {
          const done = await api.call('playbooks.signAndInstall', { session, files: get().draft.files, ...(passphrase ? { passphrase } : {}) });
          clearTimeout(timer);
          checks++;
          set({ draft: { ...EMPTY, open: get().draft.open }, problems: [], checkedFor: null, preview: null, keeping: 'idle', busy: false });
          set({ installed: `Signed by ${done.installedBy} with key ${done.keyId} and installed: version ${done.version} is in force. The next plans follow it.` });
          await get().load();
          return true;
        } catch (error) {
          // refused: the draft stays as it was, and the set in force with it
          set({ busy: false, error: errorMessage(error) });
          return false;
        }
      },
    };
  });
