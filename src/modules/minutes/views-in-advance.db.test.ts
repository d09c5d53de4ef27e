import { describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson } from '../../../tests/helpers/inbox.js';
import { minutesWorld, run } from '../../../tests/helpers/minutes.js';
import { fixtureMembership } from '../structure/samples.js';
import { absenceReports, agendaItems, attendance } from '../meetings/schema.js';
import { startMinutes } from './commands/index.js';
import { minuteItems } from './schema.js';

/*
 * Views sent in advance by absent members reach the minutes editor at their item, read-only
 * beside the item's notes with who sent them, with their line breaks; the attendance page
 * keeps them in a multi-line field.
 */

const db = useTestDatabase();

describe('views sent in advance', () => {
  it('are shown at their item in the minutes editor, with who sent them and their line breaks, and never in a one-line field', async () => {
    const w = await minutesWorld(db.current);
    const secretary = await inboxPerson(db.current, { login: true, name: 'Stina Skrivare' });
    await fixtureMembership(db.current.db, { bodyId: w.body.id, personId: secretary.id, role: 'secretary', startOn: '2020-01-01' });
    const agenda = await db.current.db.select().from(agendaItems).where(eq(agendaItems.meetingId, w.meeting.id)).orderBy(asc(agendaItems.position));
    const budget = agenda.find((a) => a.title === 'Budget för 2027')!;
    const itemViews = 'Jag tillstyrker budgeten.\nMen kommunerna behöver mer tid:\n- för samråd\n- för beslut';
    await db.current.db
      .update(attendance)
      .set({ status: 'excused', viewsInAdvance: 'Allmänt: bra underlag.\n\n' + itemViews })
      .where(and(eq(attendance.meetingId, w.meeting.id), eq(attendance.personId, w.member.person.id)));
    await db.current.db.insert(absenceReports).values({ meetingId: w.meeting.id, personId: w.member.person.id, views: 'Allmänt: bra underlag.', itemViews: [{ itemId: budget.id, views: itemViews }] });
    await run(db.current, secretary.actor, startMinutes, { meetingId: w.meeting.id });
    const [item] = await db.current.db.select().from(minuteItems).where(eq(minuteItems.agendaItemId, budget.id));

    const c = new TestClient(createTestApp(db.current).app);
    expect((await c.login(secretary.email, secretary.password)).status).toBe(303);
    const html = await (await c.get(`/meetings/${w.meeting.id}/minutes`)).text();
    const start = html.indexOf(`id="item-${item!.id}"`);
    const section = html.slice(start, html.indexOf('</section>', start));
    const aside = section.slice(section.indexOf('<aside'), section.indexOf('</aside>'));
    expect(aside).toContain('Synpunkter som skickats in före mötet');
    expect(aside).toContain(`Från ${w.member.person.name} (frånvarande)`);
    // Read-only, with the line breaks as sent (shown by white-space: pre-line).
    expect(aside).toContain('class="pre-line">Jag tillstyrker budgeten.\nMen kommunerna behöver mer tid:\n- för samråd\n- för beslut</blockquote>');
    expect(aside).not.toContain('<textarea');
    expect(aside).not.toContain('<input');
    // Beside the item's notes: before the item's form, and not at the other items.
    expect(start).toBeGreaterThan(-1);
    expect(section.indexOf('<aside')).toBeLessThan(section.indexOf('<form'));
    const items = html.slice(html.indexOf('id="minutes-items"'));
    expect(items.split('Jag tillstyrker budgeten.').length - 1).toBe(1);
    // The general views are shown once, under the header.
    expect(html).toContain('Allmänt: bra underlag.');

    // The attendance page keeps them in a multi-line field (a one-line field would lose the breaks on save).
    const page = await (await c.get(`/meetings/${w.meeting.id}/attendance`)).text();
    const field = page.slice(page.lastIndexOf('<', page.indexOf('name="views.')), page.indexOf('name="views.') + 400);
    expect(field.startsWith('<textarea')).toBe(true);
  });
});
