import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ WebContentsView: class {} }));
const { cdpEndpoint, enableCdp, freeLoopbackPort, splitBounds } = await import('../../electron/workspace.ts');

describe('workspace', () => {
  it('switches the DevTools protocol on, on loopback only, for the automations to connect to', () => {
    const switches: string[][] = [];
    const endpoint = enableCdp({ commandLine: { appendSwitch: (...args: string[]) => void switches.push(args) } } as never, 9333);
    expect(switches).toEqual([
      ['remote-debugging-port', '9333'],
      ['remote-debugging-address', '127.0.0.1'],
    ]);
    expect(endpoint).toBe(cdpEndpoint(9333));
    expect(endpoint).toBe('http://127.0.0.1:9333');
  });

  it('finds a free loopback port', async () => {
    const port = await freeLoopbackPort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
  });

  it('docks the panel on the right and gives the legacy tool the rest', () => {
    expect(splitBounds({ width: 1400, height: 900 }, 420)).toEqual({
      tool: { x: 0, y: 0, width: 980, height: 900 },
      panel: { x: 980, y: 0, width: 420, height: 900 },
    });
    expect(splitBounds({ width: 300, height: 600 }, 420).panel.width).toBe(300);
    expect(splitBounds({ width: 1000, height: 600 }, 100).panel.width).toBe(320);
  });
});
