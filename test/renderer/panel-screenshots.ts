// Screenshots of the built panel (dist/panel) at a 420×900 docked width in headless Chromium, with
// a scripted `window.legwork` bridge answering from the test fixtures. Build first, then:
//   npx vite build --config renderer/vite.config.ts && npx tsx test/renderer/panel-screenshots.ts [outDir]
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import * as fx from './fixtures.ts';

const root = path.resolve('dist/panel');
const outDir = path.resolve(process.argv[2] ?? 'tmp');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

const answers = {
  'tickets.list': fx.queuePage,
  'tickets.open': fx.ticket,
  'proposal.create': fx.proposal,
  'proposal.editParam': fx.editedProposal,
  'run.approve': fx.run([{ stepId: 's1', status: 'pending' }, { stepId: 's2', status: 'pending' }]),
  'policy.get': { policy: fx.policy, source: '~/.legwork/policy.signed.json', signedBy: 'lead-key-1' },
  'policy.validate': { ok: false, errors: ['playbooks.cancel_order.cancel_pending_order: expected one of off, suggest, approve, auto'] },
  'policy.preview': { changes: [{ runId: 'run-101-1', stepId: 's1', action: 'cancel_pending_order', before: 'auto', after: 'approve' }] },
  'metrics.get': fx.metrics,
  'metrics.report': fx.metricsReport,
  'metrics.configure': { ok: true },
  'runs.list': fx.runs,
  'runs.sample': fx.runs,
  'runs.open': fx.openedRun,
  'settings.get': fx.settings,
};
const progress = [
  fx.run([{ stepId: 's1', status: 'running' }, { stepId: 's2', status: 'pending' }]),
  fx.run([{ stepId: 's1', status: 'done', after: 'shot1', durationMs: 2300 }, { stepId: 's2', status: 'running' }]),
  fx.run(
    [
      { stepId: 's1', status: 'done', after: 'shot1', durationMs: 2300 },
      { stepId: 's2', status: 'failed', after: 'shot2', error: { code: 'system_error', message: 'the helpdesk answered 500 twice', retryable: true } },
    ],
    { status: 'finished', outcome: 'escalated', escalation: 'The reply could not be sent. Ticket #101 is assigned to the Tier 2 queue with a note; the order is cancelled.' },
  ),
];

// plain JavaScript run in the page before the panel loads (no named functions: see the house rules)
const bridge = `
(() => {
  const answers = ${JSON.stringify(answers)};
  const progress = ${JSON.stringify(progress)};
  const reads = ${JSON.stringify(fx.reads)};
  const listeners = new Set();
  const emit = (event) => listeners.forEach((l) => l(event));
  const shot = (label, color) => 'data:image/svg+xml,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"><rect width="320" height="200" fill="#f4f4f4"/><rect width="320" height="28" fill="' + color + '"/><text x="10" y="19" fill="#fff" font-family="sans-serif" font-size="14">' + label + '</text><rect x="14" y="44" width="200" height="12" fill="#bbb"/><rect x="14" y="66" width="260" height="12" fill="#ccc"/><rect x="14" y="88" width="180" height="12" fill="#ccc"/><rect x="14" y="150" width="90" height="26" fill="#2a7"/></svg>');
  window.legwork = {
    call: (method, input) => new Promise((resolve) => {
      if (method === 'proposal.create') {
        reads.forEach((read, i) => setTimeout(() => emit({ type: 'proposal.read', ticketId: input.ticketId, read }), 50 * (i + 1)));
        setTimeout(() => resolve({ ok: true, data: answers[method] }), 200);
        return;
      }
      if (method === 'run.approve') progress.forEach((run, i) => setTimeout(() => emit({ type: 'run.progress', run }), 150 * (i + 1)));
      const data = answers[method];
      resolve(data === undefined ? { ok: false, error: { code: 'internal', message: 'not scripted: ' + method } } : { ok: true, data });
    }),
    on: (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
    blobUrl: (hash) => ({ shot1: shot('Orders · #W2378156 cancelled', '#1d4f91'), shot2: shot('Helpdesk · error 500', '#8a1c1c') })[hash] ?? shot(hash.startsWith('d') ? 'Orders · #W2378156 pending' : 'Orders · #W2378156 cancelled', '#1d4f91'),
  };
})();
`;

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const file = path.join(root, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
  if (!file.startsWith(root)) return void res.writeHead(403).end();
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.addInitScript({ content: bridge });
  await page.goto(base);
  const shoot = async (name: string) => {
    const file = path.join(outDir, `panel-${name}.png`);
    await page.screenshot({ path: file });
    console.log(file);
  };

  await page.getByRole('list', { name: 'Tickets' }).waitFor();
  await shoot('1-queue');
  await page.getByRole('button', { name: /Please cancel my order/ }).click();
  await page.getByRole('button', { name: 'Propose' }).click();
  await page.getByRole('list', { name: 'Steps' }).waitFor();
  await shoot('2-plan');
  await page.getByRole('list', { name: 'Steps' }).scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('[aria-label="Steps"]')?.scrollIntoView());
  await shoot('3-steps');
  await page.keyboard.press('Control+Enter');
  await page.getByRole('region', { name: /Escalation/ }).waitFor();
  await page.evaluate(() => document.querySelector('[aria-label="Steps"]')?.scrollIntoView());
  await shoot('4-run');
  await page.getByRole('region', { name: /Escalation/ }).scrollIntoViewIfNeeded();
  await shoot('5-escalation');
  await page.getByRole('tab', { name: 'Team lead' }).click();
  await page.getByRole('textbox', { name: 'Policy (JSON)' }).fill('{"version": 1, "playbooks": {"cancel_order": {"cancel_pending_order": "ask"}}}');
  await page.getByRole('list', { name: 'Policy errors' }).waitFor();
  await page.getByRole('button', { name: 'What would change' }).click();
  await page.getByRole('table').waitFor();
  await shoot('6-policy');
  await page.getByRole('heading', { name: 'Metrics per playbook' }).scrollIntoViewIfNeeded();
  await page.evaluate(() => document.getElementById('metrics-heading')?.scrollIntoView());
  await shoot('7-metrics');
  await page.getByRole('tab', { name: 'QA' }).click();
  await page.getByRole('list', { name: 'Runs' }).waitFor();
  await shoot('8-runs');
  await page.getByRole('button', { name: /Ticket #101/ }).click();
  await page.getByRole('region', { name: 'Step through events' }).waitFor();
  await page.getByRole('button', { name: /Step result/ }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot('9-timeline');
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByLabel('API key').waitFor();
  await shoot('10-settings');
  if (problems.length) console.error(`page problems:\n${problems.join('\n')}`);
} finally {
  await browser.close();
  server.close();
}
