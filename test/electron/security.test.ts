import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  denyAllPermissions,
  isAllowedExternal,
  isPanelUrl,
  lockNavigation,
  PANEL_CSP,
  PANEL_URL,
  panelMayNavigate,
  panelWebPreferences,
  windowOpenDecision,
  workspaceMayNavigate,
  workspaceWebPreferences,
} from '../../electron/security.ts';

describe('web preferences', () => {
  it('locks the panel down: isolated, sandboxed, no Node, web security, no <webview>, our preload', () => {
    expect(panelWebPreferences('/app/preload.cjs')).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('gives the legacy tools the same lockdown, no preload, and the persistent partition', () => {
    const prefs = workspaceWebPreferences();
    expect(prefs).toMatchObject({ partition: 'persist:legacy-tools', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(prefs.preload).toBeUndefined();
  });

  it('has a strict CSP for the panel', () => {
    expect(PANEL_CSP).toBe(
      "default-src 'self'; img-src 'self' data:; connect-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'",
    );
    expect(PANEL_CSP).not.toMatch(/unsafe-eval|\*/);
  });
});

describe('navigation and new windows', () => {
  it('recognises only the app’s own panel', () => {
    expect(isPanelUrl(PANEL_URL)).toBe(true);
    expect(isPanelUrl('app://panel/runs?id=3#top')).toBe(true);
    for (const url of ['app://evil/index.html', 'https://panel/index.html', 'file:///app/panel/index.html', 'app://user:pw@panel/', 'not a url', 'http://127.0.0.1:5173/']) {
      expect(isPanelUrl(url), url).toBe(false);
      expect(panelMayNavigate(url), url).toBe(false);
    }
  });

  it('opens externally only https links to allowlisted hosts', () => {
    expect(isAllowedExternal('https://github.com/legwork/legwork/issues')).toBe(true);
    for (const url of ['http://github.com/', 'https://github.com.evil.example/', 'https://evil.example/?https://github.com', 'https://user@github.com/', 'https://github.com:8443/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://github.com/share']) {
      expect(isAllowedExternal(url), url).toBe(false);
    }
    expect(isAllowedExternal('https://intranet.example/kb', ['intranet.example'])).toBe(true);
    expect(windowOpenDecision('https://github.com/')).toEqual({ action: 'deny', openExternally: true });
    expect(windowOpenDecision('https://evil.example/')).toEqual({ action: 'deny', openExternally: false });
  });

  it('keeps a legacy tool on its systems’ origins', () => {
    const origins = ['http://127.0.0.1:4001', 'http://127.0.0.1:4002'];
    expect(workspaceMayNavigate('http://127.0.0.1:4001/tickets/7', origins)).toBe(true);
    expect(workspaceMayNavigate('http://127.0.0.1:4003/', origins)).toBe(false);
    expect(workspaceMayNavigate('https://evil.example/', origins)).toBe(false);
    expect(workspaceMayNavigate('file:///etc/passwd', origins)).toBe(false);
  });

  it('wires the policy: foreign navigation prevented, webviews refused, new windows denied, allowlisted links handed to the OS', async () => {
    const contents = new EventEmitter() as EventEmitter & { setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void; openHandler?: (d: { url: string }) => { action: string } };
    contents.setWindowOpenHandler = (h) => (contents.openHandler = h);
    const opened: string[] = [];
    lockNavigation(contents as never, panelMayNavigate, { openExternal: async (url) => void opened.push(url) });
    const nav = (name: string, url: string) => {
      const event = { preventDefault: vi.fn() };
      contents.emit(name, event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(nav('will-navigate', 'https://evil.example/')).toBe(true);
    expect(nav('will-redirect', 'https://evil.example/')).toBe(true);
    expect(nav('will-navigate', 'app://panel/index.html')).toBe(false);
    expect(nav('will-attach-webview', 'app://panel/index.html')).toBe(true);
    expect(contents.openHandler?.({ url: 'https://github.com/x' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://github.com/x']);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    denyAllPermissions({ setPermissionRequestHandler: (h) => void (request = h as never), setPermissionCheckHandler: (h) => void (check = h as never) });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback.mock.calls, permission).toEqual([[false]]);
      expect(check?.({}, permission, 'app://panel', {}), permission).toBe(false);
    }
  });
});
