import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { can } from '../../platform/auth/authorize.js';
import type { Actor } from '../../platform/auth/actor.js';
import { rolesOf } from './policy.js';
import { activeMemberships } from './queries/index.js';
import { structureTestKit } from './test-helpers.js';

const db = useTestDatabase();
const kit = structureTestKit(db);
const actorOf = (personId: string): Actor => ({ kind: 'person', personId, name: 'x', isAdmin: false, via: 'session' });

describe('roles on bodies', () => {
  it('gives own roles on the body and inherited ones from the bodies above, on a day', async () => {
    const s = await kit.structure();
    const top = await kit.body(s.structure.id);
    const sub = await kit.body(s.structure.id, { parentId: top.id });
    const subsub = await kit.body(s.structure.id, { parentId: sub.id });
    const p = await kit.person();
    await kit.membership({ bodyId: top.id, personId: p.id, role: 'secretary', startOn: '2024-01-01', endOn: '2025-12-31' });
    await kit.membership({ bodyId: sub.id, personId: p.id, role: 'member', startOn: '2024-01-01' });
    expect(await rolesOf(db.current.db, actorOf(p.id), subsub.id, '2025-06-01')).toEqual({ own: [], inherited: expect.arrayContaining(['secretary', 'member']), byMandate: [] });
    expect(await rolesOf(db.current.db, actorOf(p.id), top.id, '2026-01-01')).toEqual({ own: [], inherited: [], byMandate: [] });
    expect(await rolesOf(db.current.db, { kind: 'anonymous' }, top.id)).toEqual({ own: [], inherited: [], byMandate: [] });
    expect(await activeMemberships(db.current.db, { personId: p.id, on: '2026-01-01' })).toHaveLength(1);
  });

  it('lets a role read sub-bodies but manage only where it is held, and the public see public compositions', () => {
    const actor = actorOf('00000000-0000-0000-0000-000000000001');
    const internal = { id: 'b', isPublic: false };
    expect(can(actor, 'structure.readBody', { body: internal, roles: { own: [], inherited: ['member'], byMandate: [] } })).toBe(true);
    expect(can(actor, 'structure.manageBody', { body: internal, roles: { own: [], inherited: ['secretary'], byMandate: [] } })).toBe(false);
    expect(can(actor, 'structure.manageBody', { body: internal, roles: { own: ['secretary'], inherited: [], byMandate: [] } })).toBe(true);
    expect(can(actor, 'structure.manageBody', { body: internal, roles: { own: ['member'], inherited: [], byMandate: [] } })).toBe(false);
    expect(can({ kind: 'anonymous' }, 'structure.viewComposition', { body: { id: 'p', isPublic: true }, roles: { own: [], inherited: [], byMandate: [] } })).toBe(true);
    expect(can({ kind: 'anonymous' }, 'structure.viewComposition', { body: internal, roles: { own: [], inherited: [], byMandate: [] } })).toBe(false);
    expect(can({ kind: 'person', personId: 'a', name: 'x', isAdmin: true, via: 'session' }, 'structure.manageBody', { body: internal, roles: { own: [], inherited: [], byMandate: [] } })).toBe(true);
  });
});
