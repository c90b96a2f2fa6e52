// Playbook sets signed and installed like the policy: the same lead key, a tampered, older or
// non-loading set refused with the set in force kept, the last-good copy used when the installed
// file is damaged, and "what would change" over the facts recent plans recorded.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../shared/plan.ts';
import type { PlaybookSource } from '../../shared/playbook.ts';
import { generateLeadKeys, signDocument } from '../../core/policy/signing.ts';
import { builtInPlaybooks, playbookSources } from '../../core/playbooks/built-in.ts';
import { PLAYBOOKS_KIND, signPlaybookSet } from '../../core/playbooks/signing.ts';
import { PlaybookStore } from '../../core/playbooks/store.ts';
import { diffPlaybooks, planChanges, recentPlans } from '../../core/playbooks/changes.ts';
import { TraceStore } from '../../core/trace/store.ts';
import { Playbooks } from '../../automations/playbooks/index.ts';

const retail = () => playbookSources(path.resolve(import.meta.dirname, '../../automations/playbooks/retail'));
const keys = generateLeadKeys();
let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'legwork-playbooks-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function signed(files: PlaybookSource[], version: number, at = new Date()): string {
  const got = signPlaybookSet(files, keys.privateKeyPem, { version, now: () => at });
  if (!got.ok) throw new Error(got.error.message);
  return JSON.stringify(got.data, null, 2);
}
const withBaseline = (minutes: number) => retail().map((s) => (s.file === 'return_items.yaml' ? { ...s, text: s.text.replace('baseline_minutes: 8', `baseline_minutes: ${minutes}`) } : s));
const baselineInForce = (store: PlaybookStore) => store.current.playbooks.get('return_items')!.spec.baseline_minutes;

describe('PlaybookStore', () => {
  it('installs a signed set with the lead key and keeps it in force across loads', async () => {
    const store = new PlaybookStore({ home });
    expect((await store.load()).inForce.source).toBe('built-in');
    const installed = await store.install(signed(withBaseline(11), 1), keys.publicKeyPem);
    expect(installed.ok && installed.data.version).toBe(1);
    const again = new PlaybookStore({ home });
    const loaded = await again.load();
    expect(loaded).toMatchObject({ inForce: { source: 'file', version: 1 } });
    expect(baselineInForce(again)).toBe(11);
  });

  it('refuses a tampered, an older, another key\'s and a non-loading set, and the set in force stays', async () => {
    const store = new PlaybookStore({ home });
    const t0 = new Date('2026-12-01T10:00:00Z');
    const v2 = signed(withBaseline(11), 2, t0);
    expect((await store.install(v2, keys.publicKeyPem)).ok).toBe(true);

    const tampered = v2.replace('baseline_minutes: 11', 'baseline_minutes: 1');
    const r1 = await store.install(tampered);
    expect(!r1.ok && r1.error.message).toMatch(/signature does not match its contents/);

    const older = await store.install(signed(withBaseline(12), 1, new Date('2026-12-02T10:00:00Z')));
    expect(!older.ok && older.error.message).toMatch(/version 1 .* is not newer than the installed version 2/);

    const other = generateLeadKeys();
    const foreign = signPlaybookSet(withBaseline(13), other.privateKeyPem, { version: 3 });
    const r3 = await store.install(JSON.stringify(foreign.ok && foreign.data));
    expect(!r3.ok && r3.error.message).toMatch(/signed by key .* not by the lead key/);

    // a set that verifies but does not load (signed around the loader) is refused with the file's line
    const bad = retail().map((s) => (s.file === 'cancel_order.yaml' ? { ...s, text: s.text.replace('check: order.status == "pending"', 'check: order.shipped_on == "x"') } : s));
    const set = { version: 4, issuedAt: new Date().toISOString(), files: bad };
    const sig = signDocument(PLAYBOOKS_KIND, set, keys.privateKeyPem);
    const r4 = await store.install(JSON.stringify({ playbooks: set, ...(sig.ok ? sig.data : {}) }));
    expect(!r4.ok && r4.error.message).toContain('cancel_order.yaml:12: rules.0.check: No such key: shipped_on');

    // what is in force is still version 2, in this process and after a restart
    expect(baselineInForce(store)).toBe(11);
    writeFileSync(store.installedPath, tampered);
    const restarted = new PlaybookStore({ home });
    const loaded = await restarted.load();
    expect(loaded.refused).toMatch(/refused .*playbooks.signed.json: .*signature does not match/);
    expect(loaded.inForce).toMatchObject({ source: 'last-good', version: 2 });
    expect(baselineInForce(restarted)).toBe(11);
  });

  it('refuses signing files that do not load, naming file and line', () => {
    const bad = retail().map((s) => (s.file === 'return_items.yaml' ? { ...s, text: s.text.replace('action: return_delivered_order_items', 'action: return_it_all') } : s));
    const got = signPlaybookSet(bad, keys.privateKeyPem, { version: 1 });
    expect(!got.ok && got.error.message).toMatch(/return_items\.yaml:\d+: unknown action "return_it_all"/);
  });
});

