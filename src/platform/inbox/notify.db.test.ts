import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { testConfig } from '../../../tests/helpers/app.js';
import { inboxPerson, mailsTo } from '../../../tests/helpers/inbox.js';
import { execute } from '../commands.js';
import { notify, registerNotificationKind } from './notify.js';
import { notifications } from './schema.js';
import { setNotificationPreferences } from './commands/set-preferences.js';
import { SYSTEM_MESSAGE, SYSTEM_REMINDER, notificationKinds } from './kinds.js';

const db = useTestDatabase();
/** The base of the links in the mails. */
const links = { publicUrl: 'http://localhost:3000' };
const config = testConfig();
const QUIET = 'test.quietKind';
let unregister: () => void;

beforeAll(() => {
  unregister = registerNotificationKind({ kind: QUIET, label: { sv: 'Tyst', en: 'Quiet' }, defaultDelivery: 'off' });
});
afterAll(() => unregister());

const message = (personIds: string[], kind = SYSTEM_MESSAGE) => ({
  personIds,
  kind,
  title: 'Dagordningen för Beredningsgruppen är klar',
  body: 'Mötet är den 12 maj klockan 13.',
  link: '/meetings/123',
  objectType: 'meeting',
  objectId: '123',
});

async function choose(actor: Awaited<ReturnType<typeof inboxPerson>>['actor'], preferences: Record<string, 'immediate' | 'digest' | 'off'>) {
  await execute({ database: db.current, config }, actor, setNotificationPreferences, { preferences });
}

describe('notify', () => {
  it('declares the platform kinds with their defaults', () => {
    const byKind = new Map(notificationKinds().map((k) => [k.kind, k]));
    expect(byKind.get(SYSTEM_MESSAGE)?.defaultDelivery).toBe('immediate');
    expect(byKind.get(SYSTEM_REMINDER)?.defaultDelivery).toBe('digest');
    expect(() => registerNotificationKind({ kind: SYSTEM_MESSAGE, label: { sv: 'x', en: 'x' } })).toThrow(/twice/);
  });

  it('mails at once, waits for the digest, or sends nothing, per person and their choice', async () => {
    const [immediate, digest, off, unset] = [await inboxPerson(db.current), await inboxPerson(db.current), await inboxPerson(db.current), await inboxPerson(db.current)];
    await choose(immediate.actor, { [SYSTEM_MESSAGE]: 'immediate' });
    await choose(digest.actor, { [SYSTEM_MESSAGE]: 'digest' });
    await choose(off.actor, { [SYSTEM_MESSAGE]: 'off' });

    const result = await db.current.db.transaction((tx) => notify(tx, message([immediate.id, digest.id, off.id, unset.id, immediate.id]), { publicUrl: 'https://samverka.example.se/' }));
    expect(result.notifications).toHaveLength(4);
    expect(result.emailed).toBe(2);

    // Everyone has it in the inbox, whatever they chose.
    for (const p of [immediate, digest, off, unset]) {
      const rows = await db.current.db.select().from(notifications).where(eq(notifications.personId, p.id));
      expect(rows, p.name).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: SYSTEM_MESSAGE, link: '/meetings/123', objectType: 'meeting', objectId: '123', readAt: null });
    }
    const row = async (personId: string) => (await db.current.db.select().from(notifications).where(eq(notifications.personId, personId)))[0]!;
    expect(await row(immediate.id)).toMatchObject({ delivery: 'immediate', digestedAt: null });
    expect((await row(immediate.id)).emailedAt).toBeInstanceOf(Date);
    expect(await row(digest.id)).toMatchObject({ delivery: 'digest', emailedAt: null, digestedAt: null });
    expect(await row(off.id)).toMatchObject({ delivery: 'off', emailedAt: null });
    expect(await row(unset.id)).toMatchObject({ delivery: 'immediate' });

    const mails = await mailsTo(db.current, immediate.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Dagordningen för Beredningsgruppen är klar');
    expect(mails[0]!.text).toContain('Mötet är den 12 maj klockan 13.');
    expect(mails[0]!.text).toContain('Öppna i Samverka: https://samverka.example.se/meetings/123');
    expect(mails[0]!.text).toContain('https://samverka.example.se/inbox/preferences');
    expect(await mailsTo(db.current, unset.email)).toHaveLength(1);
    expect(await mailsTo(db.current, digest.email)).toHaveLength(0);
    expect(await mailsTo(db.current, off.email)).toHaveLength(0);
  });

  it("uses the kind's default for people who have not chosen, and a choice over the default", async () => {
    const [a, b] = [await inboxPerson(db.current), await inboxPerson(db.current)];
    await choose(b.actor, { [QUIET]: 'immediate', [SYSTEM_REMINDER]: 'immediate' });
    await db.current.db.transaction(async (tx) => {
      await notify(tx, message([a.id, b.id], QUIET), links);
      await notify(tx, message([a.id, b.id], SYSTEM_REMINDER), links);
    });
    const deliveries = async (personId: string) => (await db.current.db.select().from(notifications).where(eq(notifications.personId, personId))).map((r) => `${r.kind}:${r.delivery}`).sort();
    expect(await deliveries(a.id)).toEqual([`${SYSTEM_REMINDER}:digest`, `${QUIET}:off`].sort());
    expect(await deliveries(b.id)).toEqual([`${SYSTEM_REMINDER}:immediate`, `${QUIET}:immediate`].sort());
    expect(await mailsTo(db.current, a.email)).toHaveLength(0);
    expect(await mailsTo(db.current, b.email)).toHaveLength(2);
  });

  it('writes the mail in the language the person chose', async () => {
    const p = await inboxPerson(db.current, { language: 'en' });
    await db.current.db.transaction((tx) => notify(tx, message([p.id]), links));
    const [mail] = await mailsTo(db.current, p.email);
    expect(mail!.text).toContain('Open in Samverka:');
    expect(mail!.text).toContain('Messages from Samverka');
  });

  it('leaves nothing behind when the business transaction rolls back', async () => {
    const p = await inboxPerson(db.current);
    await expect(
      db.current.db.transaction(async (tx) => {
        await notify(tx, message([p.id]), links);
        throw new Error('the business change was refused');
      }),
    ).rejects.toThrow('refused');
    expect(await db.current.db.select().from(notifications).where(eq(notifications.personId, p.id))).toEqual([]);
    expect(await mailsTo(db.current, p.email)).toEqual([]);
  });

  it('refuses an unknown kind and a link that is not a local path', async () => {
    const p = await inboxPerson(db.current);
    await expect(db.current.db.transaction((tx) => notify(tx, message([p.id], 'nobody.declared'), links))).rejects.toThrow(/Unknown notification kind "nobody.declared"/);
    for (const link of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'meetings/1', '/a b']) {
      await expect(
        db.current.db.transaction((tx) => notify(tx, { ...message([p.id]), link }, links)),
        link,
      ).rejects.toThrow(/local path/);
    }
  });

  it('does nothing for an empty list of people', async () => {
    const result = await db.current.db.transaction((tx) => notify(tx, message([]), links));
    expect(result).toEqual({ notifications: [], emailed: 0 });
  });
});
