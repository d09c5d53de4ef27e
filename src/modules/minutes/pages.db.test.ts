import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson } from '../../../tests/helpers/inbox.js';
import { minutesWorld, run } from '../../../tests/helpers/minutes.js';
import { fixtureMembership } from '../structure/samples.js';
import { itemsOf } from './queries/index.js';
import { approveMinutes, saveHeader, sendForApproval } from './commands/index.js';
import { contentVersion } from './queries/index.js';
import { minutes } from './schema.js';

const db = useTestDatabase();

/** A world whose secretary can log in (and a second writer, the process leader). */
async function world() {
  const w = await minutesWorld(db.current);
  const secretary = await inboxPerson(db.current, { login: true, name: 'Eva-Lotta Sekreterare' });
  await fixtureMembership(db.current.db, { bodyId: w.body.id, personId: secretary.id, role: 'secretary', startOn: '2020-01-01' });
  const leader = await inboxPerson(db.current, { login: true, name: 'Per Processledare' });
  await fixtureMembership(db.current.db, { bodyId: w.body.id, personId: leader.id, role: 'process_leader', startOn: '2020-01-01' });
  const { app } = createTestApp(db.current);
  const client = async (p: { email: string; password: string }) => {
    const c = new TestClient(app);
    const res = await c.login(p.email, p.password);
    expect(res.status).toBe(303);
    return c;
  };
  return { ...w, app, secretaryLogin: secretary, leaderLogin: leader, client };
}

const text = async (res: Response) => {
  const html = await res.text();
  return html;
};

