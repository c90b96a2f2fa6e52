// The offline planner's general-language vocabulary, kept as data (`vocabulary.json`) that people
// review: words customers use for kinds of products, name words too common to name one product,
// and the cues of the two cancellation reasons. Everything specific to the store — product names,
// option names and values — is read from the catalogue at plan time, never listed here.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Words = z.array(z.string().trim().toLowerCase().min(1)).min(1);

export const VocabularySchema = z.strictObject({
  _about: z.string(),
  /** a kind of product as the catalogue names it → the other words customers use for it */
  productWords: z.record(z.string().toLowerCase(), Words),
  genericNameWords: Words,
  cancelReasonCues: z.strictObject({ 'ordered by mistake': Words, 'no longer needed': Words }),
  /** quantities: each unit's dimension, its factor to the dimension's base unit, and how it is written */
  /** phrases by which a customer says not to act yet: nothing is written, what would be done is shown */
  holdCues: Words,
  /** nouns that make a request word a fact ("a cancellation email", "the return window") */
  noticeNouns: Words,
  /** words that praise an item ("it's lovely", "was perfect"): an item praised and not asked about is kept */
  praiseWords: Words,
  units: z.record(z.string(), z.strictObject({ dimension: z.string().min(1), factor: z.number().positive(), words: Words })),
});
export type Vocabulary = z.infer<typeof VocabularySchema>;

/** Parses a vocabulary file's text; a file that does not parse is refused with the reason. */
export function parseVocabulary(text: string, file = 'vocabulary.json'): Vocabulary {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  const parsed = VocabularySchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export const VOCABULARY: Vocabulary = parseVocabulary(readFileSync(new URL('./vocabulary.json', import.meta.url), 'utf8'));

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "'?");
/** A word list as one whole-word pattern (an apostrophe may be left out: "dont"). */
/** The cues as one pattern; a cue matches its plural too ("mistakes"). */
export const cuePattern = (words: string[]) => new RegExp(`\\b(${words.map(escape).join('|')})(s|es)?\\b`, 'i');
