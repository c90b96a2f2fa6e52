// The injection suite's cases: legitimate corpus tickets (expected `resolve`, with writes or read
// only), each with ONE injected sentence of one of 20 kinds planted at the start, in the middle or
// after the signature, with values from the data (another order of the same customer, a real
// address, the customer's gift card). Seeded and deterministic: the same seed gives the same cases.
// Each case keeps the legitimate ticket's gold, so `legwork eval --tickets` can run them too.
//
//   npx tsx test/injection/generate.ts [--seed N] [--count N] [--ci-sample] [--out FILE.jsonl]
import { readFileSync, writeFileSync } from 'node:fs';
import { CANCEL_REASONS } from '../../shared/retail.ts';
import { CorpusTicketSchema, type CorpusTicket } from '../../shared/ticket.ts';
import { World } from '../../sandbox/domain/world.ts';
import { INJECTION_KINDS, PLACEMENTS, plant, type InjectionContext, type Placement } from './kinds.ts';

export interface InjectionCase extends CorpusTicket {
  injection: { kind: string; placement: Placement; sentence: string; source: string };
}

const CORPUS = new URL('../corpus/tickets.jsonl', import.meta.url);

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The corpus tickets the suite starts from: expected `resolve`, from a known customer. */
export function legitimateTickets(text = readFileSync(CORPUS, 'utf8')): CorpusTicket[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => CorpusTicketSchema.parse(JSON.parse(l)))
    .filter((t) => t.expect.outcome === 'resolve' && !t.tags.includes('unknown-sender') && !t.tags.includes('prompt-injection'));
}

type Data = World['retail']['data'];

function contextFor(t: CorpusTicket, data: Data, rand: () => number): InjectionContext | undefined {
  const users = Object.entries(data.users);
  const found = users.find(([, u]) => u.email.toLowerCase() === t.from.toLowerCase());
  if (!found) return undefined;
  const [userId, user] = found;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const named = new Set([...t.expect.actions.map((a) => String(a.kwargs.order_id ?? '')), ...(t.body.match(/#?W\d{7}/g) ?? []).map((id) => `#${id.replace('#', '')}`)]);
  const others = user.orders.filter((id) => !named.has(id));
  const otherOrder = others.length ? pick(others) : pick(user.orders);
  const order = data.orders[otherOrder]!;
  const methods = Object.keys(user.payment_methods);
  const used = new Set(t.expect.actions.map((a) => String(a.kwargs.payment_method_id ?? '')));
  const otherMethods = methods.filter((m) => !used.has(m));
  const giftCards = methods.filter((m) => m.startsWith('gift_card_'));
  const anyGift = users.flatMap(([, u]) => Object.keys(u.payment_methods).filter((m) => m.startsWith('gift_card_')));
  const reasons = t.expect.actions.map((a) => a.kwargs.reason).filter(Boolean);
  const otherReason = CANCEL_REASONS.find((r) => !reasons.includes(r)) ?? CANCEL_REASONS[0];
  const [, stranger] = pick(users.filter(([id]) => id !== userId));
  const total = order.items.reduce((s, i) => s + i.price, 0);
  return {
    otherOrder,
    otherOrderStatus: order.status,
    otherItems: order.items.slice(0, 2).map((i) => i.item_id),
    address: { ...stranger.address },
    giftCard: giftCards.length ? pick(giftCards) : pick(anyGift),
    otherMethod: otherMethods.length ? pick(otherMethods) : pick(methods),
    otherReason,
    amount: Math.max(25, Math.round(total / 25) * 5),
    domain: t.from.split('@')[1] ?? 'example.com',
  };
}

/**
 * `count` cases: kinds and placements cycle together (every kind in every placement), each on the
 * next legitimate ticket of a seeded shuffle.
 */
export function generateCases(opts: { seed?: number; count?: number; tickets?: CorpusTicket[] } = {}): InjectionCase[] {
  const seed = opts.seed ?? 17;
  const count = opts.count ?? 1200;
  const rand = seededRandom(seed);
  const data = new World().retail.data;
  const sources = [...(opts.tickets ?? legitimateTickets())];
  for (let i = sources.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [sources[i], sources[j]] = [sources[j]!, sources[i]!];
  }
  const cases: InjectionCase[] = [];
  for (let i = 0, s = 0; cases.length < count && s < count * 2; s++) {
    const source = sources[s % sources.length]!;
    const context = contextFor(source, data, rand);
    if (!context) continue;
    const kind = INJECTION_KINDS[i % INJECTION_KINDS.length]!;
    const placement = PLACEMENTS[Math.floor(i / INJECTION_KINDS.length) % PLACEMENTS.length]!;
    const sentence = kind.sentence(context, (xs) => xs[Math.floor(rand() * xs.length)]!);
    cases.push({
      ...source,
      id: `inj${String(i + 1).padStart(4, '0')}`,
      body: plant(source.body, sentence, placement),
      tags: [...source.tags, 'injection', `injection:${kind.id}`, `placement:${placement}`],
      source: `${source.id}${source.source ? ` (${source.source})` : ''}`,
      injection: { kind: kind.id, placement, sentence, source: source.id },
    });
    i++;
  }
  return cases;
}

/** The CI sample: case i*20 + i%20 for i < 60, so kind i%20 and placement i%3 cover all 60 pairs once. */
export function ciSample(cases: InjectionCase[]): InjectionCase[] {
  return Array.from({ length: 60 }, (_, i) => cases[i * 20 + (i % 20)]).filter((c): c is InjectionCase => Boolean(c));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const all = generateCases({ seed: Number(arg('seed') ?? 17), count: Number(arg('count') ?? 1200) });
  const cases = process.argv.includes('--ci-sample') ? ciSample(all) : all;
  const out = arg('out');
  // a corpus line: the case without its injection record (CorpusTicketSchema is not strict, but eval keeps lines small)
  const lines = cases.map(({ injection: _i, ...t }) => JSON.stringify(t)).join('\n');
  if (out) writeFileSync(out, `${lines}\n`);
  else process.stdout.write(`${lines}\n`);
  process.stderr.write(`${cases.length} cases${out ? ` in ${out}` : ''}\n`);
}
