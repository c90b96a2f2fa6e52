// The browser Legwork drives: a Chromium it launches (persistent profile, so logins survive
// restarts) or one it connects to over CDP (a running Chromium, or Electron's own views).
// Each legacy system gets its own tab, which the agent can watch.
import { chromium, type Browser, type BrowserContext, type ConnectOverCDPTransport, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.ts';
import { trackDocumentStatus } from './page-status.ts';
import { ActionError } from './errors.ts';
import type { SystemConnector } from './action.ts';

export interface LaunchOptions {
  /** path to Chromium; else LEGWORK_CHROMIUM, else the usual install paths */
  executablePath?: string;
  headless?: boolean;
  /** a profile folder kept between runs; without one, a throw-away profile */
  profileDir?: string;
}

export class BrowserHost {
  private readonly pages = new Map<string, Page>();
  /** the last work queued per system: one system's tab does one thing at a time */
  private readonly busy = new Map<string, Promise<unknown>>();

  private constructor(
    readonly context: BrowserContext,
    private readonly browser: Browser | null,
  ) {}

  static async launch(opts: LaunchOptions = {}): Promise<BrowserHost> {
    const executablePath = findChromium(opts.executablePath);
    const launch = { executablePath, headless: opts.headless ?? true, args: CHROMIUM_ARGS };
    try {
      if (opts.profileDir) return new BrowserHost(await chromium.launchPersistentContext(opts.profileDir, launch), null);
      const browser = await chromium.launch(launch);
      return new BrowserHost(await browser.newContext(), browser);
    } catch (e) {
      throw new ActionError('browser_unavailable', `could not start Chromium at ${executablePath}: ${(e as Error).message.split('\n')[0]}`);
    }
  }

  /** Connects to a running Chromium or Electron over CDP: an endpoint (`http://127.0.0.1:9222`) or a pipe (cdp-pipe.ts). */
  static async connect(endpoint: string | ConnectOverCDPTransport): Promise<BrowserHost> {
    try {
      const browser = typeof endpoint === 'string' ? await chromium.connectOverCDP(endpoint) : await chromium.connectOverCDP(endpoint);
      return new BrowserHost(browser.contexts()[0] ?? (await browser.newContext()), browser);
    } catch (e) {
      const where = typeof endpoint === 'string' ? endpoint : 'the DevTools pipe';
      throw new ActionError('browser_unavailable', `could not connect to ${where}: ${(e as Error).message.split('\n')[0]}`);
    }
  }

  /**
   * The tab of one system, opened the first time it is asked for, and brought to the front: the
   * agent sees the system being worked in, and Chromium does not throttle a background tab (its
   * timers and frames, which a screenshot waits for).
   */
  async pageFor(connector: SystemConnector): Promise<Page> {
    const existing = this.pages.get(connector.system);
    if (existing && !existing.isClosed()) {
      // every time: another tab (the agent's, a script's) may have come to the front meanwhile
      await existing.bringToFront();
      return existing;
    }
    const page = await this.context.newPage();
    trackDocumentStatus(page);
    for (const pop of connector.interstitials ?? []) {
      await page.addLocatorHandler(pop.overlay(page), (overlay) => pop.close(overlay), { noWaitAfter: false });
    }
    this.pages.set(connector.system, page);
    return page;
  }

  /**
   * Runs `work` when the tab of `system` is free. Every runner over this host waits its turn here,
   * whoever asks (the planner's reads, the executor's writes, the panel's queue): two of them on
   * one tab would navigate it under each other, and a read could see a page a write is changing.
   */
  inTurn<T>(system: string, work: () => Promise<T>): Promise<T> {
    const before = this.busy.get(system) ?? Promise.resolve();
    const mine = before.then(work);
    const settled = mine.catch(() => undefined);
    this.busy.set(system, settled);
    void settled.then(() => {
      if (this.busy.get(system) === settled) this.busy.delete(system);
    });
    return mine;
  }

  /**
   * Records a Playwright trace of everything `work` does in this browser, written to `file` (a zip
   * that `npx playwright show-trace FILE` opens), whether `work` succeeds or not.
   */
  async traced<T>(file: string, work: () => Promise<T>): Promise<T> {
    await this.context.tracing.start({ screenshots: true, snapshots: true, sources: false });
    try {
      return await work();
    } finally {
      await this.context.tracing.stop({ path: file });
    }
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.browser?.close().catch(() => undefined);
  }
}
