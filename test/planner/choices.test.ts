// The agent's choices as the planner records them: at most four ranked options, ids stable across
// re-planning whatever was picked before, a pick returning the candidate it names.
import { describe, expect, it } from 'vitest';
import { Choices } from '../../core/planner/offline/choices.ts';

const candidates = (n: number) => Array.from({ length: n }, (_, i) => ({ value: i, label: `option ${i}`, why: `why ${i}`, effect: `effect ${i}` }));

describe('the agent\'s choices', () => {
  it('offers at most four options, best first, and waits for a pick', () => {
    const c = new Choices({}, 'the text');
    expect(c.pick('order', 'Which order?', candidates(6))).toBeNull();
    expect(c.shown).toHaveLength(1);
    expect(c.shown[0]!.options.map((o) => o.label)).toEqual(['option 0', 'option 1', 'option 2', 'option 3']);
    expect(c.open).toHaveLength(1);
  });

  it('takes a single candidate as it is, unless asked to confirm it', () => {
    const c = new Choices();
    expect(c.pick('variant', 'Which?', candidates(1))).toEqual({ value: 0 });
    expect(c.shown).toHaveLength(0);
    expect(c.pick('sentence', 'What about it?', candidates(1), { confirm: true })).toBeNull();
    expect(c.shown).toHaveLength(1);
  });

  it('gives the same id to the same choice whatever was picked before, and returns the picked candidate', () => {
    const first = new Choices();
    first.pick('order', 'Which order?', candidates(3));
    const id = first.shown[0]!.id;
    const again = new Choices({ [id]: '3', 'variant-unrelated': '1' });
    expect(again.pick('variant', 'Which colour?', candidates(2))).toBeNull();
    expect(again.pick('order', 'Which order?', candidates(3))).toEqual({ value: 2 });
    expect(again.shown.find((c) => c.id === id)!.picked).toBe('3');
    expect(again.open.map((c) => c.about)).toEqual(['variant']);
  });

  it('marks the span of text a choice comes from', () => {
    const c = new Choices({}, 'Hi. Please send the lamp back. Thanks');
    c.pick('sentence', 'What about it?', candidates(2), { span: 'Please send the lamp back.' });
    expect(c.shown[0]!.span).toEqual({ start: 4, end: 30, text: 'Please send the lamp back.' });
  });
});
