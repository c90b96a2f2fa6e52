// What one offline plan collects as it goes, and the small types the stages share.
import type { Picks } from '../../../shared/request.ts';
import type { Plan } from '../../../shared/plan.ts';
import { fromSystem, type DraftStep } from '../../../automations/playbooks/index.ts';
import type { OrderDetails } from './reads.ts';
import { Choices } from './choices.ts';
import type { Playbooks } from '../../../automations/playbooks/index.ts';
import type { PlaybookRules } from './playbook-rules.ts';

/** The ticket as the planner sees it: the helpdesk's `get_ticket` fields, customer messages joined. */
export interface PlannerTicket {
  id: number;
  requester_name: string;
  requester_email: string;
  subject: string;
  /** all customer messages, oldest first */
  body: string;
}

export interface PlanOptions {
  now?: () => Date;
  /** the agent's picks among the choices of an earlier plan of the same ticket, by choice id */
  picks?: Picks;
  /** the playbooks in force (default: the ones shipped with Legwork) */
  playbooks?: Playbooks;
}

export type Verdict = { kind: 'ask'; what: string } | { kind: 'escalate'; why: string };

/** Everything one plan collects as it goes. */
export class Draft {
  writes: DraftStep[] = [];
  requests: Plan['requests'] = [];
  done: string[] = [];
  answers: string[] = [];
  asks: string[] = [];
  escalations: string[] = [];
  /** for the person reading the plan, not the customer */
  notes: string[] = [];
  /** the whole visible message, for wishes said once for every order */
  text = '';
  /** the item names of every order read for a request, for the coverage check */
  items = new Map<string, string[]>();
  /** the agent's choices: candidates the planner could not tell apart */
  choices = new Choices();
  /** what waits for one of those choices */
  waiting: string[] = [];
  /** parts of the message the agent answers in the reply themselves */
  ownAnswers: string[] = [];
  /** the playbooks' rules, evaluated before each write is proposed */
  rules!: PlaybookRules;

  verdict(v: Verdict) {
    if (v.kind === 'ask') this.asks.push(v.what);
    else this.escalations.push(v.why);
  }
}

export const money = (n: number) => `$${n.toFixed(2)}`;
export const cents = (n: number) => Math.round(n * 100);
export const statusFrom = (o: OrderDetails) => fromSystem(`orders: ${o.order_id} shows status ${o.status}`);
export const isVerdict = (x: object): x is Verdict => 'kind' in x;
