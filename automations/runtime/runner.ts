// Runs one action the way a careful person would: signed in, on the right target, never doing a
// write twice, reading the result back, and keeping evidence of all of it.
import type { z } from 'zod';
import type { Page } from 'playwright-core';
import type { Failure } from '../../shared/errors.ts';
import { ActionContext, type ActionDefinition, type SystemConnector } from './action.ts';
import { ActionError, asActionError } from './errors.ts';
import type { BrowserHost } from './browser-host.ts';
import type { SecretStore } from './secrets.ts';
import { maskedScreenshot, type ActionEvidence, type EvidenceStore, type MaskOptions } from './evidence.ts';
import { redact } from './redact.ts';
import { lastDocumentStatus } from './page-status.ts';

export interface SystemEndpoint {
  connector: SystemConnector;
  baseUrl: string;
}

export interface RunnerOptions {
  host: BrowserHost;
  secrets: SecretStore;
  systems: Record<string, SystemEndpoint>;
  /** where screenshots and evidence records go; without one, no evidence is captured */
  evidence?: EvidenceStore;
  mask?: MaskOptions;
  /** per action, unless the action sets its own */
  timeoutMs?: number;
  /** attempts for a read on transient errors; a write gets as many only through its alreadyDone check */
  attempts?: number;
}

export type ActionOutcome<O> =
  | { ok: true; output: O; alreadyDone: boolean; evidence: ActionEvidence }
  | { ok: false; error: Failure; evidence: ActionEvidence };

/** Sign-ins one action may need before its system is taken to refuse it. */
const MAX_SIGN_INS = 3;

/**
 * How many more tries an action gets. A transient failure uses up one of the attempts; an ended
 * session is normal and fixed by signing in, so it has its own bound; the action's time limit
 * holds over all of them.
 */
class RetryBudget {
  private failures = 0;
  private signIns = 0;

  constructor(
    private readonly attempts: number,
    private readonly deadline: number,
  ) {}

  /** Counts this failure; true when no further try is allowed. */
  spent(error: ActionError): boolean {
    const over = error.code === 'session_expired' ? ++this.signIns > MAX_SIGN_INS : ++this.failures >= this.attempts;
    return over || Date.now() > this.deadline;
  }
}

export class ActionRunner {
  constructor(private readonly opts: RunnerOptions) {}

  /**
   * Runs one action. Actions on different systems may run at once (each has its own tab); actions
   * on the same system wait their turn at the host, whichever runner asks.
   */
  run<I extends z.ZodType, O extends z.ZodType>(action: ActionDefinition<I, O>, rawInput: unknown): Promise<ActionOutcome<z.infer<O>>> {
    return this.opts.host.inTurn(action.system, () => this.runNow(action, rawInput));
  }

