// The team lead's policy editor: the policy in force, the draft being edited (validated as it is
// typed, debounced), what the draft would change for recent runs, and installing a signed file.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApiOutput } from '../../../shared/api.ts';
import { errorMessage } from '../api/envelope.ts';

export type PolicyChange = ApiOutput<'policy.preview'>['changes'][number];

export interface PolicyState {
  loaded: boolean;
  source: string;
  signedBy: string | null;
  draft: string;
  validation: { ok: boolean; errors: string[] } | null;
  validating: boolean;
  changes: PolicyChange[] | null;
  previewing: boolean;
  installing: boolean;
  installed: boolean;
  error: string | null;
  load(): Promise<void>;
  edit(draft: string): void;
  preview(): Promise<void>;
  install(signedText: string): Promise<void>;
}

export const VALIDATE_DELAY_MS = 300;

export const createPolicyStore = (api: ApiClient) =>
  createStore<PolicyState>()((set, get) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let asked = 0;
    const validate = async (text: string): Promise<void> => {
      const ticket = ++asked;
      set({ validating: true });
      try {
        const validation = await api.call('policy.validate', { text });
        if (ticket === asked) set({ validation, validating: false });
      } catch (error) {
        if (ticket === asked) set({ validation: { ok: false, errors: [errorMessage(error)] }, validating: false });
      }
    };
    return {
      loaded: false,
      source: '',
      signedBy: null,
      draft: '',
      validation: null,
      validating: false,
      changes: null,
      previewing: false,
      installing: false,
      installed: false,
      error: null,
      async load() {
        set({ error: null });
        try {
          const got = await api.call('policy.get', {});
          set({ loaded: true, source: got.source, signedBy: got.signedBy, draft: JSON.stringify(got.policy ?? {}, null, 2), validation: null, changes: null });
        } catch (error) {
          set({ error: errorMessage(error) });
        }
      },
      edit(draft) {
        set({ draft, changes: null });
        clearTimeout(timer);
        timer = setTimeout(() => void validate(draft), VALIDATE_DELAY_MS);
      },
      async preview() {
        set({ previewing: true, error: null });
        try {
          const { changes } = await api.call('policy.preview', { text: get().draft });
          set({ changes, previewing: false });
        } catch (error) {
          set({ previewing: false, error: errorMessage(error) });
        }
      },
      async install(signedText) {
        set({ installing: true, installed: false, error: null });
        try {
          await api.call('policy.install', { signedText });
          set({ installing: false, installed: true });
          await get().load();
        } catch (error) {
          set({ installing: false, error: errorMessage(error) });
        }
      },
    };
  });
