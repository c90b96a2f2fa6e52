// systems.json chooses a connector per role: a built-in by name or a module by path, each checked to
// fill its role; the sandbox's helpdesk and RT are both built in, with the same action ids.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSystemsConfig } from '../../core/config/systems.ts';
import { configuredSystems } from '../../core/config/connectors.ts';
import { BUILTIN_SYSTEMS } from '../../automations/connectors.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const sandbox = (role: string, port: number) => ({ url: `http://127.0.0.1:${port}`, username: 'agent', password: `${role}-demo` });
const four = (helpdesk: Record<string, unknown>) => ({
  systems: { helpdesk, crm: sandbox('crm', 7402), orders: sandbox('orders', 7403), billing: sandbox('billing', 7404) },
  control: 'http://127.0.0.1:7405',
});

describe('connectors chosen by configuration', () => {
  it('gives each role the sandbox connector by default, and RT where the file names it, through the same schema', async () => {
    const plain = await configuredSystems(parseSystemsConfig(JSON.stringify(four(sandbox('helpdesk', 7401))), 'systems.json'));
    expect(Object.values(plain.byRole).map((s) => s.id)).toEqual(['sandbox-helpdesk', 'sandbox-crm', 'sandbox-orders', 'sandbox-billing']);
    const rt = await configuredSystems(parseSystemsConfig(JSON.stringify(four({ connector: 'rt', url: 'http://127.0.0.1:8080', username: 'sam' })), 'systems.json'));
    expect(rt.byRole.helpdesk!.title).toBe('Request Tracker 5');
    expect(rt.endpoints.helpdesk!.baseUrl).toBe('http://127.0.0.1:8080');
    // one role, one connector: the helpdesk's get_ticket is RT's; the sandbox's is not registered
    expect(rt.actions.get('helpdesk', 'get_ticket')).toBe(BUILTIN_SYSTEMS.rt!.actions.find((a) => a.id === 'get_ticket'));
    expect(rt.actions.get('orders', 'cancel_pending_order')).toBeDefined();
  });

  it('keeps two helpdesk connectors with the same action ids side by side', () => {
    const ids = (name: string) => BUILTIN_SYSTEMS[name]!.actions.map((a) => a.id).sort();
    expect(ids('rt')).toEqual(ids('sandbox-helpdesk'));
  });

  it('refuses, with the field and the reason, a connector that is unknown, of another role, or not a connector', async () => {
    const load = (helpdesk: Record<string, unknown>, where = 'systems.json') => configuredSystems(parseSystemsConfig(JSON.stringify(four(helpdesk)), where));
    await expect(load({ connector: 'zendesk', url: 'http://127.0.0.1:1', username: 'a' })).rejects.toThrow(/systems\.helpdesk\.connector: there is no built-in connector "zendesk" \(built-in: sandbox-helpdesk, sandbox-crm, sandbox-orders, sandbox-billing, rt/);
    await expect(load({ connector: 'sandbox-orders', url: 'http://127.0.0.1:1', username: 'a' })).rejects.toThrow(/sandbox-orders \(OrderTrack\) fills the orders role, not the helpdesk role/);
    await expect(load({ connector: './nowhere.ts', url: 'http://127.0.0.1:1', username: 'a' })).rejects.toThrow(/cannot load the connector module .*nowhere\.ts/);
  });

  it('loads a connector module by its path, relative to the config file, and refuses one that does not fill its role', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'legwork-connector-'));
    const runtime = path.join(ROOT, 'automations/runtime/system.ts');
    const rtActions = path.join(ROOT, 'automations/systems/rt/actions.ts');
    const rtPages = path.join(ROOT, 'automations/systems/rt/pages.ts');
    const module = (actions: string) => `import { defineSystem } from '${runtime}';
import { rtActions } from '${rtActions}';
import { isRtLoginPage, looksLikeRt, submitRtLogin } from '${rtPages}';
export default defineSystem({ id: 'my-desk', title: 'My Desk', role: 'helpdesk', actions: ${actions},
  signIn: { path: '/', looksLike: looksLikeRt, isLoginPage: isRtLoginPage, submit: (p, c) => submitRtLogin(p, '', c) } });
`;
    writeFileSync(path.join(dir, 'my-desk.ts'), module('rtActions'));
    writeFileSync(path.join(dir, 'half-desk.ts'), module("rtActions.filter((a) => a.id !== 'assign_ticket')"));
    const file = path.join(dir, 'systems.json');
    writeFileSync(file, JSON.stringify(four({ connector: './my-desk.ts', url: 'http://127.0.0.1:8080', username: 'sam' })));
    const mine = await configuredSystems(parseSystemsConfig(JSON.stringify(four({ connector: './my-desk.ts', url: 'http://127.0.0.1:8080', username: 'sam' })), file));
    expect(mine.byRole.helpdesk).toMatchObject({ id: 'my-desk', title: 'My Desk', role: 'helpdesk' });
    await expect(configuredSystems(parseSystemsConfig(JSON.stringify(four({ connector: './half-desk.ts', url: 'http://127.0.0.1:8080', username: 'sam' })), file))).rejects.toThrow(
      /connector my-desk cannot fill the helpdesk role: it has no write action assign_ticket/,
    );
  });

  it('accepts an inline password only for the sandbox\'s own connectors, even on loopback', () => {
    expect(() => parseSystemsConfig(JSON.stringify(four({ connector: 'rt', url: 'http://127.0.0.1:8080', username: 'sam', password: 'agent-pass' })), 'systems.json')).toThrow(
      /systems\.helpdesk\.password: inline passwords are accepted only for the built-in sandbox; keep its password in Legwork's secret store: `legwork secrets set helpdesk --username sam`/,
    );
    expect(() => parseSystemsConfig(JSON.stringify({ systems: {} }), 'systems.json', { partial: true })).toThrow(/name at least one role/);
    expect(() => parseSystemsConfig(JSON.stringify({ systems: { helpdesk: { connector: 'rt', url: 'http://127.0.0.1:8080', username: 'sam', secret: 'RT Prod' } } }), 'systems.json', { partial: true })).toThrow(
      /systems\.helpdesk\.secret: a secret name is lower-case letters/,
    );
  });
});
