// The connector reads as chat-completion tools, and one tool call run through the ReadTool: the
// arguments checked with the action's zod input, the result recorded and sent back as data.
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { ChatCompletionFunctionTool, ChatCompletionMessageToolCall, ChatCompletionToolMessageParam } from 'openai/resources/chat/completions';
import type { ReadRecord, ReadTool } from '../../../shared/plan.ts';
import { inputJsonSchema, READ_TOOLS } from './catalog.ts';
import type { ReadEvidence } from './provenance.ts';
import { dataJson } from './prompt.ts';

/** The same list for every ticket: nothing a ticket says adds or removes a tool. */
export function readTools(): ChatCompletionFunctionTool[] {
  return [...READ_TOOLS.values()].map((a) => ({
    type: 'function',
    function: { name: a.id, description: a.description, parameters: inputJsonSchema(a) },
  }));
}

/** A tool result longer than this is cut (a model's context is finite; the plan's reads keep the summary). */
const MAX_RESULT_CHARS = 20_000;

function summary(data: unknown): string {
  const s = JSON.stringify(data) ?? '';
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

export interface ToolOutcome {
  message: ChatCompletionToolMessageParam;
  record?: ReadRecord;
  evidence?: ReadEvidence;
}

const reply = (id: string, body: unknown): ChatCompletionToolMessageParam => {
  const text = dataJson(body);
  return { role: 'tool', tool_call_id: id, content: text.length > MAX_RESULT_CHARS ? `${text.slice(0, MAX_RESULT_CHARS)}\n…(cut)` : text };
};

export async function runToolCall(call: ChatCompletionMessageToolCall, read: ReadTool): Promise<ToolOutcome> {
  const refuse = (message: string) => ({ message: reply(call.id, { ok: false, error: { code: 'invalid_input', message } }) });
  if (call.type !== 'function') return refuse('only the function tools offered can be called');
  const action = READ_TOOLS.get(call.function.name);
  if (!action) return refuse(`there is no tool ${JSON.stringify(call.function.name)}; the tools are ${[...READ_TOOLS.keys()].join(', ')}`);
  let args: unknown;
  try {
    args = JSON.parse(call.function.arguments || '{}');
  } catch (e) {
    return refuse(`the arguments are not JSON (${(e as Error).message})`);
  }
  const rawInput = (args && typeof args === 'object' && !Array.isArray(args) ? args : {}) as Record<string, unknown>;
  const input = action.input.safeParse(args);
  if (!input.success) {
    const message = `the arguments do not fit ${action.id}: ${z.prettifyError(input.error)}`;
    return {
      ...refuse(message),
      record: { system: action.system, action: action.id, input: rawInput, ok: false, summary: message, durationMs: 0 },
    };
  }
  const parsed = input.data as Record<string, unknown>;
  const started = performance.now();
  const result = await read(action.system, action.id, parsed).catch((e: unknown) => ({
    ok: false as const,
    error: { code: 'internal', message: e instanceof Error ? e.message : String(e) },
  }));
  const durationMs = Math.max(0, performance.now() - started);
  const record: ReadRecord = {
    system: action.system,
    action: action.id,
    input: parsed,
    ok: result.ok,
    summary: result.ok ? summary(result.data) : `${result.error.code}: ${result.error.message}`,
    durationMs,
  };
  if (!result.ok) return { message: reply(call.id, { ok: false, error: result.error }), record };
  return {
    message: reply(call.id, { ok: true, data: result.data }),
    record,
    evidence: { system: action.system, action: action.id, input: parsed, data: result.data },
  };
}
