// The lead's playbook editor, as the core serves it (the same calls both transports carry): the
// files in force and the templates; a draft checked by the install's own loader (a typo'd read
// field refused with its line and reason); the draft kept on disk until it is installed; signing
// with the lead's kept key (the policy's signing flow) and installing the next version; and refusals
// that change nothing. Over a real Legwork, its files and a real dispatch.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Legwork } from '../../core/legwork.ts';
import { sandboxSystems } from '../../cli/systems.ts';
import { createHandlers, EventHub } from '../../core/service/index.ts';
import { SettingsStore } from '../../core/settings.ts';
import { Approvers } from '../../core/approvals/approvers.ts';
import { generateLeadKeys } from '../../core/policy/signing.ts';
import { verifySignedPlaybooks } from '../../core/playbooks/signing.ts';
import { dispatch, type ApiService } from '../../core/api/handlers.ts';

const URLS = { helpdesk: 'http://127.0.0.1:9', crm: 'http://127.0.0.1:9', orders: 'http://127.0.0.1:9', billing: 'http://127.0.0.1:9', control: 'http://127.0.0.1:9' };
const LEAD = { name: 'Lee Lead', passphrase: 'a long lead passphrase' };
const KEY = 'key passphrase 1';
const open: Legwork[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

type Answer = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };

async function core(home = mkdtempSync(path.join(os.tmpdir(), 'legwork-pbedit-'))) {
  const legwork = await Legwork.open({ home, systems: sandboxSystems(URLS), notice: () => undefined });
  open.push(legwork);
  new Approvers(home).add(LEAD.name, LEAD.passphrase);
  const service: ApiService = { handlers: createHandlers({ legwork, settings: new SettingsStore(home), events: new EventHub() }), events: { on: () => () => undefined }, blob: async () => null };
  const call = async (method: string, input: unknown) => (await dispatch(service, method, input, 'test')) as Answer;
  const session = ((await call('approvals.signIn', LEAD)) as { ok: true; data: { session: string } }).data.session;
  return { home, legwork, call, session };
}

const rule = (check: string) => `  - id: within_30_days
    says: returns only within 30 days of delivery
    check: ${check}
    message: "order {{ order.order_id }} was delivered on {{ order.delivered_on }}, more than 30 days ago"
    refuse: decline
`;

async function returnsWith(call: (m: string, i: unknown) => Promise<Answer>, check: string) {
  const files = (await call('playbooks.files', {})) as { ok: true; data: { files: { file: string; text: string }[] } };
  const returns = files.data.files.find((f) => f.file === 'return_items.yaml')!;
  return { file: returns.file, text: returns.text.replace('rules:\n', `rules:\n${rule(check)}`) };
}

