// Real Chromium for tests, through playwright-core.
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { sandboxSuite } from './sandbox.ts';
import { CHROMIUM_ARGS, findChromium } from '../../automations/runtime/chromium.ts';
import type { RunningSandbox } from '../../sandbox/server.ts';
import type { SystemName } from '../../sandbox/domain/world.ts';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
}

/** A fresh context signed in to one sandbox system, on its home page. */
export async function signedInPage(browser: Browser, sandbox: RunningSandbox, system: SystemName): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(5_000);
  await page.goto(`${sandbox.urls[system]}/login`);
  await signInOn(page, sandbox, system);
  return page;
}

/** Fills and sends the sign-in form the page shows. */
export async function signInOn(page: Page, sandbox: RunningSandbox, system: SystemName): Promise<void> {
  const { username, password } = sandbox.credentials[system];
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** In another tab of the same browser: sign out and in again, so this tab's forms carry a stale CSRF token. */
export async function signOutAndInElsewhere(page: Page, sandbox: RunningSandbox, system: SystemName): Promise<void> {
  const other = await page.context().newPage();
  await other.goto(`${sandbox.urls[system]}/`);
  await other.getByRole('button', { name: 'Sign out' }).click();
  await other.waitForURL(/\/login/);
  await signInOn(other, sandbox, system);
  await other.close();
}

/**
 * A page-driving test file's lifecycle: one sandbox and one Chromium for the file, the sandbox
 * reset and its faults cleared before each test. `ready` runs once both exist (and may sign in).
 */
export function pagesSuite(ready: (sandbox: RunningSandbox, browser: Browser) => void | Promise<void>): void {
  let browser: Browser | undefined;
  sandboxSuite(
    async (sandbox) => {
      browser = await launchChromium();
      await ready(sandbox, browser);
    },
    async () => {
      await browser?.close();
    },
  );
}

/** Clicks what sends a form and answers the HTTP status of that POST. */
export async function postStatus(page: Page, button: Locator): Promise<number> {
  const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), button.click()]);
  return res.status();
}
