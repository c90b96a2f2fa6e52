// The HTTP status of the document a page shows: Playwright tells it for page.goto only, so we
// follow every main-frame navigation response (the last one of a redirect chain wins).
import type { Page } from 'playwright-core';

const statusOf = new WeakMap<Page, number>();

export function trackDocumentStatus(page: Page): void {
  page.on('response', (res) => {
    const req = res.request();
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) statusOf.set(page, res.status());
  });
}

export function lastDocumentStatus(page: Page): number | undefined {
  return statusOf.get(page);
}
