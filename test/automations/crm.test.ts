// CRM actions through the real runtime, against the sandbox in real Chromium, compared with the
// truth from the control endpoint.
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import type { User } from '../../shared/retail.ts';
import { control } from '../helpers/sandbox.ts';
import { automationSuite, type Harness } from '../helpers/automation.ts';
import { addCrmNote, crm, findUserIdByEmail, findUserIdByNameZip, getUserDetails, modifyUserAddress } from '../../automations/systems/crm/actions.ts';

let sandbox!: RunningSandbox;
let h!: Harness;
automationSuite((sb, harness) => {
  sandbox = sb;
  h = harness;
});

type Write = { seq: number; via: string; op: string; target: string; args: Record<string, any> };
const users = async () => (await control(sandbox, 'GET', '/state')).json.users as Record<string, User>;
const orders = async () => (await control(sandbox, 'GET', '/state')).json.orders as Record<string, { status: string }>;
const notes = async () => (await control(sandbox, 'GET', '/state/extras')).json.crm.notes as { user_id: string; author: string; at: string; body: string }[];
const writes = async () => (await control(sandbox, 'GET', '/writes')).json.writes as Write[];
const faults = (body: unknown) => control(sandbox, 'POST', '/faults', body);
const apply = (name: string, kwargs: object) => control(sandbox, 'POST', '/apply', { name, kwargs });
const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error!.code);

const NOAH = 'noah_brown_6181';
const NEW_ADDRESS = { address1: '12 Harbour Lane', address2: 'Apt 3B', city: 'Portland', state: 'OR', country: 'USA', zip: '97201' };

/** Two customers who share a name (in different ZIPs), from the truth. */
async function namesakes(): Promise<[string, User][]> {
  const all = Object.entries(await users());
  for (const [, u] of all) {
    const same = all.filter(([, v]) => v.name.first_name === u.name.first_name && v.name.last_name === u.name.last_name);
    if (same.length >= 2) return same;
  }
  throw new Error('no namesakes in the data');
}

