// The preload's exposed surface, with stand-ins for contextBridge and ipcRenderer recording what
// the page would get.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../../shared/api.ts';
import { exposeApi, type IpcRendererLike } from '../../electron/expose-api.ts';

function fakeRenderer() {
  const emitter = new EventEmitter();
  const invoked: unknown[][] = [];
  const ipc: IpcRendererLike & { emitter: EventEmitter; invoked: unknown[][] } = {
    emitter,
    invoked,
    invoke: async (...args) => {
      invoked.push(args);
      return { ok: true, data: 'answer' };
    },
    on: (channel, listener) => emitter.on(channel, listener),
    removeListener: (channel, listener) => emitter.removeListener(channel, listener),
  };
  return ipc;
}

function exposed(ipc: IpcRendererLike) {
  const world: Record<string, unknown> = {};
  exposeApi({ exposeInMainWorld: (key, api) => (world[key] = api) }, ipc);
  return world;
}

describe('exposeApi', () => {
  it('exposes exactly window.legwork with call and on, frozen, and no ipcRenderer', () => {
    const ipc = fakeRenderer();
    const world = exposed(ipc);
    expect(Object.keys(world)).toEqual(['legwork']);
    const api = world.legwork as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api).every((v) => typeof v === 'function' && v !== ipc.invoke && v !== ipc.on)).toBe(true);
  });

  it('sends each contract method over the call channel and answers what main answers', async () => {
    const ipc = fakeRenderer();
    const api = exposed(ipc).legwork as { call(m: string, i: unknown): Promise<unknown> };
    for (const method of API_METHODS) expect(await api.call(method, { x: 1 })).toEqual({ ok: true, data: 'answer' });
    expect(ipc.invoked).toEqual(API_METHODS.map((m) => ['legwork:call', m, { x: 1 }]));
  });

  it('refuses a method outside the contract without sending anything', async () => {
    const ipc = fakeRenderer();
    const api = exposed(ipc).legwork as { call(m: unknown, i: unknown): Promise<unknown> };
    for (const method of ['tickets.delete', '__proto__', 'constructor', 42, '']) {
      expect(await api.call(method, {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(ipc.invoked).toEqual([]);
  });

  it('passes only the event to listeners (never the IPC event) and unsubscribes', () => {
    const ipc = fakeRenderer();
    const api = exposed(ipc).legwork as { on(l: (...args: unknown[]) => void): () => void };
    const listener = vi.fn();
    const off = api.on(listener);
    const event = { type: 'run.progress', run: { runId: 'r' } };
    ipc.emitter.emit('legwork:event', { sender: 'ipc internals' }, event);
    expect(listener.mock.calls).toEqual([[event]]);
    off();
    ipc.emitter.emit('legwork:event', {}, event);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(ipc.emitter.listenerCount('legwork:event')).toBe(0);
  });
});

describe('preload entry', () => {
  it('exposes the API through Electron’s contextBridge when loaded', async () => {
    const exposeInMainWorld = vi.fn();
    vi.doMock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer: fakeRenderer() }));
    await import('../../electron/preload.ts');
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(exposeInMainWorld.mock.calls[0]?.[0]).toBe('legwork');
    vi.doUnmock('electron');
  });
});
