// Requests for a second approval, kept under LEGWORK_HOME/approvals/ (one JSON file each), so a
// request outlives a restart and a lead sees what waits. A request names one plan by its hash; the
// run it starts on a grant is approved for exactly that plan.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ApprovalRequestSchema, type ApprovalRequest } from '../../shared/api.ts';

/** `hubId`: the request's id on the team hub, when it went there */
const StoredSchema = ApprovalRequestSchema.extend({ mode: z.enum(['all', 'step']), skip: z.array(z.string()), hubId: z.string().optional() });
export type StoredRequest = z.infer<typeof StoredSchema>;

export class ApprovalRequests {
  readonly dir: string;

  constructor(home: string) {
    this.dir = path.join(home, 'approvals');
  }

  all(): StoredRequest[] {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.endsWith('.json'));
    } catch {
      return [];
    }
    return names.flatMap((n) => {
      try {
        const parsed = StoredSchema.safeParse(JSON.parse(readFileSync(path.join(this.dir, n), 'utf8')));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    });
  }

  get(id: string): StoredRequest | undefined {
    return this.all().find((r) => r.id === id);
  }

  /** The newest request of a ticket. */
  forTicket(ticketId: number): StoredRequest | undefined {
    return this.all()
      .filter((r) => r.ticketId === ticketId)
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))[0];
  }

  create(fields: Omit<StoredRequest, 'id' | 'requestedAt' | 'status'>): StoredRequest {
    const request: StoredRequest = { ...fields, id: `a-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`, requestedAt: new Date().toISOString(), status: 'pending' };
    this.save(request);
    return request;
  }

  save(request: StoredRequest): void {
    mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, `${request.id}.json`);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(request, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
  }
}

/** A request as the panel sees it (without how the run is to go). */
export function shownRequest({ mode: _mode, skip: _skip, hubId: _hubId, ...shown }: StoredRequest): ApprovalRequest {
  return shown;
}