describe('crm reads', () => {
  it('find_user_id_by_email finds the one customer with that email, in any case', async () => {
    const truth = await users();
    const email = truth[NOAH]!.email;
    for (const input of [email, `  ${email.toUpperCase()} `]) {
      const res = await h.runner.run(findUserIdByEmail, { email: input });
      expect(res, JSON.stringify(res.ok ? '' : res.error)).toMatchObject({ ok: true, output: { user_id: NOAH } });
    }
  });

  it('find_user_id_by_email: an email nobody has is not_found', async () => {
    const res = await h.runner.run(findUserIdByEmail, { email: 'nobody.here@example.com' });
    expect(code(res)).toBe('not_found');
    expect(res.ok ? '' : res.error.message).toMatch(/no customer in the CRM has the email nobody\.here@example\.com/);
  });

  it('find_user_id_by_name_zip tells namesakes apart by ZIP', async () => {
    const same = await namesakes();
    for (const [id, u] of same) {
      const res = await h.runner.run(findUserIdByNameZip, { first_name: u.name.first_name, last_name: u.name.last_name, zip: u.address.zip });
      expect(res, JSON.stringify(res.ok ? '' : res.error)).toMatchObject({ ok: true, output: { user_id: id } });
    }
    // names in another case still match, as in the benchmark
    const [id, u] = same[0]!;
    const lower = await h.runner.run(findUserIdByNameZip, { first_name: u.name.first_name.toLowerCase(), last_name: u.name.last_name.toUpperCase(), zip: u.address.zip });
    expect(lower).toMatchObject({ ok: true, output: { user_id: id } });
  });

  it('find_user_id_by_name_zip: a wrong ZIP, a ZIP prefix, an unknown name or two matches are not_found', async () => {
    const same = await namesakes();
    const [, u] = same[0]!;
    const wrongZip = await h.runner.run(findUserIdByNameZip, { first_name: u.name.first_name, last_name: u.name.last_name, zip: '00000' });
    expect(code(wrongZip)).toBe('not_found');
    expect(wrongZip.ok ? '' : wrongZip.error.message).toMatch(/no customer in the CRM has the name .* and the ZIP 00000 \(\d+ with that name elsewhere\)/);
    const prefix = await h.runner.run(findUserIdByNameZip, { first_name: u.name.first_name, last_name: u.name.last_name, zip: u.address.zip.slice(0, 3) });
    expect(code(prefix)).toBe('not_found');
    const unknown = await h.runner.run(findUserIdByNameZip, { first_name: 'Zebediah', last_name: 'Quuxworth', zip: u.address.zip });
    expect(code(unknown)).toBe('not_found');
    // a first name alone (a substring of the full name) is no match either
    const partial = await h.runner.run(findUserIdByNameZip, { first_name: u.name.first_name, last_name: u.name.last_name.slice(0, 2), zip: u.address.zip });
    expect(code(partial)).toBe('not_found');

    // make the two namesakes live in the same ZIP: now the name and ZIP are ambiguous
    const [otherId, other] = same[1]!;
    expect((await apply('modify_user_address', { user_id: otherId, ...other.address, zip: u.address.zip })).status).toBe(200);
    const ambiguous = await h.runner.run(findUserIdByNameZip, { first_name: u.name.first_name, last_name: u.name.last_name, zip: u.address.zip });
    expect(code(ambiguous)).toBe('not_found');
    expect(ambiguous.ok ? '' : ambiguous.error.message).toMatch(/^2 customers in the CRM have the name/);
  });

  it('get_user_details reads the customer as the CRM shows it: address, masked payment methods, orders, notes', async () => {
    // a customer with a card, PayPal and a gift card if there is one; notes added beforehand
    const truth = await users();
    const [id, u] =
      Object.entries(truth).find(([, v]) => new Set(Object.values(v.payment_methods).map((m) => m.source)).size === 3) ?? [NOAH, truth[NOAH]!];
    for (const body of ['Called about a late parcel.', 'Prefers email.\nDo not call after 6pm.']) {
      expect((await h.runner.run(addCrmNote, { user_id: id, body })).ok).toBe(true);
    }
    const res = await h.runner.run(getUserDetails, { user_id: id });
    expect(res.ok, JSON.stringify(res.ok ? '' : res.error)).toBe(true);
    if (!res.ok) return;
    const allOrders = await orders();
    expect(res.output).toEqual({
      user_id: id,
      name: u.name,
      email: u.email,
      address: u.address,
      payment_methods: Object.values(u.payment_methods).map((m) =>
        m.source === 'credit_card' ? { source: m.source, brand: m.brand, last_four: m.last_four } : { source: m.source },
      ),
      orders: u.orders.map((o) => ({ order_id: o, status: allOrders[o]!.status })),
      notes: (await notes()).filter((n) => n.user_id === id).map(({ author, at, body }) => ({ author, at, body })),
    });
    expect(res.output.notes.map((n) => n.body)).toEqual(['Called about a late parcel.', 'Prefers email.\nDo not call after 6pm.']);
    // nothing in the output or the evidence looks like a full card number
    expect(JSON.stringify(res)).not.toMatch(/\d{12,}/);
  });

  it('get_user_details reads every address of a sample of customers back exactly', { timeout: 60_000 }, async () => {
    const truth = Object.entries(await users());
    for (const [id, u] of truth.filter((_, i) => i % 50 === 0)) {
      const res = await h.runner.run(getUserDetails, { user_id: id });
      expect(res.ok && res.output.address, id).toEqual(u.address);
      expect(res.ok && res.output.name, id).toEqual(u.name);
    }
  });

  it('get_user_details on an unknown customer is not_found', async () => {
    const res = await h.runner.run(getUserDetails, { user_id: 'nobody_at_all_0000' });
    expect(code(res)).toBe('not_found');
    expect(res.ok ? '' : res.error.message).toMatch(/no customer with ID nobody_at_all_0000/i);
  });

  it('refuses bad input with invalid_input before touching the browser', async () => {
    const cases: [any, unknown][] = [
      [findUserIdByEmail, { email: 'not-an-email' }],
      [findUserIdByEmail, {}],
      [findUserIdByNameZip, { first_name: 'Noah', last_name: 'Brown' }],
      [findUserIdByNameZip, { first_name: ' ', last_name: 'Brown', zip: '80279' }],
      [getUserDetails, { user_id: '../login' }],
      [getUserDetails, { user_id: 42 }],
      [modifyUserAddress, { user_id: NOAH, ...NEW_ADDRESS, city: '' }],
      [modifyUserAddress, { user_id: NOAH, address1: 'x' }],
      [modifyUserAddress, { user_id: NOAH, ...NEW_ADDRESS, address2: 'x'.repeat(121) }],
      [addCrmNote, { user_id: NOAH, body: '   ' }],
      [addCrmNote, { user_id: NOAH, body: 'x'.repeat(20_001) }],
    ];
    for (const [action, input] of cases) {
      const res = await h.runner.run(action, input);
      expect(code(res), `${action.id} ${JSON.stringify(input).slice(0, 80)}`).toBe('invalid_input');
      expect(res.evidence.attempts).toBe(0);
    }
    expect(await writes()).toEqual([]);
  });
});

