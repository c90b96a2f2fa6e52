// A lead's signed work on the team hub: publishing a policy for every desk, and (hub-approvals.ts)
// deciding second approvals. The hub checks both against the lead's key it holds; the first time a
// lead signs through the hub, their kept key's public half goes there (their session allows it).
import { createPublicKey } from 'node:crypto';
import type { SignedPolicyFile } from '../../shared/hub.ts';
import type { ConnectedDesk } from '../hub/desk.ts';
import { unreachable, type HubPerson } from '../hub/people.ts';
import type { HubAnswer } from '../hub/client.ts';
import { ServiceError } from './context.ts';

/** Sends a lead's signed request; registers their public key once when the hub has none yet. */
export async function asLead(person: HubPerson, publicKeyPem: string, method: string, path: string, body: unknown): Promise<HubAnswer> {
  const a = await person.call(method, path, body);
  if (a.error?.code !== 'no_lead_key') return a;
  const publicKey = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' }).toString('base64');
  const put = await person.call('PUT', '/api/me/key', { publicKey });
  if (put.status !== 200) throw new ServiceError('precondition_failed', `the hub did not take your key: ${put.error?.message ?? `HTTP ${put.status}`}`);
  return person.call(method, path, body);
}

/** Wraps a call to the hub: a hub that cannot be reached is said as such, and nothing is done. */
export async function onHub<T>(hub: ConnectedDesk, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ServiceError) throw e;
    throw new ServiceError('system_error', `${unreachable(hub.client.hubUrl, e)}; nothing was done — try again`);
  }
}

/** Publishes the signed policy on the hub, where every desk of the team takes it from. */
export async function publishOnHub(hub: ConnectedDesk, person: HubPerson, signed: SignedPolicyFile, publicKeyPem: string): Promise<void> {
  const a = await onHub(hub, () => asLead(person, publicKeyPem, 'POST', '/api/policies', signed));
  if (a.status !== 201) throw new ServiceError('precondition_failed', `the hub did not publish the policy (nothing was installed): ${a.error?.message ?? `HTTP ${a.status}`}`);
}
