// System credentials only through the secret store: inline passwords only for the built-in sandbox,
// no passwords from the environment, the browser-mode store encrypted with the user's passphrase,
// and a real sign-in to the sandbox with credentials that come from that store.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSystemsConfig } from '../../core/config/systems.ts';
import { EncryptedFileVault } from '../../core/secrets/file-vault.ts';
import { Legwork } from '../../core/legwork.ts';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { control, sandboxForTest } from '../helpers/sandbox.ts';

const home = () => mkdtempSync(path.join(os.tmpdir(), 'legwork-vault-'));
const entry = (url: string, extra: object = {}) => ({ url, username: 'agent', ...extra });
const config = (systems: object, more: object = {}) => JSON.stringify({ systems, ...more });
const REAL = 'https://crm.example.com';

describe('where system passwords may come from', () => {
  it('refuses an inline password for a real system, and a password from the environment, saying where it goes', () => {
    const four = (e: object) => ({ helpdesk: e, crm: e, orders: e, billing: e });
    expect(() => parseSystemsConfig(config(four(entry(REAL, { password: 'hunter2' }))), 'systems.json')).toThrow(/inline passwords are accepted only for the built-in sandbox; keep its password in Legwork's secret store: `legwork secrets set helpdesk --username agent`/);
    expect(() => parseSystemsConfig(config(four(entry(REAL, { passwordEnv: 'CRM_PASSWORD' }))), 'systems.json')).toThrow(/passwordEnv is no longer read/);
    // a loopback system that does not name the sandbox's control endpoint is not the sandbox
    expect(() => parseSystemsConfig(config(four(entry('http://127.0.0.1:7402', { password: 'crm-demo' }))), 'systems.json')).toThrow(/only for the built-in sandbox/);
    // the sandbox: accepted inline; a real system: no password in the file at all
    expect(parseSystemsConfig(config(four(entry('http://127.0.0.1:7402', { password: 'crm-demo' })), { control: 'http://127.0.0.1:7404' }), 'x').systems.crm.password).toBe('crm-demo');
    expect(parseSystemsConfig(config(four(entry(REAL))), 'x').systems.crm.password).toBeUndefined();
  });
});

describe('EncryptedFileVault (browser mode)', () => {
  it('keeps credentials encrypted in a 0600 file that only the passphrase opens', async () => {
    const h = home();
    const vault = new EncryptedFileVault(h, 'correct horse battery');
    await vault.setCredentials('crm', { username: 'agent', password: 'hunter2-crm-password' });
    await vault.setSecret('llm-api-key', 'sk-live-abcdef123456');
    const text = readFileSync(vault.file, 'utf8');
    for (const plain of ['hunter2', 'agent', 'crm', 'sk-live']) expect(text).not.toContain(plain);
    expect(statSync(vault.file).mode & 0o777).toBe(0o600);

    const again = new EncryptedFileVault(h, 'correct horse battery');
    expect(await again.credentials('crm')).toEqual({ username: 'agent', password: 'hunter2-crm-password' });
    expect(await again.secret('llm-api-key')).toBe('sk-live-abcdef123456');
    await expect(new EncryptedFileVault(h, 'wrong horse battery').credentials('crm')).rejects.toThrow(/the passphrase does not open/);
    // an edited file is an error, not garbage
    const sealed = JSON.parse(text);
    sealed.data = Buffer.from(Buffer.from(sealed.data, 'base64').map((b: number, i: number) => (i === 3 ? b ^ 1 : b))).toString('base64');
    writeFileSync(vault.file, JSON.stringify(sealed));
    await expect(again.credentials('crm')).rejects.toThrow(/does not open .*or the file was changed/);
    expect(() => new EncryptedFileVault(h, 'short')).toThrow(/at least 8 characters/);
  });
});

describe('signing in with credentials from the store', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await sandboxForTest();
  });
  afterAll(() => sandbox?.close());

  it('a system without a password in its config signs in with the vault’s, and says which system has none', { timeout: 90_000 }, async () => {
    const h = home();
    // the sandbox's systems configured as real ones would be: no password in the file, no control endpoint
    const systems = parseSystemsConfig(config(Object.fromEntries((['helpdesk', 'crm', 'orders', 'billing'] as const).map((s) => [s, { url: sandbox.urls[s], username: sandbox.credentials[s].username }]))), 'x');
    const vault = new EncryptedFileVault(h, 'correct horse battery');
    const id = (await control(sandbox, 'POST', '/tickets', { from: 'mia.garcia4516@example.com', subject: 'Hello', body: 'Where is my order?' })).json.id as number;

    const without = await Legwork.open({ home: h, systems, secrets: vault, timeoutMs: 20_000, notice: () => undefined });
    try {
      const refused = await without.ticket(id);
      expect(refused.ok ? null : refused.error).toMatchObject({ code: 'login_failed', message: expect.stringMatching(/no credentials are kept for helpdesk/) });
    } finally {
      await without.close();
    }

    await vault.setCredentials('helpdesk', sandbox.credentials.helpdesk);
    const legwork = await Legwork.open({ home: h, systems, secrets: vault, timeoutMs: 20_000, notice: () => undefined });
    try {
      let read = await legwork.ticket(id);
      // the first sign-in of a fresh browser can outlast a busy machine's time limit: once more
      if (!read.ok && read.error.code === 'session_expired') read = await legwork.ticket(id);
      expect(read.ok ? read.data.subject : read.error).toBe('Hello');
    } finally {
      await legwork.close();
    }
  });
});
