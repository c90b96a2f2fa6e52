// Each fault switch, seen from outside: timings, status codes, the write log, the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startSandbox, type RunningSandbox } from '../../sandbox/server.ts';
import type { SystemName } from '../../sandbox/domain/world.ts';
import { signIn, csrfOf } from '../../cli/sandbox-client.ts';
import { control, sandboxSuite } from '../helpers/sandbox.ts';
import { launchChromium, signedInPage } from '../helpers/browser.ts';

let sandbox!: RunningSandbox;
sandboxSuite((sb) => {
  sandbox = sb;
});

const USER = 'noah_brown_6181';
const setFaults = (body: unknown) => control(sandbox, 'POST', '/faults', body);
const session = (system: SystemName, sb = sandbox) => signIn(sb.urls[system], sb.credentials[system]);

async function timed(url: string, cookie: string): Promise<{ ms: number; status: number; location: string | null; text: string }> {
  const t = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  const text = await res.text();
  return { ms: performance.now() - t, status: res.status, location: res.headers.get('location'), text };
}

async function postNote(cookie: string, body: string, sb = sandbox): Promise<number> {
  const profile = `${sb.urls.crm}/customers/${USER}`;
  const csrf = await csrfOf(profile, cookie);
  const res = await fetch(`${profile}/notes`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, body }),
  });
  await res.arrayBuffer();
  return res.status;
}

const writeCount = async () => (await control(sandbox, 'GET', '/writes')).json.writes.length;
const noteCount = async () => (await control(sandbox, 'GET', '/state/extras')).json.crm.notes.length;

describe('latency', () => {
  it('delays every request of the system it is set on, and only that system', async () => {
    const crm = await session('crm');
    const helpdesk = await session('helpdesk');
    // a wide margin: the other system must plainly not wait for this one's delay, even on a busy machine
    await setFaults({ crm: { latencyMs: 800 } });
    expect((await timed(`${sandbox.urls.crm}/customers`, crm)).ms).toBeGreaterThanOrEqual(800);
    expect((await timed(`${sandbox.urls.helpdesk}/tickets`, helpdesk)).ms).toBeLessThan(800);
  });

  it('adds random jitter on top', async () => {
    const crm = await session('crm');
    await setFaults({ crm: { jitterMs: 120 } });
    const times: number[] = [];
    for (let i = 0; i < 12; i++) times.push((await timed(`${sandbox.urls.crm}/customers`, crm)).ms);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(15);
    expect(Math.max(...times)).toBeLessThan(120 + 1_000); // bounded; generous for a busy machine
  });
});

describe('server errors', () => {
  it('answers 500 before anything happens: a write does not land', async () => {
    const crm = await session('crm');
    await setFaults({ crm: { errorRate: 1 } });
    const page = await timed(`${sandbox.urls.crm}/customers`, crm);
    expect(page.status).toBe(500);
    expect(page.text).toContain('Internal Server Error');
    await setFaults({ crm: { errorRate: 0 } });
    const csrf = await csrfOf(`${sandbox.urls.crm}/customers/${USER}`, crm);
    await setFaults({ crm: { errorRate: 1 } });
    const res = await fetch(`${sandbox.urls.crm}/customers/${USER}/notes`, {
      method: 'POST',
      headers: { cookie: crm, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, body: 'should not land' }),
    });
    expect(res.status).toBe(500);
    expect(await writeCount()).toBe(0);
    expect(await noteCount()).toBe(0);
  });

  it('answers a fraction of requests 500, the same fraction and sequence in every fresh sandbox', async () => {
    const sequence = async (sb: RunningSandbox) => {
      const cookie = await session('orders', sb);
      await fetch(`${sb.urls.control}/faults`, { method: 'POST', body: JSON.stringify({ orders: { errorRate: 0.5 } }) });
      const codes: number[] = [];
      for (let i = 0; i < 40; i++) codes.push((await timed(`${sb.urls.orders}/products`, cookie)).status);
      return codes;
    };
    const [a, b] = [await startSandbox({ port: 0 }), await startSandbox({ port: 0 })];
    try {
      const first = await sequence(a);
      expect(first.filter((s) => s === 500).length).toBeGreaterThan(8);
      expect(first.filter((s) => s === 200).length).toBeGreaterThan(8);
      expect(await sequence(b)).toEqual(first);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('can fail after a write was committed: the page says 500, the write is there once', async () => {
    const crm = await session('crm');
    await setFaults({ crm: { errorAfterWriteRate: 1 } });
    expect(await postNote(crm, 'landed although the page broke')).toBe(500);
    expect(await noteCount()).toBe(1);
    const { json } = await control(sandbox, 'GET', '/writes');
    expect(json.writes).toEqual([expect.objectContaining({ via: 'crm', op: 'crm_note', target: USER })]);
  });
});

describe('writes refused', () => {
  it('answers a write to the records 500 before it is done while reads and notes still work (errors-on-write)', async () => {
    const crm = await session('crm');
    await setFaults({ crm: { errorOnWriteRate: 1 } });
    const profile = `${sandbox.urls.crm}/customers/${USER}`;
    expect((await timed(profile, crm)).status).toBe(200);
    const before = (await control(sandbox, 'GET', '/state')).json.users[USER].address;
    const res = await fetch(`${profile}/address`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: crm, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: await csrfOf(profile, crm), confirm: 'yes', address1: '1 Test Street', address2: '', city: 'Austin', state: 'TX', country: 'USA', zip: '78701' }),
    });
    await res.arrayBuffer();
    expect(res.status).toBe(500);
    expect((await control(sandbox, 'GET', '/state')).json.users[USER].address).toEqual(before);
    expect(await postNote(crm, 'notes still land')).not.toBe(500);
    const { json } = await control(sandbox, 'GET', '/writes');
    expect(json.writes.map((w: { op: string }) => w.op)).toEqual(['crm_note']);
  });
});

