// Token and cost accounting of one ticket's LLM calls, priced from a configurable table.
import { z } from 'zod';
import type { Usage } from '../../../shared/plan.ts';

/** US dollars per million tokens, by model id; "*" prices any model not listed. */
export const PriceTableSchema = z.record(
  z.string().min(1),
  z.object({ inputPerMillion: z.number().nonnegative(), outputPerMillion: z.number().nonnegative() }),
);
export type PriceTable = z.infer<typeof PriceTableSchema>;

/** Sums the usage the endpoint reports for each call; a model missing from the table costs 0. */
export class UsageMeter {
  private prompt = 0;
  private completion = 0;
  private calls = 0;
  private cost = 0;

  constructor(
    private readonly model: string,
    private readonly pricing: PriceTable = {},
  ) {}

  /** One answered call; `usage` as the chat-completions response carries it (absent on some servers). */
  add(usage: { prompt_tokens?: number; completion_tokens?: number } | null | undefined): void {
    const prompt = Math.max(0, Math.round(usage?.prompt_tokens ?? 0));
    const completion = Math.max(0, Math.round(usage?.completion_tokens ?? 0));
    const price = this.pricing[this.model] ?? this.pricing['*'];
    this.prompt += prompt;
    this.completion += completion;
    this.calls += 1;
    if (price) this.cost += (prompt * price.inputPerMillion + completion * price.outputPerMillion) / 1_000_000;
  }

  total(): Usage {
    return {
      promptTokens: this.prompt,
      completionTokens: this.completion,
      calls: this.calls,
      // a millionth of a dollar is finer than any bill
      costUsd: Math.round(this.cost * 1_000_000) / 1_000_000,
    };
  }
}
