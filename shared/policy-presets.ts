// Policies a lead can adopt as a start, and which writes carry money (so caps and "second approval"
// make sense for them). Data only: the lead still reviews, signs and installs what they adopt.
import { POLICY_VERSION, type PolicyAction, type PolicyInput } from './policy.ts';

/** The writes whose steps carry an amount (Step.amount): caps apply to these. */
export const MONEY_ACTIONS: readonly PolicyAction[] = [
  'cancel_pending_order',
  'modify_pending_order_items',
  'return_delivered_order_items',
  'exchange_delivered_order_items',
  'adjust_charge',
];

/** Refunds: what "refunds over $100 need a second approver" covers. */
const REFUNDS: readonly PolicyAction[] = ['cancel_pending_order', 'return_delivered_order_items', 'adjust_charge'];

export const RECOMMENDED_SUMMARY = 'Recommended: reads and notes by themselves, writes approved, refunds over $100 a second approver';

/** Reads are never restricted; notes run by themselves; every other write the agent approves; refunds over $100 need a second approver. */
export const RECOMMENDED_POLICY: PolicyInput = {
  version: POLICY_VERSION,
  name: 'Recommended start',
  defaultMode: 'approve',
  actions: {
    add_internal_note: { mode: 'auto' },
    add_crm_note: { mode: 'auto' },
    ...Object.fromEntries(REFUNDS.map((action) => [action, { mode: 'approve', caps: { approve: 100 } }])),
  },
  playbooks: {},
};
