// Which sentences of a ticket are the customer's own request, and which are framed as an instruction
// to the agent, a bot or the system, or forwarded or quoted from someone else (issue 17). The cues
// are data that people review (`framing.json`), checked with zod on load: a pattern that does not
// compile, or a flag that would make a test stateful (g, y), is refused with the entry's place.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Cue = z
  .strictObject({
    pattern: z.string().min(1),
    flags: z.string().regex(/^[imsu]*$/, 'flags may be i, m, s and u only (g and y make a test stateful)'),
    /** what the cue catches, in words the agent reads beside the sentence */
    about: z.string().min(1),
  })
  .superRefine((cue, ctx) => {
    try {
      new RegExp(cue.pattern, cue.flags);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: `not a regular expression: ${(e as Error).message}` });
    }
  });
type Cue = z.infer<typeof Cue>;

export const FramingSchema = z.strictObject({
  _about: z.string(),
  /** characters a reader cannot see: a sentence carrying them is framed, and they are stripped before reading */
  hidden: Cue,
  /** from a line like this on, the text was forwarded from someone else */
  forwarded: Cue,
  /** a line quoted from someone else */
  quoted: Cue,
  framed: z.array(Cue).min(1),
});
export type Framing = z.infer<typeof FramingSchema>;

/** Parses a framing file's text; a file that does not parse is refused with the reason. */
export function parseFraming(text: string, file = 'framing.json'): Framing {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  const parsed = FramingSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

const FRAMING = parseFraming(readFileSync(new URL('./framing.json', import.meta.url), 'utf8'));
const compiled = (c: Cue) => ({ re: new RegExp(c.pattern, c.flags), about: c.about });
const CUES = [...FRAMING.framed.map(compiled), compiled(FRAMING.hidden)];
const FORWARDED = compiled(FRAMING.forwarded);
const QUOTED = compiled(FRAMING.quoted);

/** The characters a reader cannot see, everywhere in a text (for stripping them). */
export const HIDDEN_CHARS = new RegExp(FRAMING.hidden.pattern, `${FRAMING.hidden.flags}g`);

export interface Segment {
  text: string;
  framed: boolean;
  /** why it is framed: what its cue catches (framing.json's `about`) */
  why?: string;
}

const cueOf = (text: string) => CUES.find((c) => c.re.test(text))?.about;
const segment = (text: string, why: string | undefined): Segment => (why ? { text, framed: true, why } : { text, framed: false });

/** The ticket's text cut into sentences (and lines), each marked framed or the customer's own. */
export function segments(subject: string, body: string): Segment[] {
  const out: Segment[] = [segment(subject, cueOf(subject))];
  let forwarded = false;
  // an HTML comment or a markdown comment is one segment however it is punctuated
  const blocks = body.split(/(<!--[\s\S]*?-->|\[\/\/\]:\s*#\s*\([^)]*\))/);
  for (const block of blocks) {
    if (!block.trim()) continue;
    if (/^(?:<!--|\[\/\/\]:)/.test(block)) {
      out.push(segment(block, cueOf(block) ?? 'text hidden from a reader (a comment)'));
      continue;
    }
    for (const line of block.split('\n')) {
      if (FORWARDED.re.test(line)) forwarded = true;
      const quoted = QUOTED.re.test(line);
      // a sentence ends at . ! or ? and any closing bracket or quote after it ("…pre-approved.] I think")
      for (const sentence of line.split(/(?<=[.!?][\])"']*)\s+(?=[A-Z\[<{#>-])/)) {
        if (!sentence.trim()) continue;
        out.push(segment(sentence, forwarded ? FORWARDED.about : quoted ? QUOTED.about : cueOf(sentence)));
      }
    }
  }
  return out;
}

/** A sentence as the agent reads it quoted: hidden characters out, on one line, at most 300 characters. */
export const quoteOf = (s: string) => {
  const one = s.replace(HIDDEN_CHARS, '').replace(/\s+/g, ' ').trim();
  return one.length > 300 ? `${one.slice(0, 297)}...` : one;
};