describe('the playbook editor in the core', () => {
  it('checks a draft as the install does, keeps it, signs it with the lead key and installs the next version', async () => {
    const { home, call, session } = await core();
    const files = await call('playbooks.files', {});
    expect(files.ok && files.data.version).toBe(null);
    expect(files.ok && files.data.files.map((f: { file: string }) => f.file)).toContain('return_items.yaml');
    expect(files.ok && files.data.templates.map((t: { title: string }) => t.title)).toEqual(["Reply with the account's facts", "Reply with the order's facts"]);

    // a typo'd read field: refused with the file, the line of the check and the reason
    const typo = await returnsWith(call, 'has(order.delivered_on) && now - date(order.delivered_onn) <= duration("720h")');
    expect(await call('playbooks.check', { files: [typo] })).toEqual({ ok: true, data: { problems: [{ file: 'return_items.yaml', line: 12, reason: 'rules.0.check: No such key: delivered_onn' }] } });
    expect(await call('playbooks.preview', { files: [typo] })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('return_items.yaml:12: rules.0.check: No such key: delivered_onn') } });

    // the unsaved draft is kept by the core, as typed (invalid or not)
    const draft = { open: 'return_items.yaml', files: [typo], basedOn: null };
    expect(await call('playbooks.saveDraft', { draft })).toEqual({ ok: true, data: { ok: true } });
    expect(await call('playbooks.draft', {})).toEqual({ ok: true, data: draft });

    // nothing invalid is signed, whatever the panel sends
    await call('policy.createKey', { session, passphrase: KEY });
    expect(await call('playbooks.signAndInstall', { session, files: [typo], passphrase: KEY })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('No such key: delivered_onn') } });

    const fixed = await returnsWith(call, 'has(order.delivered_on) && now - date(order.delivered_on) <= duration("720h")');
    expect(await call('playbooks.check', { files: [fixed] })).toEqual({ ok: true, data: { problems: [] } });
    const preview = await call('playbooks.preview', { files: [fixed] });
    expect(preview).toMatchObject({ ok: true, data: { files: [{ playbook: 'return_items', change: expect.stringMatching(/^rule added: within_30_days \(returns only within 30 days of delivery\)/) }], plans: [], plansChecked: 0 } });

    // a wrong passphrase changes nothing and the draft stays
    expect(await call('playbooks.signAndInstall', { session, files: [fixed], passphrase: 'not the passphrase' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/passphrase does not open/) } });
    expect((await call('playbooks.list', {})) as Answer).toMatchObject({ ok: true, data: { source: 'built-in', version: null } });
    expect(await call('playbooks.draft', {})).toEqual({ ok: true, data: draft });

    const done = await call('playbooks.signAndInstall', { session, files: [fixed], passphrase: KEY });
    expect(done).toMatchObject({ ok: true, data: { version: 1, installedBy: 'Lee Lead', notice: expect.stringContaining('playbook set version 1 (10 playbooks)') } });
    const list = await call('playbooks.list', {});
    expect(list).toMatchObject({ ok: true, data: { source: 'file', version: 1, installedBy: 'Lee Lead' } });
    expect(list.ok && list.data.playbooks.find((p: { id: string }) => p.id === 'return_items').rules[0]).toEqual({ id: 'within_30_days', says: 'returns only within 30 days of delivery' });
    // installed as the CLI installs: verifies against the key the first install made trusted; the draft is gone
    const installed = readFileSync(path.join(home, 'playbooks', 'playbooks.signed.json'), 'utf8');
    expect(verifySignedPlaybooks(installed, readFileSync(path.join(home, 'policy', 'lead.pub.pem'), 'utf8')).ok).toBe(true);
    expect(await call('playbooks.draft', {})).toEqual({ ok: true, data: null });
    expect(existsSync(path.join(home, 'playbooks', 'draft.json'))).toBe(false);

    // the next one is version 2, a new playbook from a template
    const template = (files.ok && files.data.templates[0]) as { file: string; text: string };
    const added = { file: 'account_address.yaml', text: template.text.replace('id: reply_with_account_facts', 'id: account_address') };
    expect(await call('playbooks.signAndInstall', { session, files: [added], passphrase: KEY })).toMatchObject({ ok: true, data: { version: 2, notice: expect.stringContaining('(11 playbooks)') } });
  });

  it('a refused install leaves the set in force and says why', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'legwork-pbedit-'));
    mkdirSync(path.join(home, 'policy'), { recursive: true });
    const trusted = generateLeadKeys();
    writeFileSync(path.join(home, 'policy', 'lead.pub.pem'), trusted.publicKeyPem);
    const { call, session } = await core(home);
    await call('policy.createKey', { session, passphrase: KEY });
    const fixed = await returnsWith(call, 'has(order.delivered_on) && now - date(order.delivered_on) <= duration("720h")');
    const refused = await call('playbooks.signAndInstall', { session, files: [fixed], passphrase: KEY });
    expect(refused).toMatchObject({ ok: false, error: { code: 'precondition_failed', message: expect.stringContaining(`trusts lead key ${trusted.keyId}`) } });
    expect(await call('playbooks.list', {})).toMatchObject({ ok: true, data: { source: 'built-in', version: null } });
    expect(existsSync(path.join(home, 'playbooks', 'playbooks.signed.json'))).toBe(false);
  });

  it('a draft file that is not a draft is reported, not taken for none', async () => {
    const { home, call } = await core();
    mkdirSync(path.join(home, 'playbooks'), { recursive: true });
    writeFileSync(path.join(home, 'playbooks', 'draft.json'), '{"open": 3');
    expect(await call('playbooks.draft', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('draft.json is not JSON') } });
    expect(await call('playbooks.saveDraft', { draft: { open: null, files: [{ file: '../x.yaml', text: '' }], basedOn: null } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
