// Browser mode in this process: the sandbox, the core service (optionally with a scripted planner —
// a stand-in for the planner, never for the panel), the API and the built panel on loopback, and a
// real Chromium on it. What `legwork start --headless` does, minus the child process, so a test can
// hand the core a planner that emits choices.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { createLegworkService, type LegworkService, type LegworkServiceOptions } from '../../core/app.ts';
import { serveApi, type ApiServer } from '../../core/api/http-server.ts';
import { ensurePanel, PANEL_DIR } from '../../cli/commands/start.ts';
import { sandboxSystems } from '../../cli/systems.ts';
import type { RunningSandbox } from '../../sandbox/server.ts';

export interface InProcess {
  panel: string;
  service: LegworkService;
  server: ApiServer;
  stop(): Promise<void>;
}

export async function startInProcess(sandbox: RunningSandbox, home: string, opts: Pick<LegworkServiceOptions, 'planner' | 'agent'> = {}): Promise<InProcess> {
  await ensurePanel(() => undefined);
  const service = await createLegworkService({ home, systems: sandboxSystems(sandbox.urls), headless: true, notice: () => undefined, ...opts });
  const server = await serveApi(service, { panelDir: PANEL_DIR, port: 0 });
  return {
    panel: server.url,
    service,
    server,
    async stop() {
      await server.close();
      await service.close();
    },
  };
}

/** A page on the panel at the given size (default: a docked panel's 420×900). */
export async function openPanel(browser: Browser, url: string, viewport = { width: 420, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(url);
  return page;
}

const SCREENS = path.resolve(import.meta.dirname, '../../tmp/screens');

/** A screenshot for people to look at (tmp/screens/<name>-<width>.png). */
export async function screen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, `${name}-${page.viewportSize()?.width ?? 0}.png`), fullPage: false });
}
