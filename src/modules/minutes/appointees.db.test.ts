import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson } from '../../../tests/helpers/inbox.js';
import { minutesWorld, run } from '../../../tests/helpers/minutes.js';
import { fixtureMembership, fixturePerson } from '../structure/samples.js';
import { attendance } from '../meetings/schema.js';
import { addAction, startMinutes } from './commands/index.js';
import { actionItems, minutes } from './schema.js';

/*
 * Only people with a role in the body may be appointed chair of the minutes, adjuster or
 * owner of an action (appointees.ts): an outsider is refused with a field error in the
 * pages and the API, and the pickers offer only those with a role.
 */

const db = useTestDatabase();

async function world() {
  const w = await minutesWorld(db.current);
  const secretary = await inboxPerson(db.current, { login: true, name: 'Stina Skrivare' });
  await fixtureMembership(db.current.db, { bodyId: w.body.id, personId: secretary.id, role: 'secretary', startOn: '2020-01-01' });
  // A guest on the attendance list without a role in the body.
  const guest = await fixturePerson(db.current.db, `Gustav Gäst ${Date.now()}`);
  await db.current.db.insert(attendance).values({ meetingId: w.meeting.id, personId: guest.id, status: 'present', organisationLabel: 'Inbjuden' });
  await run(db.current, secretary.actor, startMinutes, { meetingId: w.meeting.id });
  const c = new TestClient(createTestApp(db.current).app);
  expect((await c.login(secretary.email, secretary.password)).status).toBe(303);
  const [m] = await db.current.db.select().from(minutes).where(eq(minutes.meetingId, w.meeting.id));
  return { ...w, secretary, guest, c, m: m!, base: `/meetings/${w.meeting.id}/minutes` };
}

/** The part of a page between an element's start (found by its id) and its closing tag. */
function element(html: string, id: string, closing: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, id).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf(closing, start));
}

describe('appointing the chair, adjusters and action owners', () => {
  it('the page refuses an outsider as adjuster with 422, keeps what was typed, then accepts an insider', async () => {
    const w = await world();
    const outsider = w.outsider.person;
    const refused = await w.c.post(`${w.base}/header`, { version: String(w.m.version), chairPersonId: w.chair.person.id, adjusterIds: outsider.id, preamble: 'Ordföranden hälsar välkommen.' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain(`${outsider.name} har ingen roll i gruppen och kan därför inte utses här.`);
    expect(html).toContain('href="#field-header-adjusterIds"');
    expect(html).toContain('Ordföranden hälsar välkommen.');
    expect((await db.current.db.select().from(minutes).where(eq(minutes.id, w.m.id)))[0]!.adjusterIds).toEqual([]);

    const ok = await w.c.post(`${w.base}/header`, { version: String(w.m.version), chairPersonId: w.chair.person.id, adjusterIds: w.adjuster.person.id, preamble: 'Ordföranden hälsar välkommen.' });
    expect(ok.status).toBe(303);
    const [saved] = await db.current.db.select().from(minutes).where(eq(minutes.id, w.m.id));
    expect(saved!.chairPersonId).toBe(w.chair.person.id);
    expect(saved!.adjusterIds).toEqual([w.adjuster.person.id]);
  });

  it('the pickers list only people with a role in the body (a guest may still take notes)', async () => {
    const w = await world();
    const html = await (await w.c.get(w.base)).text();
    const chair = element(html, 'field-header-chairPersonId', '</select>');
    const adjusters = element(html, 'field-header-adjusterIds', '</fieldset>');
    const owner = element(html, 'field-action-ownerPersonId', '</select>');
    for (const picker of [chair, adjusters, owner]) {
      expect(picker).toContain(w.adjuster.person.name);
      expect(picker).not.toContain(w.guest.name);
    }
    expect(element(html, 'field-header-noteTakerIds', '</fieldset>')).toContain(w.guest.name);
  });

  it('refuses an outsider as chair through the API with a problem naming the field, in English for an English reader', async () => {
    const w = await world();
    w.c.cookies.set('lang', 'en');
    const res = await w.c.json('PUT', `/api/meetings/${w.meeting.id}/minutes`, { version: w.m.version, chairPersonId: w.guest.id }, { 'x-csrf-token': await w.c.csrf() });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: { pointer: string; detail: string }[] };
    expect(problem.errors).toContainEqual({
      pointer: '/chairPersonId',
      detail: `${w.guest.name} has no role in the group and so cannot be appointed here. Choose someone who is a member, substitute or has another role in the group.`,
    });
    const ok = await w.c.json('PUT', `/api/meetings/${w.meeting.id}/minutes`, { version: w.m.version, chairPersonId: w.chair.person.id }, { 'x-csrf-token': await w.c.csrf() });
    expect(ok.status).toBe(200);
  });

  it('refuses an outsider as an action’s owner in the page (input kept) and the API, and accepts a member', async () => {
    const w = await world();
    const refused = await w.c.post(`${w.base}/actions`, { title: 'Ta fram underlag om budgeten', ownerPersonId: w.outsider.person.id, ownerName: '', dueOn: '' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain(`${w.outsider.person.name} har ingen roll i gruppen`);
    expect(html).toContain('value="Ta fram underlag om budgeten"');
    expect(await db.current.db.select().from(actionItems).where(eq(actionItems.meetingId, w.meeting.id))).toEqual([]);

    const ok = await w.c.post(`${w.base}/actions`, { title: 'Ta fram underlag om budgeten', ownerPersonId: w.member.person.id, ownerName: '', dueOn: '' });
    expect(ok.status).toBe(303);

    const action = await run(db.current, w.secretary.actor, addAction, { meetingId: w.meeting.id, title: 'Boka lokal' });
    const moved = await w.c.json('PUT', `/api/actions/${action.id}`, { version: action.version, title: 'Boka lokal', ownerPersonId: w.guest.id }, { 'x-csrf-token': await w.c.csrf() });
    expect(moved.status).toBe(422);
    expect(((await moved.json()) as { errors: { pointer: string }[] }).errors[0]!.pointer).toBe('/ownerPersonId');
  });
});
