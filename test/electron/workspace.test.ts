import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ WebContentsView: class {} }));
const { cdpPipeFromLauncher, enableCdpPipe, splitBounds } = await import('../../electron/workspace.ts');

describe('workspace', () => {
  it('switches the DevTools protocol on over a pipe only: no port switch at all', () => {
    const switches: string[][] = [];
    enableCdpPipe({ commandLine: { appendSwitch: (...args: string[]) => void switches.push(args) } } as never);
    expect(switches).toEqual([['remote-debugging-pipe']]);
    expect(switches.flat().some((s) => s.includes('port'))).toBe(false);
  });

  it('has no DevTools pipe when Electron was started without the launcher', () => {
    expect(cdpPipeFromLauncher({ toBrowser: 987, fromBrowser: 988 })).toBeNull();
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
