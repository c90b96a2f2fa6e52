// Signs in to a sandbox system over plain HTTP, as a browser would: the login form's CSRF token,
// then the session cookie. Used by `legwork bench` (and by tests) where a browser is not needed.
import type { Credentials } from '../sandbox/web/kit.ts';

export async function signIn(baseUrl: string, credentials: Credentials): Promise<string> {
  const form = await fetch(`${baseUrl}/login`);
  const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, username: credentials.username, password: credentials.password, next: '/' }),
  });
  const session = (res.headers.get('set-cookie') ?? '').split(';')[0];
  if (res.status !== 302 || !session) throw new Error(`could not sign in at ${baseUrl}`);
  return session;
}

/** The CSRF token on a page fetched with this session. */
export async function csrfOf(url: string, cookie: string): Promise<string> {
  const html = await (await fetch(url, { headers: { cookie } })).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no CSRF token on ${url}`);
  return token;
}