describe('crm writes', () => {
  it('modify_user_address gives the same users state as the benchmark operation applied directly', async () => {
    const res = await h.runner.run(modifyUserAddress, { user_id: NOAH, ...NEW_ADDRESS });
    expect(res, JSON.stringify(res.ok ? '' : res.error)).toMatchObject({ ok: true, alreadyDone: false });
    const viaCrm = await users();
    const log = await writes();
    expect(log).toEqual([expect.objectContaining({ via: 'crm', op: 'modify_user_address', target: NOAH, args: { user_id: NOAH, ...NEW_ADDRESS } })]);

    await control(sandbox, 'POST', '/reset');
    expect((await apply('modify_user_address', { user_id: NOAH, ...NEW_ADDRESS })).status).toBe(200);
    expect(viaCrm).toEqual(await users());
    expect(viaCrm[NOAH]!.address).toEqual(NEW_ADDRESS);
  });

  it('modify_user_address with an empty second line', async () => {
    const address = { ...NEW_ADDRESS, address2: '' };
    const res = await h.runner.run(modifyUserAddress, { user_id: NOAH, ...address });
    expect(res).toMatchObject({ ok: true, alreadyDone: false });
    expect((await users())[NOAH]!.address).toEqual(address);
    const read = await h.runner.run(getUserDetails, { user_id: NOAH });
    expect(read.ok && read.output.address).toEqual(address);
  });

  it('modify_user_address already done (or the address already the same) is not written again', async () => {
    const current = (await users())[NOAH]!.address;
    const same = await h.runner.run(modifyUserAddress, { user_id: NOAH, ...current });
    expect(same).toMatchObject({ ok: true, alreadyDone: true, output: {} });
    expect(await writes()).toEqual([]);

    expect(await h.runner.run(modifyUserAddress, { user_id: NOAH, ...NEW_ADDRESS })).toMatchObject({ ok: true, alreadyDone: false });
    const again = await h.runner.run(modifyUserAddress, { user_id: NOAH, ...NEW_ADDRESS });
    expect(again).toMatchObject({ ok: true, alreadyDone: true, output: {} });
    expect((await writes()).length).toBe(1);
  });

  it('modify_user_address on an unknown customer is not_found and writes nothing', async () => {
    const res = await h.runner.run(modifyUserAddress, { user_id: 'nobody_at_all_0000', ...NEW_ADDRESS });
    expect(code(res)).toBe('not_found');
    expect(await writes()).toEqual([]);
  });

  it('add_crm_note adds the note once, as written, and reads it back', async () => {
    const body = 'Customer asked to be called back.\nPrefers mornings.';
    const res = await h.runner.run(addCrmNote, { user_id: NOAH, body: `  ${body}\n` });
    expect(res, JSON.stringify(res.ok ? '' : res.error)).toMatchObject({ ok: true, alreadyDone: false, output: {} });
    expect(await notes()).toEqual([expect.objectContaining({ user_id: NOAH, author: sandbox.credentials.crm.username, body })]);
    expect((await writes()).map((w) => [w.via, w.op, w.target, w.args.body])).toEqual([['crm', 'crm_note', NOAH, body]]);
  });

  it('add_crm_note already done is not written again', async () => {
    expect(await h.runner.run(addCrmNote, { user_id: NOAH, body: 'once' })).toMatchObject({ ok: true, alreadyDone: false });
    const again = await h.runner.run(addCrmNote, { user_id: NOAH, body: 'once' });
    expect(again).toMatchObject({ ok: true, alreadyDone: true, output: {} });
    expect((await writes()).length).toBe(1);
    expect((await notes()).length).toBe(1);
  });

  it('add_crm_note on an unknown customer is not_found and writes nothing', async () => {
    const res = await h.runner.run(addCrmNote, { user_id: 'nobody_at_all_0000', body: 'hello' });
    expect(code(res)).toBe('not_found');
    expect(await writes()).toEqual([]);
  });
});

describe('crm locators', () => {
  it('a renamed element is found by its fallback, and the fallback is reported as a heal', async () => {
    // a later release of the CRM drops the table's label and renames the edit link and the review button
    const page = await h.host.pageFor(crm);
    const rewrite = async (route: import('playwright-core').Route) => {
      const res = await route.fetch({ maxRedirects: 0 });
      const body = (await res.text())
        .replace('aria-label="Payment methods"', '')
        .replace('>Edit default address<', '>Change address<')
        .replace('>Review change<', '>Continue<');
      await route.fulfill({ response: res, body });
    };
    await page.route(/\/customers\/[^/?]+(\/address)?(\?.*)?$/, rewrite);
    try {
      const read = await h.runner.run(getUserDetails, { user_id: NOAH });
      expect(read.ok && read.output.payment_methods.length, JSON.stringify(read.ok ? '' : read.error)).toBe(Object.keys((await users())[NOAH]!.payment_methods).length);
      expect(read.evidence.heals).toEqual([
        expect.objectContaining({ action: 'get_user_details', element: 'the Payment methods table', from: 'role=table[name="Payment methods"]', to: 'section with heading "Payment methods" >> table' }),
      ]);
      const write = await h.runner.run(modifyUserAddress, { user_id: NOAH, ...NEW_ADDRESS });
      expect(write, JSON.stringify(write.ok ? '' : write.error)).toMatchObject({ ok: true, alreadyDone: false });
      expect(write.evidence.heals.map((x) => [x.element, x.from, x.to])).toEqual([
        ['the Edit default address link', 'role=link[name="Edit default address"]', `css=a[href="/customers/${NOAH}/address"]`],
        ['the Review change button', 'role=button[name="Review change"]', 'css=form[action$="/address"] [type=submit]'],
      ]);
      expect((await users())[NOAH]!.address).toEqual(NEW_ADDRESS);
    } finally {
      await page.unroute(/\/customers\/[^/?]+(\/address)?(\?.*)?$/, rewrite);
    }
  });
});

