// The LLM planner: the model reads through the connector read actions offered as tools and answers
// with a plan as structured output; Legwork checks it with zod, computes provenance, and retries a
// bounded number of times. Otherwise the fallback (the offline plan) or an escalation stands.
import OpenAI from 'openai';
import { z } from 'zod';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { PlanSchema, type Plan, type ReadRecord, type ReadTool } from '../../../shared/plan.ts';
import { TicketSchema, type Ticket } from '../../../shared/roles/helpdesk.ts';
import { complete, sleep, type CallLimits } from './complete.ts';
import { clientFor, type LlmConfig } from './config.ts';
import { planFromAnswer, responseFormat } from './plan-form.ts';
import { correction, systemPrompt, ticketMessage } from './prompt.ts';
import type { ReadEvidence } from './provenance.ts';
import { readTools, runToolCall } from './tools.ts';
import { UsageMeter, type PriceTable } from './usage.ts';

export interface LlmPlannerOptions {
  /** an SDK client, or the config to make one from (see llmConfigFrom) */
  client: OpenAI | LlmConfig;
  /** the model id; needed with an SDK client, overrides the config's */
  model?: string;
  /** the plan that stands when the model gives no valid one, e.g. () => planOffline(ticket, read) */
  fallback?: () => Promise<Plan>;
  /** invalid answers (bad JSON, schema mismatch, unknown action, bad params) sent back for another try; default 2 */
  maxInvalid?: number;
  /** rounds of tool calls before the model must answer; default 6 */
  maxToolRounds?: number;
  /** tool calls taken from one answer; default 8 */
  maxCallsPerRound?: number;
  /** per request; default the config's, else 60 s */
  timeoutMs?: number;
  /** further attempts after 429, 5xx or a dropped connection; default 2 */
  maxRetries?: number;
  /** a Retry-After longer than this gives up instead of waiting; default 30 s */
  maxRetryWaitMs?: number;
  pricing?: PriceTable;
  /** how to wait between attempts (tests pass one that records the waits) */
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULTS = { maxInvalid: 2, maxToolRounds: 6, maxCallsPerRound: 8, timeoutMs: 60_000, maxRetries: 2, maxRetryWaitMs: 30_000 };

const HAND_OVER_REPLY =
  'Thank you for your message. A member of our team will look into your request and get back to you shortly.';

/** Plans one ticket with the model; never throws for what the model or the endpoint does (only for a ticket that does not parse). */
export async function planWithLlm(ticket: Ticket, read: ReadTool, opts: LlmPlannerOptions): Promise<Plan> {
  const parsed = TicketSchema.safeParse(ticket);
  // a caller's mistake, not the model's: said loudly
  if (!parsed.success) throw new Error(`planWithLlm: the ticket is not a helpdesk ticket:\n${z.prettifyError(parsed.error)}`);
  const t = parsed.data;
  const isClient = opts.client instanceof OpenAI;
  const config = isClient ? undefined : (opts.client as LlmConfig);
  const client = isClient ? (opts.client as OpenAI) : clientFor(config!);
  const model = opts.model ?? config?.model ?? '';
  const meter = new UsageMeter(model, opts.pricing ?? config?.pricing ?? {});
  const reads: ReadRecord[] = [];
  const evidence: ReadEvidence[] = [];

  const giveUp = async (why: string): Promise<Plan> => {
    const usage = meter.total();
    if (opts.fallback) {
      try {
        const plan = await opts.fallback();
        return PlanSchema.parse({ ...plan, reason: `${plan.reason} (the LLM planner gave no valid plan: ${why})`, usage });
      } catch (e) {
        why = `${why}; the fallback planner failed too: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
    return PlanSchema.parse({
      ticketId: t.id,
      planner: 'llm',
      outcome: 'escalate',
      reason: `the LLM planner gave no valid plan: ${why}`,
      requests: [{ playbook: 'hand_over', summary: 'hand the ticket to a person' }],
      steps: [],
      reply: HAND_OVER_REPLY,
      reads,
      usage,
      createdAt: new Date().toISOString(),
    });
  };

  if (!model) return giveUp('no model is configured');
  const limits: CallLimits = {
    timeoutMs: opts.timeoutMs ?? config?.timeoutMs ?? DEFAULTS.timeoutMs,
    maxRetries: opts.maxRetries ?? DEFAULTS.maxRetries,
    maxRetryWaitMs: opts.maxRetryWaitMs ?? DEFAULTS.maxRetryWaitMs,
    sleep: opts.sleep ?? sleep,
  };
  const maxInvalid = opts.maxInvalid ?? DEFAULTS.maxInvalid;
  const maxToolRounds = opts.maxToolRounds ?? DEFAULTS.maxToolRounds;
  const maxCalls = opts.maxCallsPerRound ?? DEFAULTS.maxCallsPerRound;
  const tools = readTools();
  const format = responseFormat();
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: systemPrompt() },
    { role: 'user', content: ticketMessage(t) },
  ];

  let invalid = 0;
  let rounds = 0;
  const rejected = async (error: string, answer: string): Promise<Plan | undefined> => {
    invalid += 1;
    if (invalid > maxInvalid) return giveUp(`${invalid} invalid answers; the last: ${error}`);
    messages.push({ role: 'assistant', content: answer }, { role: 'user', content: correction(error) });
    return undefined;
  };

  for (;;) {
    const mayRead = rounds < maxToolRounds;
    const body: ChatCompletionCreateParamsNonStreaming = {
      model,
      messages,
      tools,
      tool_choice: mayRead ? 'auto' : 'none',
      response_format: format,
    };
    const res = await complete(client, body, limits);
    if (!res.ok) return giveUp(`${res.error.code}: ${res.error.message}`);
    meter.add(res.data.usage);
    const message = res.data.choices[0]?.message;
    const calls = message?.tool_calls ?? [];

    if (calls.length > 0) {
      if (!mayRead) {
        const stop = await rejected(`no more reads are allowed (${maxToolRounds} rounds); answer with the plan`, message?.content ?? '');
        if (stop) return stop;
        continue;
      }
      rounds += 1;
      messages.push({ role: 'assistant', content: message?.content ?? null, tool_calls: calls });
      for (const [i, call] of calls.entries()) {
        if (i >= maxCalls) {
          messages.push({ role: 'tool', tool_call_id: call.id, content: `{"ok":false,"error":{"code":"invalid_input","message":"at most ${maxCalls} tool calls per answer"}}` });
          continue;
        }
        const out = await runToolCall(call, read);
        messages.push(out.message);
        if (out.record) reads.push(out.record);
        if (out.evidence) evidence.push(out.evidence);
      }
      continue;
    }

    const plan = planFromAnswer(message?.content, { ticket: t, reads, evidence });
    if (plan.ok) return { ...plan.data, usage: meter.total() };
    const stop = await rejected(plan.error.message, message?.content ?? '');
    if (stop) return stop;
  }
}
