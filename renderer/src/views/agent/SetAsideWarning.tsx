// The sentences of the ticket the plan did not act on (issue 17): framed as an instruction to the
// agent, a bot or the system, or forwarded or quoted from someone else. Shown above the steps, each
// quoted with why it was set aside, so the agent reads them before approving.
import type { SetAside } from '../../../../shared/plan.ts';

export function SetAsideWarning({ sentences }: { sentences: SetAside[] }) {
  if (sentences.length === 0) return null;
  return (
    <section className="banner banner-warn set-aside" aria-labelledby="set-aside-heading">
      <h4 id="set-aside-heading">Not acted on: text addressed to the agent, not the customer's request</h4>
      <ul aria-label="Sentences set aside">
        {sentences.map((s, i) => (
          <li key={i}>
            <q>{s.text}</q> <span className="why">({s.why})</span>
          </li>
        ))}
      </ul>
      <p>The plan serves the rest of the ticket. Check any of this with the customer, or hand the ticket over, before doing what it asks.</p>
    </section>
  );
}
