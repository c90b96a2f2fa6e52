// Policies through the hub: a lead publishes a policy signed with their lead key (the key they
// registered on the hub); the hub checks the signature and refuses one issued before the newest.
// Desks fetch the newest and check it again against the lead key they trust (PolicyStore.install).
import { createPublicKey } from 'node:crypto';
import { SignedPolicyFileSchema, type PublishedPolicy } from '../shared/hub.ts';
import { verifySignedPolicy } from '../core/policy/signing.ts';
import type { Db, Sql } from './db/db.ts';
import { iso } from './desks.ts';
import { HubError, parseOr400 } from './errors.ts';
import type { HubUser } from './people.ts';

export function pemOf(publicKeyB64: string): string {
  return createPublicKey({ key: Buffer.from(publicKeyB64, 'base64'), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' }).toString();
}

export async function publishPolicy(db: Db, user: HubUser, body: unknown): Promise<PublishedPolicy> {
  if (user.role !== 'lead') throw new HubError(403, 'forbidden', 'only a lead publishes policies');
  if (!user.publicKey) throw new HubError(409, 'no_lead_key', `lead ${user.name} has no key on the hub yet: register it (PUT /api/me/key, or \`legwork hub user key\`)`);
  const file = parseOr400(SignedPolicyFileSchema, body, 'signed policy');
  const verified = verifySignedPolicy(JSON.stringify(file), pemOf(user.publicKey));
  if (!verified.ok) throw new HubError(422, 'bad_policy', verified.error.message);
  const { policy, keyId } = verified.data;
  if (!policy.issuedAt) throw new HubError(422, 'bad_policy', 'the policy has no issuedAt: sign it with `legwork policy sign`, which dates it');
  return db.transaction(async (tx) => {
    await tx.query('LOCK TABLE policies IN EXCLUSIVE MODE');
    const newest = (await tx.query<{ issued_at: Date; name: string }>('SELECT issued_at, name FROM policies ORDER BY issued_at DESC LIMIT 1'))[0];
    if (newest && Date.parse(policy.issuedAt!) <= newest.issued_at.getTime()) {
      throw new HubError(409, 'older_policy', `policy "${policy.name}" was issued at ${policy.issuedAt}, not after the published "${newest.name}" (${iso(newest.issued_at)}): sign it anew to publish it`);
    }
    const row = (await tx.query<Row>(
      `INSERT INTO policies (name, key_id, issued_at, file, published_by) VALUES ($1, $2, $3, $4, $5) RETURNING id, name, key_id, issued_at, file, published_at, $6::text AS publisher`,
      [policy.name, keyId, policy.issuedAt, JSON.stringify(file), user.id, user.name],
    ))[0]!;
    return toPublished(row);
  });
}

interface Row {
  id: number;
  name: string;
  key_id: string;
  issued_at: Date;
  file: string;
  published_at: Date;
  publisher: string;
}
const toPublished = (r: Row): PublishedPolicy => ({ id: r.id, name: r.name, keyId: r.key_id, issuedAt: iso(r.issued_at)!, publishedBy: r.publisher, publishedAt: iso(r.published_at)!, file: JSON.parse(r.file) });

export async function currentPolicy(db: Sql): Promise<PublishedPolicy> {
  const row = (await db.query<Row>('SELECT p.id, p.name, p.key_id, p.issued_at, p.file, p.published_at, u.name AS publisher FROM policies p JOIN users u ON u.id = p.published_by ORDER BY p.issued_at DESC LIMIT 1'))[0];
  if (!row) throw new HubError(404, 'not_found', 'no policy has been published on this hub yet');
  return toPublished(row);
}
