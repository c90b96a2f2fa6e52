// The CRM (CustomerBase): find a customer by email or by name + ZIP, read a customer as the CRM
// shows them; change the default address (the benchmark's modify_user_address) and add a note.
import { z } from 'zod';
import { defineSystem } from '../../runtime/system.ts';
import { defineAction, type ActionContext } from '../../runtime/action.ts';
import { addressLines, legacyWebParts } from '../common/legacy-web.ts';
import {
  CrmCustomerSchema,
  addNote,
  addressShows,
  confirmAddress,
  fillAddressForm,
  norm,
  openProfile,
  profileInView,
  readNotes,
  readProfile,
  searchCustomers,
  shownAddressLines,
  type SearchHit,
} from './pages.ts';

export { CrmCustomerSchema, type CrmCustomer } from './pages.ts';


const UserId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.-]+$/, 'a customer id is letters, digits, "_", "." or "-" (e.g. noah_brown_6181)');
const Name = z.string().trim().min(1).max(100);
/** the address form takes at most 120 characters a field (its inputs' maxlength) */
const ADDRESS_MAX = 120;
const Line = (max = ADDRESS_MAX) => z.string().trim().min(1).max(max);

const UserIdOutput = z.object({ user_id: z.string().min(1) });

/** Exactly one hit, or not_found saying why. */
async function onlyOne(ctx: ActionContext, hits: SearchHit[], what: string): Promise<{ user_id: string }> {
  if (hits.length === 1) return { user_id: hits[0]!.user_id };
  if (hits.length === 0) throw await ctx.failure('not_found', `no customer in the CRM has ${what}`);
  throw await ctx.failure('not_found', `${hits.length} customers in the CRM have ${what} (${hits.map((h) => h.user_id).join(', ')}); ask the customer for more`);
}

export const findUserIdByEmail = defineAction({
  id: 'find_user_id_by_email',
  system: 'crm',
  kind: 'read',
  input: z.object({ email: z.string().trim().toLowerCase().pipe(z.email()) }),
  output: UserIdOutput,
  run: async (ctx, { email }) => {
    const hits = (await searchCustomers(ctx, email)).filter((h) => h.email.toLowerCase() === email);
    return onlyOne(ctx, hits, `the email ${email}`);
  },
});

export const findUserIdByNameZip = defineAction({
  id: 'find_user_id_by_name_zip',
  system: 'crm',
  kind: 'read',
  input: z.object({ first_name: Name, last_name: Name, zip: z.string().trim().min(1).max(20) }),
  output: UserIdOutput,
  run: async (ctx, { first_name, last_name, zip }) => {
    const name = norm(`${first_name} ${last_name}`).toLowerCase();
    const hits = await searchCustomers(ctx, `${first_name} ${last_name}`);
    // the search matches substrings; a match must agree on the whole name (any case, as the benchmark) and the ZIP exactly
    const matches = hits.filter((h) => norm(h.name).toLowerCase() === name && h.zip === zip);
    const others = hits.filter((h) => norm(h.name).toLowerCase() === name).length - matches.length;
    return onlyOne(ctx, matches, `the name ${first_name} ${last_name} and the ZIP ${zip}${others > 0 ? ` (${others} with that name elsewhere)` : ''}`);
  },
});

export const getUserDetails = defineAction({
  id: 'get_user_details',
  system: 'crm',
  kind: 'read',
  input: z.object({ user_id: UserId }),
  output: CrmCustomerSchema,
  run: async (ctx, { user_id }) => {
    await openProfile(ctx, user_id);
    return readProfile(ctx);
  },
});

const AddressInput = z.object({
  user_id: UserId,
  address1: Line(),
  address2: z.string().trim().max(ADDRESS_MAX),
  city: Line(),
  state: Line(),
  country: Line(),
  zip: Line(20),
});

export const modifyUserAddress = defineAction({
  id: 'modify_user_address',
  system: 'crm',
  kind: 'write',
  input: AddressInput,
  output: z.object({}),
  open: (ctx, { user_id }) => openProfile(ctx, user_id),
  alreadyDone: async (ctx, address) => addressShows(await shownAddressLines(ctx), address),
  run: async (ctx, { user_id, ...address }) => {
    await fillAddressForm(ctx, user_id, address);
    await confirmAddress(ctx, user_id, address);
    return {};
  },
  verify: async (ctx, { user_id, ...address }) => {
    await profileInView(ctx, user_id);
    const shown = await shownAddressLines(ctx);
    return addressShows(shown, address) || `the default address shows "${shown.join(' / ')}", not "${addressLines(address).join(' / ')}"`;
  },
});

const sameBody = (a: string, b: string) => norm(a) === norm(b);

export const addCrmNote = defineAction({
  id: 'add_crm_note',
  system: 'crm',
  kind: 'write',
  input: z.object({ user_id: UserId, body: z.string().trim().min(1).max(20_000) }),
  output: z.object({}),
  open: (ctx, { user_id }) => openProfile(ctx, user_id),
  alreadyDone: async (ctx, { body }) => (await readNotes(ctx)).some((n) => sameBody(n.body, body)),
  run: async (ctx, { body }) => {
    await addNote(ctx, body);
    return {};
  },
  verify: async (ctx, { user_id, body }) => {
    await profileInView(ctx, user_id);
    const count = (await readNotes(ctx)).filter((n) => sameBody(n.body, body)).length;
    return count === 1 || `the note shows ${count} times on ${user_id}'s profile`;
  },
});

export const crmActions = [findUserIdByEmail, findUserIdByNameZip, getUserDetails, modifyUserAddress, addCrmNote];

/** The sandbox's CustomerBase CRM as the crm role's connector. */
export const crmSystem = defineSystem({ id: 'sandbox-crm', title: 'CustomerBase CRM', role: 'crm', actions: crmActions, ...legacyWebParts('CustomerBase CRM') });
export const crm = crmSystem.connector;
