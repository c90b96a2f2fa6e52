// Errors a person made on the command line: a clear message and exit code 2. The usage text is
// put together from each command's own.
import { START_USAGE } from './commands/start.ts';
import { RESOLVE_USAGE } from './commands/resolve.ts';
import { RECOVER_USAGE } from './commands/recover.ts';
import { TRACE_USAGE } from './commands/trace.ts';
import { SECRETS_USAGE } from './commands/secrets.ts';
import { APPROVER_USAGE } from './commands/approver.ts';
import { CONNECTOR_USAGE } from './commands/connector.ts';
import { HUB_USAGE } from './commands/hub.ts';

export class UsageError extends Error {}

/** A function, not a constant: the commands import this module too, and their texts must exist first. */
export const usage = (): string => `Usage: legwork <command> [options]

Commands:
${START_USAGE}  sandbox               start the four sandbox legacy systems and the control endpoint
      --port N          first port (helpdesk, crm, orders, billing, control follow); 0 = free ports
      --host H          address to listen on (default 127.0.0.1)
      --faults SPEC     fault switches, e.g. "all.latency=100,orders.errors=0.2,crm.layout=variant"
${RESOLVE_USAGE}${RECOVER_USAGE}${APPROVER_USAGE}  policy keygen --out DIR
                        create the team lead's ed25519 key pair (DIR/lead.key.pem 0600, DIR/lead.pub.pem)
  policy sign --key PRIVATE.pem --in POLICY.json --out SIGNED.json
                        check a policy and sign it with the lead's private key
  policy verify --key PUBLIC.pem FILE
                        exit 0 when FILE is a valid policy signed by that key, 1 (and why) when not
  policy install FILE [--key PUBLIC.pem]
                        verify FILE and put it in force; the first install trusts --key as the lead key
  policy show [--json]  the policy in force and where it came from
  policy explain --plan PLAN.json [--facts FACTS.json] [--agent NAME] [--json]
                        the policy's decision and reason for every step of a plan; --agent is a
                        what-if (the decisions for NAME, default the signed-in account); nothing
                        is recorded
  playbooks sign DIR --key PRIVATE.pem --out SIGNED.json [--version N]
                        check every playbook file (*.yaml) of DIR and sign them as one set
  playbooks diff SIGNED.json|DIR [--key PUBLIC.pem] [--json]
                        what installing would change: the files, and recent plans whose rules now decide otherwise
  playbooks install SIGNED.json [--key PUBLIC.pem]
                        show the diff, then verify the set and put it in force (same lead key as the policy)
  playbooks list [--json]
                        the playbooks in force, their rules in words and where they came from
${TRACE_USAGE}${SECRETS_USAGE}${CONNECTOR_USAGE}${HUB_USAGE}  eval --tickets FILE.jsonl
                        plan and carry out every ticket of a corpus on a fresh sandbox, and judge
                        each end state against the gold state of its expected actions
      --planner P       offline (default) or llm (OPENAI_BASE_URL, OPENAI_API_KEY, llm.model)
      --concurrency N   tickets at a time, each on its own sandbox and browser (default 2)
      --json FILE       also write {"total", "correct", "asked", "escalated", "wrong_write",
                        "missed", "per_ticket": [...]}
  bench                 measure, each figure beside its target: the sandbox; run overhead of a
                        6-step resolution and of each write action against a bare playwright-core
                        script; ticket → plan latency; a batch of corpus tickets end to end; trace
                        queries at 10,000 runs; peak memory
      --only PARTS      some of: sandbox,overhead,actions,plan,batch,trace,hub (default all)
      --rounds N        timed runs of each overhead case, each side (default 5)
      --latency MS      slow the sandbox's pages by MS for the run-overhead parts (default 0)
      --tickets FILE    the corpus for the plan and batch parts (default test/corpus/tickets.jsonl)
      --batch N         tickets in the batch (default 100); --concurrency N (default 2)
      --hub-desks N --hub-runs N --hub-qa-rows N
                        the hub's load: desks × runs each uploaded (default 200 × 50), and
                        synthetic runs for its QA queries (default 1,000,000)
      --hub-database URL
                        PostgreSQL for the hub part (default a scratch cluster, Debian's postgresql)
      --json FILE       also write the figures as JSON
  help                  this text
`;
