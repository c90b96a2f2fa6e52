// The compose stage's rules gate: before a write is proposed, the rules of its playbook (the
// installed playbook files, CEL) are evaluated over what the reads returned, the write's grounded
// parameters and the figures computed here. A refusing rule keeps the write out of the plan and
// says why — to the agent (the plan's reason or hand-over note) and, for a question or a refusal,
// to the customer. Every check is recorded with its facts for "what would change".
import type { RuleCheck } from '../../../shared/playbook.ts';
import { bind, orderTotal, originalMethodId, refusal, type CompiledPlaybook, type Facts, type Playbooks, type Refused, type Variables } from '../../../automations/playbooks/index.ts';
import type { PlannerTicket } from './draft.ts';
import type { OrderDetails, PaymentMethods, Reader } from './reads.ts';
import { builtInActions } from '../../../automations/playbooks/index.ts';

type Method = PaymentMethods['payment_methods'][number];

/** What a check is given: the reads the planner already holds, and at the write stage the write and the figures. */
export interface GateInput {
  order?: OrderDetails;
  /** the order the write is on, when the order itself was not read yet (its read is then made) */
  orderId?: string;
  write?: Record<string, unknown>;
  /** the payment method the write names, and an item change's price difference */
  method?: Method;
  priceDifference?: number;
  [read: string]: unknown;
}

const ACTIONS = builtInActions();

export class PlaybookRules {
  readonly checks: RuleCheck[] = [];
  private userId = '';

  constructor(
    readonly playbooks: Playbooks,
    private readonly reader: Reader,
    private readonly ticket: PlannerTicket,
    private readonly now: Date,
  ) {}

  /** The customer the plan is for, once identified (the reads' `request.user_id`). */
  forCustomer(userId: string): void {
    this.userId = userId;
  }

  /** The first rule of the playbook that refuses this write, or null; reads a file names that the planner did not make are made first. */
  async refusal(playbookId: string, action: string, given: GateInput): Promise<Refused | null> {
    const playbook = this.playbooks.get(playbookId);
    if (!playbook) return null;
    const { order, orderId, write, method, priceDifference, ...reads } = given;
    const vars: Variables = { ...this.standard(playbookId, order?.order_id ?? orderId ?? ''), ...reads, ...(order ? { order } : {}) };
    if (write) {
      vars.write = write;
      const missing = await this.readsFor(playbook, vars);
      if (missing) return this.record(playbookId, action, vars, missing);
      // the method the write names: as given, else as Billing lists it among the customer's
      const listed = (vars.methods as PaymentMethods | undefined)?.payment_methods.find((m) => m.id === write.payment_method_id);
      vars.facts = facts(vars.order as OrderDetails | undefined, method ?? listed, priceDifference ?? 0);
    }
    return this.record(playbookId, action, vars, refusal(playbook, action, vars));
  }

  /** The rules of a playbook served from data over variables it gathered itself (recorded like the others). */
  evaluate(playbook: CompiledPlaybook, action: string, vars: Variables): Refused | null {
    return this.record(playbook.spec.id, action, vars, refusal(playbook, action, vars));
  }

  /** The variables every playbook has. */
  standard(playbookId: string, orderId: string): Variables {
    const kind = this.playbooks.get(playbookId)?.spec.serves[0] ?? playbookId;
    return {
      now: this.now,
      request: { kind, order_id: orderId, user_id: this.userId },
      ticket: { id: this.ticket.id, subject: this.ticket.subject, requester_email: this.ticket.requester_email },
    };
  }

  /** Runs the playbook's declared reads not yet among the variables (in order; each input bound over what is known). */
  async readsFor(playbook: CompiledPlaybook, vars: Variables): Promise<Refused | null> {
    for (const read of playbook.spec.reads) {
      if (vars[read.as] !== undefined) continue;
      const def = ACTIONS.get(read.action);
      let input: Record<string, unknown>;
      try {
        input = bind(playbook, playbook.readInputs.get(read.as) ?? {}, vars);
      } catch (e) {
        return { rule: `read_${read.as}`, message: `${read.action} could not be read: its input does not evaluate (${(e as Error).message.split('\n')[0]})`, refuse: 'escalate' };
      }
      if (!def) continue;
      const got = await this.reader.action(def.system as Parameters<Reader['action']>[0], read.action, input, def.output);
      if (!got.ok) return { rule: `read_${read.as}`, message: `${read.action} could not be read (${got.message})`, refuse: 'escalate' };
      vars[read.as] = got.data;
    }
    return null;
  }

  private record(playbook: string, action: string, vars: Variables, refused: Refused | null): Refused | null {
    if (vars.write !== undefined || refused || this.playbooks.get(playbook)?.spec.cues.length) {
      this.checks.push({ playbook, action, facts: JSON.parse(JSON.stringify({ ...vars, now: this.now.toISOString() })) as Record<string, unknown>, refused });
    }
    return refused;
  }
}

/** The figures the rules compare (arithmetic plumbing, computed here, not business rules). */
function facts(order: OrderDetails | undefined, method: Method | undefined, priceDifference: number): Facts {
  return {
    original_method_id: (order && originalMethodId(order)) ?? '',
    paid_total: order ? orderTotal(order) : 0,
    price_difference: priceDifference,
    method: { id: method?.id ?? '', source: method?.source ?? '', balance: method?.balance ?? 0 },
  };
}

/** What the plan does with a refusal: a hand-over, a question, or a reply line saying why not. */
export function applyRefusal(draft: { verdict(v: { kind: 'ask'; what: string } | { kind: 'escalate'; why: string }): void; answers: string[]; notes: string[] }, refused: Refused, what: string): void {
  if (refused.refuse === 'escalate') return draft.verdict({ kind: 'escalate', why: `${what}: ${refused.message}` });
  if (refused.refuse === 'ask') return draft.verdict({ kind: 'ask', what: refused.message });
  draft.answers.push(refused.message);
  draft.notes.push(`${what} was not proposed: the rule ${refused.rule} refuses it (${refused.message})`);
}
