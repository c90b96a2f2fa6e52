// The team lead's policy: the one in force, the draft being edited (in the form or as JSON, checked
// with the contract's schema on every change), what the draft would change for recent tickets, the
// lead's signing key, and signing + installing the draft as the signed-in lead.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, PolicyChange, SigningKey } from '../../../shared/api.ts';
import { errorMessage } from '../api/envelope.ts';
import { checkDraft, setIn, type Draft, type Issue, type Path } from '../views/lead/policy-draft.ts';

export type { PolicyChange };

export interface PolicyState {
  loaded: boolean;
  source: string;
  signedBy: string | null;
  builtIn: boolean;
  installedBy: string | null;
  /** the policy being edited (may hold invalid values: `issues` names them) */
  draft: Draft;
  /** the draft as JSON text, as typed on the JSON side */
  json: string;
  /** the JSON text does not parse: the form keeps the last draft that did */
  jsonError: string | null;
  issues: Issue[];
  /** the draft differs from the policy in force */
  dirty: boolean;
  changes: PolicyChange[] | null;
  previewing: boolean;
  key: SigningKey | null;
  busy: boolean;
  installed: string | null;
  error: string | null;
  load(): Promise<void>;
  /** sets one field of the draft (undefined removes it) */
  update(path: Path, value: unknown): void;
  editJson(text: string): void;
  /** replaces the draft (a preset the lead adopts) */
  adopt(policy: Draft): void;
  preview(): Promise<void>;
  loadKey(session: string): Promise<void>;
  createKey(session: string, passphrase: string): Promise<boolean>;
  importKey(session: string, keyText: string, keyPassphrase: string, passphrase: string): Promise<boolean>;
  signAndInstall(session: string, passphrase: string): Promise<boolean>;
}

const show = (draft: Draft) => JSON.stringify(draft, null, 2);

export const createPolicyStore = (api: ApiClient) =>
  createStore<PolicyState>()((set, get) => {
    let inForce = '';
    const withDraft = (draft: Draft) => ({ draft, json: show(draft), jsonError: null, issues: checkDraft(draft), dirty: show(draft) !== inForce, changes: null, installed: null });
    const attempt = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
      set({ busy: true, error: null });
      try {
        return await work();
      } catch (error) {
        set({ error: errorMessage(error) });
        return undefined;
      } finally {
        set({ busy: false });
      }
    };
    return {
      loaded: false,
      source: '',
      signedBy: null,
      builtIn: false,
      installedBy: null,
      draft: {},
      json: '{}',
      jsonError: null,
      issues: [],
      dirty: false,
      changes: null,
      previewing: false,
      key: null,
      busy: false,
      installed: null,
      error: null,
      async load() {
        set({ error: null });
        try {
          const got = await api.call('policy.get', {});
          const policy = (got.policy && typeof got.policy === 'object' ? got.policy : {}) as Draft;
          inForce = show(policy);
          // the built-in default is not the team's: a draft from it gets a name of its own
          const draft = got.builtIn ? { ...policy, name: 'Team policy' } : policy;
          set({ loaded: true, source: got.source, signedBy: got.signedBy, builtIn: got.builtIn ?? false, installedBy: got.installedBy ?? null, ...withDraft(draft) });
        } catch (error) {
          set({ error: errorMessage(error) });
        }
      },
      update(path, value) {
        set(withDraft(setIn(get().draft, path, value)));
      },
      editJson(text) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (e) {
          set({ json: text, jsonError: `not valid JSON: ${(e as Error).message}`, changes: null });
          return;
        }
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
          set({ json: text, jsonError: 'a policy is one JSON object: { "version": 1, … }', changes: null });
          return;
        }
        set({ ...withDraft(parsed as Draft), json: text });
      },
      adopt(policy) {
        set(withDraft(policy));
      },
      async preview() {
        set({ previewing: true, error: null });
        try {
          const { changes } = await api.call('policy.preview', { text: show(get().draft) });
          set({ changes, previewing: false });
        } catch (error) {
          set({ previewing: false, error: errorMessage(error) });
        }
      },
      async loadKey(session) {
        const key = await attempt(() => api.call('policy.signingKey', { session }));
        if (key) set({ key });
      },
      async createKey(session, passphrase) {
        const key = await attempt(() => api.call('policy.createKey', { session, ...(passphrase ? { passphrase } : {}) }));
        if (key) set({ key });
        return key !== undefined;
      },
      async importKey(session, keyText, keyPassphrase, passphrase) {
        const key = await attempt(() => api.call('policy.importKey', { session, keyText, ...(keyPassphrase ? { keyPassphrase } : {}), ...(passphrase ? { passphrase } : {}) }));
        if (key) set({ key });
        return key !== undefined;
      },
      async signAndInstall(session, passphrase) {
        const done = await attempt(() => api.call('policy.signAndInstall', { session, policy: get().draft, ...(passphrase ? { passphrase } : {}) }));
        if (!done) return false;
        await get().load();
        await get().loadKey(session);
        set({ installed: `Signed by ${done.installedBy} with key ${done.keyId} and installed: "${done.name}" is in force. The next plans follow it.` });
        return true;
      },
    };
  });
