// `defineSystem`: one legacy system's connector in one module — which role it fills, its actions,
// how to sign in, how it refuses with HTTP 200, and what pops up over its pages. Core builds the
// runner, the action registry and the planner's read tool from these, chosen by systems.json.
import type { Locator, Page } from 'playwright-core';
import { roleGaps, RoleIdSchema, ROLE_ACTIONS, type RoleId } from '../../shared/roles/index.ts';
import { notThisSystem, type ActionDefinition, type Refusal, type SystemConnector } from './action.ts';
import type { Credentials } from './secrets.ts';

export type AnyAction = ActionDefinition<any, any>;

export interface SystemSpec {
  /** the connector's name, as systems.json names it: "rt", "sandbox-helpdesk" */
  id: string;
  /** what a person calls the system: "Request Tracker 5" */
  title: string;
  /** the role it fills (shared/roles/): it must have every action of that role */
  role: RoleId;
  /** its actions; each one's `system` is the role */
  actions: readonly AnyAction[];
  signIn: {
    /** the page with the sign-in form, relative to the system's URL */
    path: string;
    /** is this page (any of the system's, the sign-in form included) this system's? A wrong connector stops here */
    looksLike(page: Page): Promise<boolean>;
    /** does the page show the sign-in form (asked after every page load: keep it to one DOM query) */
    isLoginPage(page: Page): Promise<boolean>;
    /** fills in the form shown and sends it; the runner judges the page that answers */
    submit(page: Page, credentials: Credentials): Promise<void>;
  };
  /** a page that refuses with 200 (RT's CSRF interstitial): why, else undefined */
  refusal?(page: Page): Promise<Refusal | undefined>;
  /** pop-ups that may cover any page, and how to close them */
  interstitials?: { overlay: (page: Page) => Locator; close: (overlay: Locator) => Promise<void> }[];
  /** the page's error message, if it shows one */
  errorText?(page: Page): Promise<string | undefined>;
}

export interface SystemDefinition {
  readonly kind: 'legwork-system';
  id: string;
  title: string;
  role: RoleId;
  actions: readonly AnyAction[];
  /** what the runner drives */
  connector: SystemConnector;
}

/** A connector, checked: it fills its role (every action, right kinds), its actions are its role's and named once. */
export function defineSystem(spec: SystemSpec): SystemDefinition {
  const role = RoleIdSchema.parse(spec.role);
  const problems = roleGaps(role, spec.actions);
  const seen = new Set<string>();
  for (const a of spec.actions) {
    if (a.system !== role) problems.push(`its action ${a.id} is a ${a.system} action`);
    if (seen.has(a.id)) problems.push(`two of its actions are named ${a.id}`);
    seen.add(a.id);
  }
  if (problems.length > 0) throw new Error(`connector ${spec.id} cannot fill the ${role} role: ${problems.join('; ')}`);
  const { signIn } = spec;
  const connector: SystemConnector = {
    system: role,
    title: spec.title,
    looksLike: signIn.looksLike,
    isLoginPage: signIn.isLoginPage,
    async signIn(page, baseUrl, credentials) {
      // the sign-in form the system sent us to leads back to where we were going (its `next`)
      const here = page.url().startsWith(new URL(baseUrl).origin) && (await signIn.isLoginPage(page).catch(() => false));
      if (!here) await page.goto(new URL(signIn.path, baseUrl).toString(), { waitUntil: 'domcontentloaded' });
      if (!(await signIn.looksLike(page).catch(() => false))) throw await notThisSystem(page, connector, baseUrl);
      await signIn.submit(page, credentials);
    },
    ...(spec.refusal ? { refusal: spec.refusal } : {}),
    ...(spec.interstitials ? { interstitials: spec.interstitials } : {}),
    ...(spec.errorText ? { errorText: spec.errorText } : {}),
  };
  return { kind: 'legwork-system', id: spec.id, title: spec.title, role, actions: spec.actions, connector };
}

/** Is this (a module's export) a connector made by defineSystem? */
export function isSystemDefinition(x: unknown): x is SystemDefinition {
  const d = x as Partial<SystemDefinition> | null;
  return !!d && typeof d === 'object' && d.kind === 'legwork-system' && typeof d.id === 'string' && Array.isArray(d.actions) && !!d.connector && RoleIdSchema.safeParse(d.role).success;
}

/** The role's actions a connector fills, for listings: reads first. */
export function roleActionIds(role: RoleId): string[] {
  return Object.entries(ROLE_ACTIONS[role]).sort(([, a], [, b]) => (a.kind === b.kind ? 0 : a.kind === 'read' ? -1 : 1)).map(([id]) => id);
}
