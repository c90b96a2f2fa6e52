// The core's settings file and the LLM key: validated, defaults kept on a bad file, the key kept
// apart (a 0600 file, or the shell's vault) and never in what the panel reads.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LLM_KEY_SECRET, SettingsStore } from '../../core/settings.ts';
import { dispatch, type SecretVault } from '../../core/api/handlers.ts';
import { createLegworkService } from '../../core/app.ts';
import { sandboxSystems } from '../../cli/systems.ts';

const freshHome = () => mkdtempSync(path.join(os.tmpdir(), 'legwork-settings-'));

describe('SettingsStore', () => {
  it('gives the defaults without a file', async () => {
    const store = new SettingsStore(freshHome());
    await store.load();
    expect(await store.view()).toEqual({ planner: 'offline', llm: { baseURL: 'https://api.openai.com/v1', model: '', hasKey: false }, agent: os.userInfo().username });
    expect(store.problem).toBeNull();
  });

  it('keeps the defaults and says why when the file is malformed or invalid', async () => {
    const home = freshHome();
    writeFileSync(path.join(home, 'settings.json'), '{"planner": "llm", ');
    const broken = new SettingsStore(home);
    await broken.load();
    expect(broken.current.planner).toBe('offline');
    expect(broken.problem).toMatch(/settings\.json is not JSON .*the default settings are used/);

    writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ planner: 'magic', llm: { baseURL: 'ftp://x' }, extra: 1 }));
    const invalid = new SettingsStore(home);
    await invalid.load();
    expect(invalid.current.planner).toBe('offline');
    expect(invalid.problem).toMatch(/planner: .*llm\.baseURL: must be an http\(s\) URL/);
    expect(invalid.problem).toMatch(/unrecognized key.*"extra"/i);
  });

  it('writes a change and reads it back in a new process', async () => {
    const home = freshHome();
    const store = new SettingsStore(home);
    await store.set({ planner: 'llm', llm: { model: 'llama3.1', baseURL: 'http://127.0.0.1:11434/v1' } });
    const again = new SettingsStore(home, undefined, 'Dana');
    await again.load();
    expect(await again.view()).toEqual({ planner: 'llm', llm: { baseURL: 'http://127.0.0.1:11434/v1', model: 'llama3.1', hasKey: false }, agent: 'Dana' });
  });

  it('refuses an invalid change and keeps what was there', async () => {
    const store = new SettingsStore(freshHome());
    await expect(store.set({ llm: { baseURL: 'ftp://x' } })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^settings: llm\.baseURL: /) });
    expect(store.current.llm.baseURL).toBe('https://api.openai.com/v1');
  });

  it('keeps the key in a 0600 file under secrets/, never in settings.json nor in the view', async () => {
    const home = freshHome();
    const store = new SettingsStore(home);
    const view = await store.set({ llm: { apiKey: 'sk-test-123456' } });
    expect(view.llm.hasKey).toBe(true);
    expect(JSON.stringify(view)).not.toContain('sk-test');
    expect(readFileSync(path.join(home, 'settings.json'), 'utf8')).not.toContain('sk-test');
    const keyFile = path.join(home, 'secrets', LLM_KEY_SECRET);
    expect(readFileSync(keyFile, 'utf8')).toBe('sk-test-123456');
    if (process.platform !== 'win32') {
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(keyFile)).mode & 0o777).toBe(0o700);
    }
    expect(await store.apiKey()).toBe('sk-test-123456');
  });

  it("uses the shell's vault for the key when it has one", async () => {
    const kept = new Map<string, string>();
    const vault: SecretVault = {
      credentials: async () => undefined,
      secretValues: async () => [...kept.values()],
      setCredentials: async () => undefined,
      secret: async (name) => kept.get(name),
      setSecret: async (name, value) => void (value === null ? kept.delete(name) : kept.set(name, value)),
    };
    const home = freshHome();
    const store = new SettingsStore(home, vault);
    expect((await store.set({ llm: { apiKey: 'sk-vault' } })).llm.hasKey).toBe(true);
    expect(kept.get(LLM_KEY_SECRET)).toBe('sk-vault');
    expect(() => statSync(path.join(home, 'secrets'))).toThrow();
  });

  it('drops the stored key when the LLM endpoint changes: the key never goes to a host it was not given for', async () => {
    const home = freshHome();
    const store = new SettingsStore(home);
    await store.set({ llm: { baseURL: 'https://api.openai.com/v1', apiKey: 'sk-for-openai-123' } });
    expect((await store.view()).llm.hasKey).toBe(true);
    // the model alone may change, the key stays
    expect((await store.set({ llm: { model: 'gpt-x' } })).llm.hasKey).toBe(true);
    // the same URL given again keeps it too
    expect((await store.set({ llm: { baseURL: 'https://api.openai.com/v1' } })).llm.hasKey).toBe(true);
    // a new host: the key is gone, the panel must enter one for it
    const moved = await store.set({ llm: { baseURL: 'http://attacker.example/v1' } });
    expect(moved.llm.hasKey).toBe(false);
    expect(await store.apiKey()).toBeUndefined();
    expect(await new SettingsStore(home).apiKey()).toBeUndefined();
    // a new host with its own key: that key is kept
    const withKey = await store.set({ llm: { baseURL: 'http://127.0.0.1:11434/v1', apiKey: 'ollama-key-1' } });
    expect(withKey.llm.hasKey).toBe(true);
    expect(await store.apiKey()).toBe('ollama-key-1');
  });
});

describe("the approver's name", () => {
  it('is who is signed in to this machine: the panel cannot rename it, nor can settings.json', { timeout: 60_000 }, async () => {
    const home = freshHome();
    writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ planner: 'offline', agent: 'Mallory' }));
    const urls = { helpdesk: 'http://127.0.0.1:9', crm: 'http://127.0.0.1:9', orders: 'http://127.0.0.1:9', billing: 'http://127.0.0.1:9', control: 'http://127.0.0.1:9' };
    const service = await createLegworkService({ home, systems: sandboxSystems(urls), notice: () => undefined });
    try {
      const me = os.userInfo().username;
      expect(service.legwork.agent).toBe(me);
      expect(await dispatch(service, 'settings.get', {}, 'browser')).toMatchObject({ ok: true, data: { agent: me } });
      const renamed = await dispatch(service, 'settings.set', { agent: 'Mallory' }, 'browser');
      expect(renamed).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/agent/) } });
      expect(service.legwork.agent).toBe(me);
      expect(await dispatch(service, 'settings.get', {}, 'browser')).toMatchObject({ ok: true, data: { agent: me } });
    } finally {
      await service.close();
    }
  });
});
