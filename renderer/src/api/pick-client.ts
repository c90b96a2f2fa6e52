// Which transport the panel uses: Electron's preload bridge when present, else browser mode's HTTP.
import type { ApiClient } from '../../../shared/api.ts';
import { createElectronClient } from './electron-client.ts';
import { createHttpClient, takeTokenFromLocation } from './http-client.ts';

export type PickedClient = { ok: true; client: ApiClient; transport: 'electron' | 'http' } | { ok: false; message: string };

export function pickClient(win: Window): PickedClient {
  if (win.legwork) return { ok: true, client: createElectronClient(win.legwork), transport: 'electron' };
  // no token in the URL: the app window Legwork opened holds the session cookie instead
  const token = rememberedToken(win);
  return { ok: true, client: createHttpClient({ apiBase: win.location.origin, token }), transport: 'http' };
}

const TOKEN_KEY = 'legwork.token';

/** The URL's token (kept for this tab only, so a reload still works once it is out of the address bar). */
function rememberedToken(win: Window): string | null {
  const fromUrl = takeTokenFromLocation(win);
  try {
    if (fromUrl) win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl ?? win.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return fromUrl;
  }
}
