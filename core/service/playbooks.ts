// The lead's playbooks in the panel: the set in force (reloaded on each call, so a set installed
// with `legwork playbooks install` shows at once), its files and the templates to open, the draft
// checked by the install's own loader, what it would change for recent tickets, signing it with the
// lead's kept key (the policy's signing flow) and installing it; and the unsaved draft, kept here.
import type { ApiHandlers } from '../api/handlers.ts';
import type { PlaybookPlanChange, PlaybookSource } from '../../shared/playbook.ts';
import type { PanelPeople } from './people.ts';
import type { LeadSigningKey } from '../policy/lead-key.ts';
import { diffPlaybooks, planChanges, recentPlans } from '../playbooks/changes.ts';
import { filesInForce, playbookTemplates, PlaybookDrafts, problemsOf, withDraft } from '../playbooks/drafts.ts';
import { signPlaybookSet } from '../playbooks/signing.ts';
import { describeProblems, type Playbooks } from '../../automations/playbooks/index.ts';
import { ServiceError, unwrap, type ServiceContext } from './context.ts';
import { installedBy, openSigningKey, recordInstalledBy } from './policy-signing.ts';
import { PREVIEW_RUNS } from './policy.ts';

type Methods = 'playbooks.list' | 'playbooks.files' | 'playbooks.check' | 'playbooks.preview' | 'playbooks.signAndInstall' | 'playbooks.draft' | 'playbooks.saveDraft';

export function playbookHandlers({ legwork }: ServiceContext, people: PanelPeople, keeper: LeadSigningKey): Pick<ApiHandlers, Methods> {
  const store = legwork.playbooks;
  const drafts = new PlaybookDrafts(store.dir);
  const inForce = async () => (await store.load()).inForce;
  return {
    async 'playbooks.list'() {
      const now = await inForce();
      return {
        notice: now.notice,
        source: now.source,
        version: now.version,
        playbooks: now.playbooks.summaries(),
        installedBy: now.source === 'file' ? await installedBy(store.dir, now.issuedAt ?? undefined) : null,
      };
    },
    async 'playbooks.files'() {
      const now = await inForce();
      return { version: now.version, files: filesInForce(now), templates: playbookTemplates() };
    },
    async 'playbooks.check'({ files }) {
      return { problems: problemsOf(withDraft(filesInForce(await inForce()), files)).problems };
    },
    async 'playbooks.preview'({ files }) {
      const now = await inForce();
      const next = loads(withDraft(filesInForce(now), files));
      const plans = await recentPlans(legwork.traces, PREVIEW_RUNS);
      const subjects = new Map(plans.map((p) => [p.ticketId, p.requests.map((r) => r.summary).join('; ')]));
      // a ticket planned several times counts once, by its newest run (plans come newest first)
      const seen = new Set<string>();
      const changes: PlaybookPlanChange[] = [];
      for (const c of planChanges(plans, next)) {
        const key = `${c.ticketId} ${c.playbook} ${c.action}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const subject = subjects.get(c.ticketId);
        changes.push({ ...c, ...(subject ? { subject } : {}) });
      }
      return { files: diffPlaybooks(now.playbooks, next), plans: changes, plansChecked: plans.length };
    },
    async 'playbooks.signAndInstall'({ session, files, passphrase }) {
      const lead = unwrap(people.who(session)).name;
      const key = await openSigningKey(keeper, store.leadKeyPath, passphrase);
      const now = await inForce();
      // signed only when every file loads; the next version after the one in force
      const set = withDraft(filesInForce(now), files);
      loads(set);
      const signed = unwrap(signPlaybookSet(set, key.privateKeyPem, { version: (now.version ?? 0) + 1 }));
      const installed = unwrap(await store.install(JSON.stringify(signed, null, 2), key.trustNow));
      await recordInstalledBy(store.dir, { by: lead, keyId: signed.keyId, issuedAt: signed.playbooks.issuedAt });
      await drafts.save(null);
      return { version: signed.playbooks.version, keyId: signed.keyId, installedBy: lead, notice: installed.notice };
    },
    async 'playbooks.draft'() {
      const { draft, problem } = await drafts.read();
      if (problem) throw new ServiceError('invalid_input', problem);
      return draft;
    },
    async 'playbooks.saveDraft'({ draft }) {
      await drafts.save(draft);
      return { ok: true as const };
    },
  };
}

/** The set compiled, or refused on one line (an error crosses the API as its first line): every file:line: reason. */
function loads(files: PlaybookSource[]): Playbooks {
  const got = problemsOf(files);
  if (!got.playbooks) throw new ServiceError('invalid_input', `the playbooks do not load: ${describeProblems(got.problems).split('\n').join('; ')}`);
  return got.playbooks;
}
