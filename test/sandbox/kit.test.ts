// The legacy-app kit over plain HTTP: where sign-in sends you afterwards, bad forms, and ids that
// only exist on JavaScript's Object.prototype.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.ts';
import { signIn } from '../../cli/sandbox-client.ts';
import { control, sandboxForTest } from '../helpers/sandbox.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await sandboxForTest();
});
afterAll(() => sandbox.close());

/** A fresh login form: its cookie and CSRF token. */
async function loginForm(base: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/login`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
  return { cookie, csrf };
}

describe('after sign-in', () => {
  const next = async (value: string): Promise<string | null> => {
    const base = sandbox.urls.crm;
    const { cookie, csrf } = await loginForm(base);
    const { username, password } = sandbox.credentials.crm;
    const res = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, username, password, next: value }),
    });
    await res.arrayBuffer();
    expect(res.status).toBe(302);
    return res.headers.get('location');
  };

  it('goes back to the page asked for on this app', async () => {
    expect(await next('/customers?q=Brown')).toBe('/customers?q=Brown');
    expect(await next('/customers/noah_brown_6181')).toBe('/customers/noah_brown_6181');
  });

  it('never to another site, however the address is spelled', async () => {
    for (const value of ['//evil.example', '/\\evil.example', '/\\/evil.example', '/\t/evil.example', 'https://evil.example/', 'customers']) {
      expect(await next(value), JSON.stringify(value)).toBe('/');
    }
  });

  it('the login page does not carry such an address into its form either', async () => {
    const res = await fetch(`${sandbox.urls.crm}/login?next=${encodeURIComponent('/\\evil.example')}`);
    expect(/name="next" value="([^"]*)"/.exec(await res.text())?.[1]).toBe('/');
  });
});

describe('a form that cannot be read', () => {
  it('is a 400 page, not a server error', async () => {
    const base = sandbox.urls.crm;
    const cookie = await signIn(base, sandbox.credentials.crm);
    for (const type of ['multipart/form-data', 'multipart/form-data; boundary=xyz']) {
      const res = await fetch(`${base}/customers/noah_brown_6181/notes`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': type }, body: 'garbage' });
      expect(res.status, type).toBe(400);
      expect(await res.text()).toContain('The form could not be read.');
    }
    expect((await control(sandbox, 'GET', '/writes')).json.writes).toEqual([]);
  });
});

describe('ids that only exist on Object.prototype', () => {
  it('are unknown customers in Billing (404), not a crash', async () => {
    const base = sandbox.urls.billing;
    const cookie = await signIn(base, sandbox.credentials.billing);
    for (const id of ['constructor', '__proto__', 'toString']) {
      const res = await fetch(`${base}/customers/${id}`, { headers: { cookie }, redirect: 'manual' });
      expect(res.status, id).toBe(404);
      expect(await res.text()).toContain('Customer not found');
    }
  });
});
