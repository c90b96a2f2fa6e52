// A small ApiService for transport tests: a few calls answer fixed data, one answers data that
// breaks the contract, two throw; the rest refuse. Events are pushed by the test with `emit`.
import { createHash } from 'node:crypto';
import { API_METHODS, type ApiEvent } from '../../shared/api.ts';
import { ActionError } from '../../automations/runtime/errors.ts';
import type { ApiHandlers, ApiService } from '../../core/api/handlers.ts';

export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082', 'hex');
export const PNG_HASH = createHash('sha256').update(PNG).digest('hex');

export const TICKETS = [{ id: 7, subject: 'Where is my order?', requester: 'Yusuf Rossi', status: 'open', assignee: null, created: '2024-05-01T10:00:00Z' }];

export interface FakeService extends ApiService {
  emit(event: ApiEvent): void;
  listenerCount(): number;
  /** every call that reached a handler: method, parsed input, caller */
  calls: { method: string; input: unknown; caller: string }[];
}

export function fakeService(): FakeService {
  const listeners = new Set<(e: ApiEvent) => void>();
  const calls: FakeService['calls'] = [];
  const refuse = Object.fromEntries(
    API_METHODS.map((m) => [
      m,
      async () => {
        throw new Error(`${m} is not part of this fake`);
      },
    ]),
  ) as unknown as ApiHandlers;
  const handlers: ApiHandlers = {
    ...refuse,
    'tickets.queue': async (input, ctx) => {
      calls.push({ method: 'tickets.queue', input, caller: ctx.caller });
      return TICKETS;
    },
    'tickets.open': async (input, ctx) => {
      calls.push({ method: 'tickets.open', input, caller: ctx.caller });
      // breaks the contract: requester_email and messages are missing
      return { id: input.ticketId, subject: 'x', requester_name: 'y', status: 'open', assignee: null } as never;
    },
    'run.get': async (input) => {
      throw new ActionError('not_found', `no run ${input.runId}`);
    },
    'run.cancel': async () => {
      const e = new Error('database exploded\n    at secret (/home/me/core/x.ts:1:1)');
      throw e;
    },
    'runs.sample': async (input, ctx) => {
      calls.push({ method: 'runs.sample', input, caller: ctx.caller });
      return [];
    },
  };
  return {
    handlers,
    calls,
    events: {
      on(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    async blob(hash) {
      return hash === PNG_HASH ? new Uint8Array(PNG) : null;
    },
    emit(event) {
      for (const l of listeners) l(event);
    },
    listenerCount: () => listeners.size,
  };
}