describe('crm under each fault switch: actions complete or fail with the right code, no write lands twice or on another customer', () => {
  const cases: [name: string, switches: object, allowed: { read: string[]; write: string[] }][] = [
    ['latency', { latencyMs: 300 }, { read: ['ok'], write: ['ok'] }],
    ['500s', { errorRate: 0.3 }, { read: ['ok', 'system_error'], write: ['ok', 'system_error'] }],
    ['500 after the write', { errorAfterWriteRate: 1 }, { read: ['ok'], write: ['ok'] }],
    // see the report: signing in again costs 2 of the 3 requests, and a CRM write needs at least 4
    ['session expiry', { expireAfter: 3 }, { read: ['ok'], write: ['ok', 'session_expired'] }],
    ['layout variant', { layout: 'variant' }, { read: ['ok'], write: ['ok'] }],
    ['pop-up', { popupRate: 1 }, { read: ['ok'], write: ['ok'] }],
  ];
  for (const [name, switches, allowed] of cases) {
    it(name, { timeout: 120_000 }, async () => {
      const same = await namesakes();
      const [id, u] = same[0]!;
      const before = await users();
      await faults({ crm: switches });

      const reads = [
        await h.runner.run(findUserIdByNameZip, { first_name: u.name.first_name, last_name: u.name.last_name, zip: u.address.zip }),
        await h.runner.run(getUserDetails, { user_id: id }),
      ];
      for (const r of reads) expect(allowed.read, JSON.stringify(r.ok ? '' : r.error)).toContain(code(r));
      if (reads[0]!.ok) expect(reads[0]!.output).toEqual({ user_id: id });
      if (reads[1]!.ok) expect(reads[1]!.output).toMatchObject({ user_id: id, address: u.address, email: u.email });

      const address = await h.runner.run(modifyUserAddress, { user_id: id, ...NEW_ADDRESS });
      const note = await h.runner.run(addCrmNote, { user_id: id, body: `Checked under ${name}.` });
      for (const r of [address, note]) expect(allowed.write, JSON.stringify(r.ok ? '' : r.error)).toContain(code(r));

      await faults({ reset: true });
      const log = await writes();
      // nothing twice, nothing on another customer
      const keys = log.map((w) => `${w.op}:${w.target}:${JSON.stringify(w.args.body ?? w.args)}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(log.every((w) => w.via === 'crm' && w.target === id)).toBe(true);
      const after = await users();
      for (const other of Object.keys(before)) if (other !== id) expect(after[other], other).toEqual(before[other]);
      // every write that says ok is there exactly once; one that failed landed at most once
      const landed = (op: string) => log.filter((w) => w.op === op).length;
      expect(landed('modify_user_address')).toBeLessThanOrEqual(1);
      expect(landed('crm_note')).toBeLessThanOrEqual(1);
      if (address.ok) expect(landed('modify_user_address')).toBe(1);
      if (address.ok) expect(after[id]!.address).toEqual(NEW_ADDRESS);
      if (note.ok) expect(landed('crm_note')).toBe(1);
      if (name !== '500s') {
        // without random 500s nothing lands that was not reported ok
        expect(log.length).toBe([address, note].filter((r) => r.ok).length);
      }

      if (name === '500 after the write') {
        // the write landed, its page broke; the retry found it done instead of writing again
        for (const r of [address, note]) {
          expect(r).toMatchObject({ ok: true, alreadyDone: true });
          expect(r.evidence.attempts).toBe(2);
        }
        expect(log.map((w) => w.op)).toEqual(['modify_user_address', 'crm_note']);
      } else if (allowed.write.length === 1) {
        for (const r of [address, note]) expect(r).toMatchObject({ ok: true, alreadyDone: false });
      }
      if (name === 'layout variant') {
        // roles, labels and visible text survive renamed classes and reordered rows, columns and buttons
        for (const r of [...reads, address, note]) expect(r.evidence.heals).toEqual([]);
      }
    });
  }
});