describe('session expiry', () => {
  it('expires a session after N requests: redirect to the login page with a message, and the write is not done', async () => {
    const crm = await session('crm');
    await setFaults({ crm: { expireAfter: 3 } });
    for (let i = 0; i < 3; i++) expect((await timed(`${sandbox.urls.crm}/customers`, crm)).status).toBe(200);
    const expired = await timed(`${sandbox.urls.crm}/customers?q=Brown`, crm);
    expect(expired.status).toBe(302);
    expect(expired.location).toBe(`/login?expired=1&next=${encodeURIComponent('/customers?q=Brown')}`);
    const login = await timed(`${sandbox.urls.crm}${expired.location}`, '');
    expect(login.text).toContain('Your session has expired');
    expect((await timed(`${sandbox.urls.crm}/customers`, crm)).location).toMatch(/^\/login\?next=/);
    // a fresh session works again until its own limit
    const again = await session('crm');
    expect((await timed(`${sandbox.urls.crm}/customers`, again)).status).toBe(200);
    // a write on an expired session is not done
    const tired = await session('crm');
    for (let i = 0; i < 2; i++) await timed(`${sandbox.urls.crm}/customers`, tired);
    expect(await postNote(tired, 'too late')).toBe(302);
    expect(await noteCount()).toBe(0);
  });
});

describe('layout variant', () => {
  it('renames classes and reorders columns and navigation, keeping the same labels', async () => {
    const crm = await session('crm');
    const headers = (text: string) => [...text.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    const classes = (text: string) => new Set([...text.matchAll(/class="([^"]+)"/g)].flatMap((m) => m[1]!.split(/\s+/)));
    const standard = (await timed(`${sandbox.urls.crm}/customers?q=Brown`, crm)).text;
    await setFaults({ crm: { layout: 'variant' } });
    const variant = (await timed(`${sandbox.urls.crm}/customers?q=Brown`, crm)).text;
    expect(headers(standard).length).toBeGreaterThan(2);
    expect(headers(variant)).toEqual([...headers(standard)].reverse());
    const shared = [...classes(standard)].filter((c) => classes(variant).has(c));
    expect(shared).toEqual([]);
    for (const label of ['Customers', 'Sign out']) expect(variant).toContain(label);
  });
});

describe('interstitial pop-up', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('covers the page until dismissed: clicks underneath are blocked', async () => {
    const page = await signedInPage(browser, sandbox, 'helpdesk');
    await setFaults({ helpdesk: { popupRate: 1 } });
    await page.goto(`${sandbox.urls.helpdesk}/tickets`);
    const dialog = page.getByRole('dialog', { name: 'Scheduled maintenance' });
    await expect(dialog.isVisible()).resolves.toBe(true);
    const firstTicket = page.getByRole('table').getByRole('link').first();
    await expect(firstTicket.click({ timeout: 1_000 })).rejects.toThrow(/intercepts pointer events|Timeout/);
    await dialog.getByRole('button', { name: 'Dismiss' }).click();
    await firstTicket.click();
    await page.waitForURL(/\/tickets\/\d+/);
    await page.context().close();
  });

  it('shows no pop-up with the switch off', async () => {
    const page = await signedInPage(browser, sandbox, 'helpdesk');
    await page.goto(`${sandbox.urls.helpdesk}/tickets`);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.context().close();
  });
});
