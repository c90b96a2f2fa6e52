// The agent's choices: where grounding leaves a few plausible candidates (which order, which variant,
// which payment method, what to do with a sentence nothing serves), the plan carries a Choice with
// at most four ranked options instead of a question to the customer. Picking one re-plans the
// ticket with the pick (`PlanOptions.picks`), so amounts, effects, reply and decisions follow it.
import { createHash } from 'node:crypto';
import type { Choice, ChoiceOption, Picks } from '../../../shared/request.ts';

export interface Candidate<T> {
  value: T;
  label: string;
  why: string;
  effect: string;
  kind?: ChoiceOption['kind'];
}

export const MAX_OPTIONS = 4;

/** A choice's id: stable across re-planning the same ticket, whatever else is chosen before it. */
function choiceId(about: Choice['about'], question: string, labels: string[]): string {
  return `${about}-${createHash('sha256').update([question, ...labels].join('\n')).digest('hex').slice(0, 10)}`;
}

export class Choices {
  /** every choice met while planning, picked or not, in the order met */
  readonly shown: Choice[] = [];

  constructor(
    private readonly picks: Picks = {},
    /** the text spans are offsets into */
    private readonly text = '',
  ) {}

  /**
   * The agent's pick among ranked candidates (best first; only the first four are offered), or
   * null while none is picked — the choice is then shown and what depends on it waits. A single
   * candidate is taken as it is unless `confirm` asks the agent to confirm it.
   */
  pick<T>(about: Choice['about'], question: string, candidates: Candidate<T>[], opts: { span?: string; confirm?: boolean } = {}): { value: T } | null {
    const ranked = candidates.slice(0, MAX_OPTIONS);
    if (ranked.length === 0) return null;
    if (ranked.length === 1 && !opts.confirm) return { value: ranked[0]!.value };
    const id = choiceId(about, question, ranked.map((c) => c.label));
    const options: ChoiceOption[] = ranked.map((c, i) => ({ id: String(i + 1), label: c.label, why: c.why, effect: c.effect, writes: [], kind: c.kind ?? 'candidate' }));
    const picked = options.find((o) => o.id === this.picks[id]) ?? null;
    if (!this.shown.some((c) => c.id === id)) this.shown.push({ id, about, question, options, picked: picked?.id ?? null, ...this.spanOf(opts.span) });
    return picked ? { value: ranked[Number(picked.id) - 1]!.value } : null;
  }

  /** the choices still waiting for the agent */
  get open(): Choice[] {
    return this.shown.filter((c) => c.picked === null);
  }

  private spanOf(said: string | undefined): { span?: Choice['span'] } {
    if (!said) return {};
    const start = this.text.indexOf(said);
    return start < 0 ? { span: { start: 0, end: 0, text: said } } : { span: { start, end: start + said.length, text: said } };
  }
}
