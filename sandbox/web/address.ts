// The address form both the CRM (default address) and Orders (shipping address) show, and how
// its answer is read. Prefilled from the query string when the confirmation page's "Go back"
// returns what was typed.
import { html } from 'hono/html';
import type { Address } from '../../shared/retail.ts';
import { field, one, required, PageError, type Ctx, type Form } from './kit.ts';

export const ADDRESS_FIELDS: [key: keyof Address, label: string, required: boolean][] = [
  ['address1', 'Address line 1', true],
  ['address2', 'Address line 2', false],
  ['city', 'City', true],
  ['state', 'State', true],
  ['country', 'Country', true],
  ['zip', 'ZIP', true],
];

export const ADDRESS_FIELD_MAX = 120;

export function addressInputs(c: Ctx, current: Address) {
  // no `required` in the markup: like many old apps, only the server checks (addressFromForm)
  return ADDRESS_FIELDS.map(([key, label]) =>
    field(c, label, (id) => html`<input id="${id}" name="${key}" value="${c.req.query(key) ?? current[key]}" size="36" maxlength="${ADDRESS_FIELD_MAX}">`),
  );
}

/** The address a form sent: required fields present, none too long. */
export function addressFromForm(form: Form): Address {
  const address = {} as Address;
  for (const [key, label, req] of ADDRESS_FIELDS) {
    const value = req ? required(form, key, label) : one(form, key).trim();
    if (value.length > ADDRESS_FIELD_MAX) throw new PageError(400, 'Invalid request', `${label} is too long (at most ${ADDRESS_FIELD_MAX} characters).`);
    address[key] = value;
  }
  return address;
}

/** An address as lines on a page. */
export function addressLines(a: Address) {
  const lines = [a.address1, a.address2, `${a.city}, ${a.state} ${a.zip}`, a.country].filter((l) => l.trim() !== '');
  return html`${lines.map((l, i) => html`${i > 0 ? html`<br>` : ''}${l}`)}`;
}
