// `defineAction` and the context an action runs in.
import type { z } from 'zod';
import type { Locator, Page } from 'playwright-core';
import type { Credentials } from './secrets.ts';
import { ActionError } from './errors.ts';
import { lastDocumentStatus } from './page-status.ts';

/** A page that refused what was asked although it answered 200 (a CSRF interstitial, "you can only…"). */
export interface Refusal {
  /** default precondition_failed */
  code?: 'precondition_failed' | 'invalid_input' | 'not_found' | 'session_expired';
  message: string;
}

/** How to sign in to one legacy system and what can get in the way there (see system.ts, defineSystem). */
export interface SystemConnector {
  /** the role it fills: its tab, its credentials and its actions' `system` */
  system: string;
  /** what a person calls the system, in errors: "Request Tracker 5" */
  title?: string;
  /** is this page (any of the system's, its sign-in form included) this system's at all? */
  looksLike?(page: Page): Promise<boolean>;
  /** a page that refuses with HTTP 200: why, else undefined */
  refusal?(page: Page): Promise<Refusal | undefined>;
  /** does the page show this system's sign-in form (e.g. after the session expired)? */
  isLoginPage(page: Page): Promise<boolean>;
  signIn(page: Page, baseUrl: string, credentials: Credentials): Promise<void>;
  /** pop-ups that may cover any page, and how to close them */
  interstitials?: { overlay: (page: Page) => Locator; close: (overlay: Locator) => Promise<void> }[];
  /** the page's error message, if it shows one */
  errorText?(page: Page): Promise<string | undefined>;
}

export interface Candidate {
  /** how a person would describe the locator: `role=button[name="Cancel order"]` */
  describe: string;
  locate: (page: Page) => Locator;
  /**
   * The same element by its name in one plain DOM query (`table[aria-label="Items"]`), tried before
   * `locate`: a role query computes the role of every element on the page, which on a long order
   * page costs tens of milliseconds each time. Only when it finds nothing does `locate` decide.
   */
  quick?: (page: Page) => Locator;
}

export interface Heal {
  action: string;
  element: string;
  from: string;
  to: string;
  url: string;
}

export interface ActionDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  id: string;
  system: string;
  kind: 'read' | 'write';
  input: I;
  output: O;
  /** for a write: go to the target's page and check it is the one asked for (ctx.expectTarget) */
  open?: (ctx: ActionContext, input: z.infer<I>) => Promise<void>;
  /** for a write: on the target's page, does it already show this write's effect? */
  alreadyDone?: (ctx: ActionContext, input: z.infer<I>) => Promise<boolean>;
  run: (ctx: ActionContext, input: z.infer<I>) => Promise<z.input<O>>;
  /** read the result back: true, or what is wrong */
  verify?: (ctx: ActionContext, input: z.infer<I>, output: z.infer<O>) => Promise<true | string>;
  timeoutMs?: number;
}

export function defineAction<I extends z.ZodType, O extends z.ZodType>(def: ActionDefinition<I, O>): ActionDefinition<I, O> {
  if (def.kind === 'write' && !def.open) throw new Error(`write action ${def.id} needs open() to check its target`);
  return def;
}

const CODE_BY_STATUS: Record<number, ActionError['code']> = {
  400: 'invalid_input',
  401: 'session_expired',
  403: 'session_expired',
  404: 'not_found',
  409: 'precondition_failed',
  413: 'invalid_input',
};

