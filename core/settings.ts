// The core's settings: planner, LLM endpoint and model, in LEGWORK_HOME/settings.json (zod-validated;
// a malformed file is reported and the defaults stay in force). The LLM key is never in that file and
// never leaves the core: it is kept by the shell's SecretVault when there is one (Electron: the OS
// keychain), else in a 0600 file under LEGWORK_HOME/secrets (browser mode); a changed endpoint drops
// it (it was given for the old host). The agent's name is not a setting: it is who is signed in.
import { chmod, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Settings } from '../shared/api.ts';
import type { SecretVault } from './api/handlers.ts';
import { DEFAULT_BASE_URL } from './planner/llm/index.ts';
import { writeFileDurable } from './trace/durable.ts';
import { signedInAgent } from './identity.ts';

export const SETTINGS_FILE = 'settings.json';
/** the vault's name for the LLM key, and the file's name under LEGWORK_HOME/secrets */
export const LLM_KEY_SECRET = 'llm-api-key';

const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const SettingsFileSchema = z.strictObject({
  planner: z.enum(['offline', 'llm']).default('offline'),
  llm: z.strictObject({ baseURL: HttpUrl.default(DEFAULT_BASE_URL), model: z.string().default('') }).prefault({}),
  /** the team lead's own figures for the metrics: manual baselines per playbook (minutes), the agent's hourly cost */
  metrics: z
    .strictObject({
      baselines: z.record(z.string(), z.number().nonnegative().max(24 * 60)).default({}),
      agentHourlyUsd: z.number().nonnegative().max(10_000).default(30),
    })
    .prefault({}),
  /** ignored (older files named the agent here): the approver is who is signed in (core/identity.ts) */
  agent: z.string().optional(),
});
export type SettingsFile = z.infer<typeof SettingsFileSchema>;

export interface SettingsPatch {
  planner?: 'offline' | 'llm';
  llm?: { baseURL?: string; model?: string; apiKey?: string };
}

/** Where the LLM key is kept. */
interface KeyKeeper {
  get(): Promise<string | undefined>;
  set(value: string | null): Promise<void>;
}

export class SettingsStore {
  readonly file: string;
  #current: SettingsFile = SettingsFileSchema.parse({});
  #problem: string | null = null;
  readonly #key: KeyKeeper;

  constructor(
    readonly home: string,
    vault?: SecretVault,
    /** who is signed in: what the view shows as the agent */
    readonly agent: string = signedInAgent(),
  ) {
    this.file = path.join(home, SETTINGS_FILE);
    this.#key = vault ? vaultKeeper(vault) : fileKeeper(path.join(home, 'secrets', LLM_KEY_SECRET));
  }

  /** The settings as last loaded or set. */
  get current(): SettingsFile {
    return this.#current;
  }

  /** Why the file was not used, when it was not (the defaults are then in force). */
  get problem(): string | null {
    return this.#problem;
  }

  /** Reads the file; a missing one gives the defaults, a malformed one the defaults and `problem`. */
  async load(): Promise<SettingsFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.#problem = `${this.file} cannot be read (${(e as Error).message}); the default settings are used`;
      return this.#current;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      this.#problem = `${this.file} is not JSON (${(e as Error).message}); the default settings are used`;
      return this.#current;
    }
    const parsed = SettingsFileSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(top level)'}: ${i.message}`).join('; ');
      this.#problem = `${this.file} is not valid (${issues}); the default settings are used`;
      return this.#current;
    }
    this.#problem = null;
    this.#current = parsed.data;
    return this.#current;
  }

  /** What the panel may see: everything but the key, and whether one is stored. */
  async view(): Promise<Settings> {
    const s = this.#current;
    return { planner: s.planner, llm: { baseURL: s.llm.baseURL, model: s.llm.model, hasKey: (await this.#key.get()) !== undefined }, agent: this.agent };
  }

  /** Applies a patch (checked like the file), writes the file, stores a given key; gives the new view. */
  async set(patch: SettingsPatch): Promise<Settings> {
    const { apiKey, ...llm } = patch.llm ?? {};
    const next = SettingsFileSchema.safeParse({
      ...this.#current,
      ...(patch.planner ? { planner: patch.planner } : {}),
      llm: { ...this.#current.llm, ...llm },
    });
    if (!next.success) throw Object.assign(new Error(`settings: ${next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`), { code: 'invalid_input' });
    // a key was given for one endpoint: another endpoint needs its own (else the key goes to the new host)
    if (apiKey !== undefined) await this.#key.set(apiKey);
    else if (next.data.llm.baseURL !== this.#current.llm.baseURL) await this.#key.set(null);
    await this.#write(next.data);
    return this.view();
  }

  /** Sets the lead's baseline for a playbook (null: back to the default) or the agent's hourly cost. */
  async setMetrics(patch: { baseline?: { playbook: string; minutes: number | null }; agentHourlyUsd?: number }): Promise<SettingsFile['metrics']> {
    const baselines = { ...this.#current.metrics.baselines };
    if (patch.baseline) {
      if (patch.baseline.minutes === null) delete baselines[patch.baseline.playbook];
      else baselines[patch.baseline.playbook] = patch.baseline.minutes;
    }
    const next = SettingsFileSchema.safeParse({ ...this.#current, metrics: { baselines, agentHourlyUsd: patch.agentHourlyUsd ?? this.#current.metrics.agentHourlyUsd } });
    if (!next.success) throw Object.assign(new Error(`metrics: ${next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`), { code: 'invalid_input' });
    await this.#write(next.data);
    return next.data.metrics;
  }

  async #write(next: SettingsFile): Promise<void> {
    await mkdir(this.home, { recursive: true, mode: 0o700 });
    await writeFileDurable(this.file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    this.#current = next;
    this.#problem = null;
  }

  /** The stored LLM key (core only). */
  apiKey(): Promise<string | undefined> {
    return this.#key.get();
  }
}

function vaultKeeper(vault: SecretVault): KeyKeeper {
  return { get: () => vault.secret(LLM_KEY_SECRET), set: (value) => vault.setSecret(LLM_KEY_SECRET, value) };
}

/** A key in its own file, readable by this user only (the folder 0700, the file 0600). */
function fileKeeper(file: string): KeyKeeper {
  return {
    async get() {
      try {
        const text = (await readFile(file, 'utf8')).trim();
        return text || undefined;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    async set(value) {
      if (value === null) return rm(file, { force: true });
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await chmod(path.dirname(file), 0o700);
      await writeFileDurable(file, value, { mode: 0o600 });
      await chmod(file, 0o600);
    },
  };
}
