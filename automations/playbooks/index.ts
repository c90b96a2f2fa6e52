// Playbooks: the compiled set of playbook files (catalog), their loader and rules engine (CEL),
// the arithmetic the rules compare (rules) and the step builders.
export { Playbooks, actionCatalog, builtInActions } from './catalog.ts';
export { compilePlaybook, compilePlaybooks, describeProblems, type CompiledPlaybook, type LoadProblem } from './load.ts';
export { refusal, render, bind, type Refused, type Variables } from './evaluate.ts';
export { FACTS_SCHEMA, type Facts, type ActionCatalog, type ActionInfo } from './cel-env.ts';
export * from './rules.ts';
export * from './steps.ts';
