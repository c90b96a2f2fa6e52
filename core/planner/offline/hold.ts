// A customer who says not to act yet ("please don't change anything yet", "I take that back",
// "I haven't made up my mind"): nothing is written. The plan keeps what the message asks to know,
// tells the agent what would have been done, and the reply says nothing was changed.
import type { Draft } from './draft.ts';

export function holdBack(draft: Draft, said: string): void {
  const would = draft.requests.filter((r) => r.playbook !== 'information' && r.playbook !== 'hand_over').map((r) => r.summary);
  const notWritten = would.length > 0 ? ` (not written: ${would.join('; ')})` : '';
  draft.notes.push(`the customer says not to act yet ("${said.trim()}")${notWritten}`);
  draft.writes = [];
  draft.done = [];
  draft.asks = [];
  draft.waiting = [];
  draft.choices.shown.splice(0);
  draft.requests = [
    ...draft.requests.filter((r) => r.playbook === 'information'),
    { playbook: 'information', summary: `the customer says not to act yet${notWritten}` },
  ];
  draft.answers.push('as you asked, nothing has been changed; reply to this message when you have decided and we will take care of it');
}
