// Errors a person made on the command line: a clear message and exit code 2.
export class UsageError extends Error {}

export const USAGE = `Usage: legwork <command> [options]

Commands:
  start                 start Legwork on the built-in sandbox (today: the four legacy systems)
  sandbox               start the four sandbox legacy systems and the control endpoint
      --port N          first port (helpdesk, crm, orders, billing, control follow); 0 = free ports
      --host H          address to listen on (default 127.0.0.1)
      --faults SPEC     fault switches, e.g. "all.latency=100,orders.errors=0.2,crm.layout=variant"
  bench                 measure: sandbox start-up and page latency; each write action through
                        Legwork (full evidence) against a bare playwright-core script
      --rounds N        timed runs of each write action, each side (default 9)
      --latency MS      slow the sandbox's pages by MS for the run-overhead part (default 0)
      --json FILE       also write the figures as JSON
  help                  this text
`;
