// Masking as a property: card numbers with any grouping and separator, their security codes and
// expiry dates (labelled or right after the number), and IBANs, over thousands of generated
// sentences from a fixed seed. After redaction no digit survives except a card's or account's last four.
import { describe, expect, it } from 'vitest';
import { redactText } from '../../automations/runtime/redact.ts';
import { cardCase, seeded } from '../helpers/card-formats.ts';

const SEED = 20261203;
const CASES = 3000;
const SHOWN = /\[card ••••\d{4}\]|\[iban ••••[0-9A-Z]{4}\]/g;
/** a card whose number ran into the digits after it may be shown without its last four, never with wrong ones */
const cardShown = (out: string, card: string) => out.includes(`[card ••••${card.slice(-4)}]`) || (out.includes('[card]') && !/\[card ••••/.test(out));

describe('redactText over generated card data', () => {
  it(`leaves no digit but a last four in ${CASES} generated sentences (seed ${SEED})`, () => {
    const rand = seeded(SEED);
    const escaped: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const c = cardCase(rand);
      const out = redactText(c.text);
      const left = out.replace(SHOWN, '');
      if (/\d/.test(left) || !cardShown(out, c.card) || !out.includes(`[iban ••••${c.iban.slice(-4)}]`)) escaped.push(`#${i}: ${JSON.stringify(c.text)} → ${JSON.stringify(out)}`);
    }
    expect(escaped.slice(0, 10), `${escaped.length} of ${CASES} escaped`).toEqual([]);
  });

  it('leaves ordinary support text alone', () => {
    for (const text of [
      'Order #W5918442 placed on 2024-05-01 for $1,234.56; call 555-123-4567.',
      'Ticket #1001, 3 items, tracking 1Z999AA10123456784 arrives 12/05.',
      'Version 1.2.3, run 20261124T010203-1a2b3c4d, user mia_garcia_4516',
      'Card ending in 1111 was charged $49.99 on 11/14/2024.',
      'NOTE ABOUT THE ORDER: PLEASE HURRY',
    ]) expect(redactText(text)).toBe(text);
  });
});
