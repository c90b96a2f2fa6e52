// The panel's built files (Vite's dist/panel) served from one folder: `/` is index.html, the
// content type follows the extension, and nothing outside the folder is ever read.
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticFile = { found: true; body: Buffer; contentType: string } | { found: false; refused: boolean };

/**
 * The file a URL path names inside `root`. A path that is malformed or leads outside the folder
 * (`..`, encoded slashes, NUL, a symlink pointing out) is refused; a missing path without an
 * extension falls back to index.html (the panel's client-side routes).
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { found: false, refused: true };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((seg) => seg === '..')) return { found: false, refused: true };
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const rootReal = await realpath(root).catch(() => null);
  if (!rootReal) return { found: false, refused: false };
  const wanted = path.resolve(rootReal, relative);
  if (!inside(rootReal, wanted)) return { found: false, refused: true };
  const file = await existingFile(wanted);
  if (file === 'outside') return { found: false, refused: true };
  if (file) return { found: true, body: await readFile(file), contentType: contentTypeOf(file) };
  if (path.extname(relative) === '') {
    const index = await existingFile(path.join(rootReal, 'index.html'));
    if (index && index !== 'outside') return { found: true, body: await readFile(index), contentType: contentTypeOf(index) };
  }
  return { found: false, refused: false };

  async function existingFile(candidate: string): Promise<string | 'outside' | null> {
    const real = await realpath(candidate).catch(() => null);
    if (!real) return null;
    if (!inside(rootReal!, real)) return 'outside';
    const info = await stat(real).catch(() => null);
    return info?.isFile() ? real : null;
  }
}

function inside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
