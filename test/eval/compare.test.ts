import { describe, expect, it } from 'vitest';
import { beyondGold, classify, inCents, stateDiff } from '../../core/eval/compare.ts';
import { parseCorpus } from '../../core/eval/run-eval.ts';

const base = { expectedOutcome: 'resolve' as const, plannedOutcome: 'resolve' as const, wrote: true, goldHasWrites: true, diff: [] as string[] };

describe('eval judgement', () => {
  it('compares amounts in cents and names where states differ', () => {
    expect(inCents({ a: [10.100000001, 3] })).toEqual({ a: [10.1, 3] });
    expect(stateDiff({ orders: { W1: { status: 'pending', total: 10.1 } } }, { orders: { W1: { status: 'pending', total: 10.100000004 } } })).toEqual([]);
    expect(stateDiff({ orders: { W1: { status: 'pending' } } }, { orders: { W1: { status: 'cancelled' } } })).toEqual(['orders.W1.status: gold "cancelled", got "pending"']);
    expect(stateDiff({ a: [1, 2] }, { a: [1, 2, 3] })).toEqual(['a.2: gold 3, got undefined']);
  });

  it('classes a ticket by what was written and what was decided', () => {
    expect(classify(base)).toBe('correct');
    expect(classify({ ...base, diff: ['x'] })).toBe('wrong_write');
    expect(classify({ ...base, wrote: false, diff: ['x'], plannedOutcome: 'ask' })).toBe('asked');
    expect(classify({ ...base, wrote: false, diff: ['x'], plannedOutcome: 'escalate' })).toBe('escalated');
    expect(classify({ ...base, wrote: false, diff: ['x'] })).toBe('missed');
    // the expected ask happened and nothing was written
    expect(classify({ ...base, expectedOutcome: 'ask', plannedOutcome: 'ask', wrote: false, goldHasWrites: false })).toBe('correct');
    // an escalation where an ask was expected is not correct
    expect(classify({ ...base, expectedOutcome: 'ask', plannedOutcome: 'escalate', wrote: false, goldHasWrites: false })).toBe('escalated');
    // answered (no write) where an escalation was expected
    expect(classify({ ...base, expectedOutcome: 'escalate', plannedOutcome: 'resolve', wrote: false, goldHasWrites: false })).toBe('missed');
  });

  it('classes a run that did part of gold and handed over as a clean escalation, not a wrong write', () => {
    const before = { orders: { W1: { status: 'pending' }, W2: { status: 'pending' } } };
    const gold = { orders: { W1: { status: 'cancelled' }, W2: { status: 'cancelled' } } };
    const partial = { orders: { W1: { status: 'cancelled' }, W2: { status: 'pending' } } };
    const wrong = { orders: { W1: { status: 'cancelled' }, W2: { status: 'pending' }, W3: { status: 'cancelled' } } };
    expect(beyondGold(partial, gold, before)).toEqual([]);
    expect(beyondGold(wrong, gold, before)).toEqual(['orders.W3: before undefined, gold undefined, got {"status":"cancelled"}']);
    // a gold write done with another parameter is beyond gold
    expect(beyondGold({ orders: { W1: { status: 'cancelled', reason: 'x' } } }, { orders: { W1: { status: 'cancelled', reason: 'y' } } }, { orders: { W1: { status: 'pending' } } })).toEqual([
      'orders.W1.reason: before undefined, gold "y", got "x"',
    ]);
    // a sorted list of records shifts when only some of gold's writes were done: compared by id, nothing is beyond
    const refund = (order: string) => ({ refund_id: `re_${order}`, order_id: order });
    expect(beyondGold({ refunds: [refund('A'), refund('C'), refund('D')] }, { refunds: [refund('A'), refund('B'), refund('C'), refund('D')] }, { refunds: [refund('A'), refund('D')] })).toEqual([]);
    expect(beyondGold({ refunds: [refund('A'), refund('D'), refund('E')] }, { refunds: [refund('A'), refund('B'), refund('D')] }, { refunds: [refund('A'), refund('D')] })).toEqual([
      'refunds.refund_id=re_E: before undefined, gold undefined, got {"refund_id":"re_E","order_id":"E"}',
    ]);
    const partialRun = { ...base, handedOver: true, diff: stateDiff(partial, gold), beyondGold: beyondGold(partial, gold, before) };
    expect(classify(partialRun)).toBe('clean_escalation');
    // nothing written, run stopped at its first write and handed over
    expect(classify({ ...partialRun, wrote: false })).toBe('clean_escalation');
    // the same end state without a hand-over note is still a wrong write
    expect(classify({ ...partialRun, handedOver: false })).toBe('wrong_write');
    // a hand-over after a write gold lacks is a wrong write
    expect(classify({ ...partialRun, beyondGold: beyondGold(wrong, gold, before) })).toBe('wrong_write');
    // a run that wrote everything and then failed to close is correct
    expect(classify({ ...base, handedOver: true, beyondGold: [] })).toBe('correct');
  });

  it('reports a malformed corpus line with its number and keeps the rest', () => {
    const good = { id: 't1', from: 'a@b.co', subject: 's', body: 'b', expect: { outcome: 'ask', actions: [] } };
    const text = [JSON.stringify(good), '{"id": "t2", oops', JSON.stringify({ ...good, id: 't3', expect: { outcome: 'maybe', actions: [] } }), '', JSON.stringify(good)].join('\n');
    const { tickets, bad } = parseCorpus(text);
    expect(tickets.map((t) => [t.line, t.ticket.id])).toEqual([[1, 't1']]);
    expect(bad.map((b) => b.line)).toEqual([2, 3, 5]);
    expect(bad[0]!.error).toMatch(/not JSON/);
    expect(bad[1]!.error).toMatch(/expect\.outcome/);
    expect(bad[2]!.error).toMatch(/duplicate id t1/);
  });
});

describe('comparable state', () => {
  it('compares billing adjustments without their free-text reason', async () => {
    const { comparable } = await import('../../core/eval/compare.ts');
    const a = { billing: { adjustments: [{ adjustment_id: 'adj_0001', order_id: '#W1', charge_id: 'ch_1', amount: 5, reason: 'duplicate capture' }] } };
    const b = { billing: { adjustments: [{ adjustment_id: 'adj_0001', order_id: '#W1', charge_id: 'ch_1', amount: 5, reason: 'customer was charged twice' }] } };
    expect(stateDiff(comparable(a), comparable(b))).toEqual([]);
    expect(stateDiff(comparable(a), comparable({ billing: { adjustments: [{ ...b.billing.adjustments[0], amount: 6 }] } }))).toHaveLength(1);
  });
});
