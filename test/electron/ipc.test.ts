import { describe, expect, it } from 'vitest';
import { handleCall, registerIpc, senderRefusal, type SenderLike } from '../../electron/ipc.ts';
import { fakeService, TICKETS } from '../api/fake-service.ts';

const PANEL_ID = 3;
const mainFrame = (url = 'app://panel/index.html') => ({ url, parent: null });
const fromPanel = (frame: SenderLike['senderFrame'] = mainFrame()): SenderLike => ({ sender: { id: PANEL_ID }, senderFrame: frame });

describe('the IPC call wrapper', () => {
  it('dispatches a call from the panel’s main frame', async () => {
    const service = fakeService();
    expect(await handleCall(service, PANEL_ID, fromPanel(), 'tickets.queue', {})).toEqual({ ok: true, data: TICKETS });
    expect(service.calls).toEqual([{ method: 'tickets.queue', input: {}, caller: 'desktop' }]);
  });

  it('refuses calls from another window, a sub-frame, a foreign page or a gone frame', async () => {
    const service = fakeService();
    const foreign: [string, SenderLike][] = [
      ['another window', { sender: { id: 9 }, senderFrame: mainFrame() }],
      ['a sub-frame', fromPanel({ url: 'app://panel/index.html', parent: mainFrame() })],
      ['a legacy tool page', fromPanel(mainFrame('http://127.0.0.1:4001/tickets'))],
      ['a look-alike origin', fromPanel(mainFrame('app://panel.evil/index.html'))],
      ['a file page', fromPanel(mainFrame('file:///tmp/index.html'))],
      ['a gone frame', fromPanel(null)],
    ];
    for (const [name, event] of foreign) {
      expect(senderRefusal(event, PANEL_ID), name).not.toBeNull();
      expect(await handleCall(service, PANEL_ID, event, 'tickets.queue', {}), name).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(service.calls).toEqual([]);
  });

  it('refuses unknown methods and input that does not parse, with a clear message', async () => {
    const service = fakeService();
    expect(await handleCall(service, PANEL_ID, fromPanel(), 'shell.exec', {})).toEqual({ ok: false, error: { code: 'invalid_input', message: 'unknown method "shell.exec"' } });
    expect(await handleCall(service, PANEL_ID, fromPanel(), { toString: () => 'tickets.queue' }, {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const bad = await handleCall(service, PANEL_ID, fromPanel(), 'tickets.open', { ticketId: 1.5 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^tickets\.open: ticketId: /) } });
    expect(service.calls).toEqual([]);
  });

  it('registers the call channel, forwards valid core events to the panel, and tears both down', async () => {
    const service = fakeService();
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    const ipcMain = { handle: (channel: string, h: (...args: unknown[]) => unknown) => void handlers.set(channel, h), removeHandler: (channel: string) => void handlers.delete(channel) };
    const sent: unknown[][] = [];
    const panel = { id: PANEL_ID, isDestroyed: () => false, send: (...args: unknown[]) => void sent.push(args) };
    const stop = registerIpc(ipcMain as never, service, panel as never);
    expect(await handlers.get('legwork:call')?.(fromPanel(), 'tickets.queue', {})).toEqual({ ok: true, data: TICKETS });
    expect(await handlers.get('legwork:call')?.({ sender: { id: 8 }, senderFrame: mainFrame() }, 'tickets.queue', {})).toMatchObject({ ok: false });
    const run = { runId: 'r-1', ticketId: 7, mode: 'step' as const, status: 'waiting' as const, steps: [] };
    service.emit({ type: 'run.progress', run });
    service.emit({ type: 'run.progress' } as never);
    expect(sent).toEqual([['legwork:event', { type: 'run.progress', run }]]);
    stop();
    expect(handlers.size).toBe(0);
    expect(service.listenerCount()).toBe(0);
  });
});
