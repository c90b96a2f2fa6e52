// Evidence of each action: masked screenshots (stored by content hash), URL, timings, inputs and
// outputs with secrets redacted. Masking happens in the page before the pixels are taken, so an
// unmasked image never exists on disk.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { Failure } from '../../shared/errors.ts';
import type { Heal } from './action.ts';
import { MASK_PATTERNS } from './redact.ts';

export interface ActionEvidence {
  action: string;
  system: string;
  kind: 'read' | 'write';
  input: unknown;
  output?: unknown;
  url: string;
  startedAt: string;
  durationMs: number;
  attempts: number;
  /** the write had already happened (found by its alreadyDone check) and was not repeated */
  alreadyDone: boolean;
  heals: Heal[];
  /** sha256 of the masked PNGs, stored in the evidence folder's blobs/ */
  screenshots: { before?: string; after?: string };
  error?: Failure & { page?: { url: string; text: string } };
}

export interface MaskOptions {
  /** CSS selectors of fields to mask on every page, besides card numbers, secrets and password inputs */
  selectors?: string[];
  /** literal secret values to mask wherever they show */
  secrets?: string[];
}

/** Covers what must not be seen, takes the screenshot, uncovers. */
export async function maskedScreenshot(page: Page, opts: MaskOptions = {}): Promise<Buffer> {
  const patterns = [...MASK_PATTERNS.map((p) => p.source), ...(opts.secrets ?? []).filter((s) => s.length >= 4).map(escapeRegExp)];
  await page.evaluate(
    ({ patterns, selectors }) => {
      const re = new RegExp(patterns.join('|'), 'gi');
      const boxes: DOMRect[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        re.lastIndex = 0;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const range = document.createRange();
          range.setStart(n, m.index);
          range.setEnd(n, m.index + m[0].length);
          boxes.push(...Array.from(range.getClientRects()));
          if (m[0].length === 0) re.lastIndex++;
        }
      }
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('input, textarea'))) {
        const value = (el as HTMLInputElement).value ?? '';
        re.lastIndex = 0;
        if ((el as HTMLInputElement).type === 'password' || re.test(value)) boxes.push(el.getBoundingClientRect());
      }
      for (const sel of selectors) for (const el of Array.from(document.querySelectorAll(sel))) boxes.push(el.getBoundingClientRect());
      // The covers live in a popover shown last, so they sit in the top layer above everything,
      // a modal <dialog> included (which no z-index on the page can cover). Viewport coordinates:
      // the screenshot is of the viewport.
      const layer = document.createElement('div');
      layer.setAttribute('data-legwork-mask', '');
      layer.setAttribute('popover', 'manual');
      layer.style.cssText = 'position:fixed;inset:0;width:100vw;height:100vh;max-width:none;max-height:none;margin:0;padding:0;border:0;background:transparent;overflow:visible;pointer-events:none';
      for (const b of boxes) {
        const cover = document.createElement('div');
        cover.style.cssText = `position:absolute;left:${b.left - 2}px;top:${b.top - 2}px;width:${b.width + 4}px;height:${b.height + 4}px;background:#000`;
        layer.appendChild(cover);
      }
      document.body.appendChild(layer);
      layer.showPopover();
    },
    { patterns, selectors: opts.selectors ?? [] },
  );
  try {
    return await capture(page);
  } finally {
    await page.evaluate(() => document.querySelectorAll('[data-legwork-mask]').forEach((e) => e.remove())).catch(() => undefined);
  }
}

const cdpOf = new WeakMap<Page, CDPSession | null>();

/** The viewport as PNG: over CDP with Chromium's fast encoder where we can, else Playwright's screenshot. */
async function capture(page: Page): Promise<Buffer> {
  let cdp = cdpOf.get(page);
  if (cdp === undefined) {
    cdp = await page.context().newCDPSession(page).catch(() => null);
    cdpOf.set(page, cdp);
  }
  if (cdp) {
    try {
      const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true });
      return Buffer.from(data, 'base64');
    } catch {
      cdpOf.set(page, null);
    }
  }
  return page.screenshot({ type: 'png', caret: 'hide' });
}

/** Writes screenshots by content hash and one JSON record per action. */
export class EvidenceStore {
  private seq = 0;

  constructor(readonly dir: string) {}

  async saveScreenshot(png: Buffer): Promise<string> {
    const hash = createHash('sha256').update(png).digest('hex');
    await mkdir(path.join(this.dir, 'blobs'), { recursive: true, mode: 0o700 });
    await writeFile(path.join(this.dir, 'blobs', `${hash}.png`), png, { flag: 'w', mode: 0o600 });
    return hash;
  }

  async saveRecord(evidence: ActionEvidence): Promise<string> {
    await mkdir(path.join(this.dir, 'actions'), { recursive: true, mode: 0o700 });
    this.seq += 1;
    const file = path.join(this.dir, 'actions', `${String(this.seq).padStart(4, '0')}-${evidence.action}.json`);
    await writeFile(file, `${JSON.stringify(evidence, null, 2)}\n`, { mode: 0o600 });
    return file;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
