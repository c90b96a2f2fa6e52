// A real Request Tracker 5 for tests: started (installed on first use) and reset to its seeded
// tickets through ../shared/tools/request-tracker-5/setup.sh; tickets mailed in through RT's own
// mail gateway; its state read back through RT's REST 2 API, as an outsider would.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const RT_TOOL = process.env.LEGWORK_RT_TOOL ?? path.resolve(import.meta.dirname, '../../../shared/tools/request-tracker-5');
const STATE = '/var/lib/rt-test-target';
export const RT_ROOT = { username: 'root', password: process.env.RT_ROOT_PASSWORD ?? 'rtadmin-pass' };
export const RT_AGENT = { username: 'sam', password: 'agent-pass' };

/** Why RT tests cannot run here, or undefined when they can. */
export function rtUnavailable(): string | undefined {
  if (!existsSync(path.join(RT_TOOL, 'setup.sh'))) return `no RT setup script at ${RT_TOOL} (set LEGWORK_RT_TOOL)`;
  if (process.getuid?.() !== 0) return 'setup.sh installs and starts RT as root; these tests run as another user';
  return undefined;
}

/** Starts RT (installing it the first time) with its freshly seeded tickets; its base URL. */
export function startRt(): string {
  execFileSync(path.join(RT_TOOL, 'setup.sh'), ['--reset', '--no-verify'], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
  const port = readFileSync(path.join(STATE, 'rt-server.port'), 'utf8').trim();
  return `http://127.0.0.1:${port}`;
}

/** Mails a customer's message into a queue through rt-mailgate (as setup.sh seeds); the new ticket's id. */
export function mailTicket(base: string, mail: { from: string; name: string; subject: string; body: string; queue: string }): number {
  const eml = [
    `From: ${mail.name} <${mail.from}>`,
    `To: ${mail.queue.toLowerCase()}@example.test`,
    `Subject: ${mail.subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <legwork-test-${Date.now()}-${Math.random().toString(36).slice(2)}@customers.example.com>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    mail.body,
    '',
  ].join('\n');
  const out = execFileSync('/usr/bin/rt-mailgate-5', ['--queue', mail.queue, '--action', 'correspond', '--url', `${base}/`, '--timeout', '60'], { input: eml, encoding: 'utf8' });
  const id = /Ticket:\s*(\d+)/.exec(out)?.[1] ?? /#(\d+)/.exec(out)?.[1];
  if (id) return Number(id);
  // the gateway said nothing usable: the newest ticket of this requestor is the one
  const found = rest<{ items: { id: string }[] }>(base, `/tickets?query=${encodeURIComponent(`Requestor.EmailAddress = '${mail.from}'`)}&orderby=id&order=DESC`);
  return Number(found.items[0]!.id);
}

/** GET on RT's REST 2 API as root. */
export function rest<T>(base: string, route: string): T {
  const res = execFileSync('curl', ['-s', '--fail', '-u', `${RT_ROOT.username}:${RT_ROOT.password}`, `${base}/REST/2.0${route}`], { encoding: 'utf8' });
  return JSON.parse(res) as T;
}

export interface RtTicketState {
  status: string;
  owner: string;
  queue: string;
  /** the ticket's messages in order: Create / Correspond / Comment, who wrote it, its text (tags stripped) */
  messages: { type: string; creator: string; text: string }[];
}

/** A ticket as RT's database has it, through REST 2. */
export function rtTicket(base: string, id: number): RtTicketState {
  const t = rest<{ Status: string; Owner: { id: string }; Queue: { id: string } }>(base, `/ticket/${id}`);
  const queue = rest<{ Name: string }>(base, `/queue/${t.Queue.id}`).Name;
  const history = rest<{ items: { id: string; Type: string; Creator: { id: string } }[] }>(base, `/ticket/${id}/history?fields=Type,Creator&per_page=100`);
  const messages = history.items
    .filter((h) => ['Create', 'Correspond', 'Comment'].includes(h.Type))
    .map((h) => {
      const parts = rest<{ items: { ContentType: string; Content?: string }[] }>(base, `/transaction/${h.id}/attachments?fields=Content,ContentType`).items;
      const text = parts.filter((p) => /^text\//.test(p.ContentType) && p.Content).map((p) => p.Content!.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>/gi, '\n\n').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&quot;/g, '"'))[0] ?? '';
      return { type: h.Type, creator: h.Creator.id, text: text.trim() };
    });
  return { status: t.Status, owner: t.Owner.id, queue, messages };
}

/** Whitespace-insensitive text comparison, as a page's text and a typed message compare. */
export const sameText = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
