// Playbooks: the resolution templates (catalog), the policy checks (rules) and the step builders.
export { PLAYBOOK_CATALOG, type Playbook } from './catalog.ts';
export * from './rules.ts';
export * from './steps.ts';