describe('the minutes pages', () => {
  it('start, save an item without JavaScript, refuse a stale save showing both versions, and autosave', async () => {
    const w = await world();
    const sec = await w.client(w.secretaryLogin);
    const base = `/meetings/${w.meeting.id}/minutes`;
    expect(await text(await sec.get(base))).toContain('Börja skriva anteckningarna');
    expect((await sec.post(base, {})).status).toBe(303);
    const page = await sec.get(base);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Budget för 2027');
    expect(html).toContain('hx-post');

    const [m] = await db.current.db.select().from(minutes).where(eq(minutes.meetingId, w.meeting.id));
    const item = (await itemsOf(db.current.db, m!.id))[1]!;
    const saved = await sec.post(`${base}/items/${item.id}`, { version: '1', notes: 'Budgeten presenteras.', proposal: 'Att godkänna budgeten', outcome: 'approved' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${base}#item-${item.id}`);
    const after = await (await sec.get(base)).text();
    expect(after).toContain('Beslut SAMS ');

    // The process leader saves from the old version: refused, both versions shown, nothing overwritten.
    const leader = await w.client(w.leaderLogin);
    const stale = await leader.post(`${base}/items/${item.id}`, { version: '1', notes: 'Processledarens text', outcome: 'approved' });
    expect(stale.status).toBe(409);
    const conflict = await stale.text();
    expect(conflict).toContain('Någon annan har sparat samma punkt');
    expect(conflict).toContain('Processledarens text');
    expect(conflict).toContain('Budgeten presenteras.');
    // The form now saves from the stored version: sending it again is a conscious overwrite.
    expect(conflict).toContain(`id="version-${item.id}" value="2"`);

    // The autosave (as htmx sends it: the form with its CSRF field) answers a status line and the new version.
    const auto = await sec.post(`${base}/items/${item.id}/autosave`, { version: '2', notes: 'Utkast under mötet' });
    expect(auto.status).toBe(200);
    const autoHtml = await auto.text();
    expect(autoHtml).toContain('sparades automatiskt');
    expect(autoHtml).toContain(`id="version-${item.id}" value="3" hx-swap-oob="true"`);
    const staleAuto = await (await leader.post(`${base}/items/${item.id}/autosave`, { version: '2', notes: 'x' })).text();
    expect(staleAuto).toContain('kunde inte sparas automatiskt');
    // Without the CSRF field the autosave is refused.
    expect((await sec.post(`${base}/items/${item.id}/autosave`, { version: '3', notes: 'y' }, { csrf: false })).status).toBe(403);
  });

  it('shows locked minutes read-only with their digest; the register and the public page list the decision', async () => {
    const w = await world();
    const sec = await w.client(w.secretaryLogin);
    const base = `/meetings/${w.meeting.id}/minutes`;
    await sec.post(base, {});
    const [m] = await db.current.db.select().from(minutes).where(eq(minutes.meetingId, w.meeting.id));
    const items = await itemsOf(db.current.db, m!.id);
    await sec.post(`${base}/items/${items[1]!.id}`, { version: '1', notes: 'Intern budget', outcome: 'approved', decisionText: 'SAMS beslutar att anta budgeten.' });
    await sec.post(`${base}/items/${items[2]!.id}`, { version: '1', notes: 'Hemligt', internal: 'on', outcome: 'noted' });
    await run(db.current, w.secretary.actor, saveHeader, { meetingId: w.meeting.id, version: m!.version, chairPersonId: w.chair.person.id });
    await run(db.current, w.secretary.actor, sendForApproval, { meetingId: w.meeting.id });
    const [current] = await db.current.db.select().from(minutes).where(eq(minutes.id, m!.id));
    const locked = (await run(db.current, w.chair.actor, approveMinutes, { meetingId: w.meeting.id, version: await contentVersion(db.current.db, current!) })).locked!;

    const html = await (await sec.get(base)).text();
    expect(html).toContain(locked.sha256.slice(0, 8));
    expect(html).toContain('Starta en rättelse');
    expect(html).not.toContain(`action="${base}/items/`);
    const pdf = await sec.get(`${base}/pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const json = await sec.get(`${base}/versions/1/json`);
    expect(await json.text()).toBe(locked.canonical);

    const register = await (await sec.get(`/bodies/${w.body.id}/decisions?q=budgeten`)).text();
    expect(register).toContain('SAMS beslutar att anta budgeten.');

    // Publishing: the public page leaves the internal item out, anyone can read it.
    expect((await sec.post(`${base}/publish`, {})).status).toBe(303);
    const anonymous = new TestClient(w.app);
    const pub = await anonymous.get(`/bodies/${w.body.id}/published/${w.meeting.id}`);
    expect(pub.status).toBe(200);
    const pubHtml = await pub.text();
    expect(pubHtml).toContain('Intern budget');
    expect(pubHtml).not.toContain('Hemligt');
    expect((await anonymous.get(`/bodies/${w.body.id}/published/${w.meeting.id}/pdf`)).headers.get('content-type')).toBe('application/pdf');
    expect(await (await anonymous.get(`/bodies/${w.body.id}/decisions`)).text()).toContain('SAMS beslutar att anta budgeten.');
    expect((await anonymous.get(base)).status).toBe(303);
  });

  it('answers the JSON API: the minutes, a stale save as 409, the register', async () => {
    const w = await world();
    const sec = await w.client(w.secretaryLogin);
    const csrf = { 'x-csrf-token': await sec.csrf() };
    const started = await sec.json('POST', `/api/meetings/${w.meeting.id}/minutes`, undefined, csrf);
    expect(started.status).toBe(201);
    const body = (await started.json()) as { items: { id: string; version: number }[]; status: string };
    expect(body.status).toBe('draft');
    // The minutes as files through the API: the same rule as the pages.
    const file = (c: TestClient, format: string) => c.get(`/api/meetings/${w.meeting.id}/minutes.${format}`);
    expect((await file(sec, 'pdf')).headers.get('content-type')).toBe('application/pdf');
    expect((await file(sec, 'docx')).headers.get('content-type')).toContain('wordprocessingml');
    const outsider = await w.client(await inboxPerson(db.current, { login: true, name: 'Olle Utomstående' }));
    const refused = await file(outsider, 'pdf');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await file(new TestClient(w.app), 'pdf')).status).toBe(401);
    const item = body.items[1]!;
    const ok = await sec.json('PUT', `/api/minute-items/${item.id}`, { version: 1, proposal: ['anta budgeten'], outcome: 'tabled' }, csrf);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { decision: { label: string } }).decision.label).toMatch(/^SAMS \d{4}:1$/);
    const stale = await sec.json('PUT', `/api/minute-items/${item.id}`, { version: 1, notes: 'x' }, csrf);
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { type: string }).type).toMatch(/stale$/);
    const list = await sec.get(`/api/decisions?bodyId=${w.body.id}`);
    expect(((await list.json()) as { total: number }).total).toBe(1);
  });

  it('refuses an English reader in English through the API: a command refusal and a stale save', async () => {
    const w = await world();
    const sec = await w.client(w.secretaryLogin);
    sec.cookies.set('lang', 'en');
    const csrf = { 'x-csrf-token': await sec.csrf() };
    const started = await sec.json('POST', `/api/meetings/${w.meeting.id}/minutes`, undefined, csrf);
    const body = (await started.json()) as { items: { id: string }[] };
    // Draft minutes cannot be published: the refusal of minutes.publish, in English.
    const refused = await sec.json('POST', `/api/meetings/${w.meeting.id}/minutes/publish`, { attachmentIds: [] }, csrf);
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as { detail: string; errors: { pointer: string; detail: string }[] };
    expect(problem.errors).toContainEqual({ pointer: '/meetingId', detail: 'Only approved or final minutes can be published.' });
    expect(JSON.stringify(problem)).not.toContain('Bara justerade');
    // A stale save (409) names both versions in English.
    const item = body.items[1]!;
    expect((await sec.json('PUT', `/api/minute-items/${item.id}`, { version: 1, notes: 'a' }, csrf)).status).toBe(200);
    const stale = await sec.json('PUT', `/api/minute-items/${item.id}`, { version: 1, notes: 'b' }, csrf);
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { detail: string }).detail).toBe('Someone else has changed the item since you opened the page (your version 1, saved version 2). Nothing was overwritten.');
  });
});
