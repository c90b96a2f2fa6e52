// The headers every panel response carries, whichever shell serves it (browser mode's loopback
// HTTP, Electron's app:// protocol): a strict CSP, no sniffing, no framing, no referrer.
export const PANEL_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

export const PANEL_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': PANEL_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};