describe('what would change', () => {
  const delivered = { order_id: '#W7', status: 'delivered', delivered_on: '2026-10-01' };
  const plan = (ticketId: number, order: Record<string, unknown>): Plan =>
    ({ ticketId, checks: [{ playbook: 'return_items', action: 'return_delivered_order_items', facts: { order, now: '2026-12-03T12:00:00.000Z' }, refused: null }] }) as unknown as Plan;

  it('lists the files\' changes and the recent plans the new rules decide otherwise', () => {
    const rule = `  - id: within_30_days\n    says: returns only within 30 days of delivery\n    check: has(order.delivered_on) && now - date(order.delivered_on) <= duration("720h")\n    message: "order {{ order.order_id }} was delivered on {{ order.delivered_on }}, more than 30 days ago"\n    refuse: decline\n`;
    const next = retail().map((s) => (s.file === 'return_items.yaml' ? { ...s, text: s.text.replace('rules:\n', `rules:\n${rule}`) } : s));
    const got = Playbooks.compile(next);
    if (!got.ok) throw new Error(JSON.stringify(got.problems));
    expect(diffPlaybooks(builtInPlaybooks(), got.data)).toEqual([{ playbook: 'return_items', change: expect.stringMatching(/^rule added: within_30_days \(returns only within 30 days of delivery\)/) }]);
    // ticket 1's order was delivered 63 days before it was planned; ticket 2's 13 days before
    const changes = planChanges([plan(1, delivered), plan(2, { ...delivered, order_id: '#W8', delivered_on: '2026-11-20' })], got.data);
    expect(changes).toEqual([
      { ticketId: 1, playbook: 'return_items', action: 'return_delivered_order_items', before: 'allowed', after: 'refused by within_30_days: order #W7 was delivered on 2026-10-01, more than 30 days ago' },
    ]);
  });

  it('reads the recent plans from the runs\' traces', async () => {
    const traces = TraceStore.forHome(home);
    for (const [ticketId, order] of [[11, delivered], [12, { ...delivered, order_id: '#W8' }]] as const) {
      const w = await traces.openRun({ ticketId, agent: 'ana', playbooks: ['return_items'] });
      await w.append('plan', { plan: plan(ticketId, order) });
      await w.finish('completed');
    }
    const plans = await recentPlans(traces);
    expect(plans.map((p) => p.ticketId).sort()).toEqual([11, 12]);
    expect(planChanges(plans, builtInPlaybooks())).toEqual([]);
    const pending = planChanges([plan(13, { ...delivered, status: 'pending' })], builtInPlaybooks());
    expect(pending[0]!.after).toBe('refused by delivered_only: order #W7 is pending; only delivered orders can be returned');
  });
});