export class ActionContext {
  readonly heals: Heal[] = [];
  /** a screenshot being taken of the page as it stands: whatever leaves the page waits for it */
  private capturing: Promise<unknown> | undefined;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
    readonly actionId: string,
    private readonly connector: SystemConnector,
  ) {}

  /**
   * Lets reading the page go on while a screenshot of it is taken; the next navigation (open,
   * submit, a sign-in) waits until the screenshot has its pixels.
   */
  whileCapturing<T>(shot: Promise<T>): Promise<T> {
    this.capturing = shot.catch(() => undefined);
    return shot;
  }

  /** Before leaving the page: any screenshot of it is finished first. */
  async settled(): Promise<void> {
    const shot = this.capturing;
    this.capturing = undefined;
    await shot;
  }

  /**
   * Opens a page of this system (path relative to its base URL) and checks how it answered.
   * `referer` (a path or URL) is sent as the page a person would have come from: systems that check
   * it against cross-site requests (RT) refuse a direct visit to a URL with side effects without it.
   */
  async open(path: string, opts: { referer?: string } = {}): Promise<void> {
    await this.settled();
    try {
      const referer = opts.referer === undefined ? {} : { referer: new URL(opts.referer, this.baseUrl).toString() };
      await this.page.goto(new URL(path, this.baseUrl).toString(), { waitUntil: 'domcontentloaded', ...referer });
    } catch (e) {
      // another navigation (a late redirect of an earlier one) took over: judge the page that loads
      if (!(e instanceof Error && /net::ERR_ABORTED/.test(e.message))) throw e;
      await this.page.waitForLoadState('domcontentloaded');
    }
    await this.checkPage();
  }

  /**
   * Clicks something that loads a new page (a form's submit button, a link) — or does what else
   * submits (Enter in a search box) — and checks how the system answered.
   */
  async submit(target: Locator | (() => Promise<void>)): Promise<void> {
    const main = this.page.mainFrame();
    const act = typeof target === 'function' ? target : () => target.click();
    await this.settled();
    // both awaited together: a click that fails must not leave the wait to reject unobserved
    await Promise.all([this.page.waitForEvent('framenavigated', { predicate: (f) => f === main }), act()]);
    await this.page.waitForLoadState('domcontentloaded');
    await this.checkPage();
  }

  /**
   * Throws the typed error the current page stands for: sign-in form, server error, refusal by
   * status or by the system's own refusal page; and, the first time the tab shows a page, a page
   * that is not this system's at all (a connector pointed at another system).
   */
  async checkPage(): Promise<void> {
    if (await this.connector.isLoginPage(this.page)) {
      throw await this.failure('session_expired', 'the system asked to sign in again');
    }
    const status = lastDocumentStatus(this.page) ?? 200;
    if (status >= 500) throw await this.failure('system_error', `the system answered ${status}`);
    const code = CODE_BY_STATUS[status];
    if (code) throw await this.failure(code, `the system refused (${status})`);
    if (this.connector.looksLike && !recognized.has(this.page)) {
      if (!(await this.connector.looksLike(this.page))) throw await notThisSystem(this.page, this.connector, this.baseUrl);
      recognized.add(this.page);
    }
    const refused = await this.connector.refusal?.(this.page);
    if (refused) throw await this.failure(refused.code ?? 'precondition_failed', `${this.connector.title ?? this.connector.system} refused: ${refused.message}`);
  }

  /** The first candidate that finds something on the page. A fallback that works is a heal, reported. */
  async find(element: string, candidates: Candidate[], timeoutMs = 3_000): Promise<Locator> {
    const quick = candidates[0]?.quick?.(this.page);
    if (quick && (await quick.count()) > 0) return quick.first();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const [i, c] of candidates.entries()) {
        const loc = c.locate(this.page);
        if ((await loc.count()) > 0) {
          if (i > 0) this.heals.push({ action: this.actionId, element, from: candidates[0]!.describe, to: c.describe, url: this.page.url() });
          return loc.first();
        }
      }
      if (Date.now() > deadline) {
        throw await this.failure('not_found', `${element} is not on the page (tried ${candidates.map((c) => c.describe).join('; ')})`);
      }
      await this.page.waitForTimeout(100);
    }
  }

  /** The target check before a write: the page must show the target asked for. */
  async expectTarget(what: string, expected: string, shown: string | null | undefined): Promise<void> {
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
    if (!shown || !norm(shown).includes(norm(expected))) {
      throw await this.failure('target_mismatch', `expected ${what} ${expected}, the page shows ${shown ? `"${shown.slice(0, 80)}"` : 'none'}`);
    }
  }

  async failure(code: ActionError['code'], message: string): Promise<ActionError> {
    const shown = (await this.connector.errorText?.(this.page).catch(() => undefined)) ?? '';
    const text = shown || (await this.page.locator('body').innerText({ timeout: 1_000 }).catch(() => '')).slice(0, 500);
    return new ActionError(code, shown ? `${message}: ${shown}` : message, { url: this.page.url(), text });
  }
}

/** Tabs whose system was recognised once (checked on the first page a tab shows). */
const recognized = new WeakSet<Page>();

/** "http://…/ does not look like Request Tracker 5 (the page is "Login · SupportDesk")": a wrong connector, said at once. */
export async function notThisSystem(page: Page, connector: SystemConnector, baseUrl: string): Promise<ActionError> {
  const title = (await page.title().catch(() => '')).trim();
  const name = connector.title ?? connector.system;
  return new ActionError(
    'login_failed',
    `${baseUrl} does not look like ${name}${title ? ` (the page is "${title.slice(0, 80)}")` : ''}: is the ${connector.system} configured with the right connector and URL?`,
    { url: page.url(), text: title },
  );
}
