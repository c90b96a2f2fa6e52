// What escapes a real run: a ticket full of card data (numbers with dots, double spaces, slashes;
// security codes and expiry dates; an IBAN) is planned and run through Legwork against the sandbox,
// then every file the run left in LEGWORK_HOME (journal, traces, evidence) is read for any of it,
// and the ticket page's screenshot is checked for covers over each piece, through real Chromium.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { Legwork } from '../../core/legwork.ts';
import { sandboxSystems } from '../../cli/systems.ts';
import { maskedScreenshot } from '../../automations/runtime/evidence.ts';
import { helpdesk } from '../../automations/systems/helpdesk/actions.ts';
import { control, sandboxForTest } from '../helpers/sandbox.ts';
import { darkShare, sensitiveRegions } from '../helpers/masking.ts';
import { makePlan, ordersWithStatus, step } from '../executor/fixtures.ts';

/** Card data as customers type it; each must show nowhere in what a run writes. */
const LEAKS = {
  dotted: '4111.1111.1111.1111',
  doubleSpaced: '5500  0000  0000  0004',
  slashed: '3782/822463/10005',
  cvv: 'cvv 123',
  cvc: 'CVC: 9876',
  expiry: 'exp 12/29',
  iban: 'DE89 3704 0044 0532 0130 00',
};
const BODY = `Please refund my card ${LEAKS.dotted}, ${LEAKS.cvv}, ${LEAKS.expiry}. The other one is ${LEAKS.doubleSpaced} (${LEAKS.cvc}) and Amex ${LEAKS.slashed}. Or wire it to IBAN ${LEAKS.iban}.`;
/** the same data written without its separators: found in a file, it escaped all the same */
const DIGITS = ['4111111111111111', '5500000000000004', '378282246310005', 'DE89370400440532013000', '12/29', '9876'];

let sandbox: RunningSandbox;
let home: string;
let legwork: Legwork;
let ticketId: number;

beforeAll(async () => {
  sandbox = await sandboxForTest();
  home = mkdtempSync(path.join(os.tmpdir(), 'legwork-masking-'));
  const order = ordersWithStatus('pending')[0]!;
  ticketId = (await control(sandbox, 'POST', '/tickets', { from: order.customer.email, subject: 'Refund to my card', body: BODY })).json.id as number;
  // the plan quotes the ticket, as a careless planner or an agent's edit might
  const plan = makePlan(ticketId, order.customer, [step('s1', 'add_internal_note', 'helpdesk', 'write', { ticket_id: ticketId, body: `Customer wrote: ${BODY}` })], order.order_id);
  legwork = await Legwork.open({ home, systems: sandboxSystems(sandbox.urls), agent: 'Ana Ruiz', planner: async () => ({ ...plan, reason: `Customer wrote: ${BODY}` }), timeoutMs: 20_000, notice: () => undefined });
  // the first sign-in of a fresh browser can outlast a busy machine's time limit: warm up once
  for (let i = 0; i < 3 && !(await legwork.ticket(ticketId)).ok; i++);
}, 60_000);
afterAll(async () => {
  await legwork?.close();
  await sandbox?.close();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe('card data in a real run', () => {
  it('shows nowhere in the journal, the trace or the evidence the run wrote, all of them private', { timeout: 90_000 }, async () => {
    const proposed = await legwork.propose(ticketId);
    if (!proposed.ok) throw new Error(proposed.error.message);
    const started = await legwork.approve(ticketId, proposed.data.planHash);
    if (!started.ok) throw new Error(started.error.message);
    expect((await started.data.done).outcome).toBe('completed');

    const files = filesUnder(home).filter((f) => !f.endsWith('.png') && !f.endsWith('.pem'));
    for (const dir of ['journal', 'traces', 'evidence']) expect(files.some((f) => f.startsWith(path.join(home, dir))), dir).toBe(true);
    const escaped: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const compact = text.replace(/[\s.\/-]/g, '');
      for (const leak of Object.values(LEAKS)) if (text.includes(leak)) escaped.push(`${path.relative(home, file)}: ${leak}`);
      for (const leak of DIGITS) if (text.includes(leak) || compact.includes(leak.replace(/[\s.\/-]/g, ''))) escaped.push(`${path.relative(home, file)}: ${leak}`);
    }
    expect(escaped).toEqual([]);
    // and every file of it is this user's only
    for (const file of filesUnder(home)) expect(statSync(file).mode & 0o077, path.relative(home, file)).toBe(0);
  });

  it("covers each piece where the ticket page shows it in a screenshot", { timeout: 60_000 }, async () => {
    const page = await legwork.host.pageFor(helpdesk);
    await page.goto(`${sandbox.urls.helpdesk}/tickets/${ticketId}`);
    await page.getByText(LEAKS.dotted).first().waitFor();
    const regions = await sensitiveRegions(page, Object.values(LEAKS));
    expect(regions.length).toBeGreaterThanOrEqual(Object.keys(LEAKS).length);
    const png = PNG.sync.read(await maskedScreenshot(page));
    for (const r of regions) {
      if (r.y + r.height > png.height) continue; // below the fold: not in the screenshot at all
      expect(darkShare(png, r), `region ${JSON.stringify(r)}`).toBeGreaterThan(0.99);
    }
  });
});
