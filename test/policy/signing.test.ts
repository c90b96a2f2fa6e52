// Signed policy files: the round trip, and every way a file is refused; the store keeps the last
// valid policy in force and never falls back to anything looser.
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/plan.ts';
import { STRICTEST_POLICY } from '../../shared/policy.ts';
import { generateLeadKeys, keyIdOf, signPolicy, verifySignedPolicy, writeLeadKeys, type LeadKeys } from '../../core/policy/signing.ts';
import { PolicyStore } from '../../core/policy/store.ts';
import { decide } from '../../core/policy/decide.ts';
import { ctxOf, planOf, writeStep } from './fixtures.ts';

const example = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../examples/policy.json'), 'utf8'));
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'legwork-policy-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function signedText(policy: unknown, keys: LeadKeys): string {
  const signed = signPolicy(policy, keys.privateKeyPem);
  if (!signed.ok) throw new Error(signed.error.message);
  return JSON.stringify(signed.data, null, 2);
}

function refusal(text: string, publicKeyPem: string): string {
  const verified = verifySignedPolicy(text, publicKeyPem);
  if (verified.ok) throw new Error('expected the file to be refused');
  expect(verified.error.code).toBe('invalid_input');
  return verified.error.message;
}

describe('signing', () => {
  it('keygen writes a PEM pair, the private key owner-only, and never overwrites', async () => {
    const keys = await writeLeadKeys(path.join(dir, 'keys'));
    expect(statSync(keys.privateKeyPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(keys.privateKeyPath, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(keys.publicKeyPath, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(keys.keyId).toBe(keyIdOf(readFileSync(keys.publicKeyPath, 'utf8')));
    expect(keys.keyId).toBe(keyIdOf(readFileSync(keys.privateKeyPath, 'utf8')));
    const before = readFileSync(keys.privateKeyPath, 'utf8');
    await expect(writeLeadKeys(path.join(dir, 'keys'))).rejects.toThrow(/already exists/);
    expect(readFileSync(keys.privateKeyPath, 'utf8')).toBe(before);
  });

  it('round trip: a signed policy verifies against the lead key and gives the parsed policy', () => {
    const keys = generateLeadKeys();
    const text = signedText(example, keys);
    const file = JSON.parse(text);
    expect(Object.keys(file).sort()).toEqual(['keyId', 'policy', 'signature']);
    expect(file.policy).toEqual(example);
    const verified = verifySignedPolicy(text, keys.publicKeyPem);
    expect(verified.ok && verified.data.keyId).toBe(keys.keyId);
    expect(verified.ok && verified.data.policy.actions.adjust_charge?.caps).toEqual({ auto: 50, approve: 500, secondApproval: 2000 });
  });

  it('refuses to sign an invalid policy, naming the path', () => {
    const signed = signPolicy({ ...example, actions: { adjust_charge: { mdoe: 'auto' } } }, generateLeadKeys().privateKeyPem);
    expect(signed.ok).toBe(false);
    expect(!signed.ok && signed.error.message).toContain('actions.adjust_charge.mdoe: unknown key');
  });

  it('a changed value, a changed byte of the signature, or a reordered array is refused', () => {
    const keys = generateLeadKeys();
    const text = signedText(example, keys);
    expect(text).toContain('"auto": 50,');
    expect(refusal(text.replace('"auto": 50,', '"auto": 51,'), keys.publicKeyPem)).toMatch(/changed after it was signed/);
    // swap two caps' values: the same keys, the same bytes, another meaning
    const swapped = text.replace('"auto": 50,', '"auto": 500,').replace('"approve": 500,', '"approve": 50,');
    expect(refusal(swapped, keys.publicKeyPem)).toMatch(/changed after it was signed|at least the auto cap/);
    const file = JSON.parse(text);
    const sig = Buffer.from(file.signature, 'base64');
    sig[10] = sig[10]! ^ 1;
    expect(refusal(JSON.stringify({ ...file, signature: sig.toString('base64') }), keys.publicKeyPem)).toMatch(/changed after it was signed/);
    const added = JSON.parse(text);
    added.policy.actions.adjust_charge.conditions.push({ when: [{ fact: 'order.total', lt: 0 }], mode: 'approve' });
    expect(refusal(JSON.stringify(added), keys.publicKeyPem)).toMatch(/changed after it was signed/);
    const twoConditions = { ...example, actions: { ...example.actions, adjust_charge: { mode: 'auto', conditions: [
      { when: [{ fact: 'order.total', gt: 1000 }], mode: 'approve' },
      { when: [{ fact: 'order.status', eq: 'cancelled' }], mode: 'suggest' },
    ] } } };
    const reordered = JSON.parse(signedText(twoConditions, keys));
    reordered.policy.actions.adjust_charge.conditions.reverse();
    expect(refusal(JSON.stringify(reordered), keys.publicKeyPem)).toMatch(/changed after it was signed/);
    const items = JSON.parse(text);
    items.policy.actions = Object.fromEntries(Object.entries(items.policy.actions).reverse());
    items.policy = Object.fromEntries(Object.entries(items.policy).reverse());
    expect(JSON.stringify(items)).not.toBe(JSON.stringify(JSON.parse(text)));
    // reordering an object's keys changes neither the canonical form nor the meaning: it still verifies
    expect(verifySignedPolicy(JSON.stringify(items), keys.publicKeyPem).ok).toBe(true);
  });

  it('a file signed by another key is refused, also when it claims the lead key id', () => {
    const lead = generateLeadKeys();
    const other = generateLeadKeys();
    const text = signedText(example, other);
    expect(refusal(text, lead.publicKeyPem)).toBe(`the policy file is signed by key ${other.keyId}, not by the lead key ${lead.keyId}`);
    const claimed = { ...JSON.parse(text), keyId: lead.keyId };
    expect(refusal(JSON.stringify(claimed), lead.publicKeyPem)).toMatch(/changed after it was signed/);
  });

  it('an unsigned, malformed or invalid-but-signed file is refused with a clear message', () => {
    const keys = generateLeadKeys();
    expect(refusal(JSON.stringify(example), keys.publicKeyPem)).toMatch(/not signed/);
    expect(refusal('{"policy": {', keys.publicKeyPem)).toMatch(/not valid JSON/);
    expect(refusal('[1,2]', keys.publicKeyPem)).toMatch(/not a JSON object/);
    expect(refusal(JSON.stringify({ policy: example, signature: 'abc=' }), keys.publicKeyPem)).toMatch(/keyId: /);
    expect(refusal(JSON.stringify({ ...JSON.parse(signedText(example, keys)), note: 'hi' }), keys.publicKeyPem)).toMatch(/not a signed policy file/);
    // the lead signed something that is not a valid policy (by hand, bypassing signPolicy)
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const bad = { ...example, defaultMode: 'yolo' };
    const keyId = keyIdOf(pub);
    const signature = sign(null, Buffer.from(canonicalJson({ keyId, policy: bad })), privateKey).toString('base64');
    expect(refusal(JSON.stringify({ policy: bad, keyId, signature }), pub)).toMatch(/signed policy is not valid: defaultMode: /);
  });
});

describe('PolicyStore', () => {
  const home = () => path.join(dir, 'home');
  const adjust = writeStep({ action: 'adjust_charge', amount: 30 });
  const kindUnder = (store: PolicyStore) => decide(store.current.policy, planOf([adjust]), adjust, ctxOf({ facts: { order: { total: 10 } } })).kind;

  it('with no lead key and no policy: the built-in strictest default, and it says so', async () => {
    const { inForce, refused } = await new PolicyStore({ home: home() }).load();
    expect(inForce.source).toBe('built-in');
    expect(inForce.policy).toEqual(STRICTEST_POLICY);
    expect(inForce.notice).toMatch(/built-in strictest default .* because no lead key is configured/);
    expect(refused).toBeUndefined();
  });

  it('installs a verified file, trusting the first key; a refused file stays out and the last good policy stays in force', async () => {
    const lead = generateLeadKeys();
    const store = new PolicyStore({ home: home() });
    const text = signedText(example, lead);
    const installed = await store.install(text, lead.publicKeyPem);
    expect(installed.ok && installed.data.source).toBe('file');
    expect(readFileSync(store.leadKeyPath, 'utf8')).toBe(lead.publicKeyPem);
    expect(readFileSync(store.lastGoodPath, 'utf8')).toBe(text);
    expect(kindUnder(store)).toBe('auto');

    // a tampered file through install: refused, nothing on disk changes
    const tampered = text.replace('"auto": 50,', '"auto": 5000,');
    const refusedInstall = await store.install(tampered);
    expect(!refusedInstall.ok && refusedInstall.error.message).toMatch(/changed after it was signed/);
    expect(readFileSync(store.policyPath, 'utf8')).toBe(text);

    // another key: refused even with --key, and the trusted key stays
    const other = generateLeadKeys();
    const wrongKey = await store.install(signedText({ ...example, defaultMode: 'auto' }, other), other.publicKeyPem);
    expect(!wrongKey.ok && wrongKey.error.message).toMatch(`trusts lead key ${lead.keyId}, not ${other.keyId}`);
    expect(readFileSync(store.leadKeyPath, 'utf8')).toBe(lead.publicKeyPem);

    // the installed file edited on disk: refused on load; this process keeps what it had
    for (const bad of [tampered, JSON.stringify(example), '{"policy":', signedText({ ...example, defaultMode: 'auto' }, other)]) {
      writeFileSync(store.policyPath, bad);
      const loaded = await store.load();
      expect(loaded.refused).toMatch(/^refused .*policy\.signed\.json: /);
      expect(loaded.inForce.policy.name).toBe('Sandbox support team');
      expect(kindUnder(store)).toBe('auto');
      // a fresh process falls back to the verified last-good copy on disk
      const fresh = await new PolicyStore({ home: home() }).load();
      expect(fresh.inForce).toMatchObject({ source: 'last-good', path: store.lastGoodPath, keyId: lead.keyId });
      expect(fresh.inForce.notice).toMatch(/^the last valid policy "Sandbox support team"/);
      expect(readFileSync(store.lastGoodPath, 'utf8')).toBe(text);
    }

    // the last-good copy tampered too: the built-in strictest default, never anything looser
    writeFileSync(store.lastGoodPath, tampered);
    const fresh = new PolicyStore({ home: home() });
    const loaded = await fresh.load();
    expect(loaded.inForce.source).toBe('built-in');
    expect(loaded.refused).toBeDefined();
    expect(kindUnder(fresh)).toBe('second_approval'); // $30 is above the default's $25 cap
  });

  it('a newly installed valid policy replaces the last-good copy; load() picks up an edited-but-valid file', async () => {
    const lead = generateLeadKeys();
    const store = new PolicyStore({ home: home() });
    expect((await store.install(signedText(example, lead), lead.publicKeyPem)).ok).toBe(true);
    const stricter = { ...example, name: 'tighter', actions: { ...example.actions, adjust_charge: { mode: 'approve' } } };
    const second = signedText(stricter, lead);
    expect((await store.install(second)).ok).toBe(true);
    expect(readFileSync(store.lastGoodPath, 'utf8')).toBe(second);
    expect(kindUnder(store)).toBe('approve');
    const third = signedText({ ...example, name: 'third' }, lead);
    writeFileSync(store.policyPath, third);
    const loaded = await new PolicyStore({ home: home() }).load();
    expect(loaded.inForce).toMatchObject({ source: 'file' });
    expect(loaded.inForce.policy.name).toBe('third');
    expect(readFileSync(store.lastGoodPath, 'utf8')).toBe(third);
  });

  it('an older policy is never put back: refused by install, and on load when it replaces the file on disk', async () => {
    const lead = generateLeadKeys();
    const store = new PolicyStore({ home: home() });
    const at = (iso: string) => {
      const signed = signPolicy({ ...example, issuedAt: undefined, name: iso }, lead.privateKeyPem, () => new Date(iso));
      if (!signed.ok) throw new Error(signed.error.message);
      return JSON.stringify(signed.data);
    };
    const june = at('2026-06-01T09:00:00.000Z');
    const july = at('2026-07-01T09:00:00.000Z');
    // signing stamps the time: the signed policy carries it
    expect(JSON.parse(july).policy.issuedAt).toBe('2026-07-01T09:00:00.000Z');
    expect((await store.install(june, lead.publicKeyPem)).ok).toBe(true);
    expect((await store.install(july)).ok).toBe(true);
    const back = await store.install(june);
    expect(back.ok).toBe(false);
    expect(!back.ok && back.error).toMatchObject({ code: 'precondition_failed', message: expect.stringMatching(/issued at 2026-06-01.*before the installed "2026-07-01/) });
    expect(readFileSync(store.policyPath, 'utf8')).toBe(july);
    // the same file again is fine (nothing older), and so is the June rules signed anew
    expect((await store.install(july)).ok).toBe(true);
    expect((await store.install(at('2026-08-01T09:00:00.000Z'))).ok).toBe(true);

    // someone copies the June file over the installed one: a fresh load refuses it and keeps August
    writeFileSync(store.policyPath, june);
    const loaded = await new PolicyStore({ home: home() }).load();
    expect(loaded.refused).toMatch(/issued at 2026-06-01/);
    expect(loaded.inForce).toMatchObject({ source: 'last-good' });
    expect(loaded.inForce.policy.name).toBe('2026-08-01T09:00:00.000Z');
  });

  it('install without any lead key is refused', async () => {
    const result = await new PolicyStore({ home: home() }).install(signedText(example, generateLeadKeys()));
    expect(!result.ok && result.error.message).toMatch(/no lead key is configured/);
  });
});
