// The runtime under the sandbox's faults, and its guarantees: heals reported, targets checked,
// writes never repeated blindly, timeouts typed, evidence masked.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { control } from '../helpers/sandbox.ts';
import { automationHarness, automationSuite, type Harness } from '../helpers/automation.ts';
import { defineAction } from '../../automations/runtime/action.ts';
import { addInternalNote, getTicket, replyToCustomer } from '../../automations/systems/helpdesk/actions.ts';
import { findChromium } from '../../automations/runtime/chromium.ts';
import { redact } from '../../automations/runtime/redact.ts';
import { darkShare, sensitiveRegions } from '../helpers/masking.ts';

let sandbox!: RunningSandbox;
let h!: Harness;
automationSuite((sb, harness) => {
  sandbox = sb;
  h = harness;
});

const faults = (body: unknown) => control(sandbox, 'POST', '/faults', body);
const writes = async () => (await control(sandbox, 'GET', '/writes')).json.writes as { op: string; target: string; args: any }[];
const fileTicket = async (body = 'Where is my order #W2611340?') =>
  (await control(sandbox, 'POST', '/tickets', { from: 'noah.brown7922@example.com', subject: 'Order', body })).json.id as number;

describe('under each fault switch, actions complete or fail with the right code, and no write lands twice', () => {
  const cases: [string, object][] = [
    ['latency', { latencyMs: 300, jitterMs: 100 }],
    ['500s', { errorRate: 0.3 }],
    ['500 after the write', { errorAfterWriteRate: 1 }],
    ['session expiry', { expireAfter: 3 }],
    ['layout variant', { layout: 'variant' }],
    ['pop-up', { popupRate: 1 }],
  ];
  for (const [name, switches] of cases) {
    it(name, { timeout: 60_000 }, async () => {
      const id = await fileTicket();
      const other = await fileTicket('another customer, another ticket');
      await faults({ helpdesk: switches });
      const read = await h.runner.run(getTicket, { ticket_id: id });
      if (!read.ok) expect(read.error.code).toBe('system_error');
      const results = [];
      for (const body of ['First note', 'Second note']) results.push(await h.runner.run(addInternalNote, { ticket_id: id, body }));
      results.push(await h.runner.run(replyToCustomer, { ticket_id: id, body: 'We are looking into it.' }));
      for (const r of results) if (!r.ok) expect(['system_error', 'outcome_unknown']).toContain(r.error.code);
      const log = await writes();
      // nothing twice, nothing on the other ticket, and everything that says ok is there
      const keys = log.map((w) => `${w.op}:${w.target}:${w.args.body}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(log.every((w) => w.target === String(id))).toBe(true);
      expect(log.some((w) => w.target === String(other))).toBe(false);
      expect(log.length).toBe(results.filter((r) => r.ok).length);
      if (name === '500 after the write') {
        expect(results.every((r) => r.ok && r.alreadyDone)).toBe(true);
        expect(results.every((r) => r.evidence.attempts === 2)).toBe(true);
      } else if (name === 'session expiry') {
        // a write's own redirect may land on an ended session: it is then found done, not repeated
        expect(read.ok && results.every((r) => r.ok), JSON.stringify(results.map((r) => (r.ok ? r.alreadyDone : r.error)))).toBe(true);
      } else if (name !== '500s') {
        expect(read.ok && results.every((r) => r.ok && !r.alreadyDone)).toBe(true);
      }
    });
  }
});

describe('resilient locators', () => {
  const readQueueTable = defineAction({
    id: 'read_queue_table',
    system: 'helpdesk',
    kind: 'read',
    input: z.object({}),
    output: z.object({ rows: z.number() }),
    run: async (ctx) => {
      await ctx.open('/tickets');
      const table = await ctx.find('the queue table', [
        { describe: 'css=table.grid', locate: (p) => p.locator('table.grid') },
        { describe: 'role=table', locate: (p) => p.getByRole('table') },
      ]);
      return { rows: await table.getByRole('row').count() };
    },
  });

  it('uses the preferred locator when it works: no heal', async () => {
    const res = await h.runner.run(readQueueTable, {});
    expect(res.ok && res.evidence.heals).toEqual([]);
  });

  it('reports a working fallback as a heal with the old and new locator', async () => {
    await faults({ helpdesk: { layout: 'variant' } });
    const res = await h.runner.run(readQueueTable, {});
    expect(res.ok).toBe(true);
    expect(res.evidence.heals).toEqual([expect.objectContaining({ action: 'read_queue_table', element: 'the queue table', from: 'css=table.grid', to: 'role=table' })]);
  });
});

describe('guarantees of writes', () => {
  it('checks the target before a write: a page showing another ticket stops it with target_mismatch', async () => {
    const id = await fileTicket();
    const wrongTarget = defineAction({
      ...addInternalNote,
      id: 'note_on_wrong_page',
      open: async (ctx) => {
        await ctx.open(`/tickets/${id - 1}`);
        await ctx.expectTarget('ticket', `#${id}:`, await ctx.page.getByRole('heading', { level: 1 }).innerText());
      },
    });
    const res = await h.runner.run(wrongTarget, { ticket_id: id, body: 'must not land' });
    expect(res.ok ? null : res.error.code).toBe('target_mismatch');
    expect(await writes()).toEqual([]);
  });

  it('a write without an alreadyDone check that fails after submitting is outcome_unknown, never retried', async () => {
    const id = await fileTicket();
    const { alreadyDone: _, ...rest } = addInternalNote;
    const blind = defineAction({ ...rest, id: 'note_without_check' });
    await faults({ helpdesk: { errorAfterWriteRate: 1 } });
    const res = await h.runner.run(blind, { ticket_id: id, body: 'landed once' });
    expect(res.ok ? null : res.error.code).toBe('outcome_unknown');
    expect((await writes()).length).toBe(1);
  });

  it('a write whose read-back cannot finish is outcome_unknown, not a failure worth trying again', async () => {
    const id = await fileTicket();
    const { ActionError } = await import('../../automations/runtime/errors.ts');
    const unreadable = defineAction({ ...addInternalNote, id: 'note_not_read_back', verify: async () => { throw new ActionError('system_error', 'the page answered 500'); } });
    const res = await h.runner.run(unreadable, { ticket_id: id, body: 'landed, not read back' });
    expect(res.ok ? null : res.error).toMatchObject({ code: 'outcome_unknown', retryable: false });
    expect((await writes()).length).toBe(1);
  });

  it('a write whose last attempt lands but answers 500 is found done by a final check, not reported failed', async () => {
    const id = await fileTicket();
    const once = await automationHarness(sandbox, { attempts: 1 });
    try {
      await faults({ helpdesk: { errorAfterWriteRate: 1 } });
      const res = await once.runner.run(addInternalNote, { ticket_id: id, body: 'landed on the last attempt' });
      expect(res).toMatchObject({ ok: true, alreadyDone: true });
      expect((await writes()).length).toBe(1);
    } finally {
      await once.close();
    }
  });

  it('types a page slower than the action allows as timeout', async () => {
    const id = await fileTicket();
    await faults({ helpdesk: { latencyMs: 1_500 } });
    const res = await h.runner.run({ ...getTicket, timeoutMs: 500 }, { ticket_id: id });
    expect(res.ok ? null : res.error.code).toBe('timeout');
  });

  it('fails with login_failed when the kept credentials are refused', async () => {
    const bad = await automationHarness(sandbox, {});
    try {
      const wrong = new (await import('../../automations/runtime/secrets.ts')).MemorySecretStore({ helpdesk: { username: 'agent', password: 'nope' } });
      const { ActionRunner } = await import('../../automations/runtime/runner.ts');
      const { helpdesk } = await import('../../automations/systems/helpdesk/actions.ts');
      const runner = new ActionRunner({ host: bad.host, secrets: wrong, systems: { helpdesk: { connector: helpdesk, baseUrl: sandbox.urls.helpdesk } } });
      const res = await runner.run(getTicket, { ticket_id: 1001 });
      expect(res.ok ? null : res.error.code).toBe('login_failed');
    } finally {
      await bad.close();
    }
  });
});

