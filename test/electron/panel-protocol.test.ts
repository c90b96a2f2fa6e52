// The app://panel protocol handler, answering real Fetch Responses from a real folder.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panelResponse, PANEL_SCHEME_PRIVILEGES } from '../../electron/panel-protocol.ts';
import { PANEL_CSP } from '../../electron/security.ts';
import { fakeService, PNG, PNG_HASH } from '../api/fake-service.ts';

let dir: string;
let source: Parameters<typeof panelResponse>[1];
const get = (url: string, method = 'GET') => panelResponse({ url, method }, source);

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'legwork-panel-'));
  mkdirSync(path.join(dir, 'panel', 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'panel', 'index.html'), '<!doctype html><title>Legwork</title>');
  writeFileSync(path.join(dir, 'panel', 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(dir, 'secret.txt'), 'TOP SECRET');
  source = { panelDir: path.join(dir, 'panel'), service: fakeService() };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('app://panel', () => {
  it('is a standard, secure scheme so that the CSP’s self, fetch and storage work', () => {
    expect(PANEL_SCHEME_PRIVILEGES).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves the panel with the strict CSP and nosniff', async () => {
    const index = await get('app://panel/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(PANEL_CSP);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('<title>Legwork</title>');
    const js = await get('app://panel/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves stored screenshots without a token, 404 for unknown ones', async () => {
    const blob = await get(`app://panel/blobs/${PNG_HASH}`);
    expect(blob.status).toBe(200);
    expect(blob.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await blob.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await get(`app://panel/blobs/${'1'.repeat(64)}`)).status).toBe(404);
  });

  it('refuses other hosts, other methods and paths out of the folder', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://panel/index.html', 'POST')).status).toBe(405);
    for (const url of ['app://panel/%2e%2e/secret.txt', 'app://panel/assets/..%2f..%2fsecret.txt']) {
      const answer = await get(url);
      expect(answer.status, url).toBeGreaterThanOrEqual(400);
      expect(await answer.text(), url).not.toContain('TOP SECRET');
    }
  });
});
