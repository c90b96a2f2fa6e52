// The panel's own origin, app://panel: its built files and the stored screenshots, with the same
// headers (strict CSP, nosniff) as browser mode. Only this app's pages can load app:// URLs, so
// blobs need no token here: the panel's img src is app://panel/blobs/<sha256>.
import type { CustomScheme } from 'electron';
import type { ApiService } from '../core/api/handlers.ts';
import { PANEL_HEADERS } from '../core/api/panel-headers.ts';
import { readStaticFile } from '../core/api/static-files.ts';
import { PANEL_HOST, PANEL_SCHEME } from './security.ts';

/** registered before the app is ready: a standard, secure scheme (so 'self', fetch and storage work) */
export const PANEL_SCHEME_PRIVILEGES: CustomScheme[] = [{ scheme: PANEL_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }];

const BLOB_PATH = /^\/blobs\/([0-9a-f]{64})$/;

export interface PanelSource {
  panelDir: string;
  service: Pick<ApiService, 'blob'>;
}

/** The answer to one app:// request. */
export async function panelResponse(request: { url: string; method: string }, source: PanelSource): Promise<Response> {
  const url = new URL(request.url);
  if (url.protocol !== `${PANEL_SCHEME}:` || url.host !== PANEL_HOST) return text(404, 'Not found.');
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Only GET.');
  const blob = BLOB_PATH.exec(url.pathname);
  if (blob) {
    const bytes = await source.service.blob(blob[1]!);
    return bytes ? new Response(new Uint8Array(bytes), { status: 200, headers: { ...PANEL_HEADERS, 'content-type': 'image/png', 'cache-control': 'private, max-age=31536000, immutable' } }) : text(404, 'No such blob.');
  }
  const file = await readStaticFile(source.panelDir, url.pathname);
  if (!file.found) return file.refused ? text(403, 'Refused.') : text(404, 'Not found.');
  return new Response(new Uint8Array(file.body), { status: 200, headers: { ...PANEL_HEADERS, 'content-type': file.contentType } });
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { ...PANEL_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}