describe('evidence', () => {
  const CARD = '4111 1111 1111 1111';
  const SECRET = 'sk_live_9fQ2xT7mZp4K8wLr';

  it('masks card numbers and secrets in screenshots and redacts them in evidence files', { timeout: 60_000 }, async () => {
    const id = await fileTicket(`My card ${CARD} was charged twice. My API key is ${SECRET}, password: hunter2hunter`);
    const res = await h.runner.run(addInternalNote, { ticket_id: id, body: `Customer card ${CARD}; key ${SECRET}` });
    expect(res.ok).toBe(true);
    // no evidence file holds the card number, the secrets, or the system's password
    for (const f of readdirSync(path.join(h.evidenceDir, 'actions'))) {
      const text = readFileSync(path.join(h.evidenceDir, 'actions', f), 'utf8');
      for (const s of [CARD, CARD.replace(/ /g, ''), SECRET, 'hunter2hunter', sandbox.credentials.helpdesk.password]) expect(text).not.toContain(s);
    }
    // every pixel where the page shows them is covered in the written screenshots
    const shots = Object.values(res.evidence.screenshots).filter(Boolean) as string[];
    expect(shots.length).toBe(2);
    // measured on the runner's own tab, which still shows the page the 'after' screenshot was taken of
    const { helpdesk } = await import('../../automations/systems/helpdesk/actions.ts');
    const regions = await sensitiveRegions(await h.host.pageFor(helpdesk), [CARD, SECRET, 'hunter2hunter']);
    expect(regions.length).toBeGreaterThanOrEqual(3);
    const png = PNG.sync.read(readFileSync(path.join(h.evidenceDir, 'blobs', `${shots[1]}.png`)));
    for (const r of regions) {
      if (r.y + r.height > png.height) continue; // below the fold: not in the screenshot at all
      expect(darkShare(png, r), `region ${JSON.stringify(r)}`).toBeGreaterThan(0.99);
    }
  });

  it('redacts an error message that quotes the input (a card number given as a payment method id)', async () => {
    const { modifyPendingOrderPayment } = await import('../../automations/systems/orders/actions.ts');
    const res = await h.runner.run(modifyPendingOrderPayment, { order_id: '#W5918442', payment_method_id: CARD });
    expect(res.ok ? null : res.error.code).toBe('invalid_input');
    expect(res.ok ? '' : res.error.message).toContain('[card ••••1111]');
    for (const text of [JSON.stringify(res), ...readdirSync(path.join(h.evidenceDir, 'actions')).map((f) => readFileSync(path.join(h.evidenceDir, 'actions', f), 'utf8'))]) {
      expect(text).not.toContain(CARD);
    }
  });

  it('masks what a modal dialog shows: covers sit above the top layer', async () => {
    const id = await fileTicket();
    expect((await h.runner.run(getTicket, { ticket_id: id })).ok).toBe(true);
    const { helpdesk } = await import('../../automations/systems/helpdesk/actions.ts');
    const { maskedScreenshot } = await import('../../automations/runtime/evidence.ts');
    const page = await h.host.pageFor(helpdesk);
    await page.getByLabel('Reply', { exact: true }).fill(`Your card ${CARD} is refunded`);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('dialog').waitFor();
    const regions = await sensitiveRegions(page, [CARD]);
    expect(regions.length).toBeGreaterThanOrEqual(1);
    const png = PNG.sync.read(await maskedScreenshot(page));
    for (const r of regions) expect(darkShare(png, r), `region ${JSON.stringify(r)}`).toBeGreaterThan(0.99);
    expect(await page.locator('[data-legwork-mask]').count()).toBe(0);
  });

  it('redacts secret-looking keys and values in any structure', () => {
    expect(redact({ password: 'x', nested: { note: `card ${CARD}`, token: 'abc' }, list: [SECRET] }, ['s3cret-value'])).toEqual({
      password: '[redacted]',
      nested: { note: 'card [card ••••1111]', token: '[redacted]' },
      list: ['[secret]'],
    });
  });
});

describe('finding Chromium', () => {
  it('names every path it tried when none exists', () => {
    const saved = process.env.LEGWORK_CHROMIUM;
    process.env.LEGWORK_CHROMIUM = '/nowhere/chromium';
    try {
      expect(() => findChromium('/also/nowhere', 'plan9')).toThrow(/Tried: \/also\/nowhere, \/nowhere\/chromium/);
    } finally {
      if (saved === undefined) delete process.env.LEGWORK_CHROMIUM;
      else process.env.LEGWORK_CHROMIUM = saved;
    }
  });
});
