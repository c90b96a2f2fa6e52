// Signing a policy from the panel: the lead's key kept in a passphrase-protected file (browser
// mode) or a keychain, used only by a signed-in approver; the signed file is installed as
// `legwork policy install` would, and the next decisions follow it. Over a real Legwork and files.
import { mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Legwork } from '../../core/legwork.ts';
import { sandboxSystems } from '../../cli/systems.ts';
import { createHandlers, EventHub } from '../../core/service/index.ts';
import { SettingsStore } from '../../core/settings.ts';
import { Approvers } from '../../core/approvals/approvers.ts';
import { KeychainSigningKey, PassphraseKeyFile, importSigningKey } from '../../core/policy/lead-key.ts';
import { generateLeadKeys, verifySignedPolicy } from '../../core/policy/signing.ts';
import { dispatch, type ApiService } from '../../core/api/handlers.ts';
import { RECOMMENDED_POLICY } from '../../shared/policy-presets.ts';
import { decide } from '../../core/policy/decide.ts';

const URLS = { helpdesk: 'http://127.0.0.1:9', crm: 'http://127.0.0.1:9', orders: 'http://127.0.0.1:9', billing: 'http://127.0.0.1:9', control: 'http://127.0.0.1:9' };
const LEAD = { name: 'Lee Lead', passphrase: 'a long lead passphrase' };
const open: Legwork[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

async function core(home = mkdtempSync(path.join(os.tmpdir(), 'legwork-sign-'))) {
  const legwork = await Legwork.open({ home, systems: sandboxSystems(URLS), notice: () => undefined });
  open.push(legwork);
  new Approvers(home).add(LEAD.name, LEAD.passphrase);
  const service: ApiService = { handlers: createHandlers({ legwork, settings: new SettingsStore(home), events: new EventHub() }), events: { on: () => () => undefined }, blob: async () => null };
  const call = async (method: string, input: unknown) => dispatch(service, method, input, 'test');
  const session = ((await call('approvals.signIn', LEAD)) as { ok: true; data: { session: string } }).data.session;
  return { home, legwork, call, session };
}

describe('the lead signs in the panel', () => {
  it('creates a passphrase-protected key, signs and installs as the signed-in lead; the next decision follows', async () => {
    const { home, legwork, call, session } = await core();
    expect(await call('policy.signingKey', { session })).toEqual({ ok: true, data: { protection: 'passphrase', keyId: null, trustedKeyId: null } });
    expect(await call('policy.createKey', { session, passphrase: 'short' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/at least 10 characters/) } });
    const made = (await call('policy.createKey', { session, passphrase: 'key passphrase 1' })) as { ok: true; data: { keyId: string } };
    expect(made.data.keyId).toMatch(/^[0-9a-f]{16}$/);
    const file = path.join(home, 'policy', 'signing-key.pem');
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // a second key is not made over the first
    expect(await call('policy.createKey', { session, passphrase: 'key passphrase 2' })).toMatchObject({ ok: false, error: { code: 'precondition_failed' } });

    const policy = { ...RECOMMENDED_POLICY, name: 'Signed in the panel' };
    expect(await call('policy.signAndInstall', { session, policy, passphrase: 'wrong passphrase' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/passphrase does not open/) } });
    expect(await call('policy.signAndInstall', { session: 'x'.repeat(24), policy, passphrase: 'key passphrase 1' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/sign in again/) } });
    expect(((await call('policy.get', {})) as { data: { builtIn: boolean } }).data.builtIn).toBe(true);

    const done = await call('policy.signAndInstall', { session, policy, passphrase: 'key passphrase 1' });
    expect(done).toMatchObject({ ok: true, data: { name: 'Signed in the panel', keyId: made.data.keyId, installedBy: 'Lee Lead' } });
    const got = (await call('policy.get', {})) as { data: { builtIn: boolean; installedBy: string; signedBy: string } };
    expect(got.data).toMatchObject({ builtIn: false, installedBy: 'Lee Lead', signedBy: made.data.keyId });
    // the installed file verifies against the key the first install made trusted
    const installed = readFileSync(path.join(home, 'policy', 'policy.signed.json'), 'utf8');
    expect(verifySignedPolicy(installed, readFileSync(path.join(home, 'policy', 'lead.pub.pem'), 'utf8')).ok).toBe(true);
    const step = { id: 's1', playbook: 'information', system: 'helpdesk', action: 'add_internal_note', kind: 'write', params: {}, provenance: {}, why: '', expectedEffect: '' } as const;
    expect(decide(legwork.policy.current.policy, { steps: [step] } as never, step as never, { facts: {}, agent: 'a', now: new Date(), recentAutoRuns: [] }).kind).toBe('auto');
    expect(await call('policy.signingKey', { session })).toMatchObject({ ok: true, data: { keyId: made.data.keyId, trustedKeyId: made.data.keyId } });
  });

  it('refuses to sign with a key this Legwork does not trust, and keeps the policy in force', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'legwork-sign-'));
    mkdirSync(path.join(home, 'policy'), { recursive: true });
    const trusted = generateLeadKeys();
    writeFileSync(path.join(home, 'policy', 'lead.pub.pem'), trusted.publicKeyPem);
    const { call, session } = await core(home);
    await call('policy.createKey', { session, passphrase: 'key passphrase 1' });
    const refused = await call('policy.signAndInstall', { session, policy: RECOMMENDED_POLICY, passphrase: 'key passphrase 1' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'precondition_failed', message: expect.stringContaining(`trusts lead key ${trusted.keyId}`) } });
    expect(((await call('policy.get', {})) as { data: { builtIn: boolean } }).data.builtIn).toBe(true);
  });

  it('keeps a key file the lead picked, protected, and signs with the trusted key', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'legwork-sign-'));
    mkdirSync(path.join(home, 'policy'), { recursive: true });
    const trusted = generateLeadKeys();
    writeFileSync(path.join(home, 'policy', 'lead.pub.pem'), trusted.publicKeyPem);
    const { call, session } = await core(home);
    expect(await call('policy.importKey', { session, keyText: 'not a key', passphrase: 'key passphrase 1' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not a private key/) } });
    expect(await call('policy.importKey', { session, keyText: trusted.privateKeyPem, passphrase: 'key passphrase 1' })).toMatchObject({ ok: true, data: { keyId: trusted.keyId, trustedKeyId: trusted.keyId } });
    expect(readFileSync(path.join(home, 'policy', 'signing-key.pem'), 'utf8')).not.toContain(trusted.privateKeyPem.split('\n')[1]);
    expect(await call('policy.signAndInstall', { session, policy: RECOMMENDED_POLICY, passphrase: 'key passphrase 1' })).toMatchObject({ ok: true, data: { keyId: trusted.keyId } });
  });

  it('a keychain keeper needs no passphrase and refuses to replace its key', async () => {
    const kept = new Map<string, string>();
    const keychain = new KeychainSigningKey({ secret: async (n) => kept.get(n), setSecret: async (n, v) => void (v === null ? kept.delete(n) : kept.set(n, v)) });
    const lead = generateLeadKeys();
    expect(await importSigningKey(keychain, lead.privateKeyPem, undefined)).toMatchObject({ ok: true, data: { keyId: lead.keyId } });
    expect((await keychain.open()).ok).toBe(true);
    expect(await importSigningKey(keychain, generateLeadKeys().privateKeyPem, undefined)).toMatchObject({ ok: false, error: { code: 'precondition_failed' } });
    const file = new PassphraseKeyFile(mkdtempSync(path.join(os.tmpdir(), 'legwork-key-')));
    expect(await file.open('whatever passphrase')).toMatchObject({ ok: false, error: { code: 'precondition_failed' } });
  });
});
