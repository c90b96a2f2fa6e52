// What a desk takes from the hub: the team's newest signed policy (checked against the lead key
// this desk trusts, and refused when older than the one in force — PolicyStore does both), with
// word back to the hub of which policy is in force here; and second approvals asked across desks,
// whose signed decisions are checked here again before anything runs.
import { createPublicKey, verify } from 'node:crypto';
import { decisionMessage, HubApprovalSchema, PublishedPolicySchema, type HubApproval, type HubApprovalRequestInput } from '../../shared/hub.ts';
import { fail, type Result } from '../../shared/errors.ts';
import type { PolicyInForce, PolicyStore } from '../policy/store.ts';
import { keyIdOf } from '../policy/signing.ts';
import type { HubAnswer, HubClient } from './client.ts';

function refused(what: string, a: HubAnswer): { ok: false; error: ReturnType<typeof fail>['error'] } {
  return fail(a.status === 404 ? 'not_found' : a.status >= 500 ? 'system_error' : 'precondition_failed', `${what}: ${a.error?.message ?? `HTTP ${a.status}`}`);
}

/** Fetches the hub's newest policy and installs it if it verifies here; tells the hub what is in force. */
export async function syncPolicy(client: HubClient, store: PolicyStore): Promise<Result<PolicyInForce> & { installed?: boolean }> {
  const a = await client.request('GET', '/api/policies/current');
  if (a.status !== 200) return refused('no policy from the hub', a);
  const published = PublishedPolicySchema.parse(a.body);
  const installed = await store.install(JSON.stringify(published.file));
  const inForce = installed.ok ? installed.data : (await store.load()).inForce;
  const p = inForce.policy;
  await client.request('POST', '/api/desks/me/policy', { keyId: inForce.keyId ?? null, name: inForce.source === 'built-in' ? null : p.name, issuedAt: p.issuedAt ?? null });
  return installed.ok ? { ...installed, installed: true } : installed;
}

export async function requestSecondApproval(client: HubClient, input: HubApprovalRequestInput, opts: { signal?: AbortSignal } = {}): Promise<Result<HubApproval>> {
  const a = await client.request('POST', '/api/approvals', input, opts);
  return a.status === 201 ? { ok: true, data: HubApprovalSchema.parse(a.body) } : refused('the hub did not take the request', a);
}

/**
 * The request as the hub has it now. A grant or decline counts only when it is signed by the lead
 * key this desk trusts and names this request and this plan hash; otherwise it is refused here.
 */
export async function approvalDecision(client: HubClient, requestId: string, planHash: string, leadKeyPem: string): Promise<Result<HubApproval>> {
  const a = await client.request('GET', `/api/approvals/${encodeURIComponent(requestId)}`);
  if (a.status !== 200) return refused('no approval request', a);
  const approval = HubApprovalSchema.parse(a.body);
  const d = approval.decision;
  if (approval.status === 'pending' || approval.status === 'expired') return { ok: true, data: approval };
  if (!d) return fail('invalid_output', `the hub says request ${requestId} is ${approval.status} but shows no signed decision`);
  if (d.requestId !== requestId || approval.id !== requestId) return fail('invalid_output', `the decision is for request ${d.requestId}, not ${requestId}`);
  if (d.planHash !== planHash) return fail('precondition_failed', `the decision is for plan ${d.planHash.slice(0, 12)}…, not the plan on this desk (${planHash.slice(0, 12)}…)`);
  if ((d.grant ? 'granted' : 'declined') !== approval.status) return fail('invalid_output', `the hub says ${approval.status} but the lead signed ${d.grant ? 'a grant' : 'a decline'}`);
  if (d.keyId !== keyIdOf(leadKeyPem) || !verify(null, Buffer.from(decisionMessage(d)), createPublicKey(leadKeyPem), Buffer.from(d.signature, 'base64'))) {
    return fail('precondition_failed', `the decision on request ${requestId} is not signed by the lead key this desk trusts`);
  }
  return { ok: true, data: approval };
}
