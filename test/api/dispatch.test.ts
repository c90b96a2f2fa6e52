import { describe, expect, it } from 'vitest';
import { dispatch } from '../../core/api/handlers.ts';
import { fakeService, TICKETS } from './fake-service.ts';

describe('dispatch', () => {
  it('parses the input (defaults applied), calls the handler with the caller and answers its checked output', async () => {
    const service = fakeService();
    expect(await dispatch(service, 'tickets.queue', { status: 'open' }, 'agent-1')).toEqual({ ok: true, data: TICKETS });
    expect(await dispatch(service, 'runs.sample', {}, 'qa')).toEqual({ ok: true, data: [] });
    expect(service.calls).toEqual([
      { method: 'tickets.queue', input: { status: 'open' }, caller: 'agent-1' },
      { method: 'runs.sample', input: { share: 0.1, seed: 1 }, caller: 'qa' },
    ]);
  });

  it('refuses an unknown method without calling anything', async () => {
    const service = fakeService();
    const answer = await dispatch(service, 'tickets.delete', {}, 'x');
    expect(answer).toEqual({ ok: false, error: { code: 'invalid_input', message: 'unknown method "tickets.delete"' } });
    expect(await dispatch(service, '__proto__', {}, 'x')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(service, 'toString', {}, 'x')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(service.calls).toEqual([]);
  });

  it('refuses input that does not parse, naming the field', async () => {
    const service = fakeService();
    const answer = await dispatch(service, 'tickets.open', { ticketId: 'seven' }, 'x');
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('invalid_input');
    expect(answer.error.message).toMatch(/^tickets\.open: ticketId: /);
    const notObject = await dispatch(service, 'tickets.queue', 'open', 'x');
    expect(notObject).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^tickets\.queue: input: /) } });
    expect(service.calls).toEqual([]);
  });

  it('never passes on output that breaks the contract', async () => {
    const answer = await dispatch(fakeService(), 'tickets.open', { ticketId: 7 }, 'x');
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_output' } });
    if (answer.ok) return;
    expect(answer.error.message).toContain('requester_email');
    expect(JSON.stringify(answer)).not.toContain('"subject"');
  });

  it('answers a thrown error as data: its own code when it has one, else internal, never the stack', async () => {
    expect(await dispatch(fakeService(), 'run.get', { runId: 'r-1' }, 'x')).toEqual({ ok: false, error: { code: 'not_found', message: 'run.get: no run r-1' } });
    const internal = await dispatch(fakeService(), 'run.cancel', { runId: 'r-1' }, 'x');
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: 'run.cancel: database exploded' } });
  });
});
