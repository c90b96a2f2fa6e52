// What a ticket asks for, typed: the planner's understand stage turns a ticket's text into
// Requests (kind + slots, each slot with the span of text it came from); grounding resolves the
// slots against what the systems hold, or leaves a Choice for the agent. Nothing downstream parses
// prose: coverage, composition and the panel read these.
import { z } from 'zod';
import { ActionCallSchema } from './retail.ts';

/** A piece of the ticket's text a slot or request came from, by character offsets into the body. */
export const SpanSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), text: z.string() });
export type Span = z.infer<typeof SpanSchema>;

export const REQUEST_KINDS = [
  'cancel',
  'change_items',
  'change_shipping_address',
  'change_payment',
  'return',
  'exchange',
  'change_default_address',
  'billing_dispute',
  'information',
  'out_of_scope',
] as const;
export const RequestKindSchema = z.enum(REQUEST_KINDS);
export type RequestKind = z.infer<typeof RequestKindSchema>;

/** Which order a request is about, as the customer named it. */
export const OrderRefSchema = z.discriminatedUnion('by', [
  z.object({ by: z.literal('id'), orderId: z.string(), span: SpanSchema.optional() }),
  z.object({ by: z.literal('items'), words: z.array(z.string()), span: SpanSchema.optional() }),
  z.object({ by: z.literal('status'), status: z.string(), span: SpanSchema.optional() }),
  z.object({ by: z.literal('recency'), which: z.enum(['latest', 'other']), span: SpanSchema.optional() }),
  z.object({ by: z.literal('unspecified') }),
]);
export type OrderRef = z.infer<typeof OrderRefSchema>;

/** One option wish on an item: "in black", "not the glass one", "bigger". */
export const OptionConstraintSchema = z.object({
  /** the option's name where the text names it ("colour"), else null: matched against every option */
  option: z.string().nullable(),
  /** the wished value as said ("black", "1.5 litre"), or the comparative's direction */
  value: z.string(),
  relation: z.enum(['is', 'not', 'more', 'less', 'same', 'any']),
  span: SpanSchema.optional(),
});
export type OptionConstraint = z.infer<typeof OptionConstraintSchema>;

export const ItemRefSchema = z.object({
  /** the product phrase as said ("the water bottle") */
  phrase: z.string(),
  /** kept or excepted ("everything but the lamp"): the item is named to be left alone */
  keep: z.boolean().default(false),
  constraints: z.array(OptionConstraintSchema).default([]),
  span: SpanSchema.optional(),
});
export type ItemRef = z.infer<typeof ItemRefSchema>;

export const PaymentWishSchema = z.object({
  kind: z.enum(['original', 'gift_card', 'card', 'paypal', 'unspecified']),
  /** last digits or brand where said */
  detail: z.string().optional(),
  span: SpanSchema.optional(),
});
export type PaymentWish = z.infer<typeof PaymentWishSchema>;

export const RequestSchema = z.object({
  kind: RequestKindSchema,
  order: OrderRefSchema.default({ by: 'unspecified' }),
  items: z.array(ItemRefSchema).default([]),
  payment: PaymentWishSchema.optional(),
  /** a new address as said (one line) */
  address: z.string().optional(),
  reason: z.object({ text: z.string(), span: SpanSchema.optional() }).optional(),
  /** "if there is no X, then Y": the fallback wish, as its own request */
  otherwise: z.string().optional(),
  /** for information: what is asked (tracking, status, price, options, payment, balance) */
  topic: z.string().optional(),
  /** the sentence(s) the request came from */
  span: SpanSchema,
  /** one line a person reads: "cancel #W123 (no longer needed)" */
  summary: z.string(),
  /** where grounding put it: the order id it runs on, once known */
  orderId: z.string().optional(),
});
export type Request = z.infer<typeof RequestSchema>;

/** One option of a Choice: what the agent may pick, why it matched, what it would do. */
export const ChoiceOptionSchema = z.object({
  /** stable within the choice: "1"…"4" */
  id: z.string().min(1),
  label: z.string(),
  /** why it matched: "names the laptop; the only pending order with one" */
  why: z.string(),
  /** what picking it would do, in words */
  effect: z.string(),
  /** the benchmark writes this option leads to, where it leads to any (the eval's simulated agent reads them) */
  writes: z.array(ActionCallSchema).default([]),
  /** the sentence-level options of an unmapped sentence */
  kind: z.enum(['candidate', 'leave_out', 'hand_over', 'answer_myself']).default('candidate'),
});
export type ChoiceOption = z.infer<typeof ChoiceOptionSchema>;

export const CHOICE_ABOUT = ['order', 'variant', 'payment_method', 'reason', 'items', 'sentence'] as const;

/** A few plausible candidates the planner could not tell apart: the agent picks one (keys 1–4). */
export const ChoiceSchema = z.object({
  /** stable across re-planning the same ticket: "c1", "c2"… in the order found */
  id: z.string().min(1),
  about: z.enum(CHOICE_ABOUT),
  /** what is being chosen, for a person: "Which order is 'the laptop' in?" */
  question: z.string(),
  /** the text it comes from */
  span: SpanSchema.optional(),
  /** the step it sits under in the panel, where one exists already */
  stepId: z.string().optional(),
  /** ranked, best first; at most 4 */
  options: z.array(ChoiceOptionSchema).min(1).max(4),
  /** the option the agent picked (the plan is re-composed with it), null until then */
  picked: z.string().nullable().default(null),
});
export type Choice = z.infer<typeof ChoiceSchema>;

/** The agent's picks, by choice id: what `proposal.create` re-composes a plan with. */
export const PicksSchema = z.record(z.string(), z.string());
export type Picks = z.infer<typeof PicksSchema>;
