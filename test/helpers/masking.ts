// Checking screenshot masks from outside: where the page shows some text, and how dark those pixels
// are in a PNG taken of it.
import type { Page } from 'playwright-core';
import type { PNG } from 'pngjs';

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The boxes (shrunk by a pixel on each side) where the page's text nodes show any of `texts`. */
export async function sensitiveRegions(page: Page, texts: string[]): Promise<Region[]> {
  return page.evaluate((texts) => {
    const out: { x: number; y: number; width: number; height: number }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (const t of texts) {
        const at = (n.textContent ?? '').indexOf(t);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + t.length);
        for (const r of Array.from(range.getClientRects())) out.push({ x: Math.floor(r.x + 1), y: Math.floor(r.y + 1), width: Math.floor(r.width - 2), height: Math.floor(r.height - 2) });
      }
    }
    return out;
  }, texts);
}

/** The share of the region's pixels that are (nearly) black: 1 for a region fully covered. */
export function darkShare(png: PNG, r: Region): number {
  let dark = 0;
  let all = 0;
  for (let y = r.y; y < r.y + r.height; y++) {
    for (let x = r.x; x < r.x + r.width; x++) {
      const i = (png.width * y + x) << 2;
      all += 1;
      if (png.data[i]! < 16 && png.data[i + 1]! < 16 && png.data[i + 2]! < 16) dark += 1;
    }
  }
  return all === 0 ? 1 : dark / all;
}