  private async runNow<I extends z.ZodType, O extends z.ZodType>(action: ActionDefinition<I, O>, rawInput: unknown): Promise<ActionOutcome<z.infer<O>>> {
    const started = Date.now();
    const secrets = await this.opts.secrets.secretValues();
    const evidence: ActionEvidence = {
      action: action.id,
      system: action.system,
      kind: action.kind,
      input: redact(rawInput, secrets),
      url: '',
      startedAt: new Date(started).toISOString(),
      durationMs: 0,
      attempts: 0,
      alreadyDone: false,
      heals: [],
      screenshots: {},
    };
    let page: Page | undefined;
    let ctx: ActionContext | undefined;
    /** the write's result as the page showed it, taken while the read-back reads that page */
    let afterShot: Promise<string | undefined> | undefined;
    const finish = async (result: { output?: unknown; error?: ActionError }) => {
      evidence.durationMs = Date.now() - started;
      evidence.url = page?.url() ?? '';
      evidence.heals = ctx?.heals ?? [];
      if (afterShot) evidence.screenshots.after = await afterShot;
      else if (page && this.opts.evidence && !page.isClosed()) evidence.screenshots.after = await this.screenshot(page, secrets);
      // an error's message may quote the input or the page: redacted like them
      if (result.error) evidence.error = redact({ ...result.error.toFailure(), page: result.error.page }, secrets);
      else evidence.output = redact(result.output, secrets);
      await this.opts.evidence?.saveRecord(evidence);
    };

    try {
      const input = action.input.safeParse(rawInput);
      if (!input.success) throw new ActionError('invalid_input', `${action.id}: ${input.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
      const endpoint = this.opts.systems[action.system];
      if (!endpoint) throw new ActionError('internal', `no system "${action.system}" is configured`);
      page = await this.opts.host.pageFor(endpoint.connector);
      page.setDefaultTimeout(action.timeoutMs ?? this.opts.timeoutMs ?? 10_000);
      ctx = new ActionContext(page, endpoint.baseUrl, action.id, endpoint.connector);
      const deadline = started + (action.timeoutMs ?? this.opts.timeoutMs ?? 10_000);
      const { output, alreadyDone } = await this.attempt(action, input.data, ctx, endpoint, evidence, secrets, deadline);
      const parsed = action.output.safeParse(output);
      if (!parsed.success) throw new ActionError('invalid_output', `${action.id} read something unexpected: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      if (action.kind === 'write' && this.opts.evidence) afterShot = ctx.whileCapturing(this.screenshot(ctx.page, secrets));
      if (action.verify) {
        const c = ctx;
        const verdict = await this.retrying(c, endpoint, evidence, () => action.verify!(c, input.data, parsed.data), Infinity).catch((e: unknown) => {
          // the write ran (or was found done): a read-back that could not finish leaves its effect unknown, never "try again"
          if (action.kind === 'read') throw e;
          const error = asActionError(e);
          throw new ActionError('outcome_unknown', `${action.id} ran, but reading it back failed (${error.code}: ${error.message})`, error.page);
        });
        if (verdict !== true) throw await ctx.failure('verification_failed', `${action.id} did not take effect: ${verdict}`);
      }
      evidence.alreadyDone = alreadyDone;
      await finish({ output: parsed.data });
      return { ok: true, output: parsed.data, alreadyDone, evidence };
    } catch (e) {
      const error = asActionError(e);
      await finish({ error });
      return { ok: false, error: redact(error.toFailure(), secrets), evidence };
    }
  }

  private async attempt<I extends z.ZodType, O extends z.ZodType>(
    action: ActionDefinition<I, O>,
    input: z.infer<I>,
    ctx: ActionContext,
    endpoint: SystemEndpoint,
    evidence: ActionEvidence,
    secrets: string[],
    deadline: number,
  ): Promise<{ output: unknown; alreadyDone: boolean }> {
    if (action.kind === 'read') {
      evidence.attempts = 1;
      return { output: await this.retrying(ctx, endpoint, evidence, () => action.run(ctx, input), deadline), alreadyDone: false };
    }
    const budget = new RetryBudget(this.opts.attempts ?? 3, deadline);
    let submitted = false;
    for (let n = 1; ; n++) {
      evidence.attempts = n;
      try {
        await action.open!(ctx, input);
        // The target as it was before the write, taken once, at the first attempt that reached it;
        // while the check below reads the same unchanged page (the masks carry no text).
        const before = !evidence.screenshots.before && this.opts.evidence ? this.screenshot(ctx.page, secrets) : undefined;
        let done = false;
        try {
          // Never blindly again: done before we started, or our earlier attempt landed although its page failed.
          done = action.alreadyDone ? await action.alreadyDone(ctx, input) : false;
        } finally {
          if (before) evidence.screenshots.before = await before;
        }
        if (done) return { output: {}, alreadyDone: true };
        submitted = true;
        return { output: await action.run(ctx, input), alreadyDone: false };
      } catch (e) {
        const error = asActionError(e);
        if (submitted && !action.alreadyDone && error.retryable) {
          throw new ActionError('outcome_unknown', `${action.id} failed after it started (${error.message}); no check can tell whether it happened`, error.page);
        }
        const exhausted = budget.spent(error);
        if (exhausted && submitted && error.retryable) return this.finalCheck(action, input, ctx, endpoint, evidence, error);
        if (exhausted || !error.retryable) throw error;
        if (error.code === 'session_expired') await this.signInAgain(ctx.page, endpoint);
      }
    }
  }

  /**
   * Giving up on a write that was submitted: one last look whether it landed after all, so that a
   * write that happened is never reported as failed (and one that may have is never reported as not).
   */
  private async finalCheck<I extends z.ZodType, O extends z.ZodType>(
    action: ActionDefinition<I, O>,
    input: z.infer<I>,
    ctx: ActionContext,
    endpoint: SystemEndpoint,
    evidence: ActionEvidence,
    error: ActionError,
  ): Promise<{ output: unknown; alreadyDone: boolean }> {
    try {
      const done = await this.retrying(ctx, endpoint, evidence, async () => {
        await action.open!(ctx, input);
        return action.alreadyDone!(ctx, input);
      }, Infinity);
      if (done) return { output: {}, alreadyDone: true };
    } catch (e) {
      throw new ActionError('outcome_unknown', `${action.id} failed (${error.message}) and checking whether it happened failed too (${asActionError(e).message})`, error.page);
    }
    throw error;
  }

  /** A read (or a read-back) again on transient errors, signing in again when the session ended. */
  private async retrying<T>(ctx: ActionContext, endpoint: SystemEndpoint, evidence: ActionEvidence, read: () => Promise<T>, deadline: number): Promise<T> {
    const budget = new RetryBudget(this.opts.attempts ?? 3, deadline);
    for (;;) {
      try {
        return await read();
      } catch (e) {
        const error = asActionError(e);
        if (!error.retryable || budget.spent(error)) throw error;
        evidence.attempts += 1;
        await ctx.settled();
        if (error.code === 'session_expired') await this.signInAgain(ctx.page, endpoint);
      }
    }
  }

  /**
   * Signs in to one configured system now (what `legwork connector check` tries first): the typed
   * failure when it cannot — no credentials, a wrong connector for that URL, refused credentials.
   */
  async signInTo(system: string): Promise<{ ok: true } | { ok: false; error: Failure }> {
    const endpoint = this.opts.systems[system];
    if (!endpoint) return { ok: false, error: new ActionError('internal', `no system "${system}" is configured`).toFailure() };
    try {
      await this.opts.host.inTurn(system, async () => {
        const page = await this.opts.host.pageFor(endpoint.connector);
        page.setDefaultTimeout(this.opts.timeoutMs ?? 10_000);
        await this.signIn(page, endpoint);
      });
      return { ok: true };
    } catch (e) {
      return { ok: false, error: redact(asActionError(e).toFailure(), await this.opts.secrets.secretValues()) };
    }
  }

  /** Signs in after a session ended; a transient failure of the sign-in itself is left to the next attempt. */
  private async signInAgain(page: Page, endpoint: SystemEndpoint): Promise<void> {
    try {
      await this.signIn(page, endpoint);
    } catch (e) {
      const error = asActionError(e);
      if (!error.retryable) throw error;
    }
  }

  private async signIn(page: Page, endpoint: SystemEndpoint): Promise<void> {
    const credentials = await this.opts.secrets.credentials(endpoint.connector.system);
    if (!credentials) throw new ActionError('login_failed', `no credentials are kept for ${endpoint.connector.system}`);
    await endpoint.connector.signIn(page, endpoint.baseUrl, credentials);
    if ((lastDocumentStatus(page) ?? 200) >= 500) throw new ActionError('system_error', `${endpoint.connector.system} failed while signing in`);
    if (await endpoint.connector.isLoginPage(page)) throw new ActionError('login_failed', `${endpoint.connector.system} refused the sign-in`);
  }

  private async screenshot(page: Page, secrets: string[]): Promise<string | undefined> {
    if (!this.opts.evidence) return undefined;
    try {
      return await this.opts.evidence.saveScreenshot(await maskedScreenshot(page, { ...this.opts.mask, secrets: [...(this.opts.mask?.secrets ?? []), ...secrets] }));
    } catch {
      return undefined;
    }
  }
}
