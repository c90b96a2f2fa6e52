// Second approvers (core/approvals/approvers.ts) on a real LEGWORK_HOME: a passphrase set up with
// the CLI signs in, a wrong one or an unknown name does not, the file holds no passphrase, and a
// session names the approver until it ends.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Approvers } from '../../core/approvals/approvers.ts';
import { approverCommand } from '../../cli/commands/approver.ts';

describe('second approvers', () => {
  it('legwork approver add sets one up; signing in needs the right passphrase; the file keeps only a salted hash', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'legwork-approvers-'));
    const out: string[] = [];
    await approverCommand(['add', 'Lee Lead'], { home, passphrase: async () => 'a long lead passphrase', out: (t) => out.push(t) });
    expect(out.join('')).toMatch(/Lee Lead can now give second approvals/);
    await expect(approverCommand(['add', 'Kim'], { home, passphrase: async () => 'short' })).rejects.toThrow(/at least 10 characters/);

    const approvers = new Approvers(home);
    expect(approvers.names()).toEqual(['Lee Lead']);
    const text = readFileSync(approvers.file, 'utf8');
    expect(text).not.toContain('a long lead passphrase');
    expect(statSync(approvers.file).mode & 0o077).toBe(0);

    expect(approvers.signIn('Lee Lead', 'a long lead passphrasE')).toMatchObject({ ok: false, error: { message: 'that name and passphrase do not match an approver set up here' } });
    expect(approvers.signIn('Nobody', 'a long lead passphrase').ok).toBe(false);
    const signed = approvers.signIn('lee lead', 'a long lead passphrase');
    expect(signed.ok && signed.data.name).toBe('Lee Lead');
    expect(approvers.who(signed.ok ? signed.data.session : '')).toEqual({ ok: true, data: 'Lee Lead' });
    expect(approvers.who('x'.repeat(32)).ok).toBe(false);
    // another Approvers (another process) does not know this one's sessions
    expect(new Approvers(home).who(signed.ok ? signed.data.session : '').ok).toBe(false);
  });
});
