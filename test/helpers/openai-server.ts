// A local server that speaks the OpenAI chat-completions protocol, for running the real `openai` SDK
// in tests: each test scripts the answers (tool calls, a plan, malformed output, 429, 500, a slow
// answer) and reads back the requests it got.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

export type Scripted =
  /** the assistant calls tools: arguments as an object (sent as JSON) or as raw text */
  | { toolCalls: { name: string; arguments: unknown; id?: string }[]; usage?: ScriptedUsage }
  /** the assistant answers with text (a plan, or something that is not one) */
  | { content: string; usage?: ScriptedUsage }
  /** an HTTP error with the API's error body */
  | { status: number; headers?: Record<string, string>; message?: string }
  /** the answer comes after a delay (longer than the client waits, for a timeout) */
  | { delayMs: number; then: Scripted };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

export interface OpenAiServer {
  /** for `new OpenAI({ baseURL })` */
  baseURL: string;
  requests: RecordedRequest[];
  /** queue answers, served one per request in order */
  script(...answers: Scripted[]): void;
  /** answers not yet served */
  pending(): number;
  close(): Promise<void>;
}

const DEFAULT_USAGE: ScriptedUsage = { prompt_tokens: 100, completion_tokens: 20 };

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export async function openAiServer(): Promise<OpenAiServer> {
  const queue: Scripted[] = [];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let n = 0;

  const answer = (res: ServerResponse, model: string, a: Scripted): void => {
    if ('delayMs' in a) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) answer(res, model, a.then);
      }, a.delayMs);
      timers.add(timer);
      return;
    }
    if ('status' in a) {
      send(res, a.status, { error: { message: a.message ?? `scripted ${a.status}`, type: 'server_error', code: null } }, a.headers);
      return;
    }
    n += 1;
    const usage = a.usage ?? DEFAULT_USAGE;
    const message =
      'toolCalls' in a
        ? {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: a.toolCalls.map((c, i) => ({
              id: c.id ?? `call_${n}_${i}`,
              type: 'function',
              function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) },
            })),
          }
        : { role: 'assistant', content: a.content, refusal: null };
    send(res, 200, {
      id: `chatcmpl-${n}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message, finish_reason: 'toolCalls' in a ? 'tool_calls' : 'stop', logprobs: null }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: any = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // recorded as text
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        send(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error', code: null } });
        return;
      }
      const next = queue.shift();
      // a missing answer is a test's mistake: a 400 (not retried) that says so
      if (!next) send(res, 400, { error: { message: 'openai-server: no scripted answer left', type: 'invalid_request_error', code: null } });
      else answer(res, String(body?.model ?? ''), next);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...answers) => void queue.push(...answers),
    pending: () => queue.length,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
